"""The makalah's stored form: a small, strict Markdown subset, parsed and written here.

Qt's own Markdown round trip (QTextDocument.toMarkdown/setMarkdown, PySide6 6.12) is not
stable: literal `_x_` comes back underlined, list items and `|` in table cells get lost.
So the kiosk reads its editor into this model and writes it with `serialize`, and
`serialize(parse(s)) == s` for every `s` that `serialize` produced: reloading a paper
never makes a spurious revision. See docs/formats.md, "Makalah text".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HEADING = 3
INDENT = "    "  # one nesting level of a list item
# Characters with a meaning inside a line are written with a backslash when literal:
# \ * _ < ` (and | inside a table cell).
_LIST_LINE = re.compile(r"^((?: {4})*)(-|\d{1,9}\.) (.*)$", re.DOTALL)
_HEADING_LINE = re.compile(r"^(#{1,3}) (.*)$", re.DOTALL)
# A paragraph whose first visible characters look like block syntax gets them escaped.
_BLOCKISH = re.compile(r"^( *)([#>+-]|\d+[.)])(?=\s|$)")


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False

    @property
    def style(self) -> tuple[bool, bool, bool]:
        return (self.bold, self.italic, self.underline)


Spans = tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    spans: Spans = ()


@dataclass(frozen=True)
class Heading:
    level: int  # 1..MAX_HEADING
    spans: Spans = ()


@dataclass(frozen=True)
class ListItem:
    ordered: bool
    depth: int = 1  # 1 = top level
    number: int = 1  # the number shown (ordered lists); ignored for bullets
    spans: Spans = ()


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[tuple[Spans, ...], ...], ...]  # rows of cells; a cell is lines of spans


Block = Paragraph | Heading | ListItem | Table
Document = tuple[Block, ...]


def normalize_spans(spans: list[Span] | Spans) -> Spans:
    """Empty spans dropped and neighbours with the same style merged: one canonical form."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and out[-1].style == span.style:
            out[-1] = Span(out[-1].text + span.text, *span.style)
        else:
            out.append(span)
    return tuple(out)


def spans_text(spans: Spans) -> str:
    return "".join(s.text for s in spans)


# -- writing -------------------------------------------------------------------------------

_ESCAPE = str.maketrans({c: "\\" + c for c in "\\*_<`"})
_ESCAPE_CELL = str.maketrans({c: "\\" + c for c in "\\*_<`|"})


def _escape(text: str, in_cell: bool = False) -> str:
    return text.translate(_ESCAPE_CELL if in_cell else _ESCAPE)


def write_inline(spans: Spans, in_cell: bool = False) -> str:
    """Spans as text with `**bold**`, `*italic*`, `<u>underline</u>`; markers toggle, so
    each style change writes exactly one marker and no empty pair ever appears."""
    out: list[str] = []
    bold = italic = underline = False
    for span in normalize_spans(spans):
        # close first (innermost first), then open (outermost first)
        if italic and not span.italic:
            out.append("*")
        if bold and not span.bold:
            out.append("**")
        if underline and not span.underline:
            out.append("</u>")
        if span.underline and not underline:
            out.append("<u>")
        if span.bold and not bold:
            out.append("**")
        if span.italic and not italic:
            out.append("*")
        bold, italic, underline = span.style
        out.append(_escape(span.text, in_cell))
    if italic:
        out.append("*")
    if bold:
        out.append("**")
    if underline:
        out.append("</u>")
    return "".join(out)


def _write_paragraph(spans: Spans) -> str:
    line = write_inline(spans)
    match = _BLOCKISH.match(line)
    if match:  # "2026. Tahun" or "- x" typed as a paragraph: keep it a paragraph
        at = len(match.group(1))
        first = match.group(2)
        line = line[:at] + (first[:-1] + "\\" + first[-1] if first[0].isdigit()
                            else "\\" + first) + line[at + len(first):]
    return line


def _write_cell(lines: tuple[Spans, ...]) -> str:
    return "<br>".join(write_inline(spans, in_cell=True) for spans in lines)


def _write_table(table: Table) -> str:
    width = max((len(row) for row in table.rows), default=0)
    if width == 0:
        return ""
    rows = [list(row) + [((),)] * (width - len(row)) for row in table.rows]
    lines = ["| " + " | ".join(_write_cell(cell) for cell in row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def _write_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + write_inline(block.spans)
    if isinstance(block, ListItem):
        marker = f"{block.number}." if block.ordered else "-"
        return INDENT * (block.depth - 1) + marker + " " + write_inline(block.spans)
    if isinstance(block, Table):
        return _write_table(block)
    return _write_paragraph(block.spans)


def _is_blank(block: Block) -> bool:
    return isinstance(block, Paragraph) and not normalize_spans(block.spans)


def canonical(doc: Document) -> Document:
    """`doc` without the empty paragraphs next to a table: a rich-text editor always keeps
    a paragraph before and after each table, so those carry nothing the writer chose."""
    keep = [True] * len(doc)
    for n, block in enumerate(doc):
        if isinstance(block, Table):
            for step in (-1, 1):  # the whole run of empty paragraphs on each side
                m = n + step
                while 0 <= m < len(doc) and _is_blank(doc[m]):
                    keep[m] = False
                    m += step
    return tuple(block for n, block in enumerate(doc) if keep[n])


def serialize(doc: Document) -> str:
    """The stored text: blocks separated by a blank line, list items by a line break."""
    parts: list[str] = []
    previous: Block | None = None
    for block in canonical(doc):
        if previous is not None:
            both_items = isinstance(previous, ListItem) and isinstance(block, ListItem)
            parts.append("\n" if both_items else "\n\n")
        parts.append(_write_block(block))
        previous = block
    return "".join(parts)


# -- reading -------------------------------------------------------------------------------

def parse_inline(text: str) -> Spans:
    """The spans of one line; unclosed markers end at the line's end."""
    spans: list[Span] = []
    buf: list[str] = []
    bold = italic = underline = False

    def flush() -> None:
        if buf:
            spans.append(Span("".join(buf), bold, italic, underline))
            buf.clear()

    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            buf.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            flush()
            bold = not bold
            i += 2
        elif char == "*":
            flush()
            italic = not italic
            i += 1
        elif text.startswith("<u>", i):
            flush()
            underline = True
            i += 3
        elif text.startswith("</u>", i):
            flush()
            underline = False
            i += 4
        else:
            buf.append(char)
            i += 1
    flush()
    return normalize_spans(spans)


def _split_unescaped(text: str, sep: str) -> list[str]:
    """`text` split on `sep` where it is not backslash-escaped; escapes kept."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
        elif text.startswith(sep, i):
            parts.append("".join(current))
            current = []
            i += len(sep)
        else:
            current.append(text[i])
            i += 1
    parts.append("".join(current))
    return parts


def _split_cells(line: str) -> list[str]:
    """A table row's cells: split on unescaped `|`, one space of padding removed."""
    body = line.strip()
    cells = _split_unescaped(body, "|")
    if cells and cells[0].strip() == "":
        cells = cells[1:]  # before the leading pipe
    if cells and cells[-1].strip() == "" and body.endswith("|"):
        cells = cells[:-1]  # after the trailing pipe
    cells = [c[1:] if c.startswith(" ") else c for c in cells]
    return [c[:-1] if c.endswith(" ") else c for c in cells]


def _parse_table(lines: list[str]) -> Table:
    rows: list[tuple[tuple[Spans, ...], ...]] = []
    for n, line in enumerate(lines):
        if n == 1 and re.fullmatch(r"\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?", line.strip()):
            continue
        rows.append(tuple(tuple(parse_inline(part) for part in _split_unescaped(cell, "<br>"))
                          for cell in _split_cells(line)))
    width = max((len(r) for r in rows), default=0)
    return Table(tuple(r + (((),),) * (width - len(r)) for r in rows))


def _parse_line(line: str) -> Block:
    heading = _HEADING_LINE.match(line)
    if heading:
        return Heading(len(heading.group(1)), parse_inline(heading.group(2)))
    item = _LIST_LINE.match(line)
    if item:
        marker = item.group(2)
        ordered = marker != "-"
        return ListItem(ordered, len(item.group(1)) // len(INDENT) + 1,
                        int(marker[:-1]) if ordered else 1, parse_inline(item.group(3)))
    return Paragraph(parse_inline(line))


def parse(text: str) -> Document:
    """The document in a stored text. Never fails: what is not syntax is text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    for chunk in text.split("\n\n"):
        lines = chunk.split("\n")
        if len(lines) > 1 and all(line.lstrip().startswith("|") for line in lines):
            blocks.append(_parse_table(lines))
        else:
            blocks.extend(_parse_line(line) for line in lines)
    return tuple(blocks) or (Paragraph(),)


# -- what the text says --------------------------------------------------------------------

def block_lines(block: Block) -> list[Spans]:
    """The lines of text a block shows, for counting and plain text."""
    if isinstance(block, Table):
        return [spans for row in block.rows for cell in row for spans in cell]
    return [block.spans]
