"""How an item names its pictures, one rule for every importer, exporter and screen.

An item's text shows a picture as ``<img src="NAME">``, NAME being the picture's path in
the bank's ``media/`` folder (``INT-001/denah.png``); the package carries it as
``media/NAME`` and the kiosk looks it up by the same NAME. Every NAME the text shows is
listed in the item's ``media``; a name listed there that no text shows is a picture
attached to the question, shown after the stem (or after a makalah's case material).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import replace
from html import escape
from html.parser import HTMLParser
from pathlib import PurePosixPath

from exam_bank.items.limits import MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, image_problem
from exam_bank.items.model import Item


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (src, alt)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            self.found.append((values.get("src") or "", values.get("alt") or ""))


def text_images(html: str) -> list[tuple[str, str]]:
    """(src, alt) of every ``<img>`` in a text, in reading order."""
    if "<img" not in html.lower():
        return []
    parser = _Images()
    parser.feed(html)
    parser.close()
    return parser.found


def item_texts(item: Item) -> Iterator[tuple[str, str]]:
    """(field, html) of every text of the item that may show a picture."""
    yield "stem", item.stem
    for option in item.options:
        yield f"options.{option.id}", option.text
    if item.makalah is not None:
        yield "makalah.case_material", item.makalah.case_material
        yield "makalah.instructions", item.makalah.instructions


def shown_media(item: Item) -> list[str]:
    """Every picture name the item's texts show, each once, in reading order."""
    names = (src for _field, text in item_texts(item) for src, _alt in text_images(text))
    return list(dict.fromkeys(names))


def all_media(item: Item) -> tuple[str, ...]:
    """The item's media list followed by any picture its text shows that the list lacks."""
    return tuple(dict.fromkeys([*item.media, *shown_media(item)]))


def with_shown_media(item: Item) -> Item:
    """The item with every picture its text shows in its media list (importers use it)."""
    names = all_media(item)
    return item if names == item.media else replace(item, media=names)


def attached_media(item: Item) -> list[str]:
    """Names in the media list that no text shows: shown after the stem or case."""
    shown = set(shown_media(item))
    return [name for name in item.media if name not in shown]


def attachments_html(item: Item) -> str:
    """The attached pictures as text, one paragraph each."""
    return "".join(f'<p><img src="{escape(name, quote=True)}"></p>'
                   for name in attached_media(item))


def stem_shown(item: Item) -> str:
    """The stem as a candidate sees it: attached pictures after it (not for makalah)."""
    return item.stem if item.makalah is not None else item.stem + attachments_html(item)


def case_shown(item: Item) -> str:
    """A makalah's case material as a candidate sees it, attached pictures after it."""
    if item.makalah is None:
        return ""
    return item.makalah.case_material + attachments_html(item)


def safe_media_name(name: str) -> bool:
    """A relative path inside media/: no root, no '..', no backslash, no URL scheme."""
    p = PurePosixPath(name)
    return (bool(name) and not p.is_absolute() and ".." not in p.parts and "\\" not in name
            and ":" not in name)


def media_text_problems(item: Item) -> Iterator[tuple[str, str]]:
    """(field, message) for every picture a text shows that breaks the rule."""
    listed = set(item.media)
    for field_name, text in item_texts(item):
        for src, _alt in text_images(text):
            if not safe_media_name(src):
                yield field_name, (f"picture {src!r} is not a file of the bank's media "
                                   "folder (write it as ITEM-ID/name.png)")
            elif src not in listed:
                yield field_name, (f"shows picture {src!r}, which is not in the item's "
                                   "media list")


def image_data_problem(data: bytes) -> str | None:
    """Why these bytes cannot be an item's picture, or None: size on disk, a known
    format, and the decoded size bounded (read from the header, before any decoding)."""
    too_big = image_problem(len(data))
    if too_big:
        return too_big
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns about large images itself; the bound below is ours and smaller.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                problem = pixel_problem(width, height)
                if problem:
                    return problem
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError,
            ValueError) as exc:
        return f"the picture cannot be read ({exc})"
    return None


def pixel_problem(width: int, height: int) -> str | None:
    """Why a picture of this many pixels is refused, or None."""
    if width <= 0 or height <= 0:
        return "the picture has no size"
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        return (f"the picture is {width}×{height} pixels; at most {MAX_IMAGE_SIDE} a side "
                f"and {MAX_IMAGE_PIXELS // 1_000_000} million in all are accepted "
                "(scale it down)")
    return None
