"""A lab PC's preflight (`ujikom doctor`) as data: checks, their verdicts, and the JSON
both the kiosk (which runs it) and the proctor (which shows it per seat) read.

No Qt and no probing here: `kiosk.doctor` gathers the facts and judges them; this module
only says what a report is, so the wire protocol and the console agree on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

from exam_bank.ids import KioskId


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


class DoctorExit(IntEnum):
    """`ujikom doctor`'s exit status: scripts branch on it."""

    PASS = 0
    WARN = 1
    FAIL = 2


_RANK = {Status.PASS: 0, Status.WARN: 1, Status.FAIL: 2}
MAX_CHECKS = 32
MAX_DETAIL = 300
_CHECK_ID = re.compile(r"[a-z][a-z0-9_]{0,31}\Z")


@dataclass(frozen=True)
class Check:
    """One verdict. `detail_id` / `detail_en` say what was found, for a person, in
    Indonesian and English (numbers included); `check` is a stable machine name."""

    check: str
    status: Status
    detail_id: str
    detail_en: str

    def detail(self, lang: str) -> str:
        return self.detail_en if lang == "en" else self.detail_id


def worst(statuses: Iterable[Status]) -> Status:
    return max(statuses, key=_RANK.__getitem__, default=Status.PASS)


def exit_status(status: Status) -> DoctorExit:
    return DoctorExit(_RANK[status])


@dataclass(frozen=True)
class Report:
    host: str
    kiosk_id: KioskId  # "" when the PC is not enrolled
    seat: str
    when: str  # ISO 8601, the PC's own clock
    version: str  # Ujikom's version that ran the checks
    checks: tuple[Check, ...]

    @property
    def status(self) -> Status:
        return worst(c.status for c in self.checks)

    def failing(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is not Status.PASS)

    def to_json(self) -> dict[str, Any]:
        return {"host": self.host, "kiosk_id": self.kiosk_id, "seat": self.seat,
                "when": self.when, "version": self.version, "status": str(self.status),
                "checks": [check_to_json(c) for c in self.checks]}


def check_to_json(check: Check) -> dict[str, str]:
    return {"check": check.check, "status": str(check.status),
            "detail_id": check.detail_id, "detail_en": check.detail_en}


class PreflightError(ValueError):
    """A report that does not follow this format; `field` names what is wrong."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def _text(obj: Mapping[str, Any], name: str, limit: int, where: str) -> str:
    value = obj.get(name)
    if not isinstance(value, str) or len(value) > limit or not value.isprintable():
        raise PreflightError(f"must be printable text of at most {limit} characters",
                             f"{where}{name}")
    return value


def check_from_json(obj: Any, where: str = "") -> Check:
    """One check from untrusted JSON (a kiosk's message); PreflightError naming the field."""
    if not isinstance(obj, Mapping):
        raise PreflightError("must be an object", where.rstrip(".") or "check")
    unknown = set(obj) - {"check", "status", "detail_id", "detail_en"}
    if unknown:
        raise PreflightError("not a field of a check", where + sorted(unknown)[0])
    name = obj.get("check")
    if not isinstance(name, str) or not _CHECK_ID.match(name):
        raise PreflightError("must be 1 to 32 lower-case letters, digits or '_'",
                             where + "check")
    status = obj.get("status")
    if status not in {str(s) for s in Status}:
        raise PreflightError("must be pass, warn or fail", where + "status")
    return Check(name, Status(status), _text(obj, "detail_id", MAX_DETAIL, where),
                 _text(obj, "detail_en", MAX_DETAIL, where))


def checks_from_json(value: Any) -> tuple[Check, ...]:
    if not isinstance(value, list) or len(value) > MAX_CHECKS:
        raise PreflightError(f"must be a list of at most {MAX_CHECKS} checks", "checks")
    checks = tuple(check_from_json(c, f"checks[{i}].") for i, c in enumerate(value))
    if len({c.check for c in checks}) != len(checks):
        raise PreflightError("names a check twice", "checks")
    return checks
