"""A good roster (the CSV fixture), copied into tmp_path so each test may spoil it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from exam_bank.roster.model import Roster
from exam_bank.roster.pins import register
from exam_bank.roster.read import CandidateEntry, RosterSheets, read_roster

FIXTURES = Path(__file__).parents[2] / "fixtures" / "roster"
GOOD = FIXTURES / "good"
TODAY = dt.date(2026, 1, 15)  # NIP plausibility depends on the year; tests stay put


@pytest.fixture
def roster_dir(tmp_path: Path) -> Path:
    """A writable copy of the good CSV roster."""
    return Path(shutil.copytree(GOOD, tmp_path / "roster"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """edit(path, old, new): replace exactly one occurrence of `old` in a fixture copy."""
    return _edit


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture(scope="session")
def good_sheets() -> RosterSheets:
    return read_roster(GOOD, today=TODAY)


@pytest.fixture(scope="session")
def many(good_sheets: RosterSheets) -> Callable[[int], RosterSheets]:
    """many(count): the good roster's positions and sessions with `count` made-up
    candidates (plausible NIPs, unique seats)."""
    return lambda count: _many(good_sheets, count)


def _many(sheets: RosterSheets, count: int) -> RosterSheets:
    entries = tuple(
        CandidateEntry(f"2026-{n:04d}", f"Peserta Nomor {n}",
                       f"19800101200501{1 + n % 2}{n:03d}", "JPT-01", "S1" if n % 2 else "S2",
                       f"{'ABCDEFGH'[n // 10 % 8]}{n % 10 + 1}", None, None)
        for n in range(1, count + 1))
    return RosterSheets(sheets.source, sheets.positions, sheets.sessions, entries)


@pytest.fixture(scope="session")
def registered(good_sheets: RosterSheets) -> tuple[Roster, dict[str, str]]:
    """The good roster registered once (argon2 makes each PIN cost ~50 ms)."""
    return register(good_sheets)


@pytest.fixture(scope="session")
def registered_54(many: Callable[[int], RosterSheets]) -> tuple[Roster, dict[str, str]]:
    """54 candidates, as in the real open selection that passed the administrative check."""
    return register(many(54))
