"""A candidate's result: levels, gaps, scales, JPM and its band, potential and 9-box."""

from __future__ import annotations

import json

import pytest

from exam_bank.competencies import BKN_COMPETENCIES
from exam_bank.items.model import (
    Item,
    ItemId,
    ItemType,
    LikertSpec,
    MakalahSpec,
    Option,
    OptionId,
)
from exam_bank.scoring import (
    DEFAULT_JPM_BANDS,
    ScoringConfig,
    competency_level,
    job_person_match,
    jpm_band,
    percent_of,
    score_candidate,
)
from exam_bank.scoring.responses import Response

NINE = [c.key for c in BKN_COMPETENCIES]
CONFIG = ScoringConfig()


def sjt(item_id: str, competency: str, weights: tuple[float, ...] = (1, 2, 3, 4, 5)) -> Item:
    options = tuple(Option(OptionId("ABCDE"[n]), "opsi", w) for n, w in enumerate(weights))
    return Item(ItemId(item_id), ItemType.SJT, "soal", competency, options=options)


def mc(item_id: str, competency: str) -> Item:
    options = (Option(OptionId("A"), "benar", 5, True), Option(OptionId("B"), "salah", 0))
    return Item(ItemId(item_id), ItemType.MC, "soal", competency, options=options)


def likert(item_id: str, scale: str, reverse: bool = False) -> Item:
    return Item(ItemId(item_id), ItemType.LIKERT, "pernyataan", "integritas",
                likert=LikertSpec(scale, reverse))


# With one 1-5 item, option "A".."E" gives 20, 40, 60, 80, 100 % -> levels 2, 3, 4, 5, 5.
PICK_LEVEL = {2: "A", 3: "B", 4: "C", 5: "D"}


def one_item_per_competency(levels: list[int]) -> tuple[list[Item], dict[str, Response]]:
    items = [sjt(f"S-{n}", key) for n, key in enumerate(NINE)]
    responses: dict[str, Response] = {f"S-{n}": PICK_LEVEL[lv] for n, lv in enumerate(levels)}
    return items, responses


@pytest.mark.parametrize("percent, level", [
    (0, 1), (19.99, 1), (20, 2), (39.99, 2), (40, 3), (59.99, 3), (60, 4), (79.99, 4),
    (80, 5), (100, 5),
])
def test_level_cuts(percent: float, level: int) -> None:
    assert competency_level(percent, CONFIG.level_cuts) == level


def test_the_jpm_example_from_the_domain() -> None:
    # Standards 3 × 9 = 27; attained 3,3,2,3,4,3,2,3,3 = 26 -> 96.3 %, memenuhi syarat.
    attained = [3, 3, 2, 3, 4, 3, 2, 3, 3]
    items, responses = one_item_per_competency(attained)
    result = score_candidate(items, responses, dict.fromkeys(NINE, 3), CONFIG)
    assert [c.level for c in result.competencies] == attained
    assert [c.gap for c in result.competencies] == [0, 0, -1, 0, 1, 0, -1, 0, 0]
    assert result.jpm == pytest.approx(26 / 27 * 100)
    assert round(result.jpm, 1) == 96.3
    assert result.jpm_band is not None and result.jpm_band.code == "MS"
    assert result.not_assessed == ()


def test_capping_at_the_standard() -> None:
    items, responses = one_item_per_competency([3, 3, 2, 3, 4, 3, 2, 3, 3])
    capped = ScoringConfig(jpm_cap_at_standard=True)
    result = score_candidate(items, responses, dict.fromkeys(NINE, 3), capped)
    assert result.jpm == pytest.approx(25 / 27 * 100)  # the 4 counts as 3


@pytest.mark.parametrize("jpm, code", [
    (100, "MS"), (80, "MS"), (79.99, "MMS"), (68, "MMS"), (67.99, "KMS"), (0, "KMS"),
])
def test_jpm_bands(jpm: float, code: str) -> None:
    assert jpm_band(jpm, DEFAULT_JPM_BANDS).code == code


def test_a_jpm_of_exactly_80_from_levels_is_ms() -> None:
    # 5 competencies at standard 3 (Σ 15), attained Σ 12 -> exactly 80.0, no float noise.
    assert job_person_match(dict(zip("abcde", [3, 3, 2, 2, 2], strict=True)),
                            dict.fromkeys("abcde", 3)) == 80.0
    assert jpm_band(80.0, DEFAULT_JPM_BANDS).code == "MS"


def test_jpm_counts_only_competencies_both_assessed_and_standard() -> None:
    assert job_person_match({"a": 4, "x": 5}, {"a": 4, "b": 3}) == 100
    assert job_person_match({"x": 5}, {"a": 4}) is None


def test_not_assessed_and_unstandardised_competencies() -> None:
    items = [sjt("S-1", "integritas"), sjt("S-2", "literasi_digital")]
    standard = {"integritas": 3, "kerja_sama": 3, "komunikasi": 2}
    result = score_candidate(items, {"S-1": "B", "S-2": "E"}, standard, CONFIG)
    assert result.not_assessed == ("kerja_sama", "komunikasi")
    assert [c.competency for c in result.competencies] == ["integritas", "literasi_digital"]
    digital = result.competency("literasi_digital")
    assert (digital.level, digital.standard, digital.gap) == (5, None, None)
    assert result.jpm == 100  # integritas 3 of 3; the others do not count


def test_nothing_assessed_gives_no_jpm() -> None:
    result = score_candidate([sjt("S-1", "integritas")], {}, {"kerja_sama": 3}, CONFIG,
                             performance=95)
    assert result.jpm is None and result.jpm_band is None
    assert result.potential is None and result.nine_box is None


def test_a_competency_sums_its_items_and_blanks_count_against_it() -> None:
    # CAT SKD style: TKP items 1-5, TWK items 5/0, one blank.
    items = [sjt("T-1", "integritas"), sjt("T-2", "integritas"), mc("W-1", "integritas"),
             mc("W-2", "integritas")]
    result = score_candidate(items, {"T-1": "E", "T-2": "C", "W-1": "A"},
                             {"integritas": 4}, CONFIG)
    c = result.competency("integritas")
    assert (c.raw, c.max, c.items, c.answered) == (13, 20, 4, 3)
    assert c.percent == 65 and c.level == 4 and c.gap == 0


def test_a_percent_on_a_cut_survives_float_noise() -> None:
    # 0.3 + 0.3 + 0.3 of 4.5 is exactly 20 %, but naive float arithmetic gives 19.999…
    items = [sjt(f"S-{n}", "integritas", (0.3, 1.5)) for n in range(3)]
    result = score_candidate(items, dict.fromkeys(("S-0", "S-1", "S-2"), "A"), {}, CONFIG)
    assert result.competency("integritas").percent == 20
    assert result.competency("integritas").level == 2
    assert percent_of(1, 0) == 0


def test_likert_and_makalah_do_not_count_toward_competencies() -> None:
    items = [sjt("S-1", "integritas"), likert("L-1", "ei"),
             Item(ItemId("MK-1"), ItemType.MAKALAH, "", "integritas",
                  makalah=MakalahSpec("<p>kasus</p>", "Tulis."))]
    result = score_candidate(items, {"S-1": "E", "L-1": 1}, {"integritas": 3}, CONFIG)
    c = result.competency("integritas")
    assert (c.raw, c.max, c.items) == (5, 5, 1)
    assert [i.item_id for i in result.items] == ["S-1", "L-1", "MK-1"]


def test_scale_scores() -> None:
    # Points chosen 5, 4, 2 (reverse -> 4), blank: raw 13 over 3 answered items of 5 points.
    items = [likert("L-1", "ei"), likert("L-2", "ei"), likert("L-3", "ei", reverse=True),
             likert("L-4", "ei"), likert("G-1", "growth")]
    result = score_candidate(items, {"L-1": 5, "L-2": 4, "L-3": 2}, {}, CONFIG)
    ei = result.scale("ei")
    assert (ei.raw, ei.max, ei.answered, ei.items) == (13, 15, 3, 4)
    assert ei.mean == pytest.approx(13 / 3)
    assert ei.percent == pytest.approx((13 - 3) / (15 - 3) * 100)
    growth = result.scale("growth")
    assert (growth.mean, growth.percent, growth.answered) == (None, None, 0)


def test_scale_percent_runs_from_0_at_the_floor_to_100_at_the_top() -> None:
    items = [likert("L-1", "ei"), likert("L-2", "ei")]
    assert score_candidate(items, {"L-1": 1, "L-2": 1}, {}, CONFIG).scale("ei").percent == 0
    assert score_candidate(items, {"L-1": 5, "L-2": 5}, {}, CONFIG).scale("ei").percent == 100


def test_potential_from_jpm_places_the_nine_box() -> None:
    items, responses = one_item_per_competency([3, 3, 2, 3, 4, 3, 2, 3, 3])
    result = score_candidate(items, responses, dict.fromkeys(NINE, 3), CONFIG, performance=92)
    assert result.potential == pytest.approx(96.296, abs=1e-3)
    assert result.nine_box == 9  # high potential, above expectation
    low_perf = score_candidate(items, responses, dict.fromkeys(NINE, 3), CONFIG,
                               performance=69.9)
    assert low_perf.nine_box == 6


def test_potential_from_jpm_is_capped_at_100() -> None:
    items, responses = one_item_per_competency([5] * 9)
    result = score_candidate(items, responses, dict.fromkeys(NINE, 3), CONFIG)
    assert result.jpm == pytest.approx(5 / 3 * 100)
    assert result.potential == 100
    assert result.nine_box is None  # no performance given


def test_potential_from_scales() -> None:
    items = [likert("L-1", "ei"), likert("G-1", "growth"), likert("X-1", "empty")]
    config = ScoringConfig(potential_source="scales", potential_cuts=(60, 80))
    # ei: point 5 -> 100 %; growth: point 3 -> 50 %; empty: unanswered, left out.
    result = score_candidate(items, {"L-1": 5, "G-1": 3}, {}, config, performance=80)
    assert result.potential == 75
    assert result.nine_box == 5  # medium potential (60 <= 75 < 80), as expected (70 <= 80 < 90)


def test_bad_inputs_are_errors() -> None:
    items = [sjt("S-1", "integritas")]
    with pytest.raises(ValueError, match="not on the form: S-9"):
        score_candidate(items, {"S-9": "A"}, {}, CONFIG)
    with pytest.raises(ValueError, match="must be 1-5"):
        score_candidate(items, {}, {"integritas": 6}, CONFIG)


def test_to_dict_is_json() -> None:
    items, responses = one_item_per_competency([3, 3, 2, 3, 4, 3, 2, 3, 3])
    items.append(likert("L-1", "ei"))
    responses["L-1"] = 4
    result = score_candidate(items, responses, dict.fromkeys(NINE, 3), CONFIG, performance=75)
    d = json.loads(json.dumps(result.to_dict()))
    assert d["jpm_band"] == {"code": "MS", "label": "Memenuhi Syarat", "min": 80}
    assert d["nine_box"] == 8
    assert d["competencies"][2] == {
        "competency": "komunikasi", "raw": 1.0, "max": 5.0, "percent": 20.0, "level": 2,
        "standard": 3, "gap": -1, "items": 1, "answered": 1,
    }
    assert d["scales"] == [{"scale": "ei", "raw": 4.0, "max": 5.0, "mean": 4.0,
                            "percent": 75.0, "answered": 1, "items": 1}]
    assert len(d["items"]) == 10 and d["not_assessed"] == []
