"""One cell at a time: the forms staff type dates, times, scores and codes in."""

from __future__ import annotations

import datetime as dt

import pytest

from exam_bank.roster.values import (
    parse_date,
    parse_nip,
    parse_participant_no,
    parse_performance,
    parse_seat,
    parse_time,
)


@pytest.mark.parametrize("text", ["2026-03-02", "2026-3-2", "02/03/2026", "2/3/2026",
                                  "02-03-2026", "2026-03-02T00:00:00", "2026-03-02 00:00:00"])
def test_dates(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 3, 2)


@pytest.mark.parametrize("text", ["02/03-2026", "2026-03-02T08:00:00", "03/02/26", "Senin"])
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date(text)


@pytest.mark.parametrize("text", ["08.00", "8.00", "08:00", "8:00", "08:00:00"])
def test_times(text: str) -> None:
    assert parse_time(text) == dt.time(8, 0)


@pytest.mark.parametrize("text", ["08:00:30", "24.00", "08.5", "pukul 08.00"])
def test_not_times(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


@pytest.mark.parametrize(("text", "value"), [("85,5", 85.5), ("85.5", 85.5), ("0", 0.0),
                                             ("100", 100.0), ("72,25", 72.25)])
def test_performance(text: str, value: float) -> None:
    assert parse_performance(text) == value


def test_codes_are_kept_upper_case() -> None:
    assert parse_participant_no(" 2026-ab.01 ") == "2026-AB.01"
    assert parse_seat("b12") == "B12"
    with pytest.raises(ValueError, match="letters, digits"):
        parse_participant_no("2026/01")
    with pytest.raises(ValueError, match="like A3"):
        parse_seat("kursi 3")


def test_nip_with_spaces_as_printed_on_documents() -> None:
    assert parse_nip("19800412 200501 2 003", dt.date(2026, 1, 1)) == "198004122005012003"


def test_a_new_civil_servant_is_plausible() -> None:
    # Born 2003, appointed (CPNS) in 2025: a fresh graduate is still a civil servant.
    assert parse_nip("200301152025011001", dt.date(2026, 1, 1)) == "200301152025011001"
