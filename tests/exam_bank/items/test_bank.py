"""The bank folder: loading with FILE:LINE errors, and all-or-nothing additions."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_bank.items.bank import add_items, init_bank, items_to_toml, load_bank
from exam_bank.items.model import Item, ItemId, ItemType, Option, OptionId, ReviewStatus
from exam_bank.problems import InputError

GOOD = '''
[[item]]
id = "INT-001"
type = "sjt"
competency = "integritas"
level = 3
topic = "gratifikasi"
review = "approved"
stem = "Seorang rekanan menawarkan hadiah setelah proyek selesai."
[[item.options]]
id = "A"
text = "Menolak dan melapor ke UPG"
weight = 5
[[item.options]]
id = "B"
text = "Menerima"
weight = 1
'''


def sjt(item_id: str, topic: str = "baru") -> Item:
    return Item(ItemId(item_id), ItemType.SJT, "Apa yang Anda lakukan?", "kerja_sama",
                topic=topic, review=ReviewStatus.APPROVED,
                options=(Option(OptionId("A"), "Berdiskusi", 5),
                         Option(OptionId("B"), "Diam", 1)))


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    init_bank(tmp_path, "Bank Uji")
    (tmp_path / "items" / "integritas.toml").write_text(GOOD, "utf-8")
    return tmp_path


def test_loads_items_with_their_source_line(bank_dir: Path) -> None:
    bank = load_bank(bank_dir)
    assert bank.name == "Bank Uji"
    assert bank.items["INT-001"].options[0].weight == 5
    assert bank.sources["INT-001"].file == "items/integritas.toml"
    assert bank.sources["INT-001"].line == 2


def test_every_bad_item_is_reported_with_its_line(bank_dir: Path) -> None:
    bad = GOOD.replace('competency = "integritas"', 'competency = "integrity"')
    bad = bad + GOOD.replace("INT-001", "INT-002").replace("level = 3", "level = 7")
    (bank_dir / "items" / "integritas.toml").write_text(bad, "utf-8")
    with pytest.raises(InputError) as err:
        load_bank(bank_dir)
    messages = [str(p) for p in err.value.problems]
    assert any(m.startswith("items/integritas.toml:2: item 'INT-001': competency: unknown")
               for m in messages), messages
    second_header = bad.splitlines().index("[[item]]", 3) + 1
    assert any(m.startswith(f"items/integritas.toml:{second_header}: item 'INT-002': level")
               for m in messages), messages


def test_duplicate_ids_across_files_name_the_first_place(bank_dir: Path) -> None:
    (bank_dir / "items" / "lain.toml").write_text(GOOD, "utf-8")
    with pytest.raises(InputError, match=r"items/lain.toml:2: item id 'INT-001' is already "
                       r"used at items/integritas.toml:2"):
        load_bank(bank_dir)


def test_toml_syntax_error_names_the_line(bank_dir: Path) -> None:
    (bank_dir / "items" / "rusak.toml").write_text("[[item]]\nid = \n", "utf-8")
    with pytest.raises(InputError, match=r"items/rusak.toml:2: TOML syntax"):
        load_bank(bank_dir)


def test_added_items_are_appended_and_load_back(bank_dir: Path) -> None:
    original = (bank_dir / "items" / "integritas.toml").read_text("utf-8")
    bank = load_bank(bank_dir)
    add_items(bank, [sjt("KS-001", topic="gratifikasi"), sjt("KS-002")], {}, "import.xlsx")
    assert (bank_dir / "items" / "gratifikasi.toml").exists()
    assert (bank_dir / "items" / "integritas.toml").read_text("utf-8") == original
    again = load_bank(bank_dir)
    assert again.items["KS-001"] == sjt("KS-001", topic="gratifikasi")
    assert set(again.items) == {"INT-001", "KS-001", "KS-002"}


def test_a_clash_writes_nothing(bank_dir: Path) -> None:
    bank = load_bank(bank_dir)
    before = sorted(p.name for p in (bank_dir / "items").iterdir())
    with pytest.raises(InputError, match="already in the bank"):
        add_items(bank, [sjt("KS-009"), sjt("INT-001")], {"KS-009/x.png": b"png"}, "f.csv")
    assert sorted(p.name for p in (bank_dir / "items").iterdir()) == before
    assert not (bank_dir / "media" / "KS-009").exists()


def test_media_names_cannot_escape_the_bank(bank_dir: Path) -> None:
    bank = load_bank(bank_dir)
    with pytest.raises(InputError, match="not a safe relative path"):
        add_items(bank, [sjt("KS-010")], {"../../etc/evil": b"x"}, "pkg.zip")


def test_items_to_toml_is_readable_text() -> None:
    text = items_to_toml([sjt("KS-001")], "Imported from x.xlsx")
    assert text.startswith("# Imported from x.xlsx\n[[item]]\n")
    assert 'id = "KS-001"' in text
