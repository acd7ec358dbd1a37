"""Properties the scoring rules keep for any input (hypothesis)."""

from __future__ import annotations

import tomllib
from typing import Any

import tomli_w
from hypothesis import assume, given
from hypothesis import strategies as st

from exam_bank.items.model import (
    Item,
    ItemId,
    ItemType,
    LikertSpec,
    MrScoring,
    Option,
    OptionId,
)
from exam_bank.scoring import (
    JpmBand,
    Response,
    ScoringConfig,
    competency_level,
    item_max,
    job_person_match,
    nine_box,
    reverse_point,
    score_candidate,
    score_item,
    scoring_config_from_dict,
    scoring_config_to_dict,
)

weights = st.one_of(st.integers(-3, 5).map(float),
                    st.floats(-3, 5, allow_nan=False, allow_infinity=False))
competencies = st.sampled_from(["integritas", "kerja_sama", "komunikasi"])


@st.composite
def choice_items(draw: st.DrawFn) -> Item:
    kind = draw(st.sampled_from([ItemType.MC, ItemType.SJT, ItemType.MR]))
    n = draw(st.integers(2, 6))
    ws = draw(st.lists(weights, min_size=n, max_size=n))
    if kind == ItemType.SJT:
        ws = [abs(w) for w in ws]  # the validator allows no negative sjt weight
    assume(max(ws) > 0)  # the validator requires an option that earns points
    keyed = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    options = tuple(Option(OptionId(f"O{k}"), "opsi", w, c)
                    for k, (w, c) in enumerate(zip(ws, keyed, strict=True)))
    return Item(ItemId(f"CH-{draw(st.integers(0, 999))}"), kind,
                "soal", draw(competencies), options=options,
                mr_scoring=draw(st.sampled_from(list(MrScoring))),
                points=draw(st.floats(0.5, 10)))


@st.composite
def likert_items(draw: st.DrawFn) -> Item:
    points = draw(st.integers(2, 11))
    spec = LikertSpec(draw(st.sampled_from(["ei", "growth"])), draw(st.booleans()), points,
                      tuple(str(p) for p in range(1, points + 1)))
    return Item(ItemId(f"L-{draw(st.integers(0, 999))}"), ItemType.LIKERT,
                "pernyataan", "integritas", likert=spec)


def responses_for(item: Item) -> st.SearchStrategy[Response]:
    """Any response the kiosk could produce for this item, blanks included."""
    if item.type == ItemType.LIKERT:
        assert item.likert is not None
        given_ = st.integers(1, item.likert.points)
    elif item.type == ItemType.MR:
        given_ = st.frozensets(st.sampled_from([o.id for o in item.options]))
    else:
        given_ = st.sampled_from([o.id for o in item.options])
    return st.one_of(st.none(), given_)


any_item = st.one_of(choice_items(), likert_items())


@given(st.data())
def test_raw_lies_between_0_and_max(data: st.DataObject) -> None:
    item = data.draw(any_item)
    score = score_item(item, data.draw(responses_for(item)))
    assert 0 <= score.raw <= score.max == item_max(item)


@given(any_item)
def test_a_blank_scores_0(item: Item) -> None:
    score = score_item(item, None)
    assert score.raw == 0 and not score.answered


@given(st.integers(2, 11).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_reverse_keying_twice_is_identity(point_and_points: tuple[int, int]) -> None:
    point, points = point_and_points
    once = reverse_point(point, points)
    assert 1 <= once <= points
    assert reverse_point(once, points) == point


cut_sets = (st.lists(st.integers(0, 100), min_size=4, max_size=4, unique=True)
            .map(lambda cs: tuple(sorted(cs))))
percents = st.floats(0, 100, allow_nan=False)


@given(cut_sets, percents, percents)
def test_level_is_monotone_in_percent(cuts: tuple[int, ...], a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert 1 <= competency_level(low, cuts) <= competency_level(high, cuts) <= 5


keys = st.lists(st.sampled_from("abcdefghi"), min_size=1, max_size=9, unique=True)


@given(keys.flatmap(lambda ks: st.tuples(
    st.just(ks),
    st.lists(st.integers(1, 5), min_size=len(ks), max_size=len(ks)),
    st.lists(st.integers(1, 5), min_size=len(ks), max_size=len(ks)),
    st.integers(0, len(ks) - 1),
)), st.booleans())
def test_jpm_is_monotone_in_attained_levels(
        case: tuple[list[str], list[int], list[int], int], cap: bool) -> None:
    ks, std_levels, got_levels, raised = case
    standard = dict(zip(ks, std_levels, strict=True))
    attained = dict(zip(ks, got_levels, strict=True))
    before = job_person_match(attained, standard, cap)
    assume(attained[ks[raised]] < 5)
    attained[ks[raised]] += 1
    after = job_person_match(attained, standard, cap)
    assert before is not None and after is not None
    assert after >= before


standards = st.dictionaries(st.sampled_from("abcdefghi"), st.integers(1, 5), min_size=1)


@given(standards, st.booleans())
def test_jpm_is_100_when_attained_equals_standard(standard: dict[str, int], cap: bool) -> None:
    assert job_person_match(dict(standard), standard, cap) == 100


axis_cuts = (st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=2, unique=True)
             .map(lambda cs: tuple(sorted(cs))))


@given(axis_cuts, axis_cuts, percents, percents, percents)
def test_nine_box_is_monotone_along_each_axis(pot_cuts: tuple[float, ...],
                                              perf_cuts: tuple[float, ...],
                                              held: float, a: float, b: float) -> None:
    # With the regulation's numbering (rows 4 7 9 / 2 5 8 / 1 3 6) each row and each
    # column is increasing, so moving up either axis never gives a lower box number.
    low, high = sorted((a, b))
    assert (nine_box(low, held, pot_cuts, perf_cuts)
            <= nine_box(high, held, pot_cuts, perf_cuts))
    assert (nine_box(held, low, pot_cuts, perf_cuts)
            <= nine_box(held, high, pot_cuts, perf_cuts))


@given(axis_cuts, axis_cuts, percents, percents, percents, percents)
def test_nine_box_is_monotone_when_both_rise(pot_cuts: tuple[float, ...],
                                             perf_cuts: tuple[float, ...],
                                             p1: float, p2: float, k1: float, k2: float) -> None:
    (pl, ph), (kl, kh) = sorted((p1, p2)), sorted((k1, k2))
    assert nine_box(pl, kl, pot_cuts, perf_cuts) <= nine_box(ph, kh, pot_cuts, perf_cuts)


@st.composite
def configs(draw: st.DrawFn) -> ScoringConfig:
    n = draw(st.integers(1, 4))
    higher = draw(st.lists(st.integers(1, 100), min_size=n - 1, max_size=n - 1, unique=True))
    mins = [*sorted(higher, reverse=True), 0]
    codes = draw(st.lists(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4), min_size=n,
                          max_size=n, unique=True))
    labels = draw(st.lists(st.text(min_size=1).filter(str.strip), min_size=n, max_size=n))
    return ScoringConfig(
        level_cuts=draw(cut_sets),
        jpm_bands=tuple(JpmBand(c, lab, m) for c, lab, m in zip(codes, labels, mins,
                                                                 strict=True)),
        jpm_cap_at_standard=draw(st.booleans()),
        potential_source=draw(st.sampled_from(["jpm", "scales"])),
        potential_cuts=draw(axis_cuts),
        performance_cuts=draw(axis_cuts),
    )


@given(configs())
def test_config_round_trips_through_the_dict_and_toml(config: ScoringConfig) -> None:
    d = scoring_config_to_dict(config)
    assert scoring_config_from_dict(d, "b.toml") == config
    text = tomli_w.dumps({"scoring": d})
    data: dict[str, Any] = tomllib.loads(text)["scoring"]
    assert scoring_config_from_dict(data, "b.toml") == config


@st.composite
def forms(draw: st.DrawFn) -> tuple[list[Item], dict[str, Response]]:
    items = draw(st.lists(any_item, max_size=12, unique_by=lambda i: i.id))
    responses: dict[str, Response] = {}
    for item in items:
        if (r := draw(responses_for(item))) is not None or draw(st.booleans()):
            responses[item.id] = r
    return items, responses


@given(forms(), st.dictionaries(competencies, st.integers(1, 5)), configs(),
       st.none() | percents)
def test_any_form_scores_within_bounds(form: tuple[list[Item], dict[str, Response]],
                                       standard: dict[str, int], config: ScoringConfig,
                                       performance: float | None) -> None:
    items, responses = form
    result = score_candidate(items, responses, standard, config, performance)
    for c in result.competencies:
        assert 0 <= c.percent <= 100 and 1 <= c.level <= 5
    for s in result.scales:
        assert s.percent is None or 0 <= s.percent <= 100
    assert result.potential is None or 0 <= result.potential <= 100
    assert (result.nine_box is None) == (result.potential is None or performance is None)
    assert (result.jpm is None) == (result.jpm_band is None)
