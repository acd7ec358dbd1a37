"""Item text (the bank's HTML subset) as reportlab flowables, for every PDF that prints
items or case material: headings, paragraphs with bold/italic/underline, lists, tables
(a picture may sit in a cell) and pictures scaled to the column's width, keeping their
shape, as the kiosk shows them. A picture that cannot be printed (missing, too large,
unreadable) is a line saying so, never a traceback; checked from its header first.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from exam_bank.items.media import image_data_problem

GRID = HexColor("#8a94a3")
HEAD_FILL = HexColor("#eef1f5")
_INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "sub": "sub",
           "sup": "super"}
_BLOCKS = ("p", "li", "h3", "h4", "blockquote", "pre")


@dataclass(frozen=True)
class RichStyles:
    body: ParagraphStyle
    h3: ParagraphStyle | None = None  # None: bold body text
    h4: ParagraphStyle | None = None
    cell: ParagraphStyle | None = None
    max_picture_height: float = 200.0  # points


def picture(data: bytes | None, alt: str, width: float, max_height: float,
            style: ParagraphStyle) -> Flowable:
    """A picture at most `width` wide and `max_height` high, its shape kept; or a line
    in Indonesian where it cannot be printed."""
    problem = "tidak ada dalam paket" if data is None else image_data_problem(data)
    if data is None or problem:
        words = "[Gambar tidak dapat ditampilkan" + (f": {_esc(alt)}]" if alt else "]")
        return Paragraph(f"<i>{words}</i>", style)
    from PIL import Image as PilImage

    with PilImage.open(io.BytesIO(data)) as image:
        w, h = image.size
    scale = min(1.0, width / w, max_height / h)
    flowable = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    flowable.hAlign = "LEFT"
    flowable.spaceBefore, flowable.spaceAfter = 2, 6
    return flowable


@dataclass
class _Cell:
    parts: list[Flowable] = field(default_factory=list)
    head: bool = False
    across: int = 1  # colspan
    down: int = 1  # rowspan


class _Parser(HTMLParser):
    def __init__(self, media: Mapping[str, bytes], styles: RichStyles, width: float):
        super().__init__(convert_charrefs=True)
        self.media, self.styles, self.width = media, styles, width
        self.out: list[Flowable] = []
        self.line: list[str] = []
        self.bullet = ""
        self.block = "p"
        self.rows: list[list[_Cell]] | None = None
        self.number: list[int] = []  # ordered-list counters, innermost last (0: bullets)

    def _target(self) -> list[Flowable]:
        if self.rows is not None:
            if not self.rows:
                self.rows.append([])
            if not self.rows[-1]:
                self.rows[-1].append(_Cell())
            return self.rows[-1][-1].parts
        return self.out

    def _style(self) -> ParagraphStyle:
        s = self.styles
        if self.rows is not None:
            return s.cell or s.body
        if self.block == "h3" and s.h3 is not None:
            return s.h3
        if self.block == "h4" and s.h4 is not None:
            return s.h4
        return s.body

    def flush(self) -> None:
        markup = "".join(self.line).strip()
        while markup.endswith("<br/>"):
            markup = markup[:-5].rstrip()
        if markup:
            head_cell = bool(self.rows and self.rows[-1] and self.rows[-1][-1].head)
            if (self.block in ("h3", "h4") and self._style() is self.styles.body) or head_cell:
                markup = f"<b>{markup}</b>"
            style = self._style()
            if self.bullet:  # a list item: the marker hangs left of its indented text
                style = ParagraphStyle(f"{style.name}-li", parent=style,
                                       leftIndent=14 * len(self.number or [0]),
                                       bulletIndent=14 * len(self.number or [0]) - 12,
                                       spaceAfter=2)
                self._target().append(Paragraph(markup, style,
                                                bulletText=self.bullet.strip()))
            else:
                self._target().append(Paragraph(markup, style))
            self.bullet = ""
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INLINE:
            self.line.append(f"<{_INLINE[tag]}>")
        elif tag == "br":
            self.line.append("<br/>")
        elif tag in ("ul", "ol"):
            self.flush()
            self.number.append(1 if tag == "ol" else 0)
        elif tag == "li":
            self.flush()
            self.block = "li"
            if self.number and self.number[-1]:
                self.bullet = f"{self.number[-1]}. "
                self.number[-1] += 1
            else:
                self.bullet = "\u2022 "
        elif tag in _BLOCKS:
            self.flush()
            self.block = tag
        elif tag == "table":
            self.flush()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.flush()
            if not self.rows:
                self.rows.append([])
            values = dict(attrs)
            self.rows[-1].append(_Cell(head=tag == "th", across=_span(values.get("colspan")),
                                       down=_span(values.get("rowspan"))))
        elif tag == "img":
            self.flush()
            values = dict(attrs)
            cell = self.rows is not None
            width = self.width / max(len(self.rows[-1]) if cell and self.rows else 1, 1)
            self._target().append(picture(
                self.media.get(values.get("src") or ""), values.get("alt") or "",
                width - (12 if cell else 0), self.styles.max_picture_height,
                self.styles.body))

    def handle_endtag(self, tag: str) -> None:
        if tag in _INLINE:
            self.line.append(f"</{_INLINE[tag]}>")
        elif tag in _BLOCKS:
            self.flush()
            self.block = "p"
        elif tag in ("ul", "ol"):
            self.flush()
            if self.number:
                self.number.pop()
        elif tag in ("td", "th"):
            self.flush()
        elif tag == "table" and self.rows is not None:
            rows = [r for r in self.rows if r]
            self.rows = None
            if rows:
                self.out.append(_table(rows, self.width))

    def handle_data(self, data: str) -> None:
        self.line.append(_esc(data))


def _span(value: str | None) -> int:
    return min(int(value), 50) if value and value.isdigit() and int(value) > 0 else 1


def place(rows: list[list[_Cell]]) -> tuple[list[tuple[_Cell, int, int]], int]:
    """Each cell with its column and row in the grid (merged cells skip the columns they
    cover, as HTML lays them out), and the number of columns."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for y, row in enumerate(rows):
        x = 0
        for cell in row:
            while (x, y) in taken:
                x += 1
            cell.down = min(cell.down, len(rows) - y)
            taken |= {(x + dx, y + dy) for dx in range(cell.across) for dy in range(cell.down)}
            placed.append((cell, x, y))
            x += cell.across
    return placed, max(x for x, _y in taken) + 1


def _table(rows: list[list[_Cell]], width: float) -> Table:
    placed, cols = place(rows)
    data: list[list[Any]] = [[""] * cols for _ in rows]
    for cell, x, y in placed:
        data[y][x] = cell.parts
    table = Table(data, colWidths=[width / cols] * cols, hAlign="LEFT", repeatRows=1)
    style: list[Any] = [("GRID", (0, 0), (-1, -1), 0.5, GRID),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    style += [("SPAN", (x, y), (x + c.across - 1, y + c.down - 1))
              for c, x, y in placed if c.across > 1 or c.down > 1]
    style += [("BACKGROUND", (x, y), (x, y), HEAD_FILL) for c, x, y in placed if c.head]
    table.setStyle(TableStyle(style))
    table.spaceAfter = 6
    return table


def rich_flowables(text: str, media: Mapping[str, bytes], styles: RichStyles,
                   width: float) -> list[Flowable]:
    """`text` (the bank's HTML subset, or plain text) as flowables `width` wide."""
    parser = _Parser(media, styles, width)
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
