"""The small HTML subset item text is written in.

Qt's rich-text engine renders it on the kiosk, reportlab's Paragraph markup is close
to it for PDFs, and QTI/Moodle content maps onto it. `sanitize` keeps the subset and
reports everything else it had to change, so an importer never drops content silently.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "p": frozenset(),
    "br": frozenset(),
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "sub": frozenset(),
    "sup": frozenset(),
    "ul": frozenset(),
    "ol": frozenset(),
    "li": frozenset(),
    "table": frozenset(),
    "thead": frozenset(),
    "tbody": frozenset(),
    "tr": frozenset(),
    "th": frozenset({"colspan", "rowspan"}),
    "td": frozenset({"colspan", "rowspan"}),
    "h3": frozenset(),
    "h4": frozenset(),
    "blockquote": frozenset(),
    "pre": frozenset(),
    "code": frozenset(),
    "img": frozenset({"src", "alt", "width", "height"}),
}
VOID_TAGS = frozenset({"br", "img"})
# Containers whose text is kept but whose tag carries no meaning worth keeping.
UNWRAPPED_TAGS = frozenset({"div", "span", "font", "section", "article", "label", "small"})
# Elements whose content must not become item text.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "form"})
HEADING_MAP = {"h1": "h3", "h2": "h3", "h5": "h4", "h6": "h4"}


@dataclass
class Sanitized:
    html: str
    changes: list[str] = field(default_factory=list)  # what was not kept, for the user
    images: list[str] = field(default_factory=list)  # img src values, in order


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.changes: list[str] = []
        self.images: list[str] = []
        self.open: list[str] = []
        self.skip_depth = 0

    def _note(self, message: str) -> None:
        if message not in self.changes:
            self.changes.append(message)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth:
            if tag in DROPPED_WITH_CONTENT:
                self.skip_depth += 1
            return
        if tag in DROPPED_WITH_CONTENT:
            self.skip_depth = 1
            self._note(f"<{tag}> element removed with its content")
            return
        tag = HEADING_MAP.get(tag, tag)
        if tag in UNWRAPPED_TAGS:
            return
        if tag not in ALLOWED_TAGS:
            self._note(f"<{tag}> is not supported; its text was kept without it")
            return
        kept = []
        for name, value in attrs:
            if name in ALLOWED_TAGS[tag] and value is not None:
                kept.append(f' {name}="{html.escape(value, quote=True)}"')
                if tag == "img" and name == "src":
                    self.images.append(value)
            elif name not in {"class", "id", "dir", "lang"}:
                self._note(f"attribute {name!r} on <{tag}> is not supported and was removed")
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        tag = HEADING_MAP.get(tag, tag)
        if tag not in VOID_TAGS and self.open and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag in DROPPED_WITH_CONTENT:
                self.skip_depth -= 1
            return
        tag = HEADING_MAP.get(tag, tag)
        if tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.out.append(html.escape(data, quote=False))

    def close_all(self) -> str:
        self.close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def sanitize(fragment: str) -> Sanitized:
    """Reduce an HTML fragment to the subset, listing what had to change."""
    parser = _Sanitizer()
    parser.feed(fragment)
    cleaned = parser.close_all().strip()
    return Sanitized(cleaned, parser.changes, parser.images)


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|tr|h3|h4|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)


def to_plain_text(fragment: str) -> str:
    """The text a reader sees, for word counts, search and plain-text exports."""
    text = _BLOCK_END.sub("\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


_SUBSET_TAG = re.compile(r"</?(" + "|".join(ALLOWED_TAGS) + r")\b[^<>]*>", re.IGNORECASE)
_CHAR_REF = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def looks_like_html(text: str) -> bool:
    """Subset tags or character references: nobody types ``&amp;`` meaning it literally."""
    return bool(_SUBSET_TAG.search(text) or _CHAR_REF.search(text))


def from_plain_text(text: str) -> str:
    """Plain text (paragraphs split by blank lines) as subset HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if len(paragraphs) <= 1:
        return html.escape(text.strip(), quote=False).replace("\n", "<br>")
    return "".join(
        "<p>" + html.escape(p, quote=False).replace("\n", "<br>") + "</p>" for p in paragraphs
    )
