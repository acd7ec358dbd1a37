"""Each candidate's form: which items, in what order, with what option order.

Drawing. A form never repeats an item. Fixed lists are placed first (an item listed in
a fixed list is never drawn by a filter rule). Then the filter rules are filled in
blueprint order (section by section, rule by rule): each rule takes its top-ranked
eligible items that are still free. Only when that falls short does a rule take an item
from an earlier rule, which is then given a replacement from its own eligible items (an
augmenting path, as in bipartite matching). So a blueprint fails only when no form at all
could satisfy it, whatever the seed; `check_blueprint` runs the very same procedure and so
agrees with `assemble_form` for every seed.

Randomness. Every draw and shuffle sorts by SHA-256 of (purpose, seed, participant,
position, id), so a form depends only on those strings: not on Python's `random`, nor on
the order of the bank's dict.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from exam_bank.blueprint.model import Blueprint, SectionSpec, SelectRule
from exam_bank.ids import ParticipantNo
from exam_bank.items.kinds import kind_of
from exam_bank.items.model import Item, ItemType, ReviewStatus
from exam_bank.problems import InputError, Problem


@dataclass(frozen=True)
class FormSection:
    section_id: str
    item_ids: tuple[str, ...]
    # Choice items (mc, mr, sjt) only: the option ids in the order shown. Likert points
    # keep their scale order and makalah has no options, so neither appears here.
    option_orders: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Form:
    participant_no: ParticipantNo
    seed: str
    sections: tuple[FormSection, ...]

    def section(self, section_id: str) -> FormSection:
        for s in self.sections:
            if s.section_id == section_id:
                return s
        raise KeyError(section_id)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i for s in self.sections for i in s.item_ids)


def form_seed(exam_seed: str, participant_no: ParticipantNo) -> str:
    """A candidate's own seed, derived from the exam's seed (HMAC-SHA256, hex)."""
    return hmac.new(exam_seed.encode("utf-8"), participant_no.encode("utf-8"),
                    hashlib.sha256).hexdigest()


def check_blueprint(blueprint: Blueprint, items: Mapping[str, Item],
                    where: str | None = None) -> list[Problem]:
    """Every reason the bank cannot fill the blueprint; empty when every form can be drawn."""
    # Any ranking gives the same verdict (see the module doc); bank-id order reads best.
    _, problems = _draw(blueprint, items, lambda _rule, item_id: _id_order(item_id),
                        where or f"blueprint {blueprint.exam.id}")
    return problems


def draw_rules(blueprint: Blueprint, items: Mapping[str, Item], participant_no: ParticipantNo,
               seed: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The items each rule drew, per section id and rule; fixed lists keep their order,
    drawn items come in bank-id order. Raises InputError if the bank falls short."""

    rankers: dict[int, Callable[[str], bytes]] = {}

    def rank(ref: _RuleRef, item_id: str) -> tuple[bytes, str]:
        if ref.index not in rankers:
            rankers[ref.index] = _ranker("draw", seed, participant_no, ref.section.id,
                                         str(ref.r_index + 1))
        return rankers[ref.index](item_id), item_id  # the id only breaks (absent) ties

    drawn, problems = _draw(blueprint, items, rank, f"blueprint {blueprint.exam.id}")
    if problems:
        raise InputError(problems)
    return drawn


def assemble_form(blueprint: Blueprint, items: Mapping[str, Item], participant_no: ParticipantNo,
                  seed: str) -> Form:
    """The candidate's form; the same arguments always give the same form."""
    drawn = draw_rules(blueprint, items, participant_no, seed)
    sections = []
    for section in blueprint.sections:
        ids = [item_id for chosen in drawn[section.id] for item_id in chosen]
        if section.shuffle_items:
            by_order = _ranker("order", seed, participant_no, section.id)
            ids.sort(key=lambda i: (by_order(i), i))
        orders: dict[str, tuple[str, ...]] = {}
        for item_id in ids:
            item = items[item_id]
            if kind_of(item.type).part != "options":
                continue
            option_ids = [str(o.id) for o in item.options]
            if section.shuffle_options:
                by_option = _ranker("options", seed, participant_no, item_id)
                option_ids.sort(key=lambda o: (by_option(o), o))
            orders[item_id] = tuple(option_ids)
        sections.append(FormSection(section.id, tuple(ids), orders))
    return Form(participant_no, seed, tuple(sections))


def form_to_dict(form: Form) -> dict[str, Any]:
    return {
        "participant_no": form.participant_no,
        "seed": form.seed,
        "sections": [
            {
                "section_id": s.section_id,
                "item_ids": list(s.item_ids),
                "option_orders": {k: list(v) for k, v in s.option_orders.items()},
            }
            for s in form.sections
        ],
    }


def form_from_dict(data: Any, where: str = "form") -> Form:
    """A form from `form_to_dict`'s shape; raises InputError if the shape is wrong."""

    def bad(message: str) -> InputError:
        return InputError([Problem(where, message)])

    def strings(value: Any, what: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(f"{what} must be a list of strings")
        return tuple(value)

    if not isinstance(data, dict):
        raise bad("a form must be an object")
    participant, seed, raw_sections = (data.get(k) for k in
                                       ("participant_no", "seed", "sections"))
    if not isinstance(participant, str) or not isinstance(seed, str):
        raise bad("participant_no and seed must be strings")
    if not isinstance(raw_sections, list):
        raise bad("sections must be a list")
    sections = []
    for n, raw in enumerate(raw_sections, 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("section_id"), str):
            raise bad(f"section {n} must be an object with a section_id")
        sid = raw["section_id"]
        orders = raw.get("option_orders", {})
        if not isinstance(orders, dict):
            raise bad(f"section {sid!r}: option_orders must be an object")
        sections.append(FormSection(
            sid,
            strings(raw.get("item_ids"), f"section {sid!r}: item_ids"),
            {str(k): strings(v, f"section {sid!r}: option order of {k!r}")
             for k, v in orders.items()},
        ))
    return Form(ParticipantNo(participant), seed, tuple(sections))


# -- drawing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RuleRef:
    index: int  # position among all rules of the blueprint
    section: SectionSpec
    r_index: int
    rule: SelectRule

    @property
    def label(self) -> str:
        return f"section {self.section.id!r}: rule {self.r_index + 1}"

    @property
    def name(self) -> str:
        return f"rule {self.r_index + 1} of section {self.section.id!r}"

    def eligible(self, item: Item) -> bool:
        return (item.review == ReviewStatus.APPROVED and self.section.accepts(item)
                and self.rule.matches(item))


# A sort key for a rule's candidates: the best first. It must order them totally, so
# that the draw never depends on the order of the bank's dict.
Rank = Callable[[_RuleRef, str], Any]


def _draw(blueprint: Blueprint, items: Mapping[str, Item], rank: Rank,
          where: str) -> tuple[dict[str, tuple[tuple[str, ...], ...]], list[Problem]]:
    """The one drawing procedure behind `check_blueprint` and `assemble_form`."""
    problems: list[Problem] = []
    refs: list[_RuleRef] = []
    for section in blueprint.sections:
        for r, rule in enumerate(section.rules):
            refs.append(_RuleRef(len(refs), section, r, rule))
    owner: dict[str, int] = {}  # item id -> the rule (ref index) it is on the form for
    taken: list[list[str]] = [[] for _ in refs]

    for ref in refs:
        if ref.rule.is_fixed:
            for item_id in ref.rule.items:
                message = _fixed_item_problem(ref, item_id, items.get(item_id), owner, refs)
                if message:
                    problems.append(Problem(where, f"{ref.label}: {message}"))
                else:
                    owner[item_id] = ref.index
                    taken[ref.index].append(item_id)
    fixed = set(owner)

    # Each filter rule's eligible items, best-ranked first; fixed items are off limits.
    pools: dict[int, list[str]] = {}
    in_fixed: dict[int, int] = {}
    for ref in refs:
        if ref.rule.is_fixed:
            continue
        matching = [i for i, item in items.items() if ref.eligible(item)]
        pools[ref.index] = sorted((i for i in matching if i not in fixed),
                                  key=functools.partial(rank, ref))
        in_fixed[ref.index] = len(matching) - len(pools[ref.index])

    def augment(k: int, seen_rules: set[int], seen_items: set[str]) -> bool:
        """Gives rule k one more item, moving items between rules if need be."""
        seen_rules.add(k)
        for item_id in pools[k]:
            holder = owner.get(item_id)
            if holder == k or item_id in seen_items:
                continue
            seen_items.add(item_id)
            if holder is None or (holder not in seen_rules
                                  and augment(holder, seen_rules, seen_items)):
                if holder is not None:
                    taken[holder].remove(item_id)
                owner[item_id] = k
                taken[k].append(item_id)
                return True
        return False

    for ref in refs:
        k = ref.index
        if ref.rule.is_fixed:
            continue
        for item_id in pools[k]:  # the usual case: enough free items of its own
            if len(taken[k]) == ref.rule.count:
                break
            if item_id not in owner:
                owner[item_id] = k
                taken[k].append(item_id)
        while len(taken[k]) < ref.rule.count:
            seen_rules: set[int] = set()
            if not augment(k, seen_rules, set()):
                problems.append(Problem(where, _shortfall(ref, refs, pools, in_fixed,
                                                          len(taken[k]), seen_rules)))
                break

    drawn: dict[str, tuple[tuple[str, ...], ...]] = {}
    for section in blueprint.sections:
        chosen = []
        for ref in refs:
            if ref.section is section:
                ids = taken[ref.index]
                chosen.append(tuple(ids if ref.rule.is_fixed else sorted(ids, key=_id_order)))
        drawn[section.id] = tuple(chosen)
    return drawn, problems


def _fixed_item_problem(ref: _RuleRef, item_id: str, item: Item | None,
                        owner: dict[str, int], refs: list[_RuleRef]) -> str | None:
    if item is None:
        return f"item {item_id!r} is not in the bank"
    if item.review != ReviewStatus.APPROVED:
        return f"item {item_id!r} is {item.review}, and only approved items go on a form"
    if ref.section.kind == "makalah" and item.type != ItemType.MAKALAH:
        return f"item {item_id!r} is {item.type}, but a makalah section takes only makalah items"
    if ref.section.kind != "makalah" and item.type == ItemType.MAKALAH:
        return f"item {item_id!r} is a makalah; list it in a section with kind = \"makalah\""
    if item_id in owner:
        return (f"item {item_id!r} is already listed in {refs[owner[item_id]].name}; "
                "an item appears at most once on a form")
    return None


def _shortfall(ref: _RuleRef, refs: list[_RuleRef], pools: dict[int, list[str]],
               in_fixed: dict[int, int], got: int, seen_rules: set[int]) -> str:
    need = ref.rule.count
    pool = len(pools[ref.index])
    what = _describe(ref)
    if pool < need:
        also = (f"; {in_fixed[ref.index]} more match but are in fixed lists"
                if in_fixed[ref.index] else "")
        return (f"{ref.label}: needs {need} items but only {pool} eligible "
                f"({what}){also}")
    # The rules the search reached share too few items between them (Hall's condition):
    # every item any of them could take is already taken by one of them.
    group = sorted(seen_rules)
    together = sum(refs[k].rule.count for k in group)
    union = len({i for k in group for i in pools[k]})
    others = ", ".join(refs[k].name for k in group if k != ref.index)
    return (f"{ref.label}: needs {need} items and {pool} are eligible ({what}), but only "
            f"{got} can be drawn without repeating an item: with {others} it needs "
            f"{together} different items and only {union} eligible items match any of them")


def _describe(ref: _RuleRef) -> str:
    rule = ref.rule
    if rule.type is not None:
        what = f"approved {rule.type} items"
    elif ref.section.kind == "makalah":
        what = "approved makalah items"
    else:
        what = "approved items of any type but makalah"
    conditions = []
    if rule.competency is not None:
        conditions.append(f"competency {rule.competency!r}")
    if rule.levels:
        levels = [str(x) for x in rule.levels]
        text = levels[0] if len(levels) == 1 else ", ".join(levels[:-1]) + " or " + levels[-1]
        conditions.append(f"level {text}")
    if rule.topic is not None:
        conditions.append(f"topic {rule.topic!r}")
    if rule.tags:
        conditions.append("tags " + " and ".join(repr(t) for t in rule.tags)
                          if len(rule.tags) > 1 else f"tag {rule.tags[0]!r}")
    return what + (" with " + ", ".join(conditions) if conditions else "")


def _ranker(*prefix: str) -> Callable[[str], bytes]:
    """`last -> SHA-256(prefix..., last)`, each part length-prefixed so that no two part
    lists hash alike; the shared prefix is hashed once."""
    base = hashlib.sha256()
    for part in prefix:
        _feed(base, part)

    def rank(last: str) -> bytes:
        h = base.copy()
        _feed(h, last)
        return h.digest()

    return rank


def _feed(h: Any, part: str) -> None:
    data = part.encode("utf-8")
    h.update(len(data).to_bytes(8, "big"))
    h.update(data)


_DIGITS = re.compile(r"([0-9]+)")


def _id_order(item_id: str) -> tuple[tuple[str | int, ...], str]:
    """Bank-id order, numbers compared as numbers: Q-2 before Q-10."""
    parts = _DIGITS.split(item_id)
    # split() alternates text and digits, starting with text, so types line up by position.
    natural = tuple(int(p) if n % 2 else p for n, p in enumerate(parts))
    return natural, item_id
