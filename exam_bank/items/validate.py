"""The rules every item obeys, whatever file it came from."""

from __future__ import annotations

import re

from exam_bank.competencies import DEFAULT_CATALOG, LEVELS, CompetencyCatalog
from exam_bank.items.kinds import kind_of
from exam_bank.items.limits import text_problems
from exam_bank.items.media import media_text_problems
from exam_bank.items.model import ID_PATTERN as ID_PATTERN
from exam_bank.items.model import Item

# The parts of an item only some types have, in the order they are checked.
_PARTS = (("options", "options"), ("likert", "likert scale"), ("makalah", "makalah prompt"))


def is_iso_date(text: str) -> bool:
    """A calendar date written YYYY-MM-DD (the bank's form for review dates)."""
    from datetime import date

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def competency_problem(competency: str, catalog: CompetencyCatalog) -> str | None:
    """Why `competency` is not one of the bank's, with the one probably meant."""
    if competency in catalog:
        return None
    closest = catalog.closest(competency)
    guess = f"; did you mean {closest!r}?" if closest else ""
    return (f"unknown competency {competency!r}{guess} "
            f"(known: {', '.join(catalog.keys())}; add new ones in bank.toml)")


def level_problem(level: int) -> str | None:
    return None if level in LEVELS else f"target level must be 1-5, not {level}"


def check_item(item: Item, catalog: CompetencyCatalog = DEFAULT_CATALOG) -> list[tuple[str, str]]:
    """Everything wrong with one item, as (field, message) pairs; empty when valid."""
    found: list[tuple[str, str]] = []

    def bad(field_name: str, message: str) -> None:
        found.append((field_name, message))

    if not ID_PATTERN.match(item.id):
        bad("id", f"item id {item.id!r} must be 1-64 letters, digits, '_', '.' or '-'")
    if not item.stem.strip() and kind_of(item.type).stem_required:
        bad("stem", "the question text is empty")
    if problem := competency_problem(item.competency, catalog):
        bad("competency", problem)
    if problem := level_problem(item.level):
        bad("level", problem)
    if item.reviewed_on and not is_iso_date(item.reviewed_on):
        bad("reviewed_on", f"review date {item.reviewed_on!r} is not a date YYYY-MM-DD")

    kind = kind_of(item.type)
    for part, noun in _PARTS:
        if part == kind.part:
            kind.check(item, bad)
        elif getattr(item, part):
            bad(part, f"a {item.type} item has no {noun}")
    for field_name, message in text_problems(item):
        bad(field_name, message)
    for field_name, message in media_text_problems(item):
        bad(field_name, message)
    return found

