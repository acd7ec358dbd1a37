"""Word (.docx) content as the bank's rich-text subset: the typed boundary around python-docx.

python-docx opens the package (after `safezip` has checked it: a .docx is a zip) and
resolves image relationships; the paragraphs and runs are walked here on its lxml
elements, because its object model skips content it does not know (a run inside a
tracked change, a text box) and that content must be reported, not dropped.

Kept: bold, italic, underline, sub/superscript, line breaks, paragraphs, bulleted and
numbered paragraphs (as lists), small tables (cell text) and embedded pictures. Refused
with a message: text boxes, tracked changes, comments, equations, embedded objects,
linked pictures and pictures that cannot be read.
"""

from __future__ import annotations

import html
import io
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exam_bank.items.limits import image_problem
from exam_bank.problems import InputError, Problem
from exam_bank.safezip import DOCX, ZipRefused, check_zip_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

Element = Any  # an lxml element of python-docx's tree (lxml ships no types here)

# Picture formats the kiosk and the PDF renderer both show, by their first bytes.
_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF8", ".gif"),
    (b"BM", ".bmp"))

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
}


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
                if (kind := _list_kind(child)) is not None:
                    yield kind, content
                else:
                    yield "p", f"<{_heading(child)}>{content}</{_heading(child)}>"
            elif tag == w("tbl"):
                yield "table", self.table(child)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self._block_parts(content)
            elif tag in UNSUPPORTED:
                self.report(UNSUPPORTED[tag])

    def table(self, tbl: Element) -> str:
        rows = []
        for tr in tbl.iter(w("tr")):
            cells = "".join(f"<td>{self.cell(tc)}</td>" for tc in tr.findall(w("tc")))
            rows.append(f"<tr>{cells}</tr>")
        return "<table>" + "".join(rows) + "</table>"

    # ---- inline

    def paragraph(self, p: Element) -> str:
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
            elif tag in (w("hyperlink"), w("smartTag"), w("fldSimple"), w("customXml")):
                self._inline(el, out)
            elif tag == w("sdt"):
                content = el.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, out)

    def _run(self, r: Element, out: list[tuple[tuple[str, ...], str]]) -> None:
        fmt = _format(r.find(w("rPr")))
        for el in r:
            tag = el.tag
            if tag == w("t"):
                out.append((fmt, html.escape(el.text or "", quote=False)))
            elif tag == w("tab"):
                out.append((fmt, " "))
            elif tag in (w("br"), w("cr")):
                out.append(((), "<br>"))
            elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent"):
                self._picture(el, out)
            elif tag in UNSUPPORTED:
                self.report(UNSUPPORTED[tag])

    def _picture(self, el: Element, out: list[tuple[tuple[str, ...], str]]) -> None:
        if el.tag == f"{{{MC}}}AlternateContent":  # Word 2010+ shapes: read its first choice
            choice = el.find(f"{{{MC}}}Choice")
            el = choice if choice is not None else el
        if any(True for _ in el.iter(w("txbxContent"))):
            self.report(UNSUPPORTED[w("txbxContent")])
            return
        found = False
        for blip in el.iter(f"{{{A}}}blip"):
            found = True
            if blip.get(f"{{{R}}}link") and not blip.get(f"{{{R}}}embed"):
                self.report("gambar tertaut (linked picture), bukan disisipkan: sisipkan "
                            "gambarnya / a linked picture: insert the picture itself")
                continue
            self._image(blip.get(f"{{{R}}}embed") or "", out)
        for data in el.iter(f"{{{V}}}imagedata"):
            found = True
            self._image(data.get(f"{{{R}}}id") or "", out)
        if not found:
            self.report("bentuk/gambar vektor (shape) tidak didukung: simpan sebagai gambar "
                        "PNG / drawing shapes are not supported: paste a PNG picture")

    def _image(self, rid: str, out: list[tuple[tuple[str, ...], str]]) -> None:
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
        out.append(((), f'<img src="{html.escape(name)}">'))


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


def _list_kind(p: Element) -> str | None:
    """ol/ul for a numbered or bulleted paragraph (by its style or its numbering)."""
    name = _style(p)
    if name.startswith("listnumber"):
        return "ol"
    if name.startswith("listbullet") or p.find(f"{w('pPr')}/{w('numPr')}") is not None:
        return "ul"
    return None


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
    """Why a picture cannot be shown, or None: the format must be known and decode."""
    if _kind(data) == ".bin":
        return ("format gambar tidak didukung (mis. EMF/WMF): simpan ulang sebagai PNG atau "
                "JPEG / unsupported picture format: save it as PNG or JPEG")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"gambar rusak, tidak dapat dibaca / the picture cannot be read ({exc})"
    return None
