"""Items as Word (.docx) tables that `ujikom bank import` reads back: the template and export.

One table per item type (pilihan ganda, SJT, Likert, makalah), headed as the common
Indonesian CBT layout (``NO | SOAL | JAWABAN A … E | JAWABAN BENAR``) plus Ujikom's own
columns, on landscape A4. Text keeps the bank's rich-text subset (bold, italic, underline,
sub/superscript, breaks, paragraphs, lists, small tables) and pictures are placed where
the text shows them. `write_template` writes the same tables with one example row each and
short instructions in Indonesian.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from exam_bank.importers.examples import EXAMPLE_ROWS, MARK
from exam_bank.importers.spreadsheet import item_row
from exam_bank.importers.word import RICH_COLUMNS
from exam_bank.items.model import Item, ItemType
from exam_bank.items.richtext import from_plain_text, looks_like_html

LETTERS = "abcde"

# Header text of each spreadsheet column in the Word tables (what writers know).
LABELS: dict[str, str] = {
    "id": "ID", "tipe": "TIPE", "soal": "SOAL",
    **{f"opsi_{c}": f"JAWABAN {c.upper()}" for c in LETTERS},
    "kunci": "JAWABAN BENAR", **{f"bobot_{c}": f"BOBOT {c.upper()}" for c in LETTERS},
    "poin": "POIN", "skala": "SKALA", "terbalik": "TERBALIK", "kasus": "KASUS",
    "waktu_menit": "WAKTU MENIT", "kata_min": "KATA MIN", "kata_max": "KATA MAX",
    "kompetensi": "KOMPETENSI", "level": "LEVEL", "topik": "TOPIK", "penulis": "PENULIS",
    "status": "STATUS", "ditelaah_oleh": "DITELAAH OLEH", "tanggal_telaah": "TANGGAL TELAAH",
    "tag": "TAG",
}
META = ("kompetensi", "level", "topik", "penulis", "status", "ditelaah_oleh", "tanggal_telaah",
        "tag")


@dataclass(frozen=True)
class Kind:
    """One table of the document: which items, its title, its columns in order."""

    title: str
    types: tuple[ItemType, ...]
    columns: tuple[str, ...]  # all it may have; export keeps only the ones used
    template: tuple[str, ...]  # the columns of the blank template
    example: str  # id of the spreadsheet example row shown in the template


KINDS: tuple[Kind, ...] = (
    Kind("Pilihan ganda (mc) dan pilihan ganda kompleks (mr)", (ItemType.MC, ItemType.MR),
         ("id", "tipe", "soal", *(f"opsi_{c}" for c in LETTERS), "kunci",
          *(f"bobot_{c}" for c in LETTERS), "poin", *META),
         ("soal", *(f"opsi_{c}" for c in LETTERS), "kunci", "kompetensi", "level"),
         "CONTOH-PG-001"),
    Kind("Situational judgement test (sjt): bobot tiap pilihan", (ItemType.SJT,),
         ("id", "tipe", "soal", *(f"opsi_{c}" for c in LETTERS),
          *(f"bobot_{c}" for c in LETTERS), *META),
         ("soal", *(f"opsi_{c}" for c in LETTERS), *(f"bobot_{c}" for c in LETTERS),
          "kompetensi", "level"),
         "CONTOH-SJT-001"),
    Kind("Likert: pernyataan, skala, skor terbalik", (ItemType.LIKERT,),
         ("id", "tipe", "soal", "skala", "terbalik", *META),
         ("soal", "skala", "terbalik", "kompetensi", "level"), "CONTOH-LIK-001"),
    Kind("Makalah: petunjuk dan bahan kasus", (ItemType.MAKALAH,),
         ("id", "tipe", "soal", "kasus", "waktu_menit", "kata_min", "kata_max", *META),
         (), ""),
)
ALWAYS = ("id", "tipe", "soal", "kompetensi", "level")  # export: even when empty

INSTRUCTIONS = (
    "Tulis satu soal per baris pada baris bernomor di bawah baris contoh; tambah baris "
    "dengan tombol Tab di sel terakhir. Baris kosong dan tabel yang tidak dipakai "
    "diabaikan.",
    "Baris contoh (NO berisi CONTOH, huruf miring abu-abu) tidak pernah masuk bank soal: "
    "boleh dibiarkan atau dihapus. Laporan impor menyebut baris contoh yang dilewati.",
    "Judul kolom jangan diubah; urutan kolom boleh berbeda dan kolom boleh ditambah "
    "(ID, TOPIK, PENULIS, STATUS, TAG).",
    "Huruf tebal, miring, garis bawah, baris baru (Shift+Enter) dan gambar yang "
    "disisipkan (Insert > Picture, PNG/JPEG, maks. 5 MB) ikut masuk bank soal.",
    "Jangan memakai kotak teks (text box), persamaan, komentar atau lacak perubahan "
    "(track changes): berkas akan ditolak dengan nama sel yang bermasalah.",
    "JAWABAN BENAR: satu huruf pilihan yang terisi (A-E). Untuk pilihan ganda kompleks "
    "tambahkan kolom TIPE berisi mr dan tulis huruf-hurufnya, mis. A,C. BOBOT: angka, "
    "koma desimal boleh (2,5).",
    "KOMPETENSI dan LEVEL boleh dikosongkan bila diberikan saat impor: "
    "ujikom bank import --competency integritas --level 3 soal.docx",
)


def write_items(path: Path, items: Iterable[Item], media: Mapping[str, bytes]) -> None:
    """`items` in the template's tables; ValueError for an item the tables cannot hold."""
    items = list(items)
    rows = {item.id: _checked_row(item, media) for item in items}
    document = _new_document("Bank soal Ujikom", ())
    for kind in KINDS:
        chosen = [i for i in items if i.type in kind.types]
        if not chosen:
            continue
        used = [c for c in kind.columns
                if c in ALWAYS or any(rows[i.id].get(c) for i in chosen)]
        _table(document, kind.title, used, [rows[i.id] for i in chosen], media)
    _save(document, path)


BLANK_ROWS = 3  # numbered rows to fill; Tab in the last cell adds more


def write_template(path: Path) -> None:
    """A blank Word template: instructions and one table per type with an example row.

    The example row says CONTOH in its NO cell and is grey and italic: the importer skips
    it (`exam_bank.importers.examples`); the numbered rows below it are the writer's.
    """
    examples = {row["id"]: row for row in EXAMPLE_ROWS}
    document = _new_document("Templat soal Ujikom", INSTRUCTIONS)
    for kind in KINDS:
        if not kind.template:
            continue
        example = dict(examples[kind.example])
        if kind.example == "CONTOH-PG-001":
            example["opsi_e"] = "Lagu Indonesia Raya"
        columns = ["no", *kind.template]
        example["no"] = MARK
        blanks = [{"no": str(n)} for n in range(1, BLANK_ROWS + 1)]
        table = _table(document, kind.title, columns, [example, *blanks], {})
        _grey_example(table.rows[len(table.rows) - BLANK_ROWS - 1])
    _save(document, path)


def _grey_example(row: Any) -> None:
    """Grey italic text on a light grey ground: the row reads as an example, not an item."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.italic = True
                run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
                if run.text == MARK:
                    run.font.size = Pt(7.5)  # the mark fits the NO column on one line
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), "EDEDED")
        cell._tc.get_or_add_tcPr().append(shading)


def _checked_row(item: Item, media: Mapping[str, bytes]) -> dict[str, str]:
    row = item_row(item)  # raises ValueError for what the columns cannot hold
    row.pop("gambar", None)
    shown = {src for text in row.values() for src in _images(text)}
    hidden = [m for m in item.media if m not in shown]
    if hidden:
        raise ValueError(f"{item.id}: media not shown in its text ({', '.join(hidden)}) "
                         "cannot be placed in a Word cell")
    missing = [m for m in shown if m not in media]
    if missing:
        raise ValueError(f"{item.id}: media {', '.join(missing)} not given")
    for text in row.values():
        if any(not _xml_char(ch) for ch in text):
            raise ValueError(f"{item.id}: text with characters Word files cannot hold")
    if item.type == ItemType.MAKALAH and not row.get("soal"):
        raise ValueError(f"{item.id}: a makalah without instructions")
    return row


def _xml_char(ch: str) -> bool:
    code = ord(ch)
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _images(text: str) -> list[str]:
    collector = _Html(None, {})
    collector.feed(text)
    return collector.seen


# ---------------------------------------------------------------- document


def _new_document(title: str, instructions: tuple[str, ...]) -> Any:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Calibri", Pt(9)
    document.add_heading(title, level=1)
    if instructions:
        document.add_paragraph("Petunjuk pengisian:")
        for line in instructions:
            document.add_paragraph(line, style="List Number")
    return document


def _table(document: Any, title: str, columns: list[str], rows: list[dict[str, str]],
           media: Mapping[str, bytes]) -> Any:
    """A heading and a table; options and weights under one merged JAWABAN/BOBOT header."""
    document.add_heading(title, level=2)
    groups = _groups(columns)
    table = document.add_table(rows=2 if groups else 1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    _narrow_cell_margins(table)
    top = table.rows[0].cells
    if groups:
        # Two header rows, as Indonesian CBT templates draw them: JAWABAN over A..E,
        # the other headers merged down. The letters need no width, so the stem gets it.
        below = table.rows[1].cells
        grouped = {i for _label, start, end in groups for i in range(start, end + 1)}
        for i, column in enumerate(columns):
            if i in grouped:
                below[i].text = column[-1].upper()
            else:
                top[i].merge(below[i]).text = LABELS.get(column, column.upper())
        for label, start, end in groups:
            top[start].merge(top[end]).text = label
    else:
        for cell, column in zip(top, columns, strict=True):
            cell.text = LABELS.get(column, column.upper())
    for header_row in table.rows:
        _repeat_as_header(header_row)
        for cell in header_row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True
    for row in rows:
        added = table.add_row()
        _keep_whole(added)
        for cell, column in zip(added.cells, columns, strict=True):
            if column in RICH_COLUMNS:
                write_html(cell, row.get(column, ""), media)
            else:
                cell.text = row.get(column, "")  # a tag or topic "<B>" is text, not markup
    for column, width in zip(table.columns, _widths(columns), strict=True):
        column.width = width  # the grid, which LibreOffice follows
        for cell in column.cells:
            cell.width = width  # Word and LibreOffice read the width of each cell
    return table


def _groups(columns: list[str]) -> list[tuple[str, int, int]]:
    """Runs of two or more option or weight columns: (header, first index, last index)."""
    found = []
    start = 0
    while start < len(columns):
        prefix = columns[start].partition("_")[0]
        end = start
        if prefix in ("opsi", "bobot"):
            while end + 1 < len(columns) and columns[end + 1].partition("_")[0] == prefix:
                end += 1
        if end > start:
            found.append(("JAWABAN" if prefix == "opsi" else "BOBOT", start, end))
        start = end + 1
    return found


def _narrow_cell_margins(table: Any) -> None:
    """0.08 cm left and right instead of Word's 0.19: long Indonesian words
    (melaporkan, kompetensi) then fit their column without breaking inside the word."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "45")  # twentieths of a point: 45 = 0.08 cm
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _keep_whole(row: Any) -> None:
    """A row is never split over two pages (a question read half here, half there)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_as_header(row: Any) -> None:
    """Word repeats the row at the top of every page the table runs onto."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


# Column widths in cm: a number, a letter or a word gets what its header needs (so no
# header breaks inside a word; NO fits the example row's CONTOH); the text columns share
# what is left by weight.
_FIXED_CM = {"no": 1.75, "level": 1.6, "kunci": 2.5, "kompetensi": 3.0, "tipe": 1.3,
             "poin": 1.3, "status": 2.0, "terbalik": 2.2, "waktu_menit": 1.8,
             "kata_min": 1.6, "kata_max": 1.6, "tanggal_telaah": 2.2,
             **{f"bobot_{c}": 0.95 for c in LETTERS}}
_WEIGHT = {"soal": 7.0, "kasus": 7.0, **{f"opsi_{c}": 3.4 for c in LETTERS}}
PAGE_WIDTH_CM = 26.7  # landscape A4 less 1.5 cm margins


def _widths(columns: list[str]) -> list[int]:
    from docx.shared import Cm

    fixed = sum(_FIXED_CM.get(c, 0.0) for c in columns)
    weights = sum(_WEIGHT.get(c, 2.6) for c in columns if c not in _FIXED_CM)
    left = PAGE_WIDTH_CM - fixed
    if weights == 0 or left < 0.4 * PAGE_WIDTH_CM:  # too many columns: all shrink alike
        scale = PAGE_WIDTH_CM / (fixed + weights * 0.6)
        return [int(Cm(scale * (_FIXED_CM.get(c) or 0.6 * _WEIGHT.get(c, 2.6))))
                for c in columns]
    return [int(Cm(_FIXED_CM[c] if c in _FIXED_CM else left * _WEIGHT.get(c, 2.6) / weights))
            for c in columns]


def _save(document: Any, path: Path) -> None:
    if path.suffix.lower() != ".docx":
        raise ValueError(f"{path}: the Word file is written as .docx")
    document.save(str(path))


# ---------------------------------------------------------------- rich text


def write_html(container: Any, text: str, media: Mapping[str, bytes]) -> None:
    """Subset HTML (or the plain text of a cell) into a python-docx cell or document."""
    if not looks_like_html(text):
        # A cell's plain text keeps its paragraphs (blank lines) as Word paragraphs and its
        # line breaks as breaks, as a writer would type them and the importer reads them.
        text = from_plain_text(text)
    parser = _Html(container, media)
    parser.feed(text)
    parser.close()


_FORMAT = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "sub": "sub", "sup": "sup"}
_BLOCKS = frozenset({"p", "h3", "h4", "li", "blockquote", "pre"})


class _Html(HTMLParser):
    """Writes paragraphs and runs as it reads; `container` None only collects images.

    A table inside the text is gathered cell by cell and written at its end tag
    (its cells keep formatting, breaks and pictures; a table inside it is flattened).
    """

    def __init__(self, container: Any, media: Mapping[str, bytes]) -> None:
        super().__init__(convert_charrefs=True)
        self.container, self.media = container, media
        self.format: list[str] = []
        self.lists: list[str] = []
        self.paragraph: Any = None
        self.used_first = False
        self.seen: list[str] = []
        self.table: list[list[list[_Piece]]] | None = None  # rows of cells of pieces

    def _new_paragraph(self, style: str | None = None) -> Any:
        target = self.container
        first = target.paragraphs[0] if target.paragraphs else None
        if not self.used_first and first is not None and not first.text and hasattr(
                target, "_tc"):
            self.paragraph = first  # a cell starts with one empty paragraph: use it
        else:
            self.paragraph = target.add_paragraph()
        self.used_first = True
        if style:
            self.paragraph.style = style
        return self.paragraph

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORMAT:
            self.format.append(_FORMAT[tag])
        elif tag == "img":
            src = dict(attrs).get("src") or ""
            self.seen.append(src)
            self._emit(("img", src))
        elif self.container is None:
            return
        elif tag == "br":
            self._emit(("br", ""))
        elif self.table is not None:
            if tag == "tr":
                self.table.append([])
            elif tag in ("td", "th"):
                if not self.table:
                    self.table.append([])
                self.table[-1].append([])
        elif tag == "table":
            self.table = []
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self._new_paragraph("List Number" if self.lists[-1:] == ["ol"] else "List Bullet")
        elif tag in ("h3", "h4"):
            self._new_paragraph("Heading 3" if tag == "h3" else "Heading 4")
        elif tag in _BLOCKS:
            self._new_paragraph()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _FORMAT and _FORMAT[tag] in self.format:
            index = len(self.format) - 1 - self.format[::-1].index(_FORMAT[tag])
            del self.format[index]
        elif tag == "table" and self.table is not None:
            rows, self.table = self.table, None
            self._write_table(rows)
            self.paragraph = None
        elif self.table is not None:
            return
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in _BLOCKS or tag in ("h3", "h4"):
            self.paragraph = None

    def handle_data(self, data: str) -> None:
        if data:
            self._emit(("text", data))

    def _emit(self, piece: tuple[str, str]) -> None:
        if self.container is None:
            return
        full = _Piece(piece[0], piece[1], tuple(self.format))
        if self.table is not None:
            if not self.table or not self.table[-1]:
                return  # text between cells: whitespace of the markup
            self.table[-1][-1].append(full)
            return
        if self.paragraph is None:
            self._new_paragraph()
        _write_piece(self.paragraph, full, self.media)

    def _write_table(self, rows: list[list[list[_Piece]]]) -> None:
        rows = [r for r in rows if r]
        if not rows:
            return
        columns = max(len(r) for r in rows)
        if hasattr(self.container, "_tc"):
            table = self.container.add_table(len(rows), columns)
        else:
            table = self.container.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        self.used_first = True
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, pieces in zip(row.cells, cells, strict=False):
                for piece in pieces:
                    _write_piece(cell.paragraphs[0], piece, self.media)


@dataclass(frozen=True)
class _Piece:
    kind: str  # text, br or img
    value: str
    format: tuple[str, ...]


def _write_piece(paragraph: Any, piece: _Piece, media: Mapping[str, bytes]) -> None:
    if piece.kind == "br":
        paragraph.add_run("").add_break()
        return
    if piece.kind == "img":
        data = media.get(piece.value)
        if data is not None:
            from docx.shared import Cm

            paragraph.add_run("").add_picture(io.BytesIO(data),
                                              width=_picture_width(data, int(Cm(6))))
        return
    run = paragraph.add_run(piece.value)
    run.bold = True if "b" in piece.format else None
    run.italic = True if "i" in piece.format else None
    run.underline = True if "u" in piece.format else None
    if "sub" in piece.format:
        run.font.subscript = True
    if "sup" in piece.format:
        run.font.superscript = True


def _picture_width(data: bytes, most: int) -> int | None:
    """Pictures keep their size up to `most` wide (EMU); None: python-docx's own size."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        dpi = image.info.get("dpi", (96, 96))[0] or 96
        width = int(image.width / float(dpi) * 914400)
    return None if width <= most else most
