"""Checking a blueprint against a bank, and drawing each candidate's form from it."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from collections import Counter
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_bank.blueprint.forms import (
    Form,
    FormSection,
    assemble_form,
    check_blueprint,
    draw_rules,
    form_from_dict,
    form_seed,
    form_to_dict,
)
from exam_bank.blueprint.model import Blueprint, ExamInfo, SectionSpec, SelectRule
from exam_bank.items.model import (
    CHOICE_TYPES,
    Item,
    ItemId,
    ItemType,
    LikertSpec,
    MakalahSpec,
    Option,
    OptionId,
    ReviewStatus,
)
from exam_bank.problems import InputError

APPROVED = ReviewStatus.APPROVED


def make_item(item_id: str, type: ItemType = ItemType.SJT, *, competency: str = "integritas",
              level: int = 3, topic: str = "", tags: tuple[str, ...] = (),
              review: ReviewStatus = APPROVED, n_options: int = 4) -> Item:
    """A valid item of any type; choice items get options A, B, C, ..."""
    options: tuple[Option, ...] = ()
    if type in CHOICE_TYPES:
        options = tuple(Option(OptionId(chr(65 + k)), f"Pilihan {k}", weight=k + 1,
                               correct=k == 0 and type != ItemType.SJT)
                        for k in range(n_options))
    return Item(
        id=ItemId(item_id), type=type, stem="" if type == ItemType.MAKALAH else "Soal",
        competency=competency, level=level, topic=topic, review=review, tags=tags,
        options=options,
        likert=LikertSpec("skala") if type == ItemType.LIKERT else None,
        makalah=MakalahSpec("<p>Kasus</p>", "Tulislah") if type == ItemType.MAKALAH else None,
    )


def bank(*items: Item) -> dict[str, Item]:
    return {i.id: i for i in items}


def section(sid: str, *rules: SelectRule, kind: str = "items", shuffle_items: bool = False,
            shuffle_options: bool = False) -> SectionSpec:
    return SectionSpec(sid, sid.title(), kind, 60, "free", shuffle_items,  # type: ignore[arg-type]
                       shuffle_options, rules)


def blueprint(*sections: SectionSpec) -> Blueprint:
    return Blueprint(ExamInfo("E", "Ujian"), sections)


def sjt(n: int, prefix: str = "Q", **kw: object) -> list[Item]:
    return [make_item(f"{prefix}-{k}", **kw) for k in range(1, n + 1)]  # type: ignore[arg-type]


def messages(bp: Blueprint, items: Mapping[str, Item]) -> list[str]:
    return [str(p) for p in check_blueprint(bp, items)]


# -- the documented example -----------------------------------------------------------------

EXAMPLE = blueprint(
    section("manajerial",
            SelectRule(3, ItemType.SJT, "integritas", (3, 4)),
            SelectRule.fixed(["PB-MC-001", "PB-MC-002"]),
            shuffle_items=True, shuffle_options=True),
    section("makalah", SelectRule(1, ItemType.MAKALAH), kind="makalah"),
)
EXAMPLE_BANK = bank(
    *sjt(4, "INT-3", level=3), *sjt(3, "INT-4", level=4),
    *sjt(3, "INT-2", level=2),                               # wrong level
    *sjt(3, "KS", competency="kerja_sama", level=3),         # wrong competency
    *sjt(3, "DRAFT", review=ReviewStatus.DRAFT),             # not approved
    make_item("PB-MC-001", ItemType.MC, competency="perekat_bangsa"),
    make_item("PB-MC-002", ItemType.MC, competency="perekat_bangsa"),
    make_item("MK-1", ItemType.MAKALAH), make_item("MK-2", ItemType.MAKALAH),
)


def test_example_form() -> None:
    assert check_blueprint(EXAMPLE, EXAMPLE_BANK) == []
    form = assemble_form(EXAMPLE, EXAMPLE_BANK, "P-001", "seed")
    manajerial, makalah = form.sections
    drawn = draw_rules(EXAMPLE, EXAMPLE_BANK, "P-001", "seed")["manajerial"]
    assert drawn[1] == ("PB-MC-001", "PB-MC-002")
    assert all(i.startswith(("INT-3", "INT-4")) for i in drawn[0])
    assert sorted(manajerial.item_ids) == sorted(drawn[0] + drawn[1])
    assert set(manajerial.option_orders) == set(manajerial.item_ids)
    assert makalah.item_ids[0] in {"MK-1", "MK-2"}
    assert makalah.option_orders == {}


def test_golden_form() -> None:
    """Recorded forms are rebuilt from their seed: the drawing must never change."""
    form = assemble_form(EXAMPLE, EXAMPLE_BANK, "P-001", "seed")
    assert form == Form("P-001", "seed", (
        FormSection("manajerial", GOLDEN_ITEMS, GOLDEN_OPTIONS),
        FormSection("makalah", GOLDEN_MAKALAH, {}),
    ))


GOLDEN_ITEMS = ("PB-MC-002", "INT-4-2", "INT-3-2", "PB-MC-001", "INT-4-1")
GOLDEN_OPTIONS = {
    "PB-MC-002": ("D", "C", "B", "A"),
    "INT-4-2": ("A", "C", "B", "D"),
    "INT-3-2": ("D", "A", "C", "B"),
    "PB-MC-001": ("C", "A", "D", "B"),
    "INT-4-1": ("A", "D", "B", "C"),
}
GOLDEN_MAKALAH = ("MK-1",)


# -- order ---------------------------------------------------------------------------------


def test_without_shuffle_rule_order_then_bank_id_order() -> None:
    items = bank(*sjt(12), make_item("Z-2", ItemType.MC), make_item("A-1", ItemType.MC))
    bp = blueprint(section("s", SelectRule(12, ItemType.SJT), SelectRule.fixed(["Z-2", "A-1"])))
    form = assemble_form(bp, items, "P-1", "x")
    # Numbers in ids compare as numbers; a fixed list keeps the order it was written in.
    assert form.sections[0].item_ids == (*(f"Q-{k}" for k in range(1, 13)), "Z-2", "A-1")
    assert all(order == ("A", "B", "C", "D") for order in form.sections[0].option_orders.values())


def test_likert_points_and_makalah_are_never_shuffled() -> None:
    items = bank(*sjt(5, "L", type=ItemType.LIKERT), *sjt(5, "C"))
    bp = blueprint(section("s", SelectRule(5, ItemType.LIKERT), SelectRule(5, ItemType.SJT),
                           shuffle_items=True, shuffle_options=True))
    for n in range(50):
        orders = assemble_form(bp, items, "P", f"seed-{n}").sections[0].option_orders
        assert set(orders) == {f"C-{k}" for k in range(1, 6)}


def test_independent_of_bank_dict_order() -> None:
    reversed_bank = dict(reversed(list(EXAMPLE_BANK.items())))
    for n in range(20):
        assert (assemble_form(EXAMPLE, EXAMPLE_BANK, "P-7", f"s{n}")
                == assemble_form(EXAMPLE, reversed_bank, "P-7", f"s{n}"))


def test_orders_vary_between_seeds() -> None:
    items = bank(*sjt(20))
    bp = blueprint(section("s", SelectRule(20), shuffle_items=True, shuffle_options=True))
    forms = [assemble_form(bp, items, "P-1", f"seed-{n}") for n in range(200)]
    assert len({f.sections[0].item_ids for f in forms}) == 200
    assert len({f.sections[0].option_orders["Q-1"] for f in forms}) == 24  # all 4! orders
    # The participant counts too, not only the seed.
    other = assemble_form(bp, items, "P-2", "seed-0")
    assert other.sections[0].item_ids != forms[0].sections[0].item_ids


def test_each_item_comes_first_about_equally_often() -> None:
    items = bank(*sjt(10))
    bp = blueprint(section("s", SelectRule(10), shuffle_items=True))
    first = Counter(assemble_form(bp, items, "P", f"seed-{n}").sections[0].item_ids[0]
                    for n in range(2000))
    # 200 expected each; the seeds are fixed, so this cannot flake, and 100-300 is ~7 sd wide.
    assert set(first) == set(items)
    assert all(100 <= c <= 300 for c in first.values()), first


def test_each_item_is_drawn_about_equally_often() -> None:
    items = bank(*sjt(10))
    bp = blueprint(section("s", SelectRule(2)))
    drawn = Counter(i for n in range(2000)
                    for i in assemble_form(bp, items, "P", f"seed-{n}").sections[0].item_ids)
    assert set(drawn) == set(items)
    assert all(250 <= c <= 550 for c in drawn.values()), drawn  # 400 expected each


# -- checking against the bank --------------------------------------------------------------


def test_too_few_eligible_items() -> None:
    items = bank(*sjt(2), *sjt(3, "D", review=ReviewStatus.REVIEWED),
                 *sjt(3, "K", competency="kerja_sama"))
    bp = blueprint(section("manajerial", SelectRule(3, ItemType.SJT, "integritas", (3, 4))))
    expected = [
        "blueprint E: section 'manajerial': rule 1: needs 3 items but only 2 eligible "
        "(approved sjt items with competency 'integritas', level 3 or 4)"]
    assert messages(bp, items) == expected
    with pytest.raises(InputError) as info:
        assemble_form(bp, items, "P", "s")
    assert [str(p) for p in info.value.problems] == expected


def test_fixed_items_are_not_drawn_again() -> None:
    items = bank(*sjt(3))
    bp = blueprint(section("s", SelectRule.fixed(["Q-1"]), SelectRule(3, topic="")))
    assert messages(bp, items) == [
        "blueprint E: section 's': rule 2: needs 3 items but only 2 eligible "
        "(approved items of any type but makalah with topic ''); "
        "1 more match but are in fixed lists"]


def test_bad_fixed_items() -> None:
    items = bank(make_item("OK"), make_item("DRAFT", review=ReviewStatus.DRAFT),
                 make_item("MK", ItemType.MAKALAH), make_item("MK2", ItemType.MAKALAH))
    bp = blueprint(
        section("s", SelectRule.fixed(["OK", "GONE", "DRAFT", "MK"])),
        section("m", SelectRule.fixed(["MK2", "OK"]), kind="makalah"),
        section("t", SelectRule.fixed(["OK"])),
    )
    assert messages(bp, items) == [
        "blueprint E: section 's': rule 1: item 'GONE' is not in the bank",
        "blueprint E: section 's': rule 1: item 'DRAFT' is draft, and only approved items "
        "go on a form",
        "blueprint E: section 's': rule 1: item 'MK' is a makalah; list it in a section with "
        "kind = \"makalah\"",
        "blueprint E: section 'm': rule 1: item 'OK' is sjt, but a makalah section takes only "
        "makalah items",
        "blueprint E: section 't': rule 1: item 'OK' is already listed in rule 1 of section "
        "'s'; an item appears at most once on a form",
    ]


def test_overlapping_rules_that_cannot_share() -> None:
    items = bank(*sjt(2, "I"), *sjt(2, "K", competency="kerja_sama"))
    bp = blueprint(section("a", SelectRule(3, ItemType.SJT)),
                   section("b", SelectRule(2, competency="integritas")))
    assert messages(bp, items) == [
        "blueprint E: section 'b': rule 1: needs 2 items and 2 are eligible (approved items "
        "of any type but makalah with competency 'integritas'), but only 1 can be drawn "
        "without repeating an item: with rule 1 of section 'a' it needs 5 different items "
        "and only 4 eligible items match any of them"]


def test_overlapping_rules_are_resolved_whatever_the_seed() -> None:
    # A broad rule before a narrow one: drawing greedily would sometimes take the narrow
    # rule's only items; the broad rule must then give them up for others.
    items = bank(*sjt(2, "I"), *sjt(2, "K", competency="kerja_sama"))
    bp = blueprint(section("s", SelectRule(2, ItemType.SJT),
                           SelectRule(2, competency="integritas")))
    assert check_blueprint(bp, items) == []
    for n in range(100):
        broad, narrow = draw_rules(bp, items, "P", f"seed-{n}")["s"]
        assert (broad, narrow) == (("K-1", "K-2"), ("I-1", "I-2"))


# -- seeds and dicts -------------------------------------------------------------------------


def test_form_seed() -> None:
    seed = form_seed("exam-secret", "P-001")
    assert seed == hmac.new(b"exam-secret", b"P-001", hashlib.sha256).hexdigest()
    assert len(seed) == 64
    assert seed != form_seed("exam-secret", "P-002")
    assert seed != form_seed("other", "P-001")


def test_form_dict_round_trip() -> None:
    form = assemble_form(EXAMPLE, EXAMPLE_BANK, "P-001", form_seed("x", "P-001"))
    assert form_from_dict(form_to_dict(form)) == form


@pytest.mark.parametrize(("data", "message"), [
    ([], "form: a form must be an object"),
    ({"participant_no": 1, "seed": "s", "sections": []},
     "form: participant_no and seed must be strings"),
    ({"participant_no": "p", "seed": "s", "sections": [{"section_id": "a", "item_ids": "x"}]},
     "form: section 'a': item_ids must be a list of strings"),
    ({"participant_no": "p", "seed": "s",
      "sections": [{"section_id": "a", "item_ids": [], "option_orders": {"Q": [1]}}]},
     "form: section 'a': option order of 'Q' must be a list of strings"),
])
def test_form_from_bad_dict(data: object, message: str) -> None:
    with pytest.raises(InputError) as info:
        form_from_dict(data)
    assert [str(p) for p in info.value.problems] == [message]


# -- properties on random small banks --------------------------------------------------------

REVIEWS = [APPROVED, APPROVED, APPROVED, ReviewStatus.DRAFT, ReviewStatus.RETIRED]
COMPETENCIES = ["integritas", "kerja_sama"]
TOPICS = ["a", "b"]
TAGS = ["x", "y"]


def kind_types(kind: str) -> list[ItemType]:
    return [ItemType.MAKALAH] if kind == "makalah" else [
        ItemType.MC, ItemType.MR, ItemType.SJT, ItemType.LIKERT]


@st.composite
def random_item(draw: st.DrawFn, item_id: str, rule: SelectRule | None = None,
                kind: str | None = None, review: ReviewStatus | None = None) -> Item:
    """Any item; given a rule (and its section's kind), one that the rule may draw."""
    types = kind_types(kind) if kind else list(ItemType)
    rule = rule or SelectRule(1)
    return make_item(
        item_id,
        rule.type or draw(st.sampled_from(types)),
        competency=rule.competency or draw(st.sampled_from(COMPETENCIES)),
        level=draw(st.sampled_from(rule.levels or (1, 2, 3, 4, 5))),
        topic=rule.topic or draw(st.sampled_from(TOPICS)),
        tags=tuple(sorted(set(rule.tags) | draw(st.sets(st.sampled_from(TAGS))))),
        review=review or draw(st.sampled_from(REVIEWS)),
        n_options=draw(st.integers(2, 5)),
    )


@st.composite
def cases(draw: st.DrawFn, break_some: bool) -> tuple[Blueprint, dict[str, Item]]:
    """A blueprint and a bank holding enough items for it, plus random others that overlap
    its rules; with `break_some`, some items are then removed or unapproved, so the bank
    may or may not still do."""
    sections = []
    items: list[Item] = []
    for s in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["items", "items", "makalah"]))
        rules = []
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.integers(0, 3)) == 0:
                fixed = []
                for _ in range(draw(st.integers(1, 3))):
                    fixed.append(draw(random_item(f"F-{len(items)}", kind=kind,
                                                  review=APPROVED)))
                    items.append(fixed[-1])
                rules.append(SelectRule.fixed([i.id for i in fixed]))
                continue
            rule = SelectRule(
                count=draw(st.integers(1, 3)),
                type=draw(st.sampled_from([None, *kind_types(kind)])),
                competency=draw(st.sampled_from([None, None, *COMPETENCIES])),
                levels=tuple(sorted(draw(st.sets(st.integers(1, 5), max_size=3)))),
                topic=draw(st.sampled_from([None, None, *TOPICS])),
                tags=tuple(sorted(draw(st.sets(st.sampled_from(TAGS), max_size=1)))),
            )
            rules.append(rule)
            for _ in range(rule.count):
                items.append(draw(random_item(f"R-{len(items)}", rule, kind, APPROVED)))
        sections.append(section(f"S{s}", *rules, kind=kind, shuffle_items=draw(st.booleans()),
                                shuffle_options=draw(st.booleans())))
    for k in range(draw(st.integers(0, 12))):
        items.append(draw(random_item(f"N-{k}")))
    by_id = bank(*items)
    if break_some and by_id:
        for item_id in draw(st.lists(st.sampled_from(sorted(by_id)), max_size=4, unique=True)):
            if draw(st.booleans()):
                del by_id[item_id]
            else:
                by_id[item_id] = dataclasses.replace(by_id[item_id], review=ReviewStatus.DRAFT)
    return blueprint(*sections), by_id


seeds = st.text(max_size=12)
participants = st.text(min_size=1, max_size=8)


@settings(max_examples=300)
@given(cases(break_some=True), seeds, participants)
def test_check_agrees_with_assemble(case: tuple[Blueprint, dict[str, Item]], seed: str,
                                    participant: str) -> None:
    bp, items = case
    problems = check_blueprint(bp, items)
    try:
        assemble_form(bp, items, participant, seed)
    except InputError as exc:
        assert problems and exc.problems == problems
    else:
        assert problems == []


@settings(max_examples=200)
@given(cases(break_some=False), seeds, participants)
def test_forms_follow_the_blueprint(case: tuple[Blueprint, dict[str, Item]], seed: str,
                                    participant: str) -> None:
    bp, items = case
    assert check_blueprint(bp, items) == []

    form = assemble_form(bp, items, participant, seed)
    # Same seed, same form, whatever the order of the bank's dict.
    assert assemble_form(bp, dict(reversed(list(items.items()))), participant, seed) == form
    assert form.participant_no == participant and form.seed == seed
    assert len(set(form.item_ids)) == len(form.item_ids)  # no item twice on a form

    drawn = draw_rules(bp, items, participant, seed)
    for spec, fsec in zip(bp.sections, form.sections, strict=True):
        assert fsec.section_id == spec.id
        picks = drawn[spec.id]
        for rule, chosen in zip(spec.rules, picks, strict=True):
            if rule.is_fixed:
                assert chosen == rule.items
                continue
            assert len(chosen) == len(set(chosen)) == rule.count
            for item_id in chosen:
                item = items[item_id]
                assert item.review == APPROVED and rule.matches(item) and spec.accepts(item)
        in_rule_order = tuple(i for chosen in picks for i in chosen)
        if spec.shuffle_items:
            assert sorted(fsec.item_ids) == sorted(in_rule_order)
        else:
            assert fsec.item_ids == in_rule_order
        choice = [i for i in fsec.item_ids if items[i].type in CHOICE_TYPES]
        assert sorted(fsec.option_orders) == sorted(choice)
        for item_id, order in fsec.option_orders.items():
            original = tuple(o.id for o in items[item_id].options)
            assert sorted(order) == sorted(original)
            if not spec.shuffle_options:
                assert order == original
