"""Real QTI 3 items exported by other tools (tests/fixtures/qti/real/SOURCES.md):
a national bank's essay with its scorer rubric, Kennisnet's order and match items that
Ujikom does not deliver, and a choice item whose processing is written out."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from exam_bank.importers.qti import read_qti
from exam_bank.importers.qti_rp import read_processing
from exam_bank.items.kinds import kind_of
from exam_bank.items.model import ItemType, RubricCriterion
from exam_bank.problems import InputError
from exam_bank.xmlsafe import parse_xml

REAL = Path(__file__).parents[2] / "fixtures" / "qti" / "real"
ITEMS = {"cito": "cito-biologie/32bll7.xml", "order": "kennisnet/ITEM001.xml",
         "match": "kennisnet/ITEM002.xml", "guide": "citolab-guide/response-processing-item.xml"}


def package(tmp_path: Path) -> Path:
    """A QTI 3 content package holding the real items, as an exporter lays it out."""
    resources = "".join(
        f'<resource identifier="{key}" type="imsqti_item_xmlv3p0" href="items/{key}.xml">'
        f'<file href="items/{key}.xml"/></resource>' for key in ITEMS)
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="http://www.'
                'imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><organizations/>'
                f"<resources>{resources}</resources></manifest>")
    path = tmp_path / "bank.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("imsmanifest.xml", manifest)
        for key, rel in ITEMS.items():
            zf.write(REAL / rel, f"items/{key}.xml")
    return path


def test_the_national_banks_essay_carries_its_scorer_rubric() -> None:
    result = read_qti(REAL / ITEMS["cito"], competency="integritas")
    (item,) = result.items
    assert item.type == ItemType.MAKALAH and item.makalah is not None
    assert item.makalah.rubric == (RubricCriterion(
        "K1", "Inhoud", "groei/voortplanting/reageren op prikkels", 1.0),)
    assert "Noem een ander levenskenmerk." in item.makalah.instructions
    assert not any("automatic scoring" in str(w) for w in result.warnings)


def test_written_out_match_correct_scores_as_the_item_itself_does() -> None:
    path = REAL / ITEMS["guide"]
    (item,) = read_qti(path, competency="integritas").items
    proc = read_processing(parse_xml(path.read_bytes(), str(path)))
    kind = kind_of(item.type)
    for option in item.options:
        assert kind.points(item, option.id, kind.max_points(item))[0] == \
            proc.score("RESPONSE", option.id)
    assert [o.id for o in item.options if o.correct] == ["ChoiceB"]


def test_strict_import_of_the_mixed_package_refuses_and_names_the_flag(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_qti(package(tmp_path), competency="integritas")
    found = [str(p) for p in exc.value.problems]
    assert len(found) == 2
    assert all("--skip-unsupported" in p for p in found)
    assert any("<qti-order-interaction>" in p for p in found)
    assert any("<qti-match-interaction>" in p for p in found)


def test_the_mixed_package_imports_every_deliverable_item_and_lists_the_rest(
        tmp_path: Path) -> None:
    result = read_qti(package(tmp_path), competency="integritas", skip_unsupported=True)
    assert sorted((i.id, i.type) for i in result.items) == [
        ("ITM-32bll7", ItemType.MAKALAH), ("ITM-response-processing-demo", ItemType.MC)]
    skipped = sorted(str(p) for p in result.skipped)
    assert [s.split("bank.zip/")[1] for s in skipped] == [
        "items/match.xml:30: item 'ITEM002': skipped: <qti-match-interaction> is not an "
        "interaction Ujikom delivers",
        "items/order.xml:29: item 'ITEM001': skipped: <qti-order-interaction> is not an "
        "interaction Ujikom delivers"]
