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
from exam_bank.makalah.pdf import PdfMeta, render_pdf, text_sha256
from exam_bank.makalah.text import RangeStatus, count_words, plain_text, range_status, word_count

__all__ = ["Block", "Document", "Heading", "ListItem", "Paragraph", "PdfMeta", "RangeStatus",
           "Span", "Table", "count_words", "parse", "plain_text", "range_status", "render_pdf",
           "serialize", "text_sha256", "word_count"]
