"""Candy CBT's Word layout: questions typed as paragraphs with markers, no table.

Candy CBT imports Word files through Savsoft Quiz's importer
(``admin/pages/word_import``), which splits the document's text at ``Q:1)`` (a question
and its number), ``A:)`` … ``E:)`` (its options), ``Sol:`` (an explanation) and
``Correct:B`` (the key, ``A,C`` for several), wherever the markers stand. Here each
paragraph is read as rich text (formatting and pictures kept) and the markers are found
at the start of a paragraph, ``Correct:`` also at the end of one; what comes before the
first question (a title, instructions) is not an item.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exam_bank.competencies import CompetencyCatalog
from exam_bank.importers.docx_xml import Element, Rich, w
from exam_bank.importers.word_rules import IMAGES, WordTable, made_id, read_rows
from exam_bank.items.model import Item
from exam_bank.items.richtext import sanitize
from exam_bank.problems import Problem
from exam_bank.tabular import Row

QUESTION = re.compile(r"\s*Q\s*:\s*(\d+)\s*\)\s*")
OPTION = re.compile(r"\s*([A-Ea-e])\s*:\s*\)\s*")
SOLUTION = re.compile(r"\s*Sol\s*:\s*", re.IGNORECASE)
KEY = re.compile(r"Correct\s*:\s*([A-Ea-e](?:\s*,\s*[A-Ea-e])*)\s*$", re.IGNORECASE)
_TOKEN = re.compile(r"<[^>]*>|&#?[A-Za-z0-9]+;|.", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-z0-9]+)[^>]*>")
_EMPTY = re.compile(r"<(?:b|i|u|sub|sup|strong|em)>(\s*)</(?:b|i|u|sub|sup|strong|em)>")


@dataclass
class Marked:
    paragraph: int  # where its Q: marker stands (1-based, among the body's paragraphs)
    number: str
    stem: list[str] = field(default_factory=list)  # paragraphs, subset HTML
    options: list[tuple[str, list[str]]] = field(default_factory=list)  # letter, paragraphs
    key: str = ""
    explained: bool = False


def has_markers(body: Element) -> bool:
    return any(QUESTION.match(_text(p)) for p in _paragraphs(body))


def _paragraphs(container: Element) -> Iterator[Element]:
    """The body's paragraphs and tables in order, also those inside content controls (a
    table is one "paragraph": a question may show one)."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from _paragraphs(inner)


def _text(p: Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t"))) if p.tag == w("p") else ""


def _scan(fragment: str) -> tuple[str, list[int]]:
    """The visible text of subset HTML and where each of its characters starts in it."""
    text: list[str] = []
    offsets: list[int] = []
    for m in _TOKEN.finditer(fragment):
        token = m.group()
        if token.startswith("<"):
            if token.startswith("<br"):
                text.append("\n")
                offsets.append(m.start())
            continue
        text.append(html.unescape(token))
        offsets.append(m.start())
    return "".join(text), offsets


def _after(fragment: str, offsets: list[int], chars: int) -> str:
    """The fragment after its first `chars` visible characters, formatting kept."""
    if chars >= len(offsets):
        return ""
    at = offsets[chars]
    opened: list[str] = []
    for m in _TAG.finditer(fragment[:at]):
        if m.group(2) in ("br", "img"):
            continue
        if m.group(1):
            if opened:
                opened.pop()
        else:
            opened.append(m.group())
    return _tidy("".join(opened) + fragment[at:])


def _before(fragment: str, offsets: list[int], chars: int) -> str:
    return _tidy(fragment[:offsets[chars]] if chars < len(offsets) else fragment)


def _tidy(fragment: str) -> str:
    """Balanced subset HTML without the empty formatting a cut leaves (``<b></b>``)."""
    html_ = sanitize(fragment).html
    while (shorter := _EMPTY.sub(r"\1", html_)) != html_:
        html_ = shorter
    return html_.strip()


def parse(paragraphs: list[str]) -> tuple[list[Marked], list[tuple[int, str]]]:
    """Questions from the paragraphs (subset HTML), and (paragraph, message) problems."""
    found: list[Marked] = []
    problems: list[tuple[int, str]] = []
    part: list[str] | None = None  # where the text of the next paragraphs belongs
    for number, fragment in enumerate(paragraphs, start=1):
        text, offsets = _scan(fragment)
        marker = QUESTION.match(text) or OPTION.match(text) or (
            SOLUTION.match(text) if found else None)
        if marker is None:
            pass
        elif marker.re is QUESTION:
            found.append(Marked(number, marker.group(1)))
            part = found[-1].stem
        elif marker.re is SOLUTION:
            found[-1].explained = True
            part = None  # the explanation is not kept: Ujikom has no such field
        elif not found:
            problems.append((number, "pilihan sebelum soal pertama (Q:1)) / an option before "
                             "the first question"))
            continue
        else:
            letter, have = marker.group(1).upper(), len(found[-1].options)
            expected = "ABCDE"[have] if have < 5 else None
            if letter != expected:
                problems.append((number, f"pilihan {letter}:) tidak pada urutannya (A:), B:), "
                                 "… sampai E:)) / options run A:) to E:) in order"))
            found[-1].options.append((letter, []))
            part = found[-1].options[-1][1]
        if marker is not None:
            fragment = _after(fragment, offsets, marker.end())
            text, offsets = _scan(fragment)
        key = KEY.search(text) if found else None
        if key is not None:
            found[-1].key = re.sub(r"\s+", "", key.group(1)).upper()
            fragment = _before(fragment, offsets, key.start())
        if text.strip() and part is None and key is None and found and not (
                marker is not None and marker.re is SOLUTION) and not found[-1].explained:
            problems.append((number, "teks di luar soal (setelah Correct:): pindahkan ke "
                             "dalam soal sesudah Q:n) / text outside a question"))
        elif part is not None and fragment.strip():
            part.append(fragment)
        if key is not None:
            part = None  # what follows the key belongs to no question
    return found, problems


def _joined(paragraphs: list[str]) -> str:
    if len(paragraphs) == 1 and not paragraphs[0].startswith("<table"):
        return paragraphs[0]
    return "".join(p if p.startswith("<table") else f"<p>{p}</p>" for p in paragraphs)


class MarkedReader:
    """The questions of a document in Candy CBT's layout, as items."""

    def __init__(self, path: Path, body: Element, part: Any, competency: str | None,
                 level: int | None, catalog: CompetencyCatalog) -> None:
        self.path, self.body, self.part = path, body, part
        self.competency, self.level, self.catalog = competency, level, catalog
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.where = path.name

    def read(self, media: dict[str, bytes]) -> list[Item]:
        if not self.competency:
            self.problems.append(Problem(self.where, "kompetensi tidak diketahui: beri "
                                         "--competency / no competency: give --competency"))
            return []
        fragments = []
        owner = "SOAL"  # pictures are stored under the id of the question they are in
        for number, p in enumerate(_paragraphs(self.body), start=1):
            if m := QUESTION.match(_text(p)):
                owner = made_id(self.path, 1, m.group(1), 0)
            rich = Rich(self.part, owner, self._reporter(number), media)
            fragments.append(rich.paragraph(p) if p.tag == w("p") else rich.table(p))
        found, misplaced = parse(fragments)
        self.problems += [Problem(f"{self.where}: paragraf {n}", m) for n, m in misplaced]
        labels = {"soal": "Q:", "kunci": "Correct:",
                  **{f"opsi_{c}": f"{c.upper()}:)" for c in "abcde"}}
        names = ["id", "tipe", "kompetensi", "level", "soal", "kunci",
                 *(f"opsi_{c}" for c in "abcde")]
        table = WordTable(self.where, names, [], labels, row_word="paragraf",
                          column_word="bagian", separator=": ")
        items, problems, warnings = read_rows(table, [self._row(q) for q in found],
                                              self.catalog, self.path.parent, media)
        self.problems += problems
        self.warnings += warnings
        self.warnings += [Problem(f"{self.where}: paragraf {q.paragraph}", "pembahasan (Sol:) "
                                  "tidak disimpan / the explanation (Sol:) is not kept")
                          for q in found if q.explained]
        return items

    def _reporter(self, number: int) -> Callable[[str], None]:
        place = f"{self.where}: paragraf {number}"
        return lambda message: self.problems.append(Problem(place, message))

    def _row(self, question: Marked) -> Row:
        values = {"id": made_id(self.path, 1, question.number, 0),
                  "kompetensi": self.competency or "",
                  "level": str(self.level) if self.level is not None else "",
                  "soal": _joined(question.stem), "kunci": question.key,
                  "tipe": "mr" if "," in question.key else "mc", IMAGES: ""}
        for letter, paragraphs in question.options:
            values[f"opsi_{letter.lower()}"] = _joined(paragraphs)
        return Row(question.paragraph, values)
