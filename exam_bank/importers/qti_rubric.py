"""QTI rubric blocks read as what Ujikom uses them for.

A ``rubricBlock`` (QTI 3: ``qti-rubric-block``) says who sees it with ``view`` (a list:
candidate, scorer, author, proctor, tutor, testConstructor) and, in QTI 3, what it is
for with ``use`` (instructions, scoring, navigation). Ujikom keeps two of them:

- scorer view or ``use="scoring"``: the grading rubric of an essay, as makalah criteria.
  A table gives one criterion per row (first cell the title, the middle cells the
  description, a number in the last cell the maximum score); a list one per item ("title:
  description (10 poin)"); anything else is one criterion holding the whole text.
- candidate view: instructions the candidate reads (its content stays in the item).

Other views are for people a Ujikom exam has no screen for; they are dropped with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from exam_bank.importers.qti_rp import qti_attr, qti_name
from exam_bank.items.model import RubricCriterion

DEFAULT_MAX = 5.0  # a criterion whose maximum the rubric does not state
GENERIC_TITLE = "Rubrik penilaian"  # a block of text that names no criterion
_SCORE = re.compile(r"(?:\(|\b)(\d+(?:[.,]\d+)?)\s*(?:poin|points?|pts|skor|nilai)\b"
                    r"|(?:skor|nilai|score|max(?:imum)?)\s*:?\s*(\d+(?:[.,]\d+)?)", re.I)
_NUMBER = re.compile(r"^\s*(?:0\s*[-–]\s*)?(\d+(?:[.,]\d+)?)\s*(?:poin|points?|pts)?\s*$",
                     re.I)
_TITLE_SPLIT = re.compile(r"\s*(?::|\s[-–—]\s)\s*")


class Use:
    SCORING = "scoring"
    CANDIDATE = "candidate"
    OTHER = "other"


def use_of(block: Element) -> str:
    """What Ujikom does with a rubric block: scoring, candidate instructions, or nothing."""
    views = set((qti_attr(block, "view", "") or "").split())
    use = qti_attr(block, "use", "") or ""
    if use == "scoring" or "scorer" in views:
        return Use.SCORING
    if "candidate" in views:
        return Use.CANDIDATE
    return Use.OTHER


def content_of(block: Element) -> Element:
    """The element holding a block's content (QTI 3 wraps it in ``qti-content-body``)."""
    return next((c for c in block if qti_name(c) == "contentBody"), block)


def _text(el: Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _number(text: str) -> float | None:
    m = _NUMBER.match(text)
    return float(m.group(1).replace(",", ".")) if m else None


@dataclass(frozen=True)
class _Row:
    title: str
    description: str
    max_score: float


def criteria(blocks: list[Element], default_max: float | None = None,
             maxima: dict[str, float] | None = None) -> tuple[RubricCriterion, ...]:
    """The makalah criteria written in the scorer rubric blocks, in order.

    `maxima` holds the ``normalMaximum`` of the item's outcomes: a block that names its
    outcome (``data-outcome-idref``, as Cito's exports do) is scored up to it, and its
    caption (``data-…-caption``) is the criterion's title.
    """
    rows: list[_Row] = []
    for block in blocks:
        ref = block.get("data-outcome-idref", "")
        top = (maxima or {}).get(ref) or default_max or DEFAULT_MAX
        caption = next((v for k, v in block.attrib.items()
                        if k.startswith("data-") and k.endswith("caption") and v.strip()), "")
        found = _rows(content_of(block), top)
        if caption and len(found) == 1 and found[0].title == GENERIC_TITLE:
            found = [_Row(caption.strip(), found[0].description, found[0].max_score)]
        rows.extend(found)
    return tuple(RubricCriterion(f"K{n}", r.title, r.description, r.max_score)
                 for n, r in enumerate(rows, 1))


def _rows(body: Element, default_max: float) -> list[_Row]:
    table = next((e for e in body.iter() if qti_name(e) == "table"), None)
    if table is not None:
        found = [r for r in (_table_row(tr) for tr in table.iter() if qti_name(tr) == "tr")
                 if r is not None]
        if found:
            return found
    items = [e for e in body.iter() if qti_name(e) == "li"]
    if items:
        return [_list_row(li) for li in items if _text(li)]
    text = _text(body)
    if not text:
        return []
    m = _SCORE.search(text)
    top = float((m.group(1) or m.group(2)).replace(",", ".")) if m else default_max
    return [_Row(GENERIC_TITLE, text, top)]


def _table_row(tr: Element) -> _Row | None:
    cells = [c for c in tr if qti_name(c) in ("td", "th")]
    if len(cells) < 2 or all(qti_name(c) == "th" for c in cells):
        return None  # a header row
    texts = [_text(c) for c in cells]
    top = _number(texts[-1])
    if top is None:
        return None if not texts[0] else _Row(texts[0], " ".join(texts[1:]), DEFAULT_MAX)
    return _Row(texts[0], " ".join(t for t in texts[1:-1] if t), top) if top > 0 else None


def _list_row(li: Element) -> _Row:
    text = _text(li)
    m = _SCORE.search(text)
    top = float((m.group(1) or m.group(2)).replace(",", ".")) if m else DEFAULT_MAX
    if m:
        text = (text[:m.start()] + text[m.end():]).strip(" ()")
    parts = _TITLE_SPLIT.split(text, maxsplit=1)
    title = parts[0].strip()
    description = parts[1].strip() if len(parts) > 1 else ""
    return _Row(title, description, top if top > 0 else DEFAULT_MAX)
