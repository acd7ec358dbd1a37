"""What a stored makalah says: its words and its plain text, markup left out."""

from __future__ import annotations

import re
from enum import StrEnum

from exam_bank.makalah.doc import (
    Document,
    Heading,
    ListItem,
    Table,
    block_lines,
    parse,
    spans_text,
)

# A word is a run of non-space characters holding at least one letter or digit, so
# "e-KTP" and "2026" count and a lone dash or bullet does not (as word processors count).
# Counted as all runs minus those with no letter or digit (\w is str.isalnum() plus "_").
_NO_WORD = re.compile(r"(?<!\S)(?:[^\s\w]|_)+(?!\S)")


def count_words(plain: str) -> int:
    return len(plain.split()) - len(_NO_WORD.findall(plain))


def document_words(doc: Document) -> int:
    return sum(count_words(spans_text(spans)) for block in doc for spans in block_lines(block))


def word_count(text: str) -> int:
    """The words a reader sees in a stored makalah text (markup and list numbers excluded)."""
    return document_words(parse(text))


def plain_text(text: str) -> str:
    """The paper as plain text: headings underlined, list markers kept, tables as
    tab-separated rows, paragraphs separated by a blank line."""
    out: list[str] = []
    previous_item = False
    for block in parse(text):
        if isinstance(block, Heading):
            line = spans_text(block.spans)
            chunk = line + "\n" + ("=" if block.level == 1 else "-") * max(len(line), 3)
        elif isinstance(block, ListItem):
            marker = f"{block.number}." if block.ordered else "•"
            chunk = "    " * (block.depth - 1) + marker + " " + spans_text(block.spans)
        elif isinstance(block, Table):
            chunk = "\n".join("\t".join(" / ".join(spans_text(s) for s in cell)
                                        for cell in row) for row in block.rows)
        else:
            chunk = spans_text(block.spans)
        is_item = isinstance(block, ListItem)
        if out:
            out.append("\n" if is_item and previous_item else "\n\n")
        out.append(chunk)
        previous_item = is_item
    return "".join(out).strip("\n") + "\n" if any(s.strip() for s in out) else ""


class RangeStatus(StrEnum):
    NONE = "none"  # no limits given
    UNDER = "under"
    WITHIN = "within"
    OVER = "over"


def range_status(words: int, min_words: int | None, max_words: int | None) -> RangeStatus:
    """Where a word count stands against the prompt's range (0 or None: no bound)."""
    if not min_words and not max_words:
        return RangeStatus.NONE
    if min_words and words < min_words:
        return RangeStatus.UNDER
    if max_words and words > max_words:
        return RangeStatus.OVER
    return RangeStatus.WITHIN
