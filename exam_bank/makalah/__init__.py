"""The makalah (written paper): its stored form, word count, plain text and PDF, no Qt."""

from __future__ import annotations

from exam_bank.makalah.doc import (
    Block,
    Document,
    Heading,
    ListItem,
    Paragraph,
    Span,
    Table,
    parse,
    serialize,
)
from exam_bank.makalah.text import RangeStatus, count_words, plain_text, range_status, word_count

__all__ = ["Block", "Document", "Heading", "ListItem", "Paragraph", "RangeStatus", "Span",
           "Table", "count_words", "parse", "plain_text", "range_status", "serialize",
           "word_count"]
