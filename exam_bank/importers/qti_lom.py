"""Item metadata other tools write next to a QTI item: IEEE LOM (``lom``, in the
manifest's ``<resource><metadata>``, IMS MD 1.2 or LOM 1.0 namespaces alike).

What Ujikom takes from it: keywords → tags (the first one the topic, when no
``--topic`` is given), difficulty → level, the contributor with role author → author,
language → a ``bahasa:…`` tag. Elements are found by local name, so every namespace
variant exporters use reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from exam_bank.xmlsafe import local_name

# LOM's difficulty vocabulary and the Ujikom level each is taken as.
DIFFICULTY_LEVEL = {"very easy": 1, "easy": 2, "medium": 3, "difficult": 4,
                    "very difficult": 5}
_VCARD_FN = re.compile(r"^FN:(.+)$", re.M)


@dataclass(frozen=True)
class Lom:
    keywords: tuple[str, ...] = ()
    level: int | None = None
    author: str = ""
    language: str = ""

    def tags(self) -> tuple[str, ...]:
        lang = (f"bahasa:{self.language}",) if self.language else ()
        return self.keywords + lang


def _local(el: Element) -> str:
    return local_name(el.tag) if isinstance(el.tag, str) else ""


def _find(el: Element, *path: str) -> list[Element]:
    """Descendants reached by local names, one step per name (children only)."""
    found = [el]
    for name in path:
        found = [c for f in found for c in f if _local(c) == name]
    return found


def _text(el: Element) -> str:
    """A LOM value: its ``string``/``langstring`` (first one), else its own text."""
    inner = next((c for c in el.iter() if _local(c) in ("string", "langstring")), None)
    return " ".join(((inner if inner is not None else el).text or "").split())


def _vocab(el: Element) -> str:
    """A LOM vocabulary entry: the text of its ``value`` (not of its ``source``)."""
    value = next((c for c in el if _local(c) == "value"), None)
    return _text(value if value is not None else el)


def read_lom(metadata: Element) -> Lom | None:
    """The LOM found in a resource's metadata, or None when there is none."""
    lom = next((e for e in metadata.iter() if _local(e) == "lom"), None)
    if lom is None:
        return None
    keywords = tuple(t for t in (_text(k) for k in _find(lom, "general", "keyword")) if t)
    language = next((_text(x) for x in _find(lom, "general", "language") if _text(x)), "")
    difficulty = next((_vocab(d) for d in _find(lom, "educational", "difficulty")), "")
    return Lom(keywords, DIFFICULTY_LEVEL.get(difficulty.lower()), _author(lom), language)


def _author(lom: Element) -> str:
    for contribute in _find(lom, "lifeCycle", "contribute") + _find(lom, "lifecycle",
                                                                     "contribute"):
        roles = [_vocab(r).lower() for r in _find(contribute, "role")]
        if "author" not in roles:
            continue
        for entity in [e for e in contribute.iter() if _local(e) in ("entity", "vcard")]:
            text = (entity.text or "").strip()
            m = _VCARD_FN.search(text.replace("\r", ""))
            if m:
                return m.group(1).strip()
            if text and not text.upper().startswith("BEGIN:VCARD"):
                return text
    return ""
