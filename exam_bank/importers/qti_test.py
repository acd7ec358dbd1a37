"""A package's QTI assessment test read as a blueprint draft (``bank import
--blueprint-draft``): its sections in order, each with the imported items it refers to
as a fixed list, its time limit, navigation and shuffling.

A draft, because QTI says which items but Ujikom's blueprints usually say how many of
what kind: the admin completes it (selection rules, scoring) and validates it. What QTI
leaves out is filled with a stated default and a note in the draft's header.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from exam_bank.importers.qti_rp import qti_attr, qti_name
from exam_bank.items.model import ItemType

DEFAULT_MINUTES = 60  # a section whose test says no time limit
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.\-]+")


@dataclass
class Draft:
    """The blueprint draft (TOML shape) and what the admin must check in it."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def _minutes(el: Element) -> int | None:
    limits = next((c for c in el if qti_name(c) == "timeLimits"), None)
    raw = qti_attr(limits, "maxTime") if limits is not None else None
    try:
        seconds = float(raw) if raw is not None else 0.0
    except ValueError:
        return None
    return max(1, math.ceil(seconds / 60)) if seconds > 0 else None


def _clean_id(text: str) -> str:
    # A blueprint id starts with a letter or digit and has at most 64 characters; tools
    # write GUIDs such as "_912121b4-9376-...".
    return _ID_CHARS.sub("-", text).strip("-_.")[:64].rstrip("-_.") or "bagian"


def blueprint_draft(test: Element, item_of: Callable[[str], tuple[str, ItemType] | None],
                    ) -> Draft:
    """The draft for `test` (an assessmentTest element). `item_of` gives, for an
    ``assessmentItemRef``'s href, the imported item's id and type, or None when the item
    was not imported (skipped)."""
    notes: list[str] = []
    sections: list[dict[str, Any]] = []
    for part in (c for c in test if qti_name(c) == "testPart"):
        linear = (qti_attr(part, "navigationMode", "linear") or "linear") == "linear"
        tops = [c for c in part if qti_name(c) == "assessmentSection"]
        part_minutes = _minutes(part) or _minutes(test)
        for top in tops:
            minutes = _minutes(top) or (part_minutes if len(tops) == 1 else None)
            if minutes is None:
                minutes = DEFAULT_MINUTES
                notes.append(f"section {top.get('identifier')!r}: no time limit in the test; "
                             f"{DEFAULT_MINUTES} minutes assumed")
            shuffle = any(qti_attr(o, "shuffle") == "true"
                          for o in top.iter() if qti_name(o) == "ordering")
            refs = [r for r in top.iter() if qti_name(r) == "assessmentItemRef"]
            found = [(r, item_of(r.get("href", ""))) for r in refs]
            for ref, hit in found:
                if hit is None:
                    notes.append(f"item {ref.get('identifier')!r} ({ref.get('href')}) was "
                                 "not imported; left out")
            items = [hit for _, hit in found if hit is not None]
            sections += _sections(top, items, minutes, linear, shuffle)
    exam_id = _clean_id(test.get("identifier", "ujian"))
    data = {"exam": {"id": exam_id, "title": test.get("title") or exam_id, "agency": ""},
            "section": sections}
    return Draft(data, notes)


def _sections(top: Element, items: list[tuple[str, ItemType]], minutes: int, linear: bool,
              shuffle: bool) -> list[dict[str, Any]]:
    """One Ujikom section per kind present: makalah items have sections of their own."""
    ident = _clean_id(top.get("identifier", "bagian"))
    title = top.get("title") or ident
    out = []
    for kind, wanted in (("items", False), ("makalah", True)):
        ids = [i for i, t in items if (t == ItemType.MAKALAH) == wanted]
        if not ids:
            continue
        both = any((t == ItemType.MAKALAH) != wanted for _, t in items)
        out.append({"id": f"{ident}-{kind}" if both else ident, "title": title, "kind": kind,
                    "time_limit_min": minutes,
                    "navigation": "forward_only" if linear else "free",
                    "shuffle_items": shuffle, "shuffle_options": False,
                    "select": [{"items": ids}]})
    return out


def draft_toml(draft: Draft, source: str) -> bytes:
    """The draft as a blueprint TOML file, its notes as comments at the top."""
    import tomli_w

    head = [f"# Blueprint draft from the QTI assessment test in {source}.",
            "# Each section lists the test's items as written; replace a list with selection",
            "# rules (type, competency, levels, count) where candidates should draw items,",
            "# add [scoring], then run `ujikom bank validate`."]
    head += [f"# NOTE: {n}" for n in draft.notes]
    return ("\n".join(head) + "\n\n" + tomli_w.dumps(draft.data)).encode()
