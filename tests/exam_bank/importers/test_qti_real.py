"""Real QTI 3 items exported by other tools (tests/fixtures/qti/real/SOURCES.md):
a national bank's essay with its scorer rubric, Kennisnet's order and match items that
Ujikom does not deliver, and a choice item whose processing is written out."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from exam_bank.importers import read_items
from exam_bank.importers.qti import read_qti
from exam_bank.importers.qti_rp import Value, qti_attr, qti_name, read_processing, responses
from exam_bank.items.kinds import kind_of
from exam_bank.items.model import ItemType, MrScoring, RubricCriterion
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


# Choice items exported by other tools, their processing written out (SOURCES.md).
EXPORTED_CHOICES = {
    "onyx/Auswahlaufgabe_1509468352.xml": (ItemType.MC, 1.0),
    "onyx/single-choice-1-with-feedbacks_5-11.xml": (ItemType.MC, 4.0),
    "openolat/multiple-choice-per-answer-11-2-3.xml": (ItemType.MR, 1.0),
    "openolat/multiple-choice-score-all-11-2-3.xml": (ItemType.MR, 1.0),
    ITEMS["guide"]: (ItemType.MC, 1.0),
    "kennisnet/ITEM011.xml": (ItemType.MC, 1.0),
    "kennisnet/ITEM012.xml": (ItemType.MR, 1.0),
    "kennisnet/ITEM013.xml": (ItemType.MR, 1.0),
}


def every_response(item_root: Element, ids: list[str]) -> tuple[str, list[Value]]:
    """The interaction's response identifier and every response it allows."""
    (inter,) = [e for e in item_root.iter() if qti_name(e) == "choiceInteraction"]
    max_choices = int(qti_attr(inter, "maxChoices", "1") or "1")
    rid = qti_attr(inter, "responseIdentifier", "") or ""
    if max_choices == 1:
        return rid, list(ids)
    return rid, list(responses(ids, max_choices))


@pytest.mark.parametrize("rel", sorted(EXPORTED_CHOICES))
def test_a_real_exported_choice_scores_every_response_as_its_own_processing(rel: str) -> None:
    """Onyx Editor's and OpenOLAT's exports (SCORE = SCORE + MAXSCORE on a match,
    mapResponse inside a match, clamps to MINSCORE/MAXSCORE, feedback outcomes) are
    run by the evaluator over every response; Ujikom's scoring of the imported item
    gives each response the same score, and the feedback is listed as ignored."""
    path = REAL / rel
    result = read_qti(path, competency="integritas")
    (item,) = result.items
    assert (item.type, max(o.weight for o in item.options)) == EXPORTED_CHOICES[rel]
    root = parse_xml(path.read_bytes(), str(path))
    proc = read_processing(root)
    kind = kind_of(item.type)
    top = kind.max_points(item)
    rid, every = every_response(root, [o.id for o in item.options])
    for response in every:
        assert kind.points(item, response, top)[0] == proc.score(rid, response), response
    assert proc.score(rid, None) == 0  # unanswered: 0 in both
    assert top > 0 and any(kind.points(item, r, top)[0] == top for r in every)
    if "FEEDBACKBASIC" in path.read_text(encoding="utf-8"):
        assert any("'FEEDBACKBASIC', which Ujikom does not use" in str(w)
                   for w in result.warnings)


def test_openolat_s_per_answer_mapping_inside_a_match_is_all_or_nothing() -> None:
    # mapResponse is only reached when the whole response matches, then clamped to
    # MAXSCORE: one set earns the point, whatever the per-answer mapping says.
    (item,) = read_qti(REAL / "openolat/multiple-choice-per-answer-11-2-3.xml",
                       competency="integritas").items
    assert item.mr_scoring == MrScoring.ALL_OR_NOTHING and item.points == 1.0
    assert [o.text for o in item.options if o.correct] == ["<p>Correct answer</p>",
                                                           "<p>Right answer</p>"]


KENNISNET = REAL / "kennisnet"  # the whole package as Kennisnet's tool exported it


def test_kennisnet_s_whole_package_imports_its_deliverable_items_and_lists_the_rest() -> None:
    """The folder as exported (manifest, test, 14 items): choice items and essays with
    their scorer rubrics import; an introduction, order/match/text-entry, audio, a
    formula and web videos are left out, each with its reason; the test is a draft."""
    result = read_items(KENNISNET, competency="integritas", skip_unsupported=True,
                        blueprint_draft=True)
    assert {i.id: i.type for i in result.items} == {
        "ITEM006": ItemType.MAKALAH, "ITEM009": ItemType.MAKALAH, "ITEM011": ItemType.MC,
        "ITEM012": ItemType.MR, "ITEM013": ItemType.MR}
    essay = next(i for i in result.items if i.id == "ITEM009")
    assert essay.makalah is not None and [c.description for c in essay.makalah.rubric] == ["Ok"]
    why = {str(p).split("kennisnet/")[1].split(":")[0]: str(p).split("skipped: ")[1]
           for p in result.skipped}
    assert why == {
        "INTRODUCTION.xml": "it has no interaction: nothing to answer",
        "ITEM001.xml": "<qti-order-interaction> is not an interaction Ujikom delivers",
        "ITEM002.xml": "<qti-match-interaction> is not an interaction Ujikom delivers",
        "ITEM003.xml": "<qti-match-interaction> is not an interaction Ujikom delivers",
        "ITEM004.xml": "<qti-text-entry-interaction> is not an interaction Ujikom delivers",
        "ITEM005.xml": "<audio>: audio cannot be played in a Ujikom test",
        "ITEM007.xml": "<math>: MathML formulas cannot be shown in a Ujikom test; use an "
                       "image of the formula",
        "ITEM008.xml": "<object> of type 'text/html' cannot be shown; only images can",
        "ITEM010.xml": "<object> of type 'text/html' cannot be shown; only images can"}
    assert result.draft is not None
    exam, sections = result.draft.data["exam"], result.draft.data["section"]
    assert exam["id"] == "912121b4-9376-5b70-af30-45dcfefdc65e"  # a valid blueprint id
    assert [(s["kind"], s["navigation"], s["select"][0]["items"]) for s in sections] == [
        ("items", "forward_only", ["ITEM011", "ITEM012", "ITEM013"]),
        ("makalah", "forward_only", ["ITEM006", "ITEM009"])]


def test_kennisnet_s_package_strictly_is_refused_and_every_refusal_names_the_flag() -> None:
    with pytest.raises(InputError) as exc:
        read_items(KENNISNET, competency="integritas")
    found = [str(p) for p in exc.value.problems]
    assert len(found) == 11  # ITEM004 and ITEM010 twice: each element at its line
    assert all("--skip-unsupported" in p for p in found)


def test_a_folder_without_a_manifest_is_refused_saying_what_a_folder_must_be(
        tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_items(tmp_path, competency="integritas")
    assert [str(p) for p in exc.value.problems] == [
        f"{tmp_path}: a folder is read only as an unzipped QTI content package, and it has "
        "no imsmanifest.xml"]


def _choice_fixtures() -> list[Path]:
    found = []
    for path in sorted((REAL.parent).rglob("*.xml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "hoiceInteraction" in text or "qti-choice-interaction" in text:
            found.append(path)
    return found


@pytest.mark.parametrize("path", _choice_fixtures(), ids=lambda p: p.name)
def test_every_choice_fixture_scores_as_its_own_processing_over_every_response(
        path: Path) -> None:
    """Whatever the processing (a template, a bounded mapping, rules written out), the
    imported item gives every response the score the file's processing gives it, or the
    import is refused; Ujikom counts a negative score as 0."""
    try:
        result = read_qti(path, competency="integritas")
    except InputError:
        return  # refused with its reason: nothing imported that could score differently
    root = parse_xml(path.read_bytes(), str(path))
    proc = read_processing(root)
    for item in result.items:
        kind = kind_of(item.type)
        top = kind.max_points(item)
        rid, every = every_response(root, [o.id for o in item.options])
        for response in every:
            assert kind.points(item, response, top)[0] == pytest.approx(
                max(proc.score(rid, response), 0.0)), response


def test_openolat_s_hint_button_is_dropped_with_a_note_and_the_item_kept() -> None:
    result = read_qti(REAL / "openolat/multiple-choice-score-all-11-2-3.xml",
                      competency="integritas")
    (item,) = result.items
    assert (item.type, item.mr_scoring, item.points) == (
        ItemType.MR, MrScoring.ALL_OR_NOTHING, 2.0)  # SCORE + MAXSCORE 2 on the key
    assert item.stem == "<p>A question</p>"  # the button's paragraph goes with it
    assert any("<endAttemptInteraction> (a hint button, 'Correct solution') dropped: a "
               "test gives no hints" in str(w) for w in result.warnings)
