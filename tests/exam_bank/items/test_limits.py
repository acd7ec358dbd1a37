"""Size limits for imported images and question text: a 45 MB stem
and a 30 MB picture were accepted; now each is refused naming the item and the field,
and nothing is stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exam_bank.items.limits import MAX_IMAGE_BYTES, MAX_STEM_CHARS
from tests.cli.labkit import ujikom

FIXTURES = Path(__file__).parents[2] / "fixtures" / "spreadsheet"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    assert ujikom("bank", "init", tmp_path / "bank", "--name", "Bank Uji") == 0
    return tmp_path / "bank"


def _sheet(tmp_path: Path, stem: str | None = None, image: bytes | None = None) -> Path:
    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copy(FIXTURES / "denah.png", folder / "denah.png")
    text = (FIXTURES / "soal_excel_id.csv").read_text("utf-8-sig")
    if stem is not None:
        text = text.replace("Seorang rekanan menawarkan tiket liburan", stem, 1)
    if image is not None:
        (folder / "denah.png").write_bytes(image)
    (folder / "soal.csv").write_text(text, "utf-8-sig")
    return folder / "soal.csv"


def _snapshot(bank: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bank)): p.read_bytes() for p in sorted(bank.rglob("*"))
            if p.is_file()}


def test_an_oversized_stem_is_refused_naming_item_and_field(bank: Path, tmp_path: Path,
                                                             capsys) -> None:
    before = _snapshot(bank)
    sheet = _sheet(tmp_path, stem="panjang " * (MAX_STEM_CHARS // 8 + 10))
    capsys.readouterr()
    assert ujikom("bank", "import", "--bank", bank, sheet) != 0
    err = capsys.readouterr().err
    # the item's row, its stem's column, and the field in words
    assert "soal.csv: baris 2, kolom soal (H): teks terlalu panjang / the stem is" in err
    assert "at most 20.000" in err
    assert _snapshot(bank) == before


def test_an_oversized_image_is_refused_before_it_is_read(bank: Path, tmp_path: Path,
                                                         capsys) -> None:
    before = _snapshot(bank)
    png = (FIXTURES / "denah.png").read_bytes()
    sheet = _sheet(tmp_path, image=png + bytes(MAX_IMAGE_BYTES))
    capsys.readouterr()
    assert ujikom("bank", "import", "--bank", bank, sheet) != 0
    err = capsys.readouterr().err
    assert "baris 3, kolom gambar (Y): gambar terlalu besar / item 'PB-MC-001': " \
           "'denah.png'" in err and "at most 5 MB" in err
    assert _snapshot(bank) == before


def test_an_oversized_image_put_in_the_bank_by_hand_fails_validation(
        bank: Path, tmp_path: Path, capsys) -> None:
    assert ujikom("bank", "import", "--bank", bank, _sheet(tmp_path)) == 0
    (image,) = (bank / "media").rglob("denah.png")
    image.write_bytes(image.read_bytes() + bytes(MAX_IMAGE_BYTES))
    capsys.readouterr()
    assert ujikom("bank", "validate", "--bank", bank) != 0
    err = capsys.readouterr().err
    assert "PB-MC-001" in err and "denah.png" in err and "at most 5 MB" in err


def test_every_text_field_has_its_limit() -> None:
    from dataclasses import replace

    from exam_bank.items.limits import MAX_CASE_MATERIAL_CHARS, MAX_OPTION_CHARS
    from exam_bank.items.model import Item, ItemType, MakalahSpec, Option
    from exam_bank.items.validate import check_item

    choice = Item("Q1", ItemType.MC, "Soal", "integritas",
                  options=(Option("A", "x" * (MAX_OPTION_CHARS + 1), correct=True),
                           Option("B", "b")))
    assert ("options.A", f"the options.A is {MAX_OPTION_CHARS + 1:,} characters; at most "
            f"{MAX_OPTION_CHARS:,} are accepted".replace(",", ".")) in check_item(choice)
    paper = Item("M1", ItemType.MAKALAH, "", "integritas",
                 makalah=MakalahSpec("k" * (MAX_CASE_MATERIAL_CHARS + 1), "Tulis."))
    assert [f for f, _m in check_item(paper)] == ["makalah.case_material"]
    assert check_item(replace(paper, makalah=MakalahSpec("kasus", "Tulis."))) == []
