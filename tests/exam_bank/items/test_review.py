"""`ujikom bank review`: the committee's verdict and the reviewer's name, kept in the bank."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from exam_bank.items.bank import init_bank, load_bank
from exam_bank.items.model import ReviewStatus
from tests.exam_bank.templatekit import adopt_word_examples
from ujikom.cli import main


def test_from_word_template_to_a_reviewed_item(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "bank"
    init_bank(bank, "Uji")
    template = tmp_path / "soal.docx"
    assert main(["bank", "template", str(template)]) == 0
    adopt_word_examples(template)  # the writer keeps the examples as items of their own
    assert main(["bank", "import", "--bank", str(bank), str(template)]) == 0
    before = load_bank(bank).items
    toml = next((bank / "items").glob("*.toml"))
    toml.write_text("# catatan penyusun: jangan dihapus\n" + toml.read_text("utf-8"), "utf-8")
    assert main(["bank", "review", "--bank", str(bank), "SOAL-T2-001", "--by",
                 "Dra. Sri  Wahyuni", "--status", "approved", "--date", "2026-11-20"]) == 0
    after = load_bank(bank).items
    assert after["SOAL-T2-001"].review == ReviewStatus.APPROVED
    assert after["SOAL-T2-001"].reviewed_by == "Dra. Sri Wahyuni"
    assert after["SOAL-T2-001"].reviewed_on == "2026-11-20"
    assert {k: v for k, v in after.items() if k != "SOAL-T2-001"} == {
        k: v for k, v in before.items() if k != "SOAL-T2-001"}
    assert toml.read_text("utf-8").startswith("# catatan penyusun: jangan dihapus\n")
    # A second verdict replaces the first instead of adding keys.
    assert main(["bank", "review", "--bank", str(bank), "SOAL-T2-001", "--by", "Budi"]) == 0
    text = toml.read_text("utf-8")
    assert text.count("reviewed_by") == 1 and load_bank(bank).items[
        "SOAL-T2-001"].review == ReviewStatus.REVIEWED
    assert text.count("reviewed_on") == 1  # today's date, replacing the earlier one
    assert load_bank(bank).items["SOAL-T2-001"].reviewed_on == date.today().isoformat()
    capsys.readouterr()
    assert main(["bank", "list", "--bank", str(bank), "--review", "reviewed"]) == 0
    assert "SOAL-T2-001" in capsys.readouterr().out


def test_unknown_item_and_empty_name_change_nothing(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "bank"
    init_bank(bank, "Uji")
    template = tmp_path / "soal.docx"
    main(["bank", "template", str(template)])
    adopt_word_examples(template)
    main(["bank", "import", "--bank", str(bank), str(template)])
    files = {p: p.read_bytes() for p in (bank / "items").glob("*.toml")}
    assert main(["bank", "review", "--bank", str(bank), "NOPE", "--by", "Budi"]) != 0
    assert main(["bank", "review", "--bank", str(bank), "SOAL-001", "--by", "  "]) != 0
    assert "--by" in capsys.readouterr().err
    assert main(["bank", "review", "--bank", str(bank), "SOAL-001", "--by", "Budi",
                 "--date", "20-11-2026"]) != 0
    assert "--date: '20-11-2026' is not a date YYYY-MM-DD" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in files} == files
