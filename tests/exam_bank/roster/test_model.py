"""The registered roster: lookups, JSON round trip, atomic save, untrusted load."""

from __future__ import annotations

import dataclasses
import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from exam_bank.problems import InputError
from exam_bank.roster.model import Roster, load_roster, roster_from_dict, save_roster

Registered = tuple[Roster, dict[str, str]]


def test_lookups(registered: Registered) -> None:
    roster, _ = registered
    assert roster.candidate("2026-0002").name == "Drs. H. Ahmad Ma'ruf, M.Si."
    assert roster.candidate(" 2026-0002 ") is roster.candidate("2026-0002")
    assert roster.find("2026-9999") is None
    with pytest.raises(KeyError):
        roster.candidate("2026-9999")
    assert [c.seat for c in roster.candidates_in("S1")] == ["A1", "A2", "A3", "B1"]
    assert [c.participant_no for c in roster.candidates_in("S2")] == ["2026-0005", "2026-0006"]
    assert roster.positions[roster.candidate("2026-0004").position].code == "JPT-03"


def test_seats_sort_as_people_count(registered: Registered) -> None:
    roster, _ = registered
    first = roster.candidates[0]
    seats = ["A10", "B1", "A2"]
    more = tuple(dataclasses.replace(first, participant_no=f"X-{s}", seat=s) for s in seats)
    bigger = Roster(roster.positions, roster.sessions, (*roster.candidates, *more))
    assert [c.seat for c in bigger.candidates_in("S1")] == [
        "A1", "A2", "A2", "A3", "A10", "B1", "B1"]


def test_a_roster_is_consistent_by_construction(registered: Registered) -> None:
    roster, _ = registered
    twin = dataclasses.replace(roster.candidates[1], participant_no="2026-0001")
    with pytest.raises(ValueError, match="appears twice"):
        Roster(roster.positions, roster.sessions, (roster.candidates[0], twin))
    lost = dataclasses.replace(roster.candidates[0], session="S9")
    with pytest.raises(ValueError, match="unknown session 'S9'"):
        Roster(roster.positions, roster.sessions, (lost,))


def test_json_round_trip(registered: Registered) -> None:
    roster, _ = registered
    data = json.loads(json.dumps(roster.to_dict()))
    again = roster_from_dict(data)
    assert again == roster
    assert again.sessions["S2"].end is None
    assert again.candidate("2026-0006").name == "Théresia Ayu Lestari"


def test_save_and_load(tmp_path: Path, registered: Registered) -> None:
    roster, _ = registered
    path = tmp_path / "exam" / "roster.json"
    save_roster(roster, path)
    assert load_roster(path) == roster
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # names, NIPs and PIN hashes
    assert "Ma'ruf" in path.read_text(encoding="utf-8")  # readable UTF-8, not \\u escapes
    assert [p.name for p in path.parent.iterdir()] == ["roster.json"]  # no temp file left


def test_save_replaces_atomically(tmp_path: Path, registered: Registered,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    roster, _ = registered
    path = tmp_path / "roster.json"
    save_roster(roster, path)
    before = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("exam_bank.fsutil.os.replace", crash)
    smaller = Roster(roster.positions, roster.sessions, roster.candidates[:1])
    with pytest.raises(OSError, match="disk full"):
        save_roster(smaller, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["roster.json"]


@pytest.mark.parametrize(("spoil", "field", "words"), [
    (lambda d: d.update(format=2), "roster.format", "format 2 is not supported"),
    (lambda d: d["sessions"][0].update(start="8 pagi"), "sessions[0].start", "HH:MM"),
    (lambda d: d["sessions"][1].update(date="03/03/2026"), "sessions[1].date", "YYYY-MM-DD"),
    (lambda d: d["positions"][0]["standards"].update(integritas=6), "positions[0].standards",
     "levels 1-5"),
    (lambda d: d["candidates"][2].update(pin_hash="123456"), "candidates[2].pin_hash",
     "argon2id"),
    (lambda d: d["candidates"][0].update(performance="85"), "candidates[0].performance",
     "0-100"),
    (lambda d: d["candidates"][0].pop("name"), "candidates[0].name", "non-empty string"),
    (lambda d: d["candidates"][0].update(position="JPT-99"), "roster",
     "unknown position 'JPT-99'"),
    (lambda d: d.update(candidates={}), "roster.candidates", "must be a list"),
])
def test_load_names_the_bad_field(registered: Registered, spoil: Callable[[Any], object],
                                  field: str, words: str) -> None:
    roster, _ = registered
    data = json.loads(json.dumps(roster.to_dict()))
    spoil(data)
    with pytest.raises(InputError) as info:
        roster_from_dict(data)
    (problem,) = info.value.problems
    assert (problem.field, problem.where) == (field, "roster.json")
    assert words in problem.message


def test_load_a_file_that_is_not_a_roster(tmp_path: Path) -> None:
    path = tmp_path / "roster.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_roster(path)
    with pytest.raises(InputError, match="cannot read"):
        load_roster(tmp_path / "missing.json")
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match="must be an object"):
        load_roster(path)
