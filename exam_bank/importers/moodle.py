"""Importing questions exported from Moodle's question bank as "Moodle XML".

What becomes what (each choice is deliberate; the tests pin them down):

- ``<question type="category">`` sets the topic of the questions after it. The path
  ``$course$/top/Unit 1/Bab 2`` becomes ``Unit 1/Bab 2``: the context (``$course$``,
  ``$module$``, ``$system$``, ...), ``top`` and Moodle's automatic ``Default for ...``
  categories are dropped; ``//`` (an escaped slash inside a name) becomes ``/``.
- ``multichoice`` with ``<single>true`` → ``mc``; with ``<single>false`` → ``mr`` scored
  ``partial``. Every answer becomes an option (ids A, B, C, ...) whose weight is
  ``fraction / 100 × defaultgrade``: exactly the marks Moodle gives, so a question worth 2
  keeps being worth 2, and negative fractions stay penalties. Moodle scores a
  multiple-answer question as the sum of the chosen fractions clamped to 0..100 %, which is
  what ``partial`` does with these weights. ``correct`` marks the answers with a positive
  fraction (mr) or the single 100 % answer (mc; if several answers earn 100 % the weights
  alone carry the scoring and a warning says so).
- ``truefalse`` → ``mc`` with two options keeping Moodle's own answer texts
  (``true``/``false``), weighted as above.
- ``essay`` → ``makalah``: the question text is the instructions, ``<minwordlimit>`` and
  ``<maxwordlimit>`` the word range, and non-empty ``<graderinfo>`` one rubric criterion
  ``pedoman`` (its text as description, ``defaultgrade`` as maximum score). A response
  template has no place in a makalah and is dropped with a warning.
- ``description`` is not a question: skipped with a warning. Every other type
  (shortanswer, numerical, matching, cloze, calculated*, ddwtos, gapselect, ...) is an
  error naming its line: nothing is dropped silently.
- ``<idnumber>`` is the item id when present (it must be a valid Ujikom id); otherwise
  the id is ``MDL-<category>-<nnn>``, numbered in file order, so re-importing the same
  file gives the same ids. ``<name>`` is kept as the tag ``moodle:<name>``.
- Competency: the tag ``kompetensi:<key>`` / ``competency:<key>`` of a question, else the
  ``competency`` argument; a question with neither is an error. Level: the tag
  ``level:N`` / ``level-N``, else 3. Other tags are kept. Imported items are drafts.
- Text: ``html`` is reduced to the rich-text subset (each change reported as a warning);
  ``plain_text`` and ``markdown`` (which Ujikom does not render) are taken as plain text;
  ``moodle_auto_format`` is HTML if it contains tags, plain text otherwise. Images
  embedded as ``<file>`` and referenced as ``@@PLUGINFILE@@/x.png`` become media
  ``<ITEM-ID>/x.png``; so does a Moodle 1.9 ``<image>``/``<image_base64>`` pair, shown
  below the question text. An embedded file used other than as an image (audio, a
  link), or an image outside the file, is an error: the exam runs offline.
- Feedback and hints have no place in a test; non-empty ones are reported as warnings.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypedDict
from urllib.parse import unquote

from exam_bank.competencies import DEFAULT_CATALOG, CompetencyCatalog
from exam_bank.fsutil import read_at_most
from exam_bank.importers.base import SKIP_HINT, ImportResult
from exam_bank.items.media import with_shown_media
from exam_bank.items.model import (
    Item,
    ItemId,
    ItemType,
    MakalahSpec,
    MrScoring,
    Option,
    OptionId,
    ReviewStatus,
    RubricCriterion,
)
from exam_bank.items.richtext import from_plain_text, sanitize, to_plain_text
from exam_bank.items.validate import check_item
from exam_bank.problems import InputError, Problem, Problems
from exam_bank.xmlsafe import MAX_XML_BYTES, LineElement, line_children, local_name, parse_xml

SUPPORTED_TYPES = ("multichoice", "truefalse", "essay")
PLUGINFILE = "@@PLUGINFILE@@/"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"})
_CONTEXTS = re.compile(r"^\$[a-z0-9_]+\$$")  # $course$, $module$, $system$, $cat1$, ...
_SLASH = re.compile(r"(?<!/)/(?!/)")  # a path separator, not an escaped "//"
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?\s*>")
_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')
_LEVEL_TAG = re.compile(r"^level[:\-](.*)$", re.IGNORECASE)
_COMPETENCY_TAG = re.compile(r"^(?:competency|kompetensi):(.*)$", re.IGNORECASE)
_FEEDBACK_TAGS = ("generalfeedback", "hint")


@dataclass
class _Reader:
    """State shared while reading one file: where problems go, media found, ids taken."""

    where: str
    competency: str | None
    catalog: CompetencyCatalog
    problems: Problems
    warnings: list[Problem] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)
    topic: str = ""
    taken_ids: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)
    skip_unsupported: bool = False
    skipped: list[Problem] = field(default_factory=list)

    def error(self, message: str, line: int | None) -> None:
        self.problems.add(message, line=line)

    def warn(self, message: str, line: int | None) -> None:
        self.warnings.append(Problem(self.where, message, line=line))


def read_moodle(path: Path, *, competency: str | None = None,
                catalog: CompetencyCatalog = DEFAULT_CATALOG,
                skip_unsupported: bool = False) -> ImportResult:
    """Every supported question of a Moodle XML export, or InputError with every problem.

    `competency` is the competency of questions that carry no ``kompetensi:`` tag;
    `catalog` the competencies the bank knows (BKN's nine plus the agency's own). With
    `skip_unsupported`, questions of types Ujikom does not deliver are left out and listed
    in the result's `skipped` instead of refused.
    """
    where = str(path)
    root = _parse(path, where)
    if competency is not None and competency not in catalog:
        raise InputError([Problem(where, f"unknown competency {competency!r} (known: "
                                         f"{', '.join(catalog.keys())})")])
    reader = _Reader(where, competency, catalog, Problems(where))
    reader.skip_unsupported = skip_unsupported
    questions = _children(root, "question")
    _reserve_explicit_ids(reader, questions)
    items: list[Item] = []
    for q in questions:
        item = _read_question(reader, q)
        if item is not None:
            items.append(item)
    if not items and not reader.problems and not reader.skipped:
        # Questions left out by --skip-unsupported are in the report, not an error: a
        # bank of several files imports the rest.
        reader.error("the file holds no question Ujikom can import", root.sourceline)
    reader.problems.raise_if_any()
    return ImportResult(where, items, reader.media, reader.warnings, reader.skipped)


def _parse(path: Path, where: str) -> LineElement:
    try:
        data = read_at_most(path, MAX_XML_BYTES)
    except OSError as exc:
        raise InputError([Problem(where, f"cannot read: {exc.strerror}")]) from None
    if data is None:
        raise InputError([Problem(where, f"file is larger than {MAX_XML_BYTES // 2**20} MB")])
    if not data.strip():
        raise InputError([Problem(where, "the file is empty")])
    root = parse_xml(data, where)
    if local_name(root.tag) != "quiz":
        raise InputError([Problem(where, f"not a Moodle XML export: the document is "
                                         f"<{local_name(root.tag)}>, not <quiz>",
                                  line=root.sourceline)])
    return root


def _reserve_explicit_ids(reader: _Reader, questions: list[LineElement]) -> None:
    """Take every <idnumber> first, so a derived id never collides with a later one."""
    first_line: dict[str, int] = {}
    for q in questions:
        if q.get("type") not in SUPPORTED_TYPES:
            continue
        idnumber = _child_text(q, "idnumber").strip()
        if not idnumber:
            continue
        if idnumber in first_line:
            reader.error(f"id {idnumber!r} is used twice: also at line {first_line[idnumber]}",
                         q.sourceline)
        else:
            first_line[idnumber] = q.sourceline
    reader.taken_ids.update(first_line)


def _read_question(reader: _Reader, q: LineElement) -> Item | None:
    qtype = q.get("type", "")
    line = q.sourceline
    if qtype == "category":
        reader.topic = category_topic(_child_text(_child(q, "category"), "text"))
        return None
    name = _child_text(_child(q, "name"), "text").strip()
    if qtype == "description":
        reader.warn(f"description {name!r} is not a question; skipped", line)
        return None
    if qtype not in SUPPORTED_TYPES:
        if reader.skip_unsupported:
            reader.skipped.append(Problem(reader.where, f"question {name!r} skipped: type "
                                          f"{qtype!r} is not a question Ujikom delivers",
                                          line=line))
            return None
        reader.error(f"question {name!r}: type {qtype!r} is not supported; Ujikom imports "
                     f"{', '.join(SUPPORTED_TYPES)} (convert or remove it in Moodle, or "
                     f"{SKIP_HINT})", line)
        return None
    item_id = _item_id(reader, q)
    before = len(reader.problems.items)
    item = _build(reader, q, qtype, item_id, name)
    if item is None or len(reader.problems.items) > before:
        return None
    item = with_shown_media(item)  # the pictures its text shows travel with it
    for field_name, message in check_item(item, reader.catalog):
        reader.error(f"question {item_id!r}: {field_name}: {message}", line)
    _warn_feedback(reader, q, item_id)
    return item


def _build(reader: _Reader, q: LineElement, qtype: str, item_id: str, name: str) -> Item | None:
    competency, level, tags = _classify_tags(reader, q)
    if name:
        tags.append(f"moodle:{name}")
    stem = _rich_text(reader, _child(q, "questiontext"), item_id, "moodle_auto_format")
    stem += _old_image(reader, q, item_id)
    grade = _number(reader, _child_text(q, "defaultgrade"), 1.0, "defaultgrade",
                    _child(q, "defaultgrade"))
    common = _Common(id=ItemId(item_id), competency=competency, level=level,
                     topic=reader.topic, review=ReviewStatus.DRAFT, tags=tuple(tags))
    if qtype == "essay":
        return Item(type=ItemType.MAKALAH, stem="", makalah=_makalah(reader, q, item_id, stem,
                                                                    grade), **common)
    single = qtype == "truefalse" or _child_text(q, "single").strip().lower() in ("true", "1")
    options = _options(reader, q, item_id, grade, single)
    if single:
        return Item(type=ItemType.MC, stem=stem, options=options, **common)
    return Item(type=ItemType.MR, stem=stem, options=options, mr_scoring=MrScoring.PARTIAL,
                **common)


class _Common(TypedDict):
    """The fields every imported question sets the same way, whatever its type."""

    id: ItemId
    competency: str
    level: int
    topic: str
    review: ReviewStatus
    tags: tuple[str, ...]


def category_topic(path: str) -> str:
    """``$course$/top/Default for X/Unit 1/Bab 2`` → ``Unit 1/Bab 2``."""
    parts = [p.replace("//", "/").strip() for p in _SLASH.split(path.strip())]
    kept = [p for p in parts
            if p and not _CONTEXTS.match(p) and p.lower() != "top"
            and not p.lower().startswith("default for ")]
    return "/".join(kept)


def _item_id(reader: _Reader, q: LineElement) -> str:
    idnumber = _child_text(q, "idnumber").strip()
    if idnumber:
        return idnumber  # reserved already; check_item judges whether it is a valid id
    slug = _slug(reader.topic)
    prefix = f"MDL-{slug}-" if slug else "MDL-"
    while True:
        reader.counters[prefix] = reader.counters.get(prefix, 0) + 1
        candidate = f"{prefix}{reader.counters[prefix]:03d}"
        if candidate not in reader.taken_ids:
            reader.taken_ids.add(candidate)
            return candidate


def _slug(topic: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", topic).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")
    return slug[:48].rstrip("-")  # leaves room for "MDL-" and "-nnn" within 64 characters


def _classify_tags(reader: _Reader, q: LineElement) -> tuple[str, int, list[str]]:
    """The competency and level the tags give, and the remaining tags."""
    competencies: list[str] = []
    level = 3
    rest: list[str] = []
    for tag_el in _children(_child(q, "tags"), "tag"):
        tag = _child_text(tag_el, "text").strip()
        if m := _COMPETENCY_TAG.match(tag):
            competencies.append(_competency_key(m.group(1)))
        elif m := _LEVEL_TAG.match(tag):
            try:
                level = int(m.group(1).strip())
            except ValueError:
                reader.error(f"tag {tag!r}: the level must be a whole number 1-5",
                             tag_el.sourceline)
        elif tag:
            rest.append(tag)
    if len(set(competencies)) > 1:
        reader.error(f"the question is tagged with several competencies: "
                     f"{', '.join(competencies)}", q.sourceline)
    competency = competencies[0] if competencies else reader.competency
    if competency is None:
        reader.error("no competency: tag the question 'kompetensi:<key>' or give the "
                     "competency of the whole file when importing", q.sourceline)
        competency = ""
    return competency, level, rest


def _competency_key(value: str) -> str:
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


def _options(reader: _Reader, q: LineElement, item_id: str, grade: float,
             single: bool) -> tuple[Option, ...]:
    answers = _children(q, "answer")
    if len(answers) > 26:
        reader.error(f"{len(answers)} answers: at most 26 are supported", q.sourceline)
        return ()
    fractions = [_number(reader, a.get("fraction", "0"), 0.0, "fraction", a) for a in answers]
    if single:
        full = [f for f in fractions if f == 100]
        keyed = [f == 100 and len(full) == 1 for f in fractions]
        if len(full) > 1:
            reader.warn(f"question {item_id!r}: {len(full)} answers earn full marks; they are "
                        "imported as equal weights without a single key", q.sourceline)
    else:
        keyed = [f > 0 for f in fractions]
    return tuple(
        Option(OptionId(chr(ord("A") + n)),
               _rich_text(reader, a, item_id, "moodle_auto_format"),
               round(fraction / 100 * grade, 7), correct)
        for n, (a, fraction, correct) in enumerate(zip(answers, fractions, keyed, strict=True)))


def _makalah(reader: _Reader, q: LineElement, item_id: str, instructions: str,
             grade: float) -> MakalahSpec:
    rubric: tuple[RubricCriterion, ...] = ()
    info = _child(q, "graderinfo")
    if info is not None and _child_text(info, "text").strip():
        guide = _rich_text(reader, info, item_id, "html")
        if "<img" in guide:
            reader.error("images in the grader information cannot be kept in a rubric",
                         info.sourceline)
        rubric = (RubricCriterion("pedoman", "Pedoman penilaian (dari Moodle)",
                                  to_plain_text(guide), grade if grade > 0 else 5.0, 1.0),)
    template = _child(q, "responsetemplate")
    if template is not None and _child_text(template, "text").strip():
        reader.warn(f"question {item_id!r}: the response template is not imported "
                    "(a makalah starts blank)", template.sourceline)
    word_min = int(_number(reader, _child_text(q, "minwordlimit"), 0, "minwordlimit", q))
    word_max = int(_number(reader, _child_text(q, "maxwordlimit"), 0, "maxwordlimit", q))
    return MakalahSpec(case_material="", instructions=instructions, word_min=word_min,
                       word_max=word_max, rubric=rubric)


def _rich_text(reader: _Reader, container: LineElement | None, item_id: str,
               default_format: str) -> str:
    """The text of `container` (questiontext, answer, ...) in the subset, images resolved."""
    if container is None:
        return ""
    text_el = _child(container, "text")
    raw = (text_el.text or "") if text_el is not None else ""
    line = text_el.sourceline if text_el is not None else container.sourceline
    fmt = container.get("format", default_format)
    if fmt == "html" or (fmt == "moodle_auto_format" and _HTML_TAG.search(raw)):
        cleaned = sanitize(raw)
        for change in cleaned.changes:
            reader.warn(f"question {item_id!r}: {change}", line)
        result = cleaned.html
    elif fmt in ("plain_text", "moodle_auto_format", "markdown"):
        if fmt == "markdown" and raw.strip():
            reader.warn(f"question {item_id!r}: Markdown is kept as plain text (its marks "
                        "such as ** stay visible)", line)
        result = from_plain_text(raw)
    else:
        reader.error(f"unknown text format {fmt!r}", container.sourceline)
        return ""
    return _resolve_images(reader, container, raw, result, item_id, line)


def _resolve_images(reader: _Reader, container: LineElement, raw: str, text: str,
                    item_id: str, line: int) -> str:
    """Point each @@PLUGINFILE@@ image at its media name and keep the embedded bytes."""
    files = _embedded_files(reader, container)
    used: set[str] = set()

    def replace(m: re.Match[str]) -> str:
        src = html.unescape(m.group(2))
        if not src.startswith(PLUGINFILE):
            reader.error(f"image {src!r} is not inside the file; the exam runs offline, so "
                         "embed the image in Moodle before exporting", line)
            return m.group(0)
        name = unquote(src[len(PLUGINFILE):].split("?", 1)[0])
        if name not in files:
            reader.error(f"image {name!r} is referenced but not embedded in the file", line)
            return m.group(0)
        used.add(name)
        media_name = _store_media(reader, item_id, name, files[name], line)
        return m.group(1) + html.escape(media_name, quote=True) + m.group(3)

    text = _IMG_SRC.sub(replace, text)
    for name in sorted(set(files) - used):
        if name in unquote(raw):
            reader.error(f"embedded file {name!r} is used as something other than an image "
                         "(a link, audio or video); Ujikom items can show only images", line)
        else:
            reader.warn(f"question {item_id!r}: embedded file {name!r} is not used by the "
                        "text; not imported", line)
    return text


def _embedded_files(reader: _Reader, container: LineElement) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for f in _children(container, "file"):
        folder = f.get("path", "/").strip("/")
        name = f"{folder}/{f.get('name', '')}" if folder else f.get("name", "")
        data = _decode_base64(reader, f.text or "", f.get("encoding", "base64"), name,
                              f.sourceline)
        if data is not None:
            files[name] = data
    return files


def _old_image(reader: _Reader, q: LineElement, item_id: str) -> str:
    """Moodle 1.9's <image> + <image_base64>: shown below the question text."""
    image = _child_text(q, "image").strip()
    if not image:
        return ""
    encoded = _child(q, "image_base64")
    if encoded is None or not (encoded.text or "").strip():
        reader.error(f"image {image!r} is not inside the file; the exam runs offline",
                     _child(q, "image").sourceline)  # type: ignore[union-attr]
        return ""
    data = _decode_base64(reader, encoded.text or "", "base64", image, encoded.sourceline)
    if data is None:
        return ""
    media_name = _store_media(reader, item_id, PurePosixPath(image).name, data,
                              encoded.sourceline)
    return f'<p><img src="{html.escape(media_name, quote=True)}"></p>'


def _decode_base64(reader: _Reader, text: str, encoding: str, name: str,
                   line: int) -> bytes | None:
    if encoding != "base64":
        reader.error(f"embedded file {name!r}: encoding {encoding!r} is not base64", line)
        return None
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        reader.error(f"embedded file {name!r} is not valid base64 (truncated export?)", line)
        return None


def _store_media(reader: _Reader, item_id: str, name: str, data: bytes, line: int) -> str:
    parts = PurePosixPath(name).parts
    if not parts or any(p in ("..", ".") or "\\" in p for p in parts) or name.startswith("/"):
        reader.error(f"embedded file name {name!r} is not a plain file name", line)
        return name
    if PurePosixPath(name).suffix.lower() not in IMAGE_SUFFIXES:
        reader.error(f"embedded file {name!r} is not an image Ujikom can show "
                     f"({', '.join(sorted(IMAGE_SUFFIXES))})", line)
        return name
    media_name = f"{item_id}/{name}"
    if reader.media.get(media_name, data) != data:
        reader.error(f"two different embedded files are both named {name!r}", line)
    reader.media[media_name] = data
    return media_name


def _warn_feedback(reader: _Reader, q: LineElement, item_id: str) -> None:
    """Feedback is for practice quizzes; say it was left behind rather than drop it quietly."""
    kinds = [tag for tag in _FEEDBACK_TAGS
             if any(_child_text(el, "text").strip() for el in _children(q, tag))]
    if any(_child_text(_child(a, "feedback"), "text").strip() for a in _children(q, "answer")):
        kinds.append("answer feedback")
    if kinds:
        reader.warn(f"question {item_id!r}: {', '.join(kinds)} not imported (a test shows no "
                    "feedback)", q.sourceline)


def _number(reader: _Reader, text: str, default: float, what: str,
            element: LineElement | None) -> float:
    if not text.strip():
        return default
    try:
        return float(text.strip())
    except ValueError:
        reader.error(f"{what} {text.strip()!r} is not a number",
                     element.sourceline if element is not None else None)
        return default


def _child(parent: LineElement | None, name: str) -> LineElement | None:
    if parent is None:
        return None
    for el in line_children(parent):
        if isinstance(el.tag, str) and local_name(el.tag) == name:
            return el
    return None


def _children(parent: LineElement | None, name: str) -> list[LineElement]:
    if parent is None:
        return []
    return [el for el in line_children(parent)
            if isinstance(el.tag, str) and local_name(el.tag) == name]


def _child_text(parent: LineElement | None, name: str) -> str:
    el = _child(parent, name)
    return (el.text or "") if el is not None else ""

