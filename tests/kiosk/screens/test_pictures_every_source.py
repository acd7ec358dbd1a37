"""Pictures from every import format reach the kiosk: a Word table, a QTI item, a Moodle
export and a spreadsheet with an image column are each imported into a bank, built into
a package and opened; every picture an item shows travels in the package and the kiosk
puts it into the text it renders (a bomb or broken one never gets that far)."""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank.blueprint.model import Blueprint, ExamInfo, SectionSpec, SelectRule
from exam_bank.importers import read_items
from exam_bank.items.bank import add_items, init_bank, load_bank
from exam_bank.items.media import all_media, stem_shown
from exam_bank.items.model import ReviewStatus
from kiosk.screens.pictures import Pictures
from tests.exam_bank import mediakit
from tests.exam_bank.mediakit import BLUE, png

FIXTURES = Path(__file__).parents[2] / "fixtures"
MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz><question type="multichoice"><name><text>Bendera</text></name>
<questiontext format="html"><text><![CDATA[<p>Bendera siapa ini?
<img src="@@PLUGINFILE@@/bendera.png" alt="Bendera"></p>]]></text>
<file name="bendera.png" encoding="base64">{data}</file></questiontext>
<single>true</single>
<answer fraction="100"><text>Indonesia</text></answer>
<answer fraction="0"><text>Monako</text></answer></question></quiz>
"""


def word(tmp: Path) -> Path:
    return FIXTURES / "word" / "cbt-word365.docx"


def qti(tmp: Path) -> Path:
    shutil.copy(FIXTURES / "qti" / "qtiworks" / "choice.xml", tmp / "choice.xml")
    (tmp / "images").mkdir()
    (tmp / "images" / "sign.png").write_bytes(png(BLUE))
    return tmp / "choice.xml"


def moodle(tmp: Path) -> Path:
    import base64

    path = tmp / "moodle.xml"
    path.write_text(MOODLE.format(data=base64.b64encode(png(BLUE)).decode()), "utf-8")
    return path


def spreadsheet(tmp: Path) -> Path:
    from exam_bank.importers.spreadsheet import COLUMNS

    (tmp / "denah.png").write_bytes(png(BLUE))
    header = [c.name for c in COLUMNS]
    row = {"id": "SS-1", "tipe": "mc", "kompetensi": "integritas", "soal": "Lihat denah.",
           "opsi_a": "Loket 1", "opsi_b": "Loket 2", "kunci": "B", "gambar": "denah.png"}
    with (tmp / "soal.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerow([row.get(h, "") for h in header])
    return tmp / "soal.csv"


@pytest.mark.parametrize("source", [word, qti, moodle, spreadsheet],
                         ids=["word", "qti", "moodle", "spreadsheet"])
def test_pictures_of_every_format_reach_the_kiosk(qtbot, tmp_path: Path, source) -> None:
    result = read_items(source(tmp_path), competency="integritas")
    items = [replace(i, review=ReviewStatus.APPROVED, competency="integritas")
             for i in result.items if i.type != "makalah"]
    shown = [i for i in items if all_media(i)]
    assert shown, "the source holds a picture"
    bank_root = tmp_path / "bank"
    init_bank(bank_root, "Uji")
    add_items(load_bank(bank_root), items, result.media, str(source))
    bank = load_bank(bank_root)
    blueprint = Blueprint(ExamInfo(mediakit.EXAM, "Uji"), (
        SectionSpec("pg", "Pilihan", "items", 20,
                    rules=(SelectRule.fixed([i.id for i in items]),)),))
    built = _build(bank, blueprint, tmp_path / "uji.ujikom")
    pictures = Pictures(built.media)
    for item in shown:
        packaged = built.items[item.id]
        for name in all_media(packaged):
            assert built.media[name] == (bank_root / "media" / name).read_bytes()
            assert pictures.url(name).startswith("data:image/")
        texts = [stem_shown(packaged), *(o.text for o in packaged.options)]
        html = "".join(pictures.html(t) for t in texts)
        assert html.count("data:image/") >= len(set(all_media(packaged)))
        assert "tidak dapat ditampilkan" not in html and "cannot be shown" not in html


def _build(bank, blueprint, out: Path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from exam_bank.crypto.authority import AuthorityPublic
    from exam_bank.crypto.examkey import ExamKey, new_exam_key
    from exam_bank.exam_package import build_exam_package, open_exam_package

    signer = Ed25519PrivateKey.generate()
    key = ExamKey.of(mediakit.EXAM, new_exam_key())
    build_exam_package(out, bank=bank, blueprint=blueprint, roster=mediakit.roster(),
                       signer=signer, exam_key=key, exam_seed="seed")
    return open_exam_package(out, [AuthorityPublic.of("Uji", signer.public_key())], key)
