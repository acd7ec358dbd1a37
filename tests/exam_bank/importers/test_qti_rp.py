"""Response processing written out as rules: every response the item allows is scored
by the package's own processing (the QTI evaluator) and by Ujikom's scoring of the
imported item, and the two must agree.

Fixtures: tests/fixtures/qti/written (see tests/fixtures/qti/README.md).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from exam_bank.importers.qti import read_qti
from exam_bank.importers.qti_rp import Unsupported, mr_scoring, read_processing
from exam_bank.items.kinds import kind_of
from exam_bank.items.model import Item, ItemType, MrScoring
from exam_bank.problems import InputError
from exam_bank.xmlsafe import parse_xml

WRITTEN = Path(__file__).parents[2] / "fixtures" / "qti" / "written"


def ujikom_score(item: Item, response: str | frozenset[str]) -> float:
    kind = kind_of(item.type)
    return kind.points(item, response, kind.max_points(item))[0]


def all_responses(item: Item) -> list[str | frozenset[str]]:
    ids = [o.id for o in item.options]
    if item.type != ItemType.MR:
        return list(ids)
    return [frozenset(c) for k in range(1, len(ids) + 1)
            for c in itertools.combinations(ids, k)]


def check_same_scores(path: Path) -> Item:
    """Import `path`, then score each response both ways; returns the item."""
    (item,) = read_qti(path, competency="integritas").items
    proc = read_processing(parse_xml(path.read_bytes(), str(path)))
    for response in all_responses(item):
        assert ujikom_score(item, response) == pytest.approx(
            proc.score("RESPONSE", response)), response
    return item


@pytest.mark.parametrize("name", [
    "qti3-match-correct-feedback.xml", "qti21-sjt-weights.xml",
    "qti21-mr-all-or-nothing.xml", "qti21-mr-partial.xml",
])
def test_imported_scores_equal_the_packages_own_processing(name: str) -> None:
    check_same_scores(WRITTEN / name)


def test_written_match_correct_with_maxscore_is_an_mc_keyed_by_its_correct_response() -> None:
    item = check_same_scores(WRITTEN / "qti3-match-correct-feedback.xml")
    assert item.type == ItemType.MC
    assert [(o.id, o.weight, o.correct) for o in item.options] == [
        ("A", 0.0, False), ("B", 0.0, False), ("C", 1.0, True), ("D", 0.0, False)]


def test_feedback_outcome_is_ignored_and_said_so() -> None:
    result = read_qti(WRITTEN / "qti3-match-correct-feedback.xml", competency="integritas")
    assert any("outcome 'FEEDBACK'" in str(w) and "ignored" in str(w)
               for w in result.warnings), result.warnings


def test_mapped_single_choice_keeps_each_options_weight() -> None:
    item = check_same_scores(WRITTEN / "qti21-sjt-weights.xml")
    assert {o.id: o.weight for o in item.options} == {"A": 1, "B": 4, "C": 2, "D": 0}
    assert [o.id for o in item.options if o.correct] == ["B"]


def test_rules_that_pay_one_exact_set_are_all_or_nothing_with_its_points() -> None:
    item = check_same_scores(WRITTEN / "qti21-mr-all-or-nothing.xml")
    assert item.mr_scoring == MrScoring.ALL_OR_NOTHING
    assert item.points == 2
    assert {o.id for o in item.options if o.correct} == {"A", "C"}


def test_additive_rules_with_a_floor_become_partial_weights_with_the_penalty() -> None:
    item = check_same_scores(WRITTEN / "qti21-mr-partial.xml")
    assert item.mr_scoring == MrScoring.PARTIAL
    assert {o.id: o.weight for o in item.options} == {"A": 1, "B": 1, "C": -1}


def test_randomness_is_refused_naming_the_element_and_line() -> None:
    with pytest.raises(InputError) as exc:
        read_qti(WRITTEN / "qti21-random.xml", competency="integritas")
    (problem,) = [str(p) for p in exc.value.problems]
    assert "qti21-random.xml:18:" in problem
    assert "<randomInteger> uses randomness" in problem


def mr_item(rules: str, decl_extra: str = "") -> bytes:
    return f"""<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"
 identifier="X" title="x" adaptive="false" timeDependent="false">
<responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier">
<correctResponse><value>A</value><value>B</value></correctResponse>{decl_extra}
</responseDeclaration>
<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
<itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="0">
<simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice>
<simpleChoice identifier="C">c</simpleChoice></choiceInteraction></itemBody>
<responseProcessing>{rules}</responseProcessing></assessmentItem>""".encode()


def test_scoring_that_is_neither_additive_nor_all_or_nothing_is_refused_with_a_reason(
        tmp_path: Path) -> None:
    # One point for any response of exactly two options: not a per-option weight.
    rules = """<responseCondition><responseIf><equal toleranceMode="exact">
      <containerSize><variable identifier="RESPONSE"/></containerSize>
      <baseValue baseType="integer">2</baseValue></equal>
      <setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue>
      </setOutcomeValue></responseIf></responseCondition>"""
    path = tmp_path / "x.xml"
    path.write_bytes(mr_item(rules))
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    (problem,) = [str(p) for p in exc.value.problems]
    assert "neither all-or-nothing nor per-option" in problem


def test_exit_response_and_else_if_are_followed(tmp_path: Path) -> None:
    rules = """<responseCondition>
      <responseIf><isNull><variable identifier="RESPONSE"/></isNull><exitResponse/></responseIf>
      <responseElseIf><match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/>
        </match><setOutcomeValue identifier="SCORE"><baseValue baseType="float">3</baseValue>
        </setOutcomeValue><exitResponse/></responseElseIf>
      <responseElse><setOutcomeValue identifier="SCORE"><baseValue baseType="float">0
        </baseValue></setOutcomeValue></responseElse></responseCondition>
      <setOutcomeValue identifier="SCORE"><baseValue baseType="float">9</baseValue>
      </setOutcomeValue>"""
    root = parse_xml(mr_item(rules), "x.xml")
    proc = read_processing(root)
    assert proc.score("RESPONSE", frozenset({"A", "B"})) == 3
    assert proc.score("RESPONSE", frozenset({"A"})) == 9  # else branch, then the last rule
    assert proc.score("RESPONSE", None) == 0


def test_time_dependent_processing_is_refused() -> None:
    rules = """<responseCondition><responseIf><lt><variable identifier="duration"/>
      <baseValue baseType="float">10</baseValue></lt><setOutcomeValue identifier="SCORE">
      <baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf>
      </responseCondition>"""
    proc = read_processing(parse_xml(mr_item(rules), "x.xml"))
    with pytest.raises(Unsupported, match="depends on time"):
        mr_scoring(proc, "RESPONSE", ["A", "B", "C"], 0)


def test_too_many_combinations_are_refused_not_evaluated_forever() -> None:
    proc = read_processing(parse_xml(mr_item(""), "x.xml"))
    with pytest.raises(Unsupported, match="too many"):
        mr_scoring(proc, "RESPONSE", [f"O{i}" for i in range(13)], 0)


def test_a_negative_single_choice_score_is_kept_as_weight_and_noted(tmp_path: Path) -> None:
    data = (WRITTEN / "qti21-sjt-weights.xml").read_text().replace(
        '<mapEntry mapKey="A" mappedValue="1"/>', '<mapEntry mapKey="A" mappedValue="-1"/>')
    path = tmp_path / "neg.xml"
    path.write_text(data)
    result = read_qti(path, competency="integritas")
    assert result.items[0].option("A").weight == -1
    assert ujikom_score(result.items[0], "A") == 0  # Ujikom floors the item at 0
    assert any("choosing A scores below 0" in str(w) for w in result.warnings)
