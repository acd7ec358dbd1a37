"""The rules every item obeys, whatever file it came from."""

from __future__ import annotations

import re

from exam_bank.competencies import DEFAULT_CATALOG, LEVELS, CompetencyCatalog
from exam_bank.items.limits import text_problems
from exam_bank.items.model import CHOICE_TYPES, Item, ItemType, MrScoring

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


def check_item(item: Item, catalog: CompetencyCatalog = DEFAULT_CATALOG) -> list[tuple[str, str]]:
    """Everything wrong with one item, as (field, message) pairs; empty when valid."""
    found: list[tuple[str, str]] = []

    def bad(field_name: str, message: str) -> None:
        found.append((field_name, message))

    if not ID_PATTERN.match(item.id):
        bad("id", f"item id {item.id!r} must be 1-64 letters, digits, '_', '.' or '-'")
    if not item.stem.strip() and item.type != ItemType.MAKALAH:
        bad("stem", "the question text is empty")
    if item.competency not in catalog:
        bad("competency", f"unknown competency {item.competency!r} "
            f"(known: {', '.join(catalog.keys())}; add new ones in bank.toml)")
    if item.level not in LEVELS:
        bad("level", f"target level must be 1-5, not {item.level}")

    if item.type in CHOICE_TYPES:
        _check_choices(item, bad)
    elif item.options:
        bad("options", f"a {item.type} item has no options")

    if item.type == ItemType.LIKERT:
        if item.likert is None:
            bad("likert", "a likert item needs its scale")
        elif not item.likert.scale:
            bad("likert.scale", "the scale name is empty")
        elif not 2 <= item.likert.points <= 11:
            bad("likert.points", f"a likert scale has 2-11 points, not {item.likert.points}")
        elif item.likert.labels and len(item.likert.labels) != item.likert.points:
            bad("likert.labels", f"{len(item.likert.labels)} labels for "
                f"{item.likert.points} points")
    elif item.likert is not None:
        bad("likert", f"a {item.type} item has no likert scale")

    if item.type == ItemType.MAKALAH:
        m = item.makalah
        if m is None:
            bad("makalah", "a makalah item needs its case material and instructions")
        else:
            if not m.instructions.strip():
                bad("makalah.instructions", "the instructions are empty")
            if not 1 <= m.time_limit_min <= 480:
                bad("makalah.time_limit_min", "time limit must be 1-480 minutes")
            if m.word_min < 0 or (m.word_max and m.word_max < m.word_min):
                bad("makalah.word_max", f"word range {m.word_min}-{m.word_max} is empty")
            ids = [c.id for c in m.rubric]
            if len(ids) != len(set(ids)):
                bad("makalah.rubric", "rubric criteria ids repeat")
            for c in m.rubric:
                if c.max_score <= 0 or c.weight <= 0:
                    bad("makalah.rubric", f"criterion {c.id!r}: max score and weight must be > 0")
    elif item.makalah is not None:
        bad("makalah", f"a {item.type} item has no makalah prompt")
    for field_name, message in text_problems(item):
        bad(field_name, message)
    return found


def _check_choices(item: Item, bad) -> None:  # type: ignore[no-untyped-def]
    opts = item.options
    if len(opts) < 2:
        bad("options", "a choice item needs at least two options")
        return
    ids = [o.id for o in opts]
    if len(ids) != len(set(ids)):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        bad("options", f"option ids repeat: {', '.join(repeated)}")
    for o in opts:
        if not ID_PATTERN.match(o.id):
            bad("options", f"option id {o.id!r} is not a valid id")
        if not o.text.strip():
            bad("options", f"option {o.id!r} has no text")
    correct = [o for o in opts if o.correct]
    if item.type == ItemType.MC:
        if max(o.weight for o in opts) <= 0:
            bad("options", "no option earns points: mark the key or give weights")
        if len(correct) > 1:
            bad("options", "single-answer item has more than one keyed option")
    elif item.type == ItemType.MR:
        if not correct:
            bad("options", "multiple-response item has no keyed option")
        if item.mr_scoring == MrScoring.ALL_OR_NOTHING and item.points <= 0:
            bad("points", "points must be > 0")
        if item.mr_scoring == MrScoring.PARTIAL and max(o.weight for o in opts) <= 0:
            bad("options", "partial scoring needs positive option weights")
    elif item.type == ItemType.SJT:
        if any(o.weight < 0 for o in opts):
            bad("options", "situational-judgement weights cannot be negative")
        if len({o.weight for o in opts}) < 2:
            bad("options", "situational-judgement options need different weights")
