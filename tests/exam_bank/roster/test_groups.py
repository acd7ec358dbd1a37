"""The roster's optional candidate groups (jenis_kelamin, instansi, wilayah) for DIF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exam_bank.problems import InputError
from exam_bank.roster.model import roster_from_dict
from exam_bank.roster.pins import register
from exam_bank.roster.read import read_roster


def _with_groups(folder: Path, cells: list[str]) -> None:
    path = folder / "peserta.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",jenis_kelamin,instansi,wilayah"
    for n in range(1, len(lines)):
        lines[n] += "," + (cells[n - 1] if n - 1 < len(cells) else ",,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_groups_are_read_normalised_and_kept_through_the_package_json(
        roster_dir: Path, today: dt.date) -> None:
    _with_groups(roster_dir, ["Perempuan,Dinas  Pendidikan,Utara", "l,,Selatan"])
    sheets = read_roster(roster_dir, today=today)
    first, second, third = sheets.candidates[:3]
    assert first.groups == {"gender": "P", "agency": "Dinas Pendidikan", "region": "Utara"}
    assert second.groups == {"gender": "L", "region": "Selatan"}
    assert third.groups == {}
    roster, _ = register(sheets)
    again = roster_from_dict(roster.to_dict())
    assert again.candidates[0].groups == first.groups
    assert "groups" not in roster.to_dict()["candidates"][2]  # absent stays absent


def test_a_bad_gender_names_its_cell(roster_dir: Path, today: dt.date) -> None:
    _with_groups(roster_dir, ["X,,"])
    with pytest.raises(InputError) as info:
        read_roster(roster_dir, today=today)
    [problem] = info.value.problems
    assert problem.row == 2 and "L or P" in problem.message


def test_groups_in_roster_json_are_checked() -> None:
    data = {"format": 1, "positions": [], "sessions": [], "candidates": [
        {"participant_no": "1", "name": "A", "nip": "1", "position": "X", "session": "S",
         "seat": "A1", "pin_hash": "$argon2id$x", "groups": {"religion": "x"}}]}
    with pytest.raises(InputError) as info:
        roster_from_dict(data)
    assert any(p.field == "candidates[0].groups" for p in info.value.problems)
