"""Hostile item files: refused with the file and part named, bounded, the bank unchanged.

Each attack here once got through: a picture in a .docx that claims 900 million pixels
ended the import with Pillow's traceback; a 9000×9000 picture passed the Word importer;
QTI response processing of a few thousand conditions took minutes for one item (it is run
once per possible response); 250 nested expressions were a RecursionError; a sparse file
in an unzipped QTI package was read whole into memory.
"""

from __future__ import annotations

import os
import re
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from exam_bank.importers import read_items
from exam_bank.importers.qti_rp import MAX_DEPTH, MAX_STEPS
from exam_bank.items.bank import init_bank, load_bank
from exam_bank.problems import InputError
from tests.exam_bank.importers.test_word_import import GOOD, cbt_document
from ujikom.cli import main

GiB = 2**30


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of blank rows: a few KB that decode to width×height pixels."""
    raw = zlib.compress(b"".join(b"\0" * (1 + (width + 7) // 8) for _ in range(height)), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1,
                                                            0, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def with_picture(tmp_path: Path, picture: bytes) -> Path:
    """A good CBT .docx whose one picture part is replaced by `picture`."""
    good = cbt_document(tmp_path / "good.docx", GOOD, picture_in=(0, 1))
    hostile = tmp_path / "soal.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, picture if name == "word/media/image1.png" else src.read(name))
    return hostile


@pytest.mark.parametrize(("width", "height", "words"), [
    (30_000, 30_000, "900000000 pixels"),  # past Pillow's own bomb limit: was a traceback
    (9_000, 9_000, "9000×9000 pixels"),  # within Pillow's, past the bank's: was imported
])
def test_a_picture_bomb_in_a_word_file_is_refused_naming_the_cell_and_the_bank_is_unchanged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], width: int, height: int,
        words: str) -> None:
    path = with_picture(tmp_path, png_bomb(width, height))
    assert path.stat().st_size < 100_000  # a small file to carry, 3.6 GB once decoded
    bank = tmp_path / "bank"
    init_bank(bank, "Uji")
    start = time.perf_counter()
    code = main(["bank", "import", "--bank", str(bank), "--competency", "integritas",
                 str(path)])
    assert time.perf_counter() - start < 20  # the pixels are never decoded
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert "soal.docx: tabel 1, baris 2, kolom SOAL: gambar image1.png" in err, err
    assert words in err
    assert not load_bank(bank).items and not list((bank / "media").rglob("*"))


def choice_item(rules: str, choices: int = 12) -> str:
    """A multiple-response item with `choices` options (any subset: 2^choices - 1
    responses) and response processing written out as `rules`."""
    options = "".join(f'<simpleChoice identifier="C{i}">o{i}</simpleChoice>'
                      for i in range(choices))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="X1" title="t"
  adaptive="false" timeDependent="false">
<responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier">
<correctResponse><value>C0</value></correctResponse></responseDeclaration>
<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">
<defaultValue><value>0</value></defaultValue></outcomeDeclaration>
<outcomeDeclaration identifier="FB" cardinality="single" baseType="identifier"/>
<itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="0"><prompt>p</prompt>
{options}</choiceInteraction></itemBody>
<responseProcessing>{rules}</responseProcessing></assessmentItem>"""


SCORE_IF_C0 = ('<responseCondition><responseIf><member><baseValue baseType="identifier">C0'
               '</baseValue><variable identifier="RESPONSE"/></member><setOutcomeValue '
               'identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue>'
               '</responseIf></responseCondition>')
FEEDBACK = ('<responseCondition><responseIf><member><baseValue baseType="identifier">C1'
            '</baseValue><variable identifier="RESPONSE"/></member><setOutcomeValue '
            'identifier="FB"><baseValue baseType="identifier">x</baseValue></setOutcomeValue>'
            '</responseIf></responseCondition>')


def test_qti_processing_too_large_to_run_over_every_response_is_refused_in_bounded_time(
        tmp_path: Path) -> None:
    """2,000 feedback conditions (500 KB) run over 4,095 responses took 227 s for one
    item; a package of such items, hours. The step budget stops it within seconds."""
    path = tmp_path / "item.xml"
    path.write_text(choice_item(SCORE_IF_C0 + FEEDBACK * 2000), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(InputError) as refused:
        read_items(path, competency="integritas")
    assert time.perf_counter() - start < 30  # ~2.5 s alone on a 2-core box
    assert re.search(rf"item\.xml:\d+: item 'X1': response processing: more than {MAX_STEPS} "
                     "rules", str(refused.value)), refused.value
    # The budget is per item and generous: the same item with a few conditions imports.
    path.write_text(choice_item(SCORE_IF_C0 + FEEDBACK * 5), encoding="utf-8")
    (item,) = read_items(path, competency="integritas").items
    assert [o.id for o in item.options if o.correct] == ["C0"]


def test_qti_expressions_nested_past_the_evaluators_depth_are_refused_not_a_crash(
        tmp_path: Path) -> None:
    nested = ('<setOutcomeValue identifier="SCORE">' + "<sum>" * 250
              + '<baseValue baseType="float">1</baseValue>' + "</sum>" * 250
              + "</setOutcomeValue>")
    path = tmp_path / "item.xml"
    path.write_text(choice_item(SCORE_IF_C0 + nested), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_items(path, competency="integritas")
    assert f"nested more than {MAX_DEPTH} deep" in str(refused.value)


def test_a_sparse_file_in_an_unzipped_qti_package_is_refused_before_it_is_read(
        tmp_path: Path) -> None:
    """A folder is a package too; a file in it claiming 8 GiB on a few KB of disk was
    read whole (`read_bytes`) before any check."""
    package = tmp_path / "paket"
    package.mkdir()
    (package / "imsmanifest.xml").write_text(
        '<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
        'identifier="M"><organizations/><resources><resource identifier="R1" '
        'type="imsqti_item_xmlv2p1" href="item.xml"/></resources></manifest>',
        encoding="utf-8")
    with (package / "item.xml").open("wb") as sparse:
        sparse.truncate(8 * GiB)
    start = time.perf_counter()
    with pytest.raises(InputError) as refused:
        read_items(package, competency="integritas")
    assert time.perf_counter() - start < 5
    message = str(refused.value)
    assert "resource 'R1': 'item.xml' is larger than 100 MB" in message, message
    # The lone item file itself, given by name, is held to the XML cap the same way (it
    # was read whole just to sniff its first 4 KB for Moodle's <quiz>), and so is a
    # Moodle export.
    start = time.perf_counter()
    with pytest.raises(InputError, match=r"item\.xml: file is larger than 50 MB"):
        read_items(package / "item.xml", competency="integritas")
    with (package / "quiz.xml").open("wb") as sparse:
        sparse.write(b"<quiz>")
        sparse.truncate(8 * GiB)
    with pytest.raises(InputError, match=r"quiz\.xml: file is larger than 50 MB"):
        read_items(package / "quiz.xml", competency="integritas")
    assert time.perf_counter() - start < 5
    assert os.stat(package / "quiz.xml").st_blocks < 1024  # still sparse: never filled


def test_a_folder_package_reached_through_a_link_reads_nothing_outside_it(
        tmp_path: Path) -> None:
    """The folder may itself be a link (the user chose it); links and '..' inside it that
    lead out of it (an item, an image) are refused, each naming the manifest's or the
    item's line, and no outside byte becomes an item or a picture."""
    real = tmp_path / "paket"
    real.mkdir()
    secret = tmp_path / "rahasia.txt"
    secret.write_text("kunci jawaban", encoding="utf-8")
    (real / "imsmanifest.xml").write_text(
        '<?xml version="1.0"?>\n<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
        'identifier="M"><organizations/><resources>\n'
        '<resource identifier="R1" type="imsqti_item_xmlv2p1" href="link.xml"/>\n'
        '<resource identifier="R2" type="imsqti_item_xmlv2p1" href="../rahasia.txt"/>\n'
        '<resource identifier="R3" type="imsqti_item_xmlv2p1" href="item.xml"/>\n'
        "</resources></manifest>", encoding="utf-8")
    (real / "link.xml").symlink_to(secret)
    (real / "pic.png").symlink_to(secret)
    item = choice_item(SCORE_IF_C0, choices=3).replace(
        "<prompt>p</prompt>", '<prompt>p <img src="../rahasia.txt"/> <img src="pic.png"/>'
        "</prompt>")
    (real / "item.xml").write_text(item, encoding="utf-8")
    (tmp_path / "lewat").symlink_to(real)
    with pytest.raises(InputError) as refused:
        read_items(tmp_path / "lewat", competency="integritas")
    lines = str(refused.value).splitlines()
    assert any(":3: resource 'R1': 'link.xml' is not in the package" in x for x in lines)
    assert any(":4: resource 'R2' points outside the package" in x for x in lines)
    assert any("item.xml:" in x and "'../rahasia.txt' lies outside the package" in x
               for x in lines), lines
    assert any("item.xml:" in x and "'pic.png' is not in the package" in x for x in lines)
    assert "kunci jawaban" not in str(refused.value)
