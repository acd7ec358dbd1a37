"""Word (.docx) content as the bank's rich-text subset: the typed boundary around python-docx.

python-docx opens the package (after `safezip` has checked it: a .docx is a zip) and
resolves image relationships; the paragraphs and runs are walked here on its lxml
elements, because its object model skips content it does not know (a run inside a
tracked change, a text box) and that content must be reported, not dropped.

Kept: bold, italic, underline, sub/superscript, line breaks, paragraphs, bulleted and
numbered paragraphs (as lists, numbered or not as numbering.xml says), small tables (cell
text, merged cells as spans) and embedded pictures (inline, floating, Word 2010 groups,
legacy VML). What Word writes around the text is read through: runs split by revision
ids, proofing marks, bookmarks, smart tags, content controls, field codes (their shown
result is kept; a legacy drop-down form field shows its chosen entry), symbol-font
characters (``w:sym``, mapped to Unicode), tabs and soft hyphens. Refused with a message:
text boxes, tracked changes (text, formatting, rows and cells), comments, hidden text,
equations, embedded objects, linked pictures, pictures that cannot be read and symbols
whose meaning is unknown.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exam_bank.importers.docx_symbols import symbol_text
from exam_bank.items.limits import image_problem
from exam_bank.items.media import image_data_problem
from exam_bank.problems import InputError, Problem
from exam_bank.safezip import DOCX, ZipRefused, check_zip_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V = "urn:schemas-microsoft-com:vml"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

Element = Any  # an lxml element of python-docx's tree (lxml ships no types here)

# Picture formats the kiosk and the PDF renderer both show, by their first bytes.
_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF8", ".gif"),
    (b"BM", ".bmp"))

TRACKED = ("perubahan terlacak (track changes): terima atau tolak dulu semua perubahan / "
           "tracked changes: accept or reject them first")
HIDDEN = ("teks tersembunyi (Font > Hidden): hapus atau tampilkan dulu / hidden text: "
          "delete it or make it visible first")
TRACKED_FORMAT = ("perubahan format terlacak (track changes): terima atau tolak dulu semua "
                  "perubahan / tracked formatting changes: accept or reject them first")

# Elements whose content Ujikom's text cannot hold, with what to tell the writer.
UNSUPPORTED: dict[str, str] = {
    f"{{{W}}}ins": "perubahan terlacak (track changes): terima atau tolak dulu semua "
                   "perubahan / tracked changes: accept or reject them first",
    f"{{{W}}}del": "perubahan terlacak (track changes): terima atau tolak dulu semua "
                   "perubahan / tracked changes: accept or reject them first",
    f"{{{W}}}moveFrom": "perubahan terlacak (track changes) / tracked changes",
    f"{{{W}}}moveTo": "perubahan terlacak (track changes) / tracked changes",
    f"{{{W}}}commentReference": "komentar: hapus komentar dulu / comments: delete them first",
    f"{{{W}}}commentRangeStart": "komentar: hapus komentar dulu / comments: delete them first",
    f"{{{W}}}txbxContent": "kotak teks (text box): pindahkan isinya ke sel/paragraf biasa / "
                           "text boxes are not supported: move the text into the cell",
    f"{{{W}}}object": "objek sisipan (OLE, mis. persamaan lama): ganti dengan gambar / "
                      "embedded objects are not supported: paste a picture instead",
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath":
        "persamaan (equation): ganti dengan gambar atau teks / equations are not "
        "supported: use a picture or text",
    f"{{{W}}}footnoteReference": "catatan kaki (footnote) / footnotes are not supported",
    f"{{{W}}}endnoteReference": "catatan akhir (endnote) / endnotes are not supported",
}
# Property changes Word records with "Track Changes" on (inside *Pr elements).
_TRACKED_PROPERTIES = frozenset(f"{{{W}}}{t}" for t in (
    "rPrChange", "pPrChange", "tblPrChange", "trPrChange", "tcPrChange", "cellIns",
    "cellDel", "cellMerge", "numberingChange"))
# Elements inside a paragraph that only wrap runs: read through them.
_WRAPPERS = frozenset(f"{{{W}}}{t}" for t in ("hyperlink", "smartTag", "fldSimple",
                                               "customXml", "dir", "bdo"))


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def open_document(path: Path) -> Any:
    """The python-docx Document of `path`, after the shared zip checks; InputError if not."""
    try:
        check_zip_file(path, DOCX)
    except ZipRefused as exc:
        raise InputError([Problem(str(path), f"bukan dokumen Word yang dapat dibaca / "
                                             f"not a readable Word document: {exc}")]) from exc
    except OSError as exc:
        raise InputError([Problem(str(path), f"tidak dapat dibuka / cannot open: "
                                             f"{exc.strerror or exc}")]) from exc
    import docx  # slow to import; only Word files need it

    try:
        return docx.Document(str(path))
    except Exception as exc:
        raise InputError([Problem(str(path), f"bukan dokumen Word (.docx) yang dapat dibaca / "
                                             f"not a readable Word document: {exc}")]) from exc


def tracked_in(properties: Element | None) -> str | None:
    """The message for a tracked change recorded in a *Pr element (or its mark), or None."""
    if properties is None:
        return None
    for child in properties:
        if child.tag in _TRACKED_PROPERTIES:
            return TRACKED_FORMAT
        if child.tag in (w("ins"), w("del")):
            return TRACKED  # an inserted or deleted paragraph mark or table row
        if child.tag == w("rPr") and tracked_in(child):
            return TRACKED
    return None


def numbering_formats(part: Any) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> numFmt of the document's numbering part ("bullet", "decimal"...)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        root = part.part_related_by(RT.NUMBERING).element
    except (KeyError, AttributeError):
        return {}
    abstract = {a.get(w("abstractNumId")): a for a in root.findall(w("abstractNum"))}
    formats: dict[tuple[str, str], str] = {}
    for num in root.findall(w("num")):
        ref = num.find(w("abstractNumId"))
        definition = abstract.get(ref.get(w("val")) if ref is not None else None)
        if definition is None:
            continue
        for lvl in definition.findall(w("lvl")):
            fmt = lvl.find(w("numFmt"))
            formats[(num.get(w("numId")) or "", lvl.get(w("ilvl")) or "0")] = (
                fmt.get(w("val")) or "decimal" if fmt is not None else "decimal")
    return formats


def _on(el: Element | None, attr: str = "val") -> bool:
    """A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) as Word reads it."""
    if el is None:
        return False
    value = el.get(w(attr))
    return value is None or value.lower() not in {"0", "false", "off", "none"}


@dataclass
class Rich:
    """Turns Word content into subset HTML; collects pictures and problems as it goes.

    `media_prefix` is the item id the pictures are stored under; `report` receives
    each problem (the caller knows the table, row and column).
    """

    part: Any  # the python-docx part the content's relationships belong to
    media_prefix: str
    report: Callable[[str], None]
    media: dict[str, bytes] = field(default_factory=dict)
    images: list[str] = field(default_factory=list)  # names, in order of appearance
    _formats: dict[tuple[str, str], str] | None = field(default=None, repr=False)

    def list_kind(self, p: Element) -> str | None:
        """ol/ul for a numbered or bulleted paragraph (by its style or its numbering)."""
        name = _style(p)
        if name.startswith("listnumber"):
            return "ol"
        if name.startswith("listbullet"):
            return "ul"
        num = p.find(f"{w('pPr')}/{w('numPr')}")
        if num is None:
            return None
        num_id = num.find(w("numId"))
        level = num.find(w("ilvl"))
        key = (num_id.get(w("val")) if num_id is not None else "") or "", (
            level.get(w("val")) if level is not None else "0") or "0"
        if key[0] == "0":
            return None  # numId 0: Word's "numbering removed"
        if self._formats is None:
            self._formats = numbering_formats(self.part)
        return "ul" if self._formats.get(key, "bullet") in ("bullet", "none") else "ol"

    # ---- blocks

    def blocks(self, container: Element) -> str:
        """The paragraphs, lists and tables of a cell or the body, as subset HTML."""
        out: list[str] = []
        items: list[str] = []
        list_tag = "ul"
        for kind, content in self._block_parts(container):
            if kind in ("ul", "ol"):
                if items and kind != list_tag:
                    out.append(f"<{list_tag}>" + "".join(items) + f"</{list_tag}>")
                    items = []
                list_tag = kind
                items.append(f"<li>{content}</li>")
                continue
            if items:
                out.append(f"<{list_tag}>" + "".join(items) + f"</{list_tag}>")
                items = []
            out.append(content)
        if items:
            out.append(f"<{list_tag}>" + "".join(items) + f"</{list_tag}>")
        return "".join(out)

    def cell(self, tc: Element) -> str:
        """A table cell: a lone paragraph bare (as a spreadsheet cell reads), else blocks."""
        if message := tracked_in(tc.find(w("tcPr"))):
            self.report(message)  # a cell inserted, deleted, merged or reshaped, tracked
        parts = list(self._block_parts(tc))
        if len(parts) == 1 and parts[0][0] == "p":
            return _unwrap_p(parts[0][1])
        return self.blocks(tc)

    def _block_parts(self, container: Element) -> Iterator[tuple[str, str]]:
        for child in container:
            tag = child.tag
            if tag == w("p"):
                content = self.paragraph(child)
                if not content.strip():
                    continue
                if (kind := self.list_kind(child)) is not None:
                    yield kind, content
                else:
                    yield "p", f"<{_heading(child)}>{content}</{_heading(child)}>"
            elif tag == w("tbl"):
                yield "table", self.table(child)
            elif tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent")) if tag == w("sdt") else child
                if content is not None and not placeholder(child):
                    yield from self._block_parts(content)
            elif tag in UNSUPPORTED:
                self.report(UNSUPPORTED[tag])

    def table(self, tbl: Element) -> str:
        """A table in the document, merged cells as colspan/rowspan."""
        layout: list[tuple[Element, list[tuple[Element, int]]]] = []
        for tr in table_rows(tbl):
            column, cells = grid_before(tr), []
            for tc in row_cells(tr):
                cells.append((tc, column))
                column += grid_span(tc)
            layout.append((tr, cells))
        merged_down = [{col for tc, col in cells if continues_merge(tc)} for _, cells in layout]
        rows = []
        for r, (tr, cells) in enumerate(layout):
            if message := tracked_in(tr.find(w("trPr"))):
                self.report(message)
            out = []
            for tc, column in cells:
                if continues_merge(tc):
                    continue  # its content is the merged cell's above
                attrs = f' colspan="{grid_span(tc)}"' if grid_span(tc) > 1 else ""
                down = 1
                while r + down < len(layout) and column in merged_down[r + down]:
                    down += 1
                attrs += f' rowspan="{down}"' if down > 1 else ""
                out.append(f"<td{attrs}>{self.cell(tc)}</td>")
            rows.append("<tr>" + "".join(out) + "</tr>")
        return "<table>" + "".join(rows) + "</table>"

    # ---- inline

    def paragraph(self, p: Element) -> str:
        if message := tracked_in(p.find(w("pPr"))):
            self.report(message)
        segments: list[tuple[tuple[str, ...], str]] = []
        self._inline(p, segments)
        return _merge(segments).strip().removesuffix("<br>").strip()

    def _inline(self, parent: Element, out: list[tuple[tuple[str, ...], str]]) -> None:
        for el in parent:
            tag = el.tag
            if tag in UNSUPPORTED:
                self.report(UNSUPPORTED[tag])
            elif tag == w("r"):
                self._run(el, out)
            elif tag in _WRAPPERS:
                self._inline(el, out)
            elif tag == w("sdt"):
                content = el.find(w("sdtContent"))
                if content is not None and not placeholder(el):
                    self._inline(content, out)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = el.find(f"{{{MC}}}Choice")
                self._inline(choice if choice is not None else el, out)

    def _run(self, r: Element, out: list[tuple[tuple[str, ...], str]]) -> None:
        rpr = r.find(w("rPr"))
        if message := tracked_in(rpr):
            self.report(message)
        if rpr is not None and (_on(rpr.find(w("vanish"))) or _on(rpr.find(w("specVanish")))) \
                and any(el.tag in (w("t"), w("drawing"), w("pict")) for el in r):
            # Hidden text (Font > Hidden) never shows in Word; a writer may hide the key or
            # a note in a question, which must not reach a candidate, nor vanish unsaid.
            self.report(HIDDEN)
            return
        fmt = _format(rpr)
        for el in r:
            tag = el.tag
            if tag == w("t"):
                out.append((fmt, html.escape(el.text or "", quote=False)))
            elif tag in (w("tab"), w("ptab")):
                out.append((fmt, " "))
            elif tag == w("softHyphen"):
                out.append((fmt, "\u00ad"))  # Ctrl+-: shown only where a line breaks
            elif tag == w("noBreakHyphen"):
                out.append((fmt, "-"))
            elif tag == w("sym"):
                self._symbol(el, fmt, out)
            elif tag == w("fldChar"):
                # A legacy drop-down form field (Word 97-2003 forms, kept in converted .doc
                # templates for the key) shows its chosen entry, which no run holds.
                if (choice := dropdown_choice(el)) is not None:
                    out.append((fmt, html.escape(choice, quote=False)))
            elif tag in (w("br"), w("cr")):
                out.append(((), "<br>"))
            elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent"):
                self._picture(el, out)
            elif tag in UNSUPPORTED:
                self.report(UNSUPPORTED[tag])

    def _symbol(self, el: Element, fmt: tuple[str, ...],
                out: list[tuple[tuple[str, ...], str]]) -> None:
        font, code = el.get(w("font")) or "", el.get(w("char")) or ""
        text = symbol_text(font, code)
        if text is None:
            self.report(f"simbol {code} dari font {font or '?'} tidak dikenal: ketik sebagai "
                        f"teks biasa / unknown symbol {code} of font {font or '?'}: type it "
                        "as ordinary text")
            return
        out.append((fmt, html.escape(text, quote=False)))

    def _picture(self, el: Element, out: list[tuple[tuple[str, ...], str]]) -> None:
        if el.tag == f"{{{MC}}}AlternateContent":  # Word 2010+ shapes: read its first choice
            choice = el.find(f"{{{MC}}}Choice")
            el = choice if choice is not None else el
        if any(True for _ in el.iter(w("txbxContent"))):
            self.report(UNSUPPORTED[w("txbxContent")])
            return
        found = False
        # The picture's alt text ("Edit Alt Text" in Word): what read-aloud says for it.
        alt = next((d.get("descr") or d.get("title") or "" for d in el.iter(f"{{{WP}}}docPr")),
                   "") or next((s.get("alt") or "" for s in el.iter(f"{{{V}}}shape")), "")
        for blip in el.iter(f"{{{A}}}blip"):
            found = True
            if blip.get(f"{{{R}}}link") and not blip.get(f"{{{R}}}embed"):
                self.report("gambar tertaut (linked picture), bukan disisipkan: sisipkan "
                            "gambarnya / a linked picture: insert the picture itself")
                continue
            self._image(blip.get(f"{{{R}}}embed") or "", out, alt)
        for data in el.iter(f"{{{V}}}imagedata"):
            found = True
            self._image(data.get(f"{{{R}}}id") or "", out, alt)
        if not found:
            self.report("bentuk/gambar vektor (shape) tidak didukung: simpan sebagai gambar "
                        "PNG / drawing shapes are not supported: paste a PNG picture")

    def _image(self, rid: str, out: list[tuple[tuple[str, ...], str]], alt: str = "") -> None:
        try:
            part = self.part.related_parts[rid]
            data: bytes = part.blob
            base = posixpath.basename(str(part.partname))
        except (KeyError, AttributeError):
            self.report("gambar tidak ditemukan di dalam dokumen / the picture is missing "
                        "from the document")
            return
        problem = image_problem(len(data)) or _unreadable(data)
        if problem:
            self.report(f"gambar {base}: {problem}")
            return
        stem, _dot, _ext = base.rpartition(".")
        name = f"{self.media_prefix}/{stem or base}{_kind(data)}"
        if name not in self.media:
            self.media[name] = data
            self.images.append(name)
        described = f' alt="{html.escape(" ".join(alt.split()))}"' if alt.strip() else ""
        out.append(((), f'<img src="{html.escape(name)}"{described}>'))


def _format(rpr: Element | None) -> tuple[str, ...]:
    if rpr is None:
        return ()
    fmt = []
    if _on(rpr.find(w("b"))):
        fmt.append("b")
    if _on(rpr.find(w("i"))):
        fmt.append("i")
    u = rpr.find(w("u"))
    if u is not None and (u.get(w("val")) or "single") != "none":
        fmt.append("u")
    align = rpr.find(w("vertAlign"))
    if align is not None and align.get(w("val")) in ("superscript", "subscript"):
        fmt.append("sup" if align.get(w("val")) == "superscript" else "sub")
    return tuple(fmt)


def _merge(segments: list[tuple[tuple[str, ...], str]]) -> str:
    """Runs as HTML, neighbouring runs of the same format joined (Word splits runs freely)."""
    merged: list[tuple[tuple[str, ...], str]] = []
    for fmt, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == fmt:
            merged[-1] = (fmt, merged[-1][1] + text)
        else:
            merged.append((fmt, text))
    out = []
    for fmt, text in merged:
        if fmt and not text.strip():
            out.append(text)  # formatting on a blank carries no meaning
            continue
        out.append("".join(f"<{t}>" for t in fmt) + text
                   + "".join(f"</{t}>" for t in reversed(fmt)))
    return "".join(out)


def _style(p: Element) -> str:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return (style.get(w("val")) or "").lower() if style is not None else ""


def dropdown_choice(fld_char: Element) -> str | None:
    """The entry a legacy drop-down form field (FORMDROPDOWN) shows, or None if not one."""
    box = fld_char.find(f"{w('ffData')}/{w('ddList')}")
    if box is None:
        return None
    entries = [e.get(w("val")) or "" for e in box.findall(w("listEntry"))]
    chosen = box.find(w("result"))
    if chosen is None:
        chosen = box.find(w("default"))
    try:
        index = int(chosen.get(w("val")) or 0) if chosen is not None else 0
    except ValueError:
        index = 0
    return entries[index] if 0 <= index < len(entries) else ""


def placeholder(sdt: Element) -> bool:
    """A content control still showing its prompt ("Pilih item."): nothing was filled in."""
    return sdt.find(f"{w('sdtPr')}/{w('showingPlcHdr')}") is not None


def table_rows(tbl: Element) -> Iterator[Element]:
    """The rows of a table, also those Word wraps in content controls or custom XML."""
    for child in tbl:
        if child.tag == w("tr"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from table_rows(inner)


def row_cells(tr: Element) -> Iterator[Element]:
    """The cells of a row, also those wrapped in content controls or custom XML."""
    for child in tr:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from row_cells(inner)


def body_tables(container: Element) -> Iterator[Element]:
    """The top-level tables of the body, also those inside content controls."""
    for child in container:
        if child.tag == w("tbl"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from body_tables(inner)


def grid_before(tr: Element) -> int:
    """How many grid columns a row leaves empty before its first cell."""
    before = tr.find(f"{w('trPr')}/{w('gridBefore')}")
    try:
        return min(64, max(0, int(before.get(w("val")) or 0))) if before is not None else 0
    except ValueError:
        return 0


def grid_span(tc: Element) -> int:
    span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
    try:
        return min(64, max(1, int(span.get(w("val")) or 1))) if span is not None else 1
    except ValueError:
        return 1


def continues_merge(tc: Element) -> bool:
    """A cell under a vertically merged one: its content belongs to the cell above."""
    merge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
    return merge is not None and (merge.get(w("val")) or "continue") != "restart"


def _heading(p: Element) -> str:
    """Heading 1-3 (and Title) as h3, deeper ones as h4: the subset's two levels."""
    name = _style(p).replace(" ", "")
    for prefix in ("heading", "judul"):
        if name.startswith(prefix):
            level = name[len(prefix):]
            return "h4" if level.isdigit() and int(level) > 3 else "h3"
    return "h3" if name == "title" else "p"


def _unwrap_p(block: str) -> str:
    return block[3:-4] if block.startswith("<p>") and block.endswith("</p>") else block


def _kind(data: bytes) -> str:
    for magic, suffix in _IMAGE_MAGIC:
        if data.startswith(magic):
            return suffix
    return ".bin"


def _unreadable(data: bytes) -> str | None:
    """Why a picture cannot be shown, or None: the format must be known, its decoded size
    bounded (read from its header, before a pixel is decoded: a decompression bomb) and it
    must decode; the bank's own check (`image_data_problem`), so nothing it would refuse
    gets this far."""
    if _kind(data) == ".bin":
        return ("format gambar tidak didukung (mis. EMF/WMF): simpan ulang sebagai PNG atau "
                "JPEG / unsupported picture format: save it as PNG or JPEG")
    problem = image_data_problem(data)
    if problem is not None:
        return f"gambar tidak dapat dipakai / {problem}"
    return None
