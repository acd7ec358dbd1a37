"""A test's design: the exam, its sections and the rules that pick each section's items.

A section's `SelectRule`s are either a fixed list of items (always on every form) or
filters plus a `count` (that many items drawn per candidate from the approved items that
match). How the rules share the bank is decided in `exam_bank.blueprint.forms`.

`blueprint_to_dict` writes the same shape as the TOML file (`exam`, `section`,
`section.select`, `scoring`), so `exam_bank.blueprint.read.blueprint_from_dict` can
validate it with the very same rules as `read_blueprint`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Literal

from exam_bank.examzone import DEFAULT_ZONE
from exam_bank.items.model import Item, ItemType

SectionKind = Literal["items", "makalah"]
Navigation = Literal["free", "forward_only"]
SECTION_KINDS: tuple[SectionKind, ...] = ("items", "makalah")
NAVIGATIONS: tuple[Navigation, ...] = ("free", "forward_only")
TIME_LIMIT_RANGE = range(1, 481)  # minutes; 8 hours is more than any real session
ACCOMMODATION_RANGE = range(1, 241)  # minutes; as much as one proctor extension may give


@dataclass(frozen=True)
class ExamInfo:
    id: str
    title: str
    agency: str = ""
    # Extra time that comes with a reasonable accommodation (read-aloud), for the open
    # section; None: the proctor gives none unless they type it.
    accommodation_extra_minutes: int | None = None
    # The IANA zone every document of the exam tells time in (`exam_bank.examzone`).
    timezone: str = DEFAULT_ZONE


@dataclass(frozen=True)
class SelectRule:
    """One `[[section.select]]`: a fixed `items` list, or filters and a `count`.

    Filters left empty match anything. An item matches `levels` when its level is one
    of them, and `tags` when it carries every tag listed.
    """

    count: int
    type: ItemType | None = None
    competency: str | None = None
    levels: tuple[int, ...] = ()
    topic: str | None = None
    tags: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    @property
    def is_fixed(self) -> bool:
        return bool(self.items)

    def matches(self, item: Item) -> bool:
        """Whether `item` passes this rule's filters (review status and kind not included)."""
        return (
            (self.type is None or item.type == self.type)
            and (self.competency is None or item.competency == self.competency)
            and (not self.levels or item.level in self.levels)
            and (self.topic is None or item.topic == self.topic)
            and all(tag in item.tags for tag in self.tags)
        )

    @staticmethod
    def fixed(item_ids: tuple[str, ...] | list[str]) -> SelectRule:
        return SelectRule(count=len(item_ids), items=tuple(item_ids))


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    kind: SectionKind
    time_limit_min: int
    navigation: Navigation = "free"
    shuffle_items: bool = False
    shuffle_options: bool = False
    rules: tuple[SelectRule, ...] = ()

    def accepts(self, item: Item) -> bool:
        """Whether the item is of this section's kind: makalah only in makalah sections."""
        return (item.type == ItemType.MAKALAH) == (self.kind == "makalah")


@dataclass(frozen=True)
class Blueprint:
    exam: ExamInfo
    sections: tuple[SectionSpec, ...]
    # Parsed by the scoring module; kept raw here so the two can evolve separately.
    scoring: dict[str, Any] = field(default_factory=dict)

    def section(self, section_id: str) -> SectionSpec:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


def rule_to_dict(rule: SelectRule) -> dict[str, Any]:
    if rule.is_fixed:
        return {"items": list(rule.items)}
    d: dict[str, Any] = {}
    if rule.type is not None:
        d["type"] = str(rule.type)
    if rule.competency is not None:
        d["competency"] = rule.competency
    if rule.levels:
        d["levels"] = list(rule.levels)
    if rule.topic is not None:
        d["topic"] = rule.topic
    if rule.tags:
        d["tags"] = list(rule.tags)
    d["count"] = rule.count
    return d


def blueprint_to_dict(blueprint: Blueprint) -> dict[str, Any]:
    """The blueprint as JSON-able data in the TOML file's shape, every field written out."""
    e = blueprint.exam
    return {
        # The optional key only when set: packages made before it keep their digest.
        "exam": {"id": e.id, "title": e.title, "agency": e.agency, **(
            {"accommodation_extra_minutes": e.accommodation_extra_minutes}
            if e.accommodation_extra_minutes is not None else {}),
            **({"timezone": e.timezone} if e.timezone != DEFAULT_ZONE else {})},
        "section": [
            {
                "id": s.id,
                "title": s.title,
                "kind": s.kind,
                "time_limit_min": s.time_limit_min,
                "navigation": s.navigation,
                "shuffle_items": s.shuffle_items,
                "shuffle_options": s.shuffle_options,
                "select": [rule_to_dict(r) for r in s.rules],
            }
            for s in blueprint.sections
        ],
        # Deep copy: the caller may mutate the dict (e.g. while signing a package).
        "scoring": copy.deepcopy(blueprint.scoring),
    }

