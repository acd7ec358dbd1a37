"""`bank export --sheet`: the bank as the staff's spreadsheet, review metadata included."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from exam_bank.exporters.sheet import write_sheet
from exam_bank.importers.spreadsheet import read_spreadsheet
from exam_bank.items.bank import init_bank, load_bank
from exam_bank.items.model import Item, ItemId, ItemType, Option, OptionId, ReviewStatus
from tests.exam_bank.templatekit import adopt_sheet_examples
from ujikom.cli import main


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (6, 4), "green").save(out, "PNG")
    return out.getvalue()


def item(**changes: object) -> Item:
    base = Item(ItemId("PB-1"), ItemType.MC, "Ibu kota?", "perekat_bangsa",
                options=(Option(OptionId("A"), "Bandung", 0.0, False),
                         Option(OptionId("B"), "Jakarta", 1.0, True)))
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_reviewed_items_and_their_attachments_read_back(tmp_path: Path, suffix: str) -> None:
    items = [item(review=ReviewStatus.APPROVED, reviewed_by="Dra. Sri Wahyuni",
                  reviewed_on="2026-11-20", media=("PB-1/peta.png",)),
             item(id=ItemId("PB-2"))]
    path = tmp_path / f"bank{suffix}"
    written = write_sheet(path, items, {"PB-1/peta.png": png()})
    assert written == [path, tmp_path / "PB-1" / "peta.png"]
    result = read_spreadsheet(path)
    assert result.items == items
    assert result.media == {"PB-1/peta.png": png()}


def test_a_picture_inside_the_text_is_refused_by_name(tmp_path: Path) -> None:
    shown = item(stem='Lihat <img src="PB-1/peta.png">', media=("PB-1/peta.png",))
    with pytest.raises(ValueError, match="PB-1: pictures in the text"):
        write_sheet(tmp_path / "bank.csv", [shown], {"PB-1/peta.png": png()})


def test_cli_export_after_a_review_and_import_into_another_bank(
        tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    init_bank(first, "A")
    init_bank(second, "B")
    template = tmp_path / "soal.xlsx"
    assert main(["bank", "template", str(template)]) == 0
    adopt_sheet_examples(template)  # the writer keeps the examples under ids of their own
    assert main(["bank", "import", "--bank", str(first), str(template)]) == 0
    assert main(["bank", "review", "--bank", str(first), "PG-001", "--by",
                 "Tim Telaah", "--status", "approved", "--date", "2026-11-20"]) == 0
    out = tmp_path / "ekspor" / "bank.xlsx"
    out.parent.mkdir()
    assert main(["bank", "export", "--bank", str(first), "--sheet", str(out)]) == 0
    assert main(["bank", "import", "--bank", str(second), str(out)]) == 0
    after = load_bank(second).items
    assert after == load_bank(first).items
    assert after["PG-001"].reviewed_by == "Tim Telaah"
    assert after["PG-001"].reviewed_on == "2026-11-20"
