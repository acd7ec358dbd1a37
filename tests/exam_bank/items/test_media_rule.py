"""One rule for pictures: text shows `<img src="NAME">`, NAME is in the item's media list
and in the bank's media folder; the package carries exactly those files."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exam_bank.items.bank import add_items, init_bank, load_bank
from exam_bank.items.media import (
    all_media,
    attached_media,
    case_shown,
    image_data_problem,
    stem_shown,
)
from exam_bank.items.validate import check_item
from exam_bank.problems import InputError
from tests.exam_bank import mediakit
from tests.exam_bank.mediakit import (
    CASE_PICTURE,
    OPTION_PICTURE,
    STEM_PICTURE,
    build,
    picture_bank,
    picture_items,
    picture_media,
    png,
)


def test_a_picture_the_text_shows_must_be_in_the_media_list() -> None:
    mc = replace(picture_items()[0], media=(STEM_PICTURE,))
    assert ("options.A", f"shows picture {OPTION_PICTURE!r}, which is not in the item's "
            "media list") in check_item(mc)
    outside = replace(mc, stem='<img src="../../etc/passwd">')
    assert any("not a file of the bank's media folder" in m for _f, m in check_item(outside))


def test_media_no_text_shows_come_after_the_stem_or_the_case() -> None:
    mc, mk = picture_items()
    extra = replace(mc, media=(*mc.media, "IMG-MC/lampiran.png"))
    assert attached_media(extra) == ["IMG-MC/lampiran.png"]
    assert stem_shown(extra).endswith('<p><img src="IMG-MC/lampiran.png"></p>')
    assert case_shown(mk) == mk.makalah.case_material  # its one picture is in the case
    assert all_media(mc) == (STEM_PICTURE, OPTION_PICTURE)


def test_import_refuses_a_picture_neither_in_the_file_nor_in_the_bank(tmp_path) -> None:
    init_bank(tmp_path, "b")
    media = picture_media()
    del media[OPTION_PICTURE]
    with pytest.raises(InputError) as caught:
        add_items(load_bank(tmp_path), picture_items(), media, "soal.docx")
    assert f"item 'IMG-MC': picture not in the file nor in the bank's media/: " \
           f"{OPTION_PICTURE}" in str(caught.value)
    assert not list((tmp_path / "items").iterdir())  # nothing stored


@pytest.mark.parametrize(("data", "why"), [
    (png((1, 2, 3), (11_000, 10)), "at most 10000 a side"),
    (png((1, 2, 3), (5_000, 4_000)), "16 million in all"),
    (b"\x89PNG\r\n\x1a\nrusak", "cannot be read"),
])
def test_a_bomb_or_broken_picture_is_refused_at_import(tmp_path, data, why) -> None:
    assert why in (image_data_problem(data) or "")
    init_bank(tmp_path, "b")
    media = picture_media() | {STEM_PICTURE: data}
    with pytest.raises(InputError) as caught:
        add_items(load_bank(tmp_path), picture_items(), media, "soal.docx")
    assert f"item 'IMG-MC': media {STEM_PICTURE!r}" in str(caught.value)


def test_the_package_carries_every_picture_its_items_show(tmp_path) -> None:
    built = build(picture_bank(tmp_path / "bank"), tmp_path / "ujian.ujikom")
    assert built.package.media == picture_media()
    assert built.package.header.counts["media"] == 3


def test_a_package_whose_item_lacks_its_picture_is_refused_at_build(tmp_path) -> None:
    bank = picture_bank(tmp_path / "bank")
    (bank.root / "media" / CASE_PICTURE).unlink()  # gone after the bank was read
    with pytest.raises(InputError) as caught:
        build(bank, tmp_path / "ujian.ujikom")
    assert f"item 'IMG-MK': picture {CASE_PICTURE!r} is not in the bank's media folder" \
        in str(caught.value)
    assert not (tmp_path / "ujian.ujikom").exists()


def test_the_bank_refuses_to_load_an_item_whose_picture_is_gone(tmp_path) -> None:
    bank = picture_bank(tmp_path / "bank")
    (bank.root / "media" / STEM_PICTURE).unlink()
    with pytest.raises(InputError, match="item 'IMG-MC': media not found in media/"):
        load_bank(bank.root)


assert mediakit.EXAM  # the kit is shared with the kiosk and PDF tests


def test_a_package_is_not_built_with_a_bomb_picture(tmp_path) -> None:
    bank = picture_bank(tmp_path / "bank")
    # Swapped in the folder after the import checked it: the build checks again.
    (bank.root / "media" / STEM_PICTURE).write_bytes(png((0, 0, 0), (12_000, 12_000)))
    with pytest.raises(InputError) as caught:
        build(bank, tmp_path / "ujian.ujikom")
    assert f"item 'IMG-MC': picture {STEM_PICTURE!r}: the picture is 12000×12000 pixels" \
        in str(caught.value)
    assert not (tmp_path / "ujian.ujikom").exists()
