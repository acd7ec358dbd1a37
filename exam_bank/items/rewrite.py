"""Replacing one item in its bank file, the rest of the file (and its comments) kept.

The item's block (its ``[[item]]`` line up to the next ``[[item]]``) is replaced by the
item as `items_to_toml` writes it; the new file is read back first and must give the same
bank but for that item, or nothing is written.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from exam_bank.fsutil import atomic_write
from exam_bank.items.bank import Bank, items_to_toml, load_bank
from exam_bank.items.model import Item
from exam_bank.problems import InputError, Problem

_ITEM = re.compile(r"^\s*\[\[item\]\]")


def replace_item(bank: Bank, item: Item, media: Mapping[str, bytes]) -> None:
    source = bank.sources[item.id]
    path = bank.root / source.file
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = source.line - 1
    end = next((n for n in range(start + 1, len(lines)) if _ITEM.match(lines[n])), len(lines))
    block = items_to_toml([item])
    new = "".join(lines[:start]) + block + ("\n" if end < len(lines) else "") + "".join(
        lines[end:])
    verify(bank, source.file, new, {item.id: item}, media)
    for name, data in media.items():
        atomic_write(bank.media_path(name), data)
    atomic_write(path, new.encode("utf-8"))
    bank.items[item.id] = item


def verify(bank: Bank, rel: str, text: str, changed: Mapping[str, Item],
           media: Mapping[str, bytes]) -> None:
    """`text` as `rel` (and `media` added) must read back to the bank with `changed`."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bank"
        shutil.copytree(bank.root, copy)
        for name, data in media.items():
            target = copy / "media" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (copy / rel).write_text(text, "utf-8")
        try:
            after = load_bank(copy)
        except InputError as exc:
            raise InputError([Problem(rel, f"the change would make the bank invalid: {exc}")]
                             ) from exc
    if after.items != dict(bank.items) | dict(changed):
        raise InputError([Problem(rel, "the change could not be made without changing other "
                                  "content; edit the file by hand")])
