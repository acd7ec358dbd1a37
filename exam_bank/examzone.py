"""The exam's time zone: every official document of one exam tells time in it.

Indonesia has three zones. The zone is a fact of the exam (the blueprint's
`[exam] timezone`, an IANA name), not of the machine that prints: a proctor PC left on
UTC, or the office in Jakarta printing for a lab in Makassar, must print the same wall
times as the lab's berita acara. A package or bundle without it means Asia/Jakarta.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Jakarta"
# The label printed after a time; the tz database's own abbreviations say the same.
ZONES: dict[str, str] = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def zone_problem(name: object) -> str | None:
    """Why `name` is not an exam zone, or None when it is one."""
    if isinstance(name, str) and name in ZONES:
        return None
    return (f"timezone must be one of {', '.join(ZONES)} "
            f"({', '.join(ZONES.values())}), not {name!r}")


def exam_zone(name: str | None = None) -> ZoneInfo:
    """The tzinfo of an exam zone (None, from an old package: Asia/Jakarta)."""
    name = name or DEFAULT_ZONE
    problem = zone_problem(name)
    if problem:
        raise ValueError(problem)
    return ZoneInfo(name)


def zone_label(name: str | None = None) -> str:
    """"WIB", "WITA" or "WIT" for an exam zone (None: WIB)."""
    exam_zone(name)
    return ZONES[name or DEFAULT_ZONE]


def label_of(tz: dt.tzinfo | None) -> str:
    """The printed label of a tzinfo made by `exam_zone` (anything else: its own name)."""
    key = getattr(tz, "key", None)
    if isinstance(key, str) and key in ZONES:
        return ZONES[key]
    return (tz.tzname(None) or "") if tz is not None else ""
