"""The preflight's Indonesian (the terminal listing, the one-page PDF the lab files, the
console's PC check) carries no system English: a data folder that cannot be written and
unusable enrollment files are said in Indonesian; the English line keeps the detail."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from exam_bank.preflight import Status
from kiosk.doctor import judge
from kiosk.doctor.facts import enrollment, write_speed
from tests.kiosk.doctor.test_judge import good


def test_a_data_folder_that_cannot_be_written_is_said_in_indonesian(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the data folder should be")
    write, problem = write_speed(tmp_path / "data" / "kiosk")  # a real refusal of the OS
    assert write is None and problem is not None
    [check] = [c for c in judge.judge(dataclasses.replace(good(), write=None,
                                                          write_problem=problem))
               if c.check == "write_speed"]
    assert check.status is Status.FAIL
    assert check.detail_id == (f"Folder data tidak dapat ditulisi: {tmp_path}/data/kiosk: "
                               "folder tidak ada.")
    assert "Not a directory" in check.detail_en


def test_unusable_enrollment_files_are_said_in_indonesian(tmp_path: Path) -> None:
    table: dict[str, object] = {"address": "10.0.0.5:7443", "kiosk_id": "LAB1-PC07",
                                "seat": "A07", "cert": "kiosk.crt", "key": "kiosk.key",
                                "ca": "ca.crt"}
    found = enrollment(table, "kiosk.toml", tmp_path)  # none of the files is there
    assert found.problem
    [check] = [c for c in judge.judge(dataclasses.replace(good(), enrollment=found))
               if c.check == "enrollment"]
    assert check.status is Status.FAIL
    assert check.detail_id == ("Sertifikat kiosk LAB1-PC07 kursi A07: berkas sertifikat, "
                               "kunci atau tabel [proctor] tidak dapat dipakai.")
    assert found.problem[:40] in check.detail_en
