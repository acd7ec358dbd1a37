"""The package's pictures in item text, shown from memory and never written to disk.

Item text names a picture by its media name (`exam_bank.items.media`). Before a screen
shows a text, `Pictures.html` puts each picture in as a ``data:`` URL that Qt's rich-text
engine reads from the string itself (QLabel and QTextBrowser alike), scaled to the
pane's width by ``max-width: 100%``. Each picture is checked once: its size is read from
the header and bounded before a pixel is decoded (a decompression bomb in a package must
not hang or exhaust the kiosk), then decoded; one that is too large, unreadable or
missing becomes a short notice in the candidate's language instead.
"""

from __future__ import annotations

import base64
import html
import re
from collections import OrderedDict
from collections.abc import Mapping
from html.parser import HTMLParser

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader

from exam_bank.items.media import pixel_problem

MAX_SHOWN_WIDTH = 1600  # wider pictures are scaled down once: no pane is wider
KEPT = 48  # data: URLs kept ready; the package's bytes stay in memory anyway
ALLOCATION_LIMIT_MB = 128  # Qt's own fence behind the header check
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_PASS_THROUGH = {b"png": "image/png", b"jpeg": "image/jpeg"}
# What the bank accepts (exam_bank.items.media): no SVG and the like, whose decoders do
# more than read pixels, even from a signed package.
_FORMATS = frozenset({b"png", b"jpeg", b"jpg", b"gif", b"bmp", b"webp"})


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {k: v or "" for k, v in attrs}

    handle_startendtag = handle_starttag


def _attrs(tag: str) -> dict[str, str]:
    parser = _Attrs()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def decode(data: bytes) -> tuple[QImage | None, bytes]:
    """(picture, its format) or (None, why not): the size is bounded before decoding."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    kind = bytes(reader.format().data())  # from the first bytes, before any parsing
    if kind not in _FORMATS:
        return None, b"unsupported"
    size = reader.size()
    if not size.isValid():
        return None, b"unreadable"
    if pixel_problem(size.width(), size.height()):
        return None, b"too large"
    image = reader.read()
    if image.isNull():
        return None, b"unreadable"
    return image, kind


def _data_url(data: bytes) -> str:
    """A picture as a data: URL Qt decodes itself from the label's text: PNG and JPEG
    that fit pass as they came (the same bytes, checked above); the others, and wide
    ones scaled down, are re-encoded as PNG."""
    image, kind = decode(data)
    if image is None:
        return ""
    if image.width() <= MAX_SHOWN_WIDTH and kind in _PASS_THROUGH:
        return f"data:{_PASS_THROUGH[kind]};base64," + base64.b64encode(data).decode()
    if image.width() > MAX_SHOWN_WIDTH:
        image = image.scaledToWidth(MAX_SHOWN_WIDTH,
                                    Qt.TransformationMode.SmoothTransformation)
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(out, "PNG")  # type: ignore[call-overload]  # the stub says bytes; Qt takes str
    return "data:image/png;base64," + base64.b64encode(bytes(out.data().data())).decode()


def placeholder_text(alt: str) -> str:
    """What stands where a picture cannot be shown, in the candidate's language."""
    text = QCoreApplication.translate("Pictures", "[Picture cannot be shown]")
    if alt:
        text = QCoreApplication.translate("Pictures", "[Picture cannot be shown: %1]"
                                          ).replace("%1", alt)
    return text


class Pictures:
    """The package's media, decoded on first use; `html` puts them into a text."""

    def __init__(self, media: Mapping[str, bytes]) -> None:
        self._media = media
        # name -> data: URL ("" when it cannot be shown), the most recently used last
        self._urls: OrderedDict[str, str] = OrderedDict()

    def url(self, name: str) -> str:
        if name in self._urls:
            self._urls.move_to_end(name)
            return self._urls[name]
        data = self._media.get(name)
        self._urls[name] = _data_url(data) if data is not None else ""
        while len(self._urls) > KEPT:  # a bank of hundreds of pictures stays small in RAM
            self._urls.popitem(last=False)
        return self._urls[name]

    def html(self, fragment: str) -> str:
        """`fragment` with each picture put in, or a notice where one cannot be shown."""
        if "<img" not in fragment.lower():
            return fragment

        def one(match: re.Match[str]) -> str:
            attrs = _attrs(match.group(0))
            alt = attrs.get("alt", "")
            url = self.url(attrs.get("src", ""))
            if not url:
                return f"<i>{html.escape(placeholder_text(alt), quote=False)}</i>"
            # A width the text asks for stays (the height follows it); never a height
            # alone, which would stretch the picture once the pane's width shrinks it.
            size = f' width="{attrs["width"]}"' if attrs.get("width", "").isdigit() else ""
            return (f'<img src="{url}" alt="{html.escape(alt)}"{size} '
                    'style="max-width: 100%">')

        return _IMG.sub(one, fragment)
