"""Makalah revisions as small splices, so a 4-hour paper's history stays small.

Typing changes one place at a time, so the difference between two saved revisions is
almost always one splice: at position `at`, delete `del` characters and insert `ins`.
Every `CHECKPOINT_EVERY`-th revision (or on request) stores the whole text instead, so
a reader can rebuild any revision starting from the nearest checkpoint before it.
Positions count Unicode code points (Python `str` indices), not UTF-16 units.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from exam_bank.events.model import Event, EventType, text_hash

CHECKPOINT_EVERY = 200


def splice(old: str, new: str) -> dict[str, Any]:
    """The single splice turning `old` into `new`: common prefix and suffix kept."""
    start = _common_prefix(old, new)
    end = _common_prefix(old[start:][::-1], new[start:][::-1])  # suffix, past the prefix
    return {"at": start, "del": len(old) - start - end, "ins": new[start:len(new) - end]}


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slice comparisons: a paper is saved
    thousands of times, and comparing slices runs at C speed, character loops do not."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def apply_splice(text: str, patch: Mapping[str, Any]) -> str:
    """`text` with `patch` applied; ValueError if the splice does not fit the text."""
    at, length = patch["at"], patch["del"]
    if at + length > len(text):
        raise ValueError(f"splice at {at} deleting {length} runs past the end of a "
                         f"text of {len(text)} characters")
    inserted: str = patch["ins"]
    return text[:at] + inserted + text[at + length:]


def revision_data(item_id: str, rev: int, old: str, new: str,
                  checkpoint: bool | None = None) -> dict[str, Any]:
    """The data of a makalah_revision event; a full checkpoint every CHECKPOINT_EVERY
    revisions unless `checkpoint` says otherwise (a splice is never larger than the text)."""
    if checkpoint is None:
        checkpoint = rev % CHECKPOINT_EVERY == 1  # the first revision, then every Nth
    body: dict[str, Any] = {"full": new} if checkpoint else splice(old, new)
    return {"item": item_id, "rev": rev, "text_hash": text_hash(new), **body}


def rebuild(text: str, data: Mapping[str, Any]) -> str:
    """The text after one revision; ValueError when it does not fit or fails its hash."""
    new = data["full"] if "full" in data else apply_splice(text, data)
    if text_hash(new) != data["text_hash"]:
        raise ValueError(f"revision {data['rev']} rebuilds to a text whose hash differs "
                         "from the one recorded")
    return new


def text_at(events: Iterable[Event], item_id: str, rev: int | None = None) -> str:
    """The makalah text of `item_id` at revision `rev` (latest if None), read from the
    last checkpoint at or before it, so a reader need not replay the whole paper."""
    revisions = [e.data for e in events
                 if e.type == EventType.MAKALAH_REVISION and e.data["item"] == item_id
                 and (rev is None or e.data["rev"] <= rev)]
    start = max((n for n, d in enumerate(revisions) if "full" in d), default=0)
    text = ""
    for data in revisions[start:]:
        text = rebuild(text, data)
    return text
