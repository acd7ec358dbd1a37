"""Text that a spreadsheet program would run as a formula, made inert (CSV/formula
injection, OWASP): every CSV and XLSX Ujikom writes goes through here.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula
to Excel and LibreOffice (``=HYPERLINK(...)`` leaks data, ``=cmd|' /C calc'!A0`` runs a
program through DDE). In CSV such text gets a leading apostrophe, OWASP's advice, which
the spreadsheet shows and never evaluates; `csv_value` removes it again so Ujikom's own
CSV reads back unchanged. In XLSX the value stays as it is but is stored as a text cell
with Excel's "quote prefix" (openpyxl otherwise stores a string starting with ``=`` as a
formula, and Excel re-evaluates a plain text cell once someone edits it).
Numbers are never touched: -3 is a number, not a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def _needs_quote(text: str) -> bool:
    # A text that itself starts with an apostrophe gets one more, so `csv_value` can
    # tell Ujikom's apostrophe from the text's own.
    return looks_like_formula(text) or text.startswith("'")


def csv_text(value: object) -> str:
    """`value` as one CSV cell's text, a formula-looking string made inert."""
    text = "" if value is None else str(value)
    return "'" + text if isinstance(value, str) and _needs_quote(text) else text


def csv_value(text: str) -> str:
    """A CSV cell as read: the apostrophe `csv_text` put before a formula-looking value
    taken off again."""
    return text[1:] if text.startswith("'") and _needs_quote(text[1:]) else text


def mark_text(cell: Any) -> None:
    """An openpyxl cell whose string value looks like a formula: stored as text, with
    the quote prefix Excel keeps through an edit."""
    value = cell.value
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def append_row(sheet: Any, values: Iterable[object]) -> None:
    """`sheet.append(values)` (openpyxl), each formula-looking string kept as text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        mark_text(cell)
