"""Recording a review (telaah soal) in the bank: the item's status, who set it and when.

The bank's TOML files are written by people too, so the item's table is edited in place
(its comments and layout kept): the ``review``, ``reviewed_by`` and ``reviewed_on`` keys
among the item's top-level keys are replaced or added. The new text is read back before
it is written: it must give the same bank with only this item's three fields changed, or
nothing is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

from exam_bank.fsutil import atomic_write
from exam_bank.items.bank import Bank, load_bank
from exam_bank.items.limits import MAX_LABEL_CHARS
from exam_bank.items.model import Item, ReviewStatus
from exam_bank.problems import InputError, Problem

_HEADER = re.compile(r"^\s*\[")
_KEY = {key: re.compile(rf"^\s*{key}\s*=") for key in ("review", "reviewed_by", "reviewed_on")}


def record_review(bank: Bank, item_id: str, reviewer: str, status: ReviewStatus,
                  on: date) -> Item:
    """Set `item_id`'s review status, reviewer and day in its file; the updated item."""
    if item_id not in bank.items:
        raise InputError([Problem("ITEM", f"{item_id!r} is not in the bank")])
    reviewer = " ".join(reviewer.split())
    if not reviewer or len(reviewer) > MAX_LABEL_CHARS:
        raise InputError([Problem("--by", "give the reviewer's name (at most "
                                  f"{MAX_LABEL_CHARS} characters)")])
    source = bank.sources[item_id]
    path = bank.root / source.file
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = source.line - 1  # the item's [[item]] line
    end = next((n for n in range(start + 1, len(lines)) if _HEADER.match(lines[n])),
               len(lines))
    values = {"review": str(status), "reviewed_by": reviewer, "reviewed_on": on.isoformat()}
    for key, value in values.items():
        line = f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
        found = next((n for n in range(start + 1, end) if _KEY[key].match(lines[n])), None)
        if found is None:
            lines.insert(start + 1, line)
            end += 1
        else:
            lines[found] = line
    new_text = "".join(lines)
    expected = replace(bank.items[item_id], review=status, reviewed_by=reviewer,
                       reviewed_on=on.isoformat())
    _check(bank, source.file, new_text, item_id, expected)
    atomic_write(path, new_text.encode("utf-8"))
    bank.items[item_id] = expected
    return expected


def _check(bank: Bank, rel: str, text: str, item_id: str, expected: Item) -> None:
    """The edited file must read back to the same bank but for this one item's review."""
    import shutil
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bank"
        shutil.copytree(bank.root, copy, ignore=shutil.ignore_patterns("media"))
        (copy / "media").symlink_to((bank.root / "media").resolve())
        (copy / rel).write_text(text, "utf-8")
        try:
            after = load_bank(copy)
        except InputError as exc:
            raise InputError([Problem(rel, "the review could not be recorded without "
                                      "changing other content; edit the file by hand: "
                                      f"{exc}")]) from exc
    wanted = dict(bank.items) | {item_id: expected}
    if after.items != wanted:
        raise InputError([Problem(rel, "the review could not be recorded without changing "
                                  "other content; edit the file by hand")])
