"""IMS QTI items (2.1, 2.2 and 3.0) and QTI content packages read into Ujikom items.

What becomes what (the tests pin each choice down):

- ``choiceInteraction`` with ``maxChoices="1"`` → ``mc``: the key from
  ``correctResponse``. With the ``map_response`` template (or a mapping and no response
  processing) each choice's mapped value is its weight, choices left out of the mapping
  get the mapping's ``defaultValue``, exactly as QTI's ``mapResponse`` scores them. A
  mapping next to ``match_correct`` is not used by QTI either: ignored with a warning.
- ``choiceInteraction`` with any other ``maxChoices`` → ``mr``, keyed by
  ``correctResponse``; a mapping gives the weights and, with ``map_response`` (or no
  response processing), makes it ``partial``; otherwise ``all_or_nothing``.
- Response processing written out as rules (no template URI), as most exporters write
  it, is evaluated by `exam_bank.importers.qti_rp` for every response the interaction
  allows: an mc option's weight is the score of choosing it alone; an mr item becomes
  all-or-nothing (one set earns points) or partial (per-option contributions, floored
  at 0) when that reproduces every score, and is refused with a counterexample otherwise.
  Outcomes other than SCORE (feedback) are ignored with a warning.
- ``extendedTextInteraction`` → ``makalah``: its prompt is the instructions, the rest of
  the body the case material (no prompt: the body is the instructions). QTI's
  ``expectedLength``/``expectedLines`` only size the answer box, so they set no word
  range. Automatic scoring of an essay is dropped with a warning: assessors grade it.
- The XHTML of the body, with the interaction replaced by its prompt, is the stem,
  reduced to Ujikom's text subset by `richtext.sanitize`; each change is a warning.
  ``<img>`` (and ``<object>`` showing an image) must point to a file in the package, or
  next to a lone item file; it becomes the media ``<ITEM-ID>/<basename>``.
- Competency, level and topic are no QTI fields: the ``competency``/``topic`` arguments
  give them, else a package written by `exam_bank.exporters.qti3` (``<ujikom:item>`` in
  the manifest's resource metadata, which also restores sjt, likert, rubric, review,
  author, tags, ...). An item with no competency from either is one error for the file.
- Everything else is an error naming the file and line, and nothing is imported: other
  interactions, several interactions in one item, templates, adaptive items, rubric
  blocks, shared stimuli, audio/video, web pages, MathML (with ``skip_unsupported`` an
  item Ujikom cannot deliver, by its interaction or by such content, is left out),
  response processing that gives no single score per response (randomness, time,
  template variables), an item without a correct response, repeated item identifiers,
  identifiers Ujikom cannot use.
- Feedback (``modalFeedback``, ``feedbackBlock``, ``feedbackInline``) is dropped with a
  warning, not an error: a selection test never shows feedback to candidates, so
  nothing they would have seen is lost. Stylesheets likewise: the kiosk has its own.

Zip packages are read defensively (entry count, total size, compression ratio, paths);
every XML goes through `exam_bank.xmlsafe.parse_xml`.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from html import escape
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from exam_bank.competencies import DEFAULT_CATALOG, CompetencyCatalog
from exam_bank.fsutil import read_at_most
from exam_bank.importers.base import SKIP_HINT, ImportResult
from exam_bank.importers.qti_lom import Lom, read_lom
from exam_bank.importers.qti_rp import (
    CUSTOM,
    MrModel,
    Unsupported,
    line_of,
    mc_weights,
    mr_scoring,
    qti_attr,
    qti_name,
    read_processing,
    template_name,
)
from exam_bank.importers.qti_rubric import Use, content_of, criteria, use_of
from exam_bank.importers.qti_test import Draft, blueprint_draft
from exam_bank.items.model import (
    Item,
    ItemId,
    ItemType,
    LikertSpec,
    MakalahSpec,
    MrScoring,
    Option,
    OptionId,
    ReviewStatus,
    RubricCriterion,
)
from exam_bank.items.richtext import VOID_TAGS, sanitize
from exam_bank.items.validate import check_item
from exam_bank.problems import InputError, Problem
from exam_bank.safezip import QTI, MiB, ZipRefused, open_zip
from exam_bank.xmlsafe import MAX_XML_BYTES, local_name, parse_xml

_E = TypeVar("_E", bound=Enum)
_D = TypeVar("_D")

QTI_NAMESPACES = {
    "http://www.imsglobal.org/xsd/imsqti_v2p1": "2.1",
    "http://www.imsglobal.org/xsd/imsqti_v2p2": "2.2",
    "http://www.imsglobal.org/xsd/imsqtiasi_v3p0": "3.0",
}
# Ujikom's own fields in a manifest's <resource><metadata>; written by exporters.qti3.
UJIKOM_NS = "urn:ujikom:qti-metadata:1"
MANIFEST = "imsmanifest.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# A zipped package's limits (members, sizes, ratio) are `exam_bank.safezip.QTI`.

SUPPORTED_INTERACTIONS = frozenset({"choiceInteraction", "extendedTextInteraction"})
STANDARD_TEMPLATES = frozenset({"match_correct", "map_response"})
FEEDBACK = frozenset({"modalFeedback", "feedbackBlock", "feedbackInline"})
TEMPLATE_ELEMENTS = frozenset({
    "templateDeclaration", "templateProcessing", "templateBlock", "templateInline",
    "printedVariable",
})
# Content a candidate would see that the text subset cannot hold.
PACKAGING = {  # fixable in the package: always an error
    "include": "XInclude'd content is not supported; put the content in the item",
    "assessmentStimulusRef": "shared stimuli are not supported; put the text in the item",
}
UNSUPPORTED_CONTENT = {  # an item Ujikom cannot deliver: left out with --skip-unsupported
    # A formula flattened to its symbols ("x=−b±b24ac2a") would be another question.
    "math": "MathML formulas cannot be shown in a Ujikom test; use an image of the formula",
    "audio": "audio cannot be played in a Ujikom test",
    "video": "video cannot be played in a Ujikom test",
    "iframe": "embedded pages cannot be shown (the exam runs offline)",
    "embed": "embedded objects cannot be shown",
}
# Where whitespace between elements carries no meaning (used to tidy foreign files).
_BLOCKS = frozenset({
    "p", "div", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
    "td", "th", "caption", "colgroup", "col", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "blockquote", "pre", "address", "section", "article", "header", "footer", "figure",
    "itemBody", "prompt", "simpleChoice", "choiceInteraction", "extendedTextInteraction",
})
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_XML_DECL_ENCODING = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")


# --------------------------------------------------------------------------- entry point


def read_qti(path: Path, *, competency: str | None = None, topic: str | None = None,
             catalog: CompetencyCatalog = DEFAULT_CATALOG,
             skip_unsupported: bool = False, blueprint_draft: bool = False) -> ImportResult:
    """Every item of a QTI item file, a zipped content package or an unzipped package's
    ``imsmanifest.xml``; InputError with every problem found, and nothing, otherwise.

    `competency` and `topic`, when given, apply to every item and win over what a
    package says; `catalog` holds the competencies the bank knows. With
    `skip_unsupported`, items whose interaction Ujikom does not deliver (or that have none)
    are left out and listed in the result's `skipped` instead of refused. With
    `blueprint_draft`, the package's assessment test becomes the result's `draft`.
    """
    where = str(path)
    if not path.is_file():
        raise InputError([Problem(where, "no such file")])
    if competency is not None and competency not in catalog:
        raise InputError([Problem(where, f"unknown competency {competency!r} (known: "
                                         f"{', '.join(catalog.keys())})")])
    run = _Run(where, _Options(competency, topic, catalog, skip_unsupported, blueprint_draft))
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        _read_zip(path, run)
    else:
        _read_xml_file(path, run)
    return run.finish()


@dataclass
class _Options:
    competency: str | None
    topic: str | None
    catalog: CompetencyCatalog
    skip_unsupported: bool = False
    blueprint_draft: bool = False


@dataclass
class _Run:
    """Everything found in one input: items, media, warnings and problems."""

    source: str
    options: _Options
    items: list[Item] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    by_entry: dict[str, Item] = field(default_factory=dict)  # package entry -> its item
    draft: Draft | None = None
    first_seen: dict[str, str] = field(default_factory=dict)  # item id -> "file:line"
    without_competency: int = 0

    def finish(self) -> ImportResult:
        if self.without_competency:
            self.problems.append(Problem(self.source, (
                f"no competency for {self.without_competency} item(s): QTI has no "
                "competency field, so pass --competency (and --topic)")))
        if not self.items and not self.problems and not self.skipped:
            # Items left out by --skip-unsupported are in the report, not an error: a
            # bank of several files imports the rest.
            self.problems.append(Problem(self.source, "no QTI item found"))
        if self.problems:
            raise InputError(self.problems)
        return ImportResult(self.source, self.items, self.media, self.warnings, self.skipped,
                            self.draft)


# --------------------------------------------------------------------------- sources


class _MediaError(Exception):
    """An image an item refers to cannot be taken from where the item came from."""


@dataclass
class _ItemFile:
    """One item's XML and how to reach the files it refers to."""

    where: str
    data: bytes
    load: Callable[[str], bytes]  # a relative URL path from the item -> the file's bytes
    meta: _Meta | None = None
    lom: Lom | None = None  # another tool's LOM metadata for the item


def _read_xml_file(path: Path, run: _Run) -> None:
    data = read_at_most(path, MAX_XML_BYTES)
    if data is None:
        raise InputError([Problem(run.source, f"file is larger than {MAX_XML_BYTES // MiB} MB")])
    root = _parse(data, run.source)
    if _qname(root) == "manifest":
        _read_package(root, run.source, _DirPackage(path.parent, run.source), run)
        return
    _read_item(_ItemFile(run.source, data, _folder_loader(path.parent)), run, root)


def _folder_loader(folder: Path) -> Callable[[str], bytes]:
    """Images of a lone item file: only files in its folder or below it."""
    base = folder.resolve()

    def load(rel: str) -> bytes:
        target = (base / rel).resolve()
        if not target.is_relative_to(base):
            raise _MediaError(f"image {rel!r} lies outside the item's folder")
        if not target.is_file():
            raise _MediaError(f"image {rel!r} not found next to the item file")
        return _read_entry(target, f"image {rel!r}")

    return load


class _DirPackage:
    """An unzipped content package: files below the manifest's folder only."""

    def __init__(self, root: Path, where: str):
        self.shown = root  # as the user gave it, for messages
        self.root = root.resolve()
        self.where = where

    def name_of(self, entry: str) -> str:
        return str(self.shown / entry)

    def read(self, entry: str) -> bytes:
        target = (self.root / entry).resolve()
        if not target.is_relative_to(self.root) or not target.is_file():
            raise _MediaError(f"{entry!r} is not in the package")
        return _read_entry(target, repr(entry))


def _read_entry(path: Path, what: str) -> bytes:
    """A file of an unzipped package, held to the zipped package's cap per member: a
    folder from a USB stick may hold a sparse file that claims terabytes."""
    data = read_at_most(path, QTI.member_bytes)
    if data is None:
        raise _MediaError(f"{what} is larger than {QTI.member_bytes // MiB} MB, the most a "
                          "file of a content package may hold")
    return data


class _ZipPackage:
    """A zipped content package, opened only after its directory passed the limits
    (`exam_bank.safezip.QTI`)."""

    def __init__(self, path: Path):
        self.where = str(path)
        try:
            self.zf = open_zip(path, QTI)
        except ZipRefused as exc:
            raise InputError([Problem(self.name_of(exc.member) if exc.member else self.where,
                                      exc.message)]) from None
        self.infos = {i.filename: i for i in self.zf.infos}

    def name_of(self, entry: str) -> str:
        return f"{self.where}/{entry}"

    def read(self, entry: str) -> bytes:
        info = self.infos.get(entry)
        if info is None or info.is_dir():
            raise _MediaError(f"{entry!r} is not in the package")
        try:
            return self.zf.read(entry)
        except ZipRefused as exc:
            raise InputError([Problem(self.name_of(exc.member) if exc.member else self.where,
                                      exc.message)]) from None


def _read_zip(path: Path, run: _Run) -> None:
    package = _ZipPackage(path)
    try:  # closed on every path: a refused package must not keep its file open
        if MANIFEST not in package.infos:
            raise InputError([Problem(run.source, f"no {MANIFEST} at the top of the zip: "
                                                  "not a QTI content package")])
        where = package.name_of(MANIFEST)
        _read_package(_parse(package.read(MANIFEST), where), where, package, run)
    finally:
        package.zf.close()


# --------------------------------------------------------------------------- the manifest


_Package = _ZipPackage | _DirPackage


def _read_package(manifest: Element, where: str, package: _Package, run: _Run) -> None:
    if _qname(manifest) != "manifest":
        run.problems.append(Problem(where, f"root element <{local_name(manifest.tag)}> is "
                                           "not an IMS content package manifest",
                                    line=_line(manifest)))
        return
    resources = [r for r in manifest.iter() if _qname(r) == "resource"]
    found = False
    for res in resources:
        kind = res.get("type", "")
        if kind.startswith(("imsqti_xmlv1", "imsqti_item_xmlv1")):
            run.problems.append(Problem(where, "QTI 1.x items are not supported; export "
                                               "them as QTI 2.1 or 3.0", line=_line(res)))
        elif kind.startswith("imsqti_item_xmlv"):
            found = True
            _read_resource(res, where, package, run)
    if run.options.blueprint_draft:
        tests = [r for r in resources if r.get("type", "").startswith("imsqti_test_xmlv")]
        _read_test(tests, where, package, run)
    if not found and not run.problems:
        run.problems.append(Problem(where, "the manifest lists no QTI item resource "
                                           "(type imsqti_item_xmlv2p1/v2p2/v3p0)"))


def _read_resource(res: Element, where: str, package: _Package, run: _Run) -> None:
    href = res.get("href")
    ident = res.get("identifier", "?")
    if not href:
        run.problems.append(Problem(where, f"resource {ident!r} has no href", line=_line(res)))
        return
    entry = _join(MANIFEST, unquote(href))
    if entry is None:
        run.problems.append(Problem(where, f"resource {ident!r} points outside the package: "
                                           f"{href!r}", line=_line(res)))
        return
    try:
        data = package.read(entry)
    except _MediaError as exc:
        run.problems.append(Problem(where, f"resource {ident!r}: {exc}", line=_line(res)))
        return
    meta = _read_meta(res, where, run.problems)

    def load(rel: str) -> bytes:
        target = _join(entry, rel)
        if target is None:
            raise _MediaError(f"image {rel!r} lies outside the package")
        try:
            return package.read(target)
        except _MediaError as exc:
            raise _MediaError(f"image {rel!r} ({target}): {exc}") from None

    lom = read_lom(res) if meta is None else None
    before = len(run.items)
    _read_item(_ItemFile(package.name_of(entry), data, load, meta, lom), run)
    if len(run.items) > before:
        run.by_entry[entry] = run.items[-1]


def _read_test(tests: list[Element], where: str, package: _Package, run: _Run) -> None:
    """The package's assessment test as a blueprint draft (--blueprint-draft)."""
    if len(tests) != 1:
        run.problems.append(Problem(where, f"--blueprint-draft needs one assessment test in "
                                           f"the package; it lists {len(tests)}"))
        return
    href = tests[0].get("href") or ""
    entry = _join(MANIFEST, unquote(href))
    try:
        if entry is None:
            raise _MediaError(href)
        root = _parse(package.read(entry), package.name_of(entry))
    except (_MediaError, InputError):
        run.problems.append(Problem(where, f"the assessment test {href!r} cannot be read",
                                    line=_line(tests[0])))
        return

    def item_of(ref: str) -> tuple[str, ItemType] | None:
        target = _join(entry or "", unquote(ref))
        item = run.by_entry.get(target or "")
        return None if item is None else (item.id, item.type)

    run.draft = blueprint_draft(root, item_of)


def _join(base_entry: str, rel: str) -> str | None:
    """`rel` resolved against the folder of `base_entry`; None if it leaves the package."""
    if rel.startswith("/") or _URL_SCHEME.match(rel):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base_entry), rel))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


# --------------------------------------------------------------------------- Ujikom metadata


@dataclass
class _Meta:
    """The fields an exporters.qti3 package keeps for Ujikom, read back from it."""

    type: ItemType | None = None
    competency: str = ""
    level: int = 3
    topic: str = ""
    author: str = ""
    review: ReviewStatus = ReviewStatus.DRAFT
    tags: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    points: float = 1.0
    mr_scoring: MrScoring = MrScoring.ALL_OR_NOTHING
    likert_scale: str = ""
    likert_reverse: bool = False
    likert_labels: bool = True
    makalah: MakalahSpec | None = None  # case material and instructions come from the item


def _read_meta(res: Element, where: str, problems: list[Problem]) -> _Meta | None:
    el = next((e for e in res.iter(f"{{{UJIKOM_NS}}}item")), None)
    if el is None:
        return None
    r = _AttrReader(where, problems)
    meta = _Meta(
        type=r.enum(el, "type", ItemType, None),
        competency=el.get("competency", ""),
        level=r.int(el, "level", 3),
        topic=el.get("topic", ""),
        author=el.get("author", ""),
        review=r.enum(el, "review", ReviewStatus, ReviewStatus.DRAFT),
        tags=tuple(t.get("name", "") for t in el.iter(f"{{{UJIKOM_NS}}}tag")),
        media=tuple(m.get("name", "") for m in el.iter(f"{{{UJIKOM_NS}}}media")),
        points=r.float(el, "points", 1.0),
        mr_scoring=r.enum(el, "mr-scoring", MrScoring, MrScoring.ALL_OR_NOTHING),
    )
    if (lk := el.find(f"{{{UJIKOM_NS}}}likert")) is not None:
        meta.likert_scale = lk.get("scale", "")
        meta.likert_reverse = lk.get("reverse") == "true"
        meta.likert_labels = lk.get("labels") != "false"
    if (mk := el.find(f"{{{UJIKOM_NS}}}makalah")) is not None:
        rubric = tuple(
            RubricCriterion(c.get("id", ""), c.get("title", ""), c.get("description", ""),
                            r.float(c, "max-score", 5.0), r.float(c, "weight", 1.0))
            for c in mk.iter(f"{{{UJIKOM_NS}}}criterion"))
        meta.makalah = MakalahSpec("", "", r.int(mk, "time-limit-min", 240),
                                   r.int(mk, "word-min", 0), r.int(mk, "word-max", 0), rubric)
    return meta


class _AttrReader:
    """Typed attributes (by QTI 2 or QTI 3 name), each bad value reported at its line."""

    def __init__(self, where: str, problems: list[Problem]):
        self.where = where
        self.problems = problems

    def _bad(self, el: Element, name: str, what: str) -> None:
        self.problems.append(Problem(self.where, f"{name}={_attr(el, name)!r} is not {what}",
                                     line=_line(el)))

    def int(self, el: Element, name: str, default: int) -> int:
        raw = _attr(el, name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            self._bad(el, name, "a whole number")
            return default

    def float(self, el: Element, name: str, default: float) -> float:
        raw = _attr(el, name)
        if raw is None:
            return default
        try:
            value = float(raw)
        except ValueError:
            value = float("nan")
        if value != value or value in (float("inf"), float("-inf")):
            self._bad(el, name, "a number")
            return default
        return value

    def enum(self, el: Element, name: str, enum: type[_E], default: _D) -> _E | _D:
        raw = _attr(el, name)
        if raw is None:
            return default
        try:
            return enum(raw)
        except ValueError:
            self._bad(el, name, "one of " + ", ".join(e.value for e in enum))
            return default


# --------------------------------------------------------------------------- parsing helpers


def _parse(data: bytes, where: str) -> Element:
    _check_utf8(data, where)
    return parse_xml(data, where)


def _check_utf8(data: bytes, where: str) -> None:
    """A clear message (and line) for the commonest encoding mistake: a file that says,
    or by default is, UTF-8 but was saved as Windows-1252/Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte-order mark: expat decodes it itself
    body = data.removeprefix(b"\xef\xbb\xbf")
    m = _XML_DECL_ENCODING.match(body)
    if m and m.group(1).decode("ascii").lower().replace("_", "-") not in ("utf-8", "utf8"):
        return  # another declared encoding: expat knows it or says it does not
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise InputError([Problem(where, (
            f"byte 0x{body[exc.start]:02X} is not valid UTF-8, which the file must be "
            "(was it saved as Windows-1252/Latin-1? save it again as UTF-8)"), line=line)]
        ) from None


_qname = qti_name
_attr = qti_attr
_line = line_of


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if _qname(c) == name]


def _sets_score(rule: Element) -> bool:
    return any(_qname(e) == "setOutcomeValue" and _attr(e, "identifier") == "SCORE"
               for e in rule.iter())


def _reads(rule: Element, ident: str | None) -> bool:
    return any(_qname(e) == "variable" and e.get("identifier") == ident for e in rule.iter())


def _cannot_show(el: Element) -> str:
    """Why the kiosk cannot show `el` to a candidate (audio, video, a web page...), or ""."""
    name = _qname(el)
    shown = f"<{local_name(el.tag)}>" if isinstance(el.tag, str) else ""
    if name in UNSUPPORTED_CONTENT:
        return f"{shown}: {UNSUPPORTED_CONTENT[name]}"
    if name == "object" and not (el.get("type") or "").startswith("image/"):
        return f"{shown} of type {el.get('type')!r} cannot be shown; only images can"
    return ""


def _remove(parent: Element, child: Element) -> None:
    """Remove `child`, keeping the text that follows it."""
    index = list(parent).index(child)
    if child.tail:
        if index:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


# --------------------------------------------------------------------------- one item


def _read_item(src: _ItemFile, run: _Run, root: Element | None = None) -> None:
    try:
        if root is None:
            root = _parse(src.data, src.where)
    except InputError as exc:
        run.problems.extend(exc.problems)
        return
    reader = _ItemReader(src, root, run.options)
    item = reader.read()
    run.skipped.extend(reader.skipped)
    run.warnings.extend(reader.warnings)
    run.problems.extend(reader.problems)
    if item is None:
        return
    place = f"{src.where}:{_line(root)}"
    if item.id in run.first_seen:
        run.problems.append(Problem(src.where, f"item identifier {item.id!r} is already used "
                                               f"at {run.first_seen[item.id]}",
                                    line=_line(root)))
        return
    run.first_seen[item.id] = place
    if reader.missing_competency:
        run.without_competency += 1
    if not reader.problems:
        run.items.append(item)
        run.media.update(reader.media)


class _ItemReader:
    """Reads one assessmentItem; `problems` and `warnings` say what could not be kept."""

    def __init__(self, src: _ItemFile, root: Element, options: _Options):
        self.src = src
        self.root = root
        self.options = options
        self.meta = src.meta
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.skipped: list[Problem] = []
        self.media: dict[str, bytes] = {}
        self.media_order: list[str] = []
        self.missing_competency = False
        self.id = root.get("identifier", "")
        # Ujikom's own exports are read verbatim; other tools' indentation is tidied.
        self.tidy = self.meta is None
        self.scorer_rubric: list[Element] = []  # rubric blocks for the scorer
        self.candidate_rubric = ""  # HTML of rubric blocks for the candidate

    def error(self, message: str, el: Element | None = None) -> None:
        self.problems.append(Problem(self.src.where, self._label(message),
                                     line=_line(el if el is not None else self.root)))

    def warn(self, message: str, el: Element | None = None) -> None:
        self.warnings.append(Problem(self.src.where, self._label(message),
                                     line=_line(el if el is not None else self.root)))

    def _label(self, message: str) -> str:
        return f"item {self.id!r}: {message}" if self.id else message

    # -- structure

    def read(self) -> Item | None:
        if not self._is_item():
            return None
        if not self.id:
            self.error("the item has no identifier")
            return None
        body = next((c for c in self.root if _qname(c) == "itemBody"), None)
        if body is None:
            self.error("the item has no itemBody")
            return None
        self._drop_hint_buttons(body)
        if self._skipped(body):
            return None
        self._refuse_unsupported()
        self._drop_feedback_and_styles(self.root)
        self._take_rubric_blocks(body)
        self._drop_language_variants(body)
        interaction = self._the_interaction(body)
        template = self._template()
        if interaction is None or self.problems:
            return None
        self._take_images(body)
        if self.problems:
            return None
        if _qname(interaction) == "choiceInteraction":
            item = self._choice_item(body, interaction, template)
        else:
            item = self._makalah_item(body, interaction, template)
        if item is None or self.problems:
            return None
        for field_name, message in check_item(item, self.options.catalog):
            if not (field_name == "competency" and self.missing_competency):
                self.error(f"{field_name}: {message}")
        return item

    def _is_item(self) -> bool:
        name = _qname(self.root)
        ns = self.root.tag[1:].split("}", 1)[0] if self.root.tag.startswith("{") else ""
        if name == "assessmentItem" and ns in QTI_NAMESPACES:
            return True
        if name == "assessmentItem":
            self.error(f"QTI namespace {ns or '(none)'!r} is not supported; Ujikom reads QTI "
                       "2.1, 2.2 and 3.0")
        elif name == "questestinterop":
            self.error("QTI 1.x (questestinterop) is not supported; export as QTI 2.1 or 3.0")
        elif name == "assessmentTest":
            self.error("this is a QTI test, not an item: import the content package (.zip) "
                       "that holds its items")
        else:
            self.error(f"root element <{local_name(self.root.tag)}> is not a QTI "
                       "assessmentItem")
        return False

    def _skipped(self, body: Element) -> bool:
        """With --skip-unsupported: an item Ujikom cannot deliver is left out, listed."""
        if not self.options.skip_unsupported:
            return False
        other = [el for el in self.root.iter()
                 if _qname(el).endswith("Interaction") and _qname(el) not in SUPPORTED_INTERACTIONS]
        unshowable = [el for el in body.iter() if _cannot_show(el)]
        if other:
            why = f"<{local_name(other[0].tag)}> is not an interaction Ujikom delivers"
            line = _line(other[0])
        elif not any(_qname(el) in SUPPORTED_INTERACTIONS for el in body.iter()):
            why, line = "it has no interaction: nothing to answer", _line(body)
        elif unshowable:
            # Content the candidate would have to see or hear: without it the item is
            # another item, so it is left out rather than delivered with a hole.
            why, line = _cannot_show(unshowable[0]), _line(unshowable[0])
        else:
            return False
        self.skipped.append(Problem(self.src.where, self._label(f"skipped: {why}"), line=line))
        return True

    def _drop_hint_buttons(self, body: Element) -> None:
        """A hint button (OpenOLAT writes one ``endAttemptInteraction`` per item with
        hints) only shows feedback; a test gives no hints, so it is dropped with a note.
        One whose response changes SCORE stays, and is refused as an interaction."""
        rules = [r for rp in self.root if _qname(rp) == "responseProcessing" for r in rp
                 if isinstance(r.tag, str)]
        parents = {child: parent for parent in body.iter() for child in parent}
        for button in [e for e in body.iter() if _qname(e) == "endAttemptInteraction"]:
            rid = _attr(button, "responseIdentifier", "")
            if any(_sets_score(rule) and _reads(rule, rid) for rule in rules):
                continue
            self.warn(f"<{local_name(button.tag)}> (a hint button, "
                      f"{_attr(button, 'title', '')!r}) dropped: a test gives no hints", button)
            holder = parents[button]
            _remove(holder, button)
            if holder is not body and len(holder) == 0 and not (holder.text or "").strip() \
                    and holder in parents:
                _remove(parents[holder], holder)  # the paragraph held only the button

    def _refuse_unsupported(self) -> None:
        if _attr(self.root, "adaptive") == "true":
            self.error("adaptive items (several attempts with feedback) are not supported")
        for el in self.root.iter():
            name = _qname(el)
            shown = f"<{local_name(el.tag)}>" if isinstance(el.tag, str) else ""
            if name.endswith("Interaction") and name not in SUPPORTED_INTERACTIONS:
                self.error(f"unsupported interaction {shown}: Ujikom takes choiceInteraction "
                           f"and extendedTextInteraction only; {SKIP_HINT}", el)
            elif name in TEMPLATE_ELEMENTS:
                self.error(f"templates ({shown}) are not supported: every candidate must see "
                           "the same item", el)
            elif name in PACKAGING:
                self.error(f"{shown}: {PACKAGING[name]}", el)
            elif why := _cannot_show(el):
                self.error(f"{why}; {SKIP_HINT}", el)

    def _drop_feedback_and_styles(self, parent: Element) -> None:
        for child in list(parent):
            name = _qname(child)
            if name in FEEDBACK:
                # Candidates never see feedback in a selection test: nothing shown is lost.
                self.warn(f"<{local_name(child.tag)}> dropped: a test shows no feedback", child)
                _remove(parent, child)
            elif name == "stylesheet":
                self.warn(f"stylesheet {child.get('href')!r} ignored: the kiosk has its own "
                          "style", child)
                _remove(parent, child)
            elif name == "companionMaterialsInfo":
                self.warn("companion materials (calculator, rulers, ...) are not provided by "
                          "Ujikom", child)
                _remove(parent, child)
            else:
                self._drop_feedback_and_styles(child)

    def _drop_language_variants(self, body: Element) -> None:
        """Siblings that say the same in several languages (``xml:lang``): the
        Indonesian one is kept (else the item's own language, else the first), the
        others are dropped with a note; a test is given in one language."""
        own = (self.root.get(XML_LANG) or body.get(XML_LANG) or "").lower()
        for parent in list(body.iter()):
            variants = [c for c in parent if c.get(XML_LANG)]
            langs = {(c.get(XML_LANG) or "").lower() for c in variants}
            if len(langs) < 2:
                continue
            keep = next((lang for lang in sorted(langs) if lang.split("-")[0] == "id"),
                        own if own in langs else (variants[0].get(XML_LANG) or "").lower())
            for child in variants:
                lang = (child.get(XML_LANG) or "").lower()
                if lang != keep:
                    self.warn(f"xml:lang {lang!r} variant dropped; the {keep!r} text is kept",
                              child)
                    _remove(parent, child)

    def _take_rubric_blocks(self, body: Element) -> None:
        """Takes the rubric blocks out of the body: the scorer's become the essay's
        rubric, the candidate's instructions; others are dropped with a note."""
        parents = {child: parent for parent in body.iter() for child in parent}
        for block in [e for e in body.iter() if _qname(e) == "rubricBlock"]:
            use = use_of(block)
            if use == Use.SCORING:
                self.scorer_rubric.append(block)
            elif use == Use.CANDIDATE:
                self.candidate_rubric += self._html(content_of(block))
            else:
                self.warn(f"<{local_name(block.tag)}> for view "
                          f"{_attr(block, 'view', '')!r} dropped: Ujikom shows no screen to "
                          "that role", block)
            _remove(parents[block], block)

    def _the_interaction(self, body: Element) -> Element | None:
        found = [el for el in body.iter() if _qname(el) in SUPPORTED_INTERACTIONS]
        if len(found) > 1:
            self.error(f"{len(found)} interactions in one item; a Ujikom item has exactly one",
                       found[1])
            return None
        if not found:
            if not self.problems:
                self.error("no choiceInteraction or extendedTextInteraction: nothing to "
                           f"answer; {SKIP_HINT}")
            return None
        return found[0]

    def _template(self) -> str | None:
        """The standard response processing template used, or None when there is none."""
        rps = [c for c in self.root if _qname(c) == "responseProcessing"]
        if not rps:
            return None
        rp = rps[0]
        uri = rp.get("template") or _attr(rp, "templateLocation") or ""
        name = template_name(rp)
        if name in STANDARD_TEMPLATES:
            return name
        if uri:
            self.error(f"response processing template {uri!r} is not supported; use "
                       "match_correct or map_response, or write the rules out", rp)
            return None
        if not [c for c in rp if isinstance(c.tag, str)]:
            return None  # empty processing: nothing is scored automatically
        return CUSTOM  # rules written out: evaluated response by response

    def _declaration(self, interaction: Element) -> Element | None:
        ident = _attr(interaction, "responseIdentifier", "")
        for decl in self.root:
            if _qname(decl) == "responseDeclaration" and decl.get("identifier") == ident:
                return decl
        self.error(f"no responseDeclaration for the interaction's response {ident!r}",
                   interaction)
        return None

    # -- images

    def _take_images(self, body: Element) -> None:
        # Objects first, so the fallback content they drop is never visited as content.
        for el in [e for e in body.iter() if _qname(e) == "object"]:
            self._object_to_img(el)
        for el in [e for e in body.iter() if _qname(e) == "img"]:
            self._take_image(el)

    def _object_to_img(self, el: Element) -> None:
        """An <object> showing an image is an image; its fallback text becomes the alt."""
        alt = " ".join("".join(el.itertext()).split())
        attrs = {"src": el.get("data", ""), "alt": alt}
        attrs.update({k: v for k, v in el.attrib.items() if k in ("width", "height")})
        el.tag = "img"
        el.attrib.clear()
        el.attrib.update(attrs)
        for child in list(el):
            el.remove(child)
        el.text = None

    def _take_image(self, el: Element) -> None:
        src = el.get("src", "")
        if not src or _URL_SCHEME.match(src) or src.startswith("/"):
            self.error(f"image {src!r} is not a file in the package: Ujikom runs offline, so "
                       "put the image in the package", el)
            return
        rel = unquote(src)
        try:
            data = self.src.load(rel)
        except _MediaError as exc:
            self.error(str(exc), el)
            return
        name = f"{self.id}/{posixpath.basename(rel)}"
        if name in self.media and self.media[name] != data:
            self.error(f"two different images are both named {posixpath.basename(rel)!r}", el)
            return
        if name not in self.media:
            self.media[name] = data
            self.media_order.append(name)
        el.set("src", name)

    def _extra_media(self) -> tuple[str, ...]:
        """Media listed by a Ujikom package that the text does not show (attachments)."""
        names = list(self.meta.media) if self.meta else []
        for name in names:
            if name not in self.media:
                try:
                    self.media[name] = self.src.load(posixpath.join("..", "media", name))
                except _MediaError as exc:
                    self.error(f"media {name!r}: {exc}")
        return tuple(names + [n for n in self.media_order if n not in names])

    # -- text

    def _html(self, el: Element, substitute: dict[Element, str] | None = None) -> str:
        return _HtmlWriter(self.tidy, substitute or {}).inner(el)

    def _rich(self, html: str, el: Element) -> str:
        result = sanitize(html)
        for change in result.changes:
            self.warn(change, el)
        return result.html

    def _prompt_html(self, interaction: Element) -> tuple[str, Element | None]:
        prompt = next(iter(_children(interaction, "prompt")), None)
        if prompt is None:
            return "", None
        return self._html(prompt), prompt

    # -- the two kinds of item

    def _common(self) -> dict:  # type: ignore[type-arg]
        meta = self.meta or _Meta()
        if self.meta is None and self.src.lom is not None:
            lom = self.src.lom
            meta = _Meta(level=lom.level or 3, topic=next(iter(lom.keywords), ""),
                         author=lom.author, tags=lom.tags())
        competency = self.options.competency or meta.competency
        if not competency:
            self.missing_competency = True
        topic = self.options.topic if self.options.topic is not None else meta.topic
        return dict(id=ItemId(self.id), competency=competency or "", level=meta.level,
                    topic=topic, author=meta.author, review=meta.review, tags=meta.tags)

    def _choice_item(self, body: Element, inter: Element, template: str | None) -> Item | None:
        decl = self._declaration(inter)
        if decl is None:
            return None
        choices = _children(inter, "simpleChoice")
        ids = [c.get("identifier", "") for c in choices]
        correct = self._correct(decl, ids)
        mapping = self._mapping(decl, ids)
        kind = self._choice_kind(inter)
        if kind is None or self.problems:
            return None
        if correct is None and (mapping is None or kind == ItemType.MR):
            self.error("no correct response (<correctResponse>): the key is unknown", decl)
            return None
        prompt, _ = self._prompt_html(inter)
        if prompt and not re.match(r"\s*<(p|div|ul|ol|table|h\d|blockquote|pre)\b", prompt):
            prompt = f"<p>{prompt}</p>"
        stem = self._rich(self.candidate_rubric + self._html(body, {inter: prompt}), body)
        if self.scorer_rubric:
            self.warn("the scorer's rubric is dropped: Ujikom scores a choice item by its "
                      "key", self.scorer_rubric[0])
        common = self._common()
        if kind == ItemType.LIKERT:
            return self._likert_item(common, stem, choices)
        meta = self.meta
        points = meta.points if meta else 1.0
        scoring = meta.mr_scoring if meta else (
            MrScoring.PARTIAL if mapping is not None and template != "match_correct"
            else MrScoring.ALL_OR_NOTHING)
        if template == CUSTOM or (meta is None and template == "map_response"
                                  and self._bounded(decl)):
            # A mapping's bounds can clip an option's score to other than Ujikom's
            # [0, most]: the template is then run like written rules, response by response.
            written = self._written_weights(kind, inter, ids, correct)
            if written is None:
                return None
            if meta:
                # Ujikom's own package: its metadata keeps scoring and points, and the
                # mapping the weights (an all-or-nothing mr may carry weights too).
                weights = self._weights(kind, ids, correct or [], mapping, "match_correct")
            elif template != CUSTOM and kind != ItemType.MR:
                weights = written[0]  # the key stays what correctResponse says, if any
            else:
                weights, correct, scoring, points = written
        else:
            weights = self._weights(kind, ids, correct or [], mapping, template)
        options = tuple(
            Option(OptionId(cid), self._rich(self._html(c), c), weights[cid],
                   kind != ItemType.SJT and cid in (correct or []))
            for cid, c in zip(ids, choices, strict=True))
        return Item(type=kind, stem=stem, options=options,
                    media=self._extra_media(), points=points,
                    mr_scoring=scoring if kind == ItemType.MR else MrScoring.ALL_OR_NOTHING,
                    **common)

    def _written_weights(self, kind: ItemType, inter: Element, ids: list[str],
                         correct: list[str] | None,
                         ) -> tuple[dict[str, float], list[str], MrScoring, float] | None:
        """Weights, key, scoring and points that give every response the score the
        item's own response processing gives it (evaluated response by response)."""
        rp = next(c for c in self.root if _qname(c) == "responseProcessing")
        response_id = _attr(inter, "responseIdentifier", "") or ""
        try:
            proc = read_processing(self.root)
            if kind == ItemType.MR:
                max_choices = int(_attr(inter, "maxChoices", "0") or "0")
                mr = mr_scoring(proc, response_id, ids, max_choices)
            else:
                weights = mc_weights(proc, response_id, ids)
        except Unsupported as exc:
            self.problems.append(Problem(self.src.where, self._label(
                f"response processing: {exc.message}"), line=exc.line or _line(rp)))
            return None
        for ident in proc.ignored:
            self.warn(f"response processing sets outcome {ident!r}, which Ujikom does not "
                      "use (feedback is never shown); ignored", rp)
        if kind == ItemType.MR:
            if mr.model == MrModel.ALL_OR_NOTHING:
                return mr.weights, sorted(mr.keyed), MrScoring.ALL_OR_NOTHING, mr.points
            return mr.weights, correct or sorted(mr.keyed), MrScoring.PARTIAL, 1.0
        negative = sorted(c for c, w in weights.items() if w < 0)
        if negative:
            # Ujikom floors an item's score at 0, so the penalty cannot lower a total.
            self.warn(f"choosing {', '.join(negative)} scores below 0 in the package; Ujikom "
                      "counts such an answer as 0", rp)
        if not correct:
            top = max(weights.values())
            correct = [c for c, w in weights.items() if w == top and w > 0][:1]
        return weights, correct, MrScoring.ALL_OR_NOTHING, 1.0

    def _bounded(self, decl: Element) -> bool:
        block = next(iter(_children(decl, "mapping")), None)
        return block is not None and (_attr(block, "lowerBound") is not None
                                      or _attr(block, "upperBound") is not None)

    def _choice_kind(self, inter: Element) -> ItemType | None:
        raw = _attr(inter, "maxChoices", "1") or "1"
        try:
            max_choices = int(raw)
        except ValueError:
            self.error(f"maxChoices={raw!r} is not a number", inter)
            return None
        kind = ItemType.MC if max_choices == 1 else ItemType.MR
        if self.meta and self.meta.type:
            expected = (ItemType.MC, ItemType.SJT, ItemType.LIKERT) if max_choices == 1 \
                else (ItemType.MR,)
            if self.meta.type not in expected:
                self.error(f"the package says {self.meta.type} but the item is a choice with "
                           f"maxChoices={max_choices}", inter)
                return None
            kind = self.meta.type
        return kind

    def _correct(self, decl: Element, ids: list[str]) -> list[str] | None:
        block = next(iter(_children(decl, "correctResponse")), None)
        if block is None:
            return None
        values = [(v.text or "").strip() for v in _children(block, "value")]
        for value in values:
            if value not in ids:
                self.error(f"the correct response names {value!r}, which is not a choice", block)
        return values

    def _mapping(self, decl: Element, ids: list[str]) -> dict[str, float] | None:
        block = next(iter(_children(decl, "mapping")), None)
        if block is None:
            return None
        r = _AttrReader(self.src.where, self.problems)
        default = r.float(block, "defaultValue", 0.0)
        values = dict.fromkeys(ids, default)
        for entry in _children(block, "mapEntry"):
            key = _attr(entry, "mapKey", "") or ""
            if key not in values:
                self.error(f"the mapping names {key!r}, which is not a choice", entry)
                continue
            values[key] = r.float(entry, "mappedValue", 0.0)
        return values

    def _weights(self, kind: ItemType, ids: list[str], correct: list[str],
                 mapping: dict[str, float] | None,
                 template: str | None) -> dict[str, float]:
        keyed = {cid: 1.0 if cid in correct else 0.0 for cid in ids}
        if mapping is None:
            return keyed
        if kind == ItemType.MC and template == "match_correct":
            # QTI scores such an item 1/0 by its key; the mapping plays no part, so it
            # must not turn into weights here either.
            self.warn("the mapping is not used by the match_correct template; ignored")
            return keyed
        return mapping

    def _likert_item(self, common: dict, stem: str,  # type: ignore[type-arg]
                     choices: list[Element]) -> Item:
        meta = self.meta or _Meta()
        labels = tuple("".join(c.itertext()) for c in choices) if meta.likert_labels else ()
        spec = LikertSpec(meta.likert_scale, meta.likert_reverse, len(choices), labels)
        return Item(type=ItemType.LIKERT, stem=stem, likert=spec, media=self._extra_media(),
                    points=meta.points, **common)

    def _makalah_item(self, body: Element, inter: Element, template: str | None) -> Item | None:
        decl = self._declaration(inter)
        if decl is None:
            return None
        if self.meta and self.meta.type not in (None, ItemType.MAKALAH):
            self.error(f"the package says {self.meta.type} but the item is an essay", inter)
            return None
        if (decl.get("cardinality") or "single") != "single":
            self.error("an essay with several answer boxes is not supported", inter)
            return None
        human = any(_qname(d) == "outcomeDeclaration" and _attr(d, "externalScored") == "human"
                    for d in self.root)
        if (template or _children(decl, "correctResponse")) and not human:
            self.warn("automatic scoring of the essay is dropped: assessors grade a makalah")
        stem_div = self._stem_div(body)
        stem = self._rich(self._html(stem_div), stem_div) if stem_div is not None else ""
        prompt, prompt_el = self._prompt_html(inter)
        skip: dict[Element, str] = {inter: ""}
        if stem_div is not None:
            skip[stem_div] = ""
        rest = self._rich(self._html(body, skip), body)
        if prompt_el is not None:
            instructions, case = self._rich(self.candidate_rubric + prompt, prompt_el), rest
        else:
            instructions, case = self._rich(self.candidate_rubric, body) + rest, ""
        spec = (self.meta.makalah if self.meta and self.meta.makalah else MakalahSpec("", ""))
        rubric = spec.rubric or criteria(self.scorer_rubric, self._max_score(),
                                         self._outcome_maxima())
        makalah = MakalahSpec(case, instructions, spec.time_limit_min, spec.word_min,
                              spec.word_max, rubric)
        return Item(type=ItemType.MAKALAH, stem=stem, makalah=makalah,
                    media=self._extra_media(), points=self.meta.points if self.meta else 1.0,
                    **self._common())

    def _max_score(self) -> float | None:
        """The essay's maximum score as the item declares it (MAXSCORE's default, or
        SCORE's normalMaximum), for a rubric that does not state one."""
        for decl in self.root:
            if _qname(decl) != "outcomeDeclaration":
                continue
            ident = decl.get("identifier")
            raw = None
            if ident == "MAXSCORE":
                raw = next((v.text for d in _children(decl, "defaultValue")
                            for v in _children(d, "value")), None)
            elif ident == "SCORE":
                raw = _attr(decl, "normalMaximum")
            try:
                if raw is not None and float(raw) > 0:
                    return float(raw)
            except ValueError:
                pass
        return None

    def _outcome_maxima(self) -> dict[str, float]:
        """Each outcome's ``normalMaximum`` (a rubric block may score one outcome)."""
        maxima: dict[str, float] = {}
        for decl in _children(self.root, "outcomeDeclaration"):
            raw = _attr(decl, "normalMaximum")
            try:
                if raw is not None and float(raw) > 0:
                    maxima[decl.get("identifier", "")] = float(raw)
            except ValueError:
                continue
        return maxima

    def _stem_div(self, body: Element) -> Element | None:
        """Ujikom's exports keep a makalah's stem apart from its case material."""
        for el in body.iter():
            if _qname(el) == "div" and "ujikom-stem" in (el.get("class") or "").split():
                return el
        return None


# --------------------------------------------------------------------------- XHTML → HTML


class _HtmlWriter:
    """An element's content as an HTML fragment for `sanitize`.

    `substitute` replaces elements (the interaction, by its prompt) with given HTML.
    With `tidy`, whitespace that only indents the XML is dropped and line breaks inside
    text become spaces, as a browser would show them (never inside <pre>).
    """

    def __init__(self, tidy: bool, substitute: dict[Element, str]):
        self.tidy = tidy
        self.substitute = substitute

    def inner(self, el: Element, in_pre: bool = False) -> str:
        parts = []
        children = list(el)
        block = _qname(el) in _BLOCKS
        first_block = bool(children) and self._is_block(children[0])
        parts.append(self._text(el.text, block, first_block if children else block, in_pre))
        for i, child in enumerate(children):
            parts.append(self._outer(child, in_pre))
            after = self._is_block(children[i + 1]) if i + 1 < len(children) else block
            parts.append(self._text(child.tail, self._is_block(child), after, in_pre))
        return "".join(parts)

    def _is_block(self, el: Element) -> bool:
        return el in self.substitute or _qname(el) in _BLOCKS

    def _outer(self, el: Element, in_pre: bool) -> str:
        if el in self.substitute:
            return self.substitute[el]
        tag = local_name(el.tag) if isinstance(el.tag, str) else ""
        if not tag:
            return ""
        attrs = "".join(f' {local_name(k)}="{escape(v, quote=True)}"'
                        for k, v in el.attrib.items())
        if tag in VOID_TAGS:
            return f"<{tag}{attrs}>"
        content = self.inner(el, in_pre or tag == "pre")
        return f"<{tag}{attrs}>{content}</{tag}>"

    def _text(self, text: str | None, before_block: bool, after_block: bool,
              in_pre: bool) -> str:
        if not text:
            return ""
        if not self.tidy or in_pre:
            return escape(text, quote=False)
        # Only ASCII white space: a no-break space is content.
        collapsed = re.sub(r"[ \t\r\n]*\n[ \t\r\n]*", " ", text)
        if not collapsed.strip() and (before_block or after_block):
            return ""
        return escape(collapsed, quote=False)
