"""The bank's items as an IMS QTI 3.0 content package (a zip).

Layout: ``imsmanifest.xml``; ``items/<ITEM-ID>.xml``, one QTI 3.0 item each;
``media/<media name>``, the bank's media files under their bank names, so an image
``INT-001/denah.png`` is ``media/INT-001/denah.png`` and the item shows it as
``../media/INT-001/denah.png``.

Where each field goes. Another QTI tool sees ordinary items; Ujikom's importer reads
everything back (``read_qti(write_qti3_package(items))`` gives the same items):

- the stem is a ``<div class="ujikom-stem">`` at the top of the body;
- ``mc``/``mr``/``sjt``: a ``qti-choice-interaction`` (max 1 choice, or 0 = any for
  ``mr``). ``mc``/``mr`` keys go in ``qti-correct-response``. ``sjt``, a weighted
  ``mc`` and any ``mr`` whose weights are not just 1 for the key carry a
  ``qti-mapping`` of every option's weight, bounded below by 0 as Ujikom scores (a
  penalty weight counts as 0). Scoring uses the standard templates:
  ``map_response`` for sjt, weighted mc and partial mr, ``match_correct`` otherwise,
  except an all-or-nothing mr worth other than 1 point: its processing is written out
  (the key scores the item's points), as no template can say so;
- ``likert``: a choice interaction with one choice per point (ids ``P1``..``Pn``, the
  labels as text) and a mapping of the keyed value of each point (reversed when the
  item is reverse-keyed), so any QTI player scores it as Ujikom does;
- ``makalah``: a ``qti-extended-text-interaction`` whose prompt is the instructions,
  after the case material in a ``<div class="ujikom-case">``; no response processing
  (assessors grade it);
- what QTI has no field for (type when it is sjt/likert, competency, level, topic,
  author, review, tags, media list, mr scoring and points, likert scale/reverse, the
  makalah's time, word range and rubric) goes in an ``<ujikom:item>`` element in the
  resource's metadata in the manifest, next to a standard LOM record (identifier and
  keywords) for other tools. The manifest was chosen over attributes on the item so the
  item files stay schema-valid QTI 3.0.

Rich text is written as the XHTML of the QTI body (our subset is a subset of it).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from exam_bank.fsutil import atomic_write
from exam_bank.importers.qti import UJIKOM_NS
from exam_bank.items.model import Item, ItemType, MrScoring, Option
from exam_bank.items.richtext import VOID_TAGS, sanitize

QTI3_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
QTI3_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
CP_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
RP_TEMPLATES = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/"
ITEM_RESOURCE_TYPE = "imsqti_item_xmlv3p0"
MEDIA_DIR = "media"
ITEMS_DIR = "items"

# Readable prefixes instead of ns0/ns1 in the manifest (ElementTree's map is global, and
# these two URIs mean the same everywhere).
ET.register_namespace("lom", LOM_NS)
ET.register_namespace("ujikom", UJIKOM_NS)

# Characters XML 1.0 cannot carry at all: better a clear error than an unreadable file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same bank gives the same bytes


def item_to_qti3(item: Item, *, media_prefix: str = "") -> bytes:
    """One item as a QTI 3.0 ``qti-assessment-item`` document (UTF-8).

    Images are written as ``media_prefix + <media name>``; the package uses
    ``../media/`` since its items sit in ``items/``.
    """
    root = _item_element(item, media_prefix)
    return _serialize(root, f"item {item.id!r}")


def write_qti3_package(items: Sequence[Item], media: Mapping[str, bytes], out: Path) -> None:
    """Write `items` and the media they use as a QTI 3.0 content package at `out`.

    Raises ValueError, writing nothing, when an item id repeats, a media file it uses is
    missing from `media`, or a text holds a character XML cannot carry.
    """
    ids = [i.id for i in items]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"item ids repeat: {', '.join(repeated)}")
    files: dict[str, bytes] = {}
    media_of: dict[str, list[str]] = {}
    for item in items:
        media_of[item.id] = _media_names(item)
        for name in media_of[item.id]:
            if name not in media:
                raise ValueError(f"item {item.id!r}: media {name!r} was not given")
            files[f"{MEDIA_DIR}/{name}"] = media[name]
        files[_item_path(item)] = item_to_qti3(item, media_prefix=f"../{MEDIA_DIR}/")
    manifest = _serialize(_manifest(items, media_of), "the manifest")
    atomic_write(out, _zip({"imsmanifest.xml": manifest, **files}))


# --------------------------------------------------------------------------- the item


def _q(name: str) -> str:
    # Unqualified: the root's xmlns puts them in the QTI namespace. (ElementTree's
    # default_namespace cannot be used, it refuses unqualified attribute names.)
    return name


def _item_element(item: Item, media_prefix: str) -> ET.Element:
    root = ET.Element(_q("qti-assessment-item"), {
        "xmlns": QTI3_NS, f"{{{XSI_NS}}}schemaLocation": f"{QTI3_NS} {QTI3_XSD}",
        "identifier": item.id, "title": item.id, "adaptive": "false",
        "time-dependent": "false", "tool-name": "Ujikom",
    })
    if item.type == ItemType.MAKALAH:
        ET.SubElement(root, _q("qti-response-declaration"), {
            "identifier": "RESPONSE", "cardinality": "single", "base-type": "string"})
    else:
        _choice_declaration(root, item)
    ET.SubElement(root, _q("qti-outcome-declaration"), {
        "identifier": "SCORE", "cardinality": "single", "base-type": "float"})
    body = ET.SubElement(root, _q("qti-item-body"))
    if item.stem:
        _rich(ET.SubElement(body, _q("div"), {"class": "ujikom-stem"}), item.stem, media_prefix)
    if item.type == ItemType.MAKALAH:
        _makalah_body(body, item, media_prefix)
    else:
        _choice_interaction(body, item, media_prefix)
        if _all_or_nothing_points(item) is not None:
            _written_all_or_nothing(root, item)
        else:
            ET.SubElement(root, _q("qti-response-processing"),
                          {"template": RP_TEMPLATES + _template(item)})
    return root


def _all_or_nothing_points(item: Item) -> float | None:
    """The points of an all-or-nothing mr item that match_correct (1 point) cannot give."""
    if item.type == ItemType.MR and item.mr_scoring == MrScoring.ALL_OR_NOTHING \
            and float(item.points) != 1.0:
        return float(item.points)
    return None


def _written_all_or_nothing(root: ET.Element, item: Item) -> None:
    """match_correct written out with the item's points: the key scores them, else 0."""
    rp = ET.SubElement(root, _q("qti-response-processing"))
    cond = ET.SubElement(rp, _q("qti-response-condition"))
    branch = ET.SubElement(cond, _q("qti-response-if"))
    match = ET.SubElement(branch, _q("qti-match"))
    ET.SubElement(match, _q("qti-variable"), {"identifier": "RESPONSE"})
    ET.SubElement(match, _q("qti-correct"), {"identifier": "RESPONSE"})
    for where, value in ((branch, float(item.points)),
                         (ET.SubElement(cond, _q("qti-response-else")), 0.0)):
        out = ET.SubElement(where, _q("qti-set-outcome-value"), {"identifier": "SCORE"})
        ET.SubElement(out, _q("qti-base-value"), {"base-type": "float"}).text = _num(value)


def _choice_options(item: Item) -> tuple[Option, ...]:
    """The options as written: a likert item's points are its options."""
    if item.type != ItemType.LIKERT or item.likert is None:
        return item.options
    lk = item.likert
    return tuple(
        Option(f"P{n}", lk.labels[n - 1] if lk.labels else str(n),  # type: ignore[arg-type]
               float(lk.points + 1 - n if lk.reverse else n))
        for n in range(1, lk.points + 1))


def _needs_mapping(item: Item) -> bool:
    if item.type in (ItemType.SJT, ItemType.LIKERT):
        return True
    keyed = all(o.weight == (1.0 if o.correct else 0.0) for o in item.options)
    if item.type == ItemType.MC:
        return not (keyed and sum(o.correct for o in item.options) == 1)
    return not keyed or item.mr_scoring == MrScoring.PARTIAL


def _template(item: Item) -> str:
    if item.type == ItemType.MR:
        return "map_response" if item.mr_scoring == MrScoring.PARTIAL else "match_correct"
    return "map_response" if _needs_mapping(item) else "match_correct"


def _choice_declaration(root: ET.Element, item: Item) -> None:
    decl = ET.SubElement(root, _q("qti-response-declaration"), {
        "identifier": "RESPONSE",
        "cardinality": "multiple" if item.type == ItemType.MR else "single",
        "base-type": "identifier"})
    keys = [o.id for o in item.options if o.correct]
    if keys and item.type in (ItemType.MC, ItemType.MR):
        correct = ET.SubElement(decl, _q("qti-correct-response"))
        for key in keys:
            ET.SubElement(correct, _q("qti-value")).text = key
    if _needs_mapping(item):
        # Ujikom floors every choice item's score at 0 (a penalty weight never takes
        # points from other items); lower-bound makes a QTI engine's mapResponse do so.
        mapping = ET.SubElement(decl, _q("qti-mapping"),
                                {"default-value": "0", "lower-bound": "0"})
        for opt in _choice_options(item):
            ET.SubElement(mapping, _q("qti-map-entry"),
                          {"map-key": opt.id, "mapped-value": _num(opt.weight)})


def _choice_interaction(body: ET.Element, item: Item, media_prefix: str) -> None:
    inter = ET.SubElement(body, _q("qti-choice-interaction"), {
        "response-identifier": "RESPONSE", "shuffle": "false",
        "max-choices": "0" if item.type == ItemType.MR else "1"})
    for opt in _choice_options(item):
        choice = ET.SubElement(inter, _q("qti-simple-choice"), {"identifier": opt.id})
        if item.type == ItemType.LIKERT:
            choice.text = opt.text  # labels are plain text
        else:
            _rich(choice, opt.text, media_prefix)


def _makalah_body(body: ET.Element, item: Item, media_prefix: str) -> None:
    m = item.makalah
    if m is None:
        raise ValueError(f"item {item.id!r}: a makalah item needs its prompt")
    if m.case_material:
        _rich(ET.SubElement(body, _q("div"), {"class": "ujikom-case"}), m.case_material,
              media_prefix)
    inter = ET.SubElement(body, _q("qti-extended-text-interaction"),
                          {"response-identifier": "RESPONSE"})
    _rich(ET.SubElement(inter, _q("qti-prompt")), m.instructions, media_prefix)


# --------------------------------------------------------------------------- rich text


class _HtmlToXml(HTMLParser):
    """Appends an HTML fragment of the text subset to an element as QTI XHTML."""

    def __init__(self, parent: ET.Element, media_prefix: str):
        super().__init__(convert_charrefs=True)
        self.stack = [parent]
        self.media_prefix = media_prefix

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attrib = {name: value or "" for name, value in attrs}
        if tag == "img" and "src" in attrib:
            attrib["src"] = self.media_prefix + quote(attrib["src"])
        el = ET.SubElement(self.stack[-1], _q(tag), attrib)
        if tag not in VOID_TAGS:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == _q(tag):
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        top = self.stack[-1]
        if len(top):
            top[-1].tail = (top[-1].tail or "") + data
        else:
            top.text = (top.text or "") + data


def _rich(parent: ET.Element, html: str, media_prefix: str) -> None:
    # sanitize first: what reaches the XML is balanced and inside the subset.
    writer = _HtmlToXml(parent, media_prefix)
    writer.feed(sanitize(html).html)
    writer.close()


def _rich_fields(item: Item) -> Iterable[str]:
    yield item.stem
    if item.type != ItemType.LIKERT:
        yield from (o.text for o in item.options)
    if item.makalah:
        yield item.makalah.case_material
        yield item.makalah.instructions


def _media_names(item: Item) -> list[str]:
    """The item's media list, then the images its text shows that the list lacks."""
    names = list(item.media)
    for text in _rich_fields(item):
        names.extend(src for src in sanitize(text).images if src not in names)
    for name in names:
        p = PurePosixPath(name)
        if not name or p.is_absolute() or ".." in p.parts or "\\" in name:
            raise ValueError(f"item {item.id!r}: media name {name!r} is not a safe relative "
                             "path")
    return names


# --------------------------------------------------------------------------- the manifest


def _item_path(item: Item) -> str:
    return f"{ITEMS_DIR}/{item.id}.xml"


def _cp(name: str) -> str:
    return name  # in the content-packaging namespace by the root's xmlns, as _q


def _manifest(items: Sequence[Item], media_of: Mapping[str, list[str]]) -> ET.Element:
    root = ET.Element(_cp("manifest"), {
        "xmlns": CP_NS, "identifier": "MANIFEST-UJIKOM",
        f"{{{XSI_NS}}}schemaLocation": f"{CP_NS} {CP_XSD}"})
    meta = ET.SubElement(root, _cp("metadata"))
    ET.SubElement(meta, _cp("schema")).text = "QTI Package"
    ET.SubElement(meta, _cp("schemaversion")).text = "3.0.0"
    ET.SubElement(root, _cp("organizations"))
    resources = ET.SubElement(root, _cp("resources"))
    for item in items:
        # "I-" keeps the identifier an XML name even when the item id starts with a digit.
        res = ET.SubElement(resources, _cp("resource"), {
            "identifier": f"I-{item.id}", "type": ITEM_RESOURCE_TYPE,
            "href": _item_path(item)})
        res_meta = ET.SubElement(res, _cp("metadata"))
        res_meta.append(_lom(item))
        res_meta.append(_ujikom_meta(item))
        ET.SubElement(res, _cp("file"), {"href": _item_path(item)})
        for name in media_of[item.id]:
            ET.SubElement(res, _cp("file"), {"href": f"{MEDIA_DIR}/{quote(name)}"})
    return root


def _lom(item: Item) -> ET.Element:
    """A minimal LOM record so other tools can search the items by competency and topic."""
    lom = ET.Element(f"{{{LOM_NS}}}lom")
    general = ET.SubElement(lom, f"{{{LOM_NS}}}general")
    ident = ET.SubElement(general, f"{{{LOM_NS}}}identifier")
    ET.SubElement(ident, f"{{{LOM_NS}}}catalog").text = "ujikom"
    ET.SubElement(ident, f"{{{LOM_NS}}}entry").text = item.id
    for word in (item.competency, item.topic, *item.tags):
        if word:
            keyword = ET.SubElement(general, f"{{{LOM_NS}}}keyword")
            ET.SubElement(keyword, f"{{{LOM_NS}}}string").text = word
    return lom


def _uj(name: str) -> str:
    return f"{{{UJIKOM_NS}}}{name}"


def _ujikom_meta(item: Item) -> ET.Element:
    """Every field QTI has no place for; strings go in attributes, which keep any text."""
    attrs = {"type": str(item.type), "competency": item.competency, "level": str(item.level),
             "review": str(item.review)}
    if item.topic:
        attrs["topic"] = item.topic
    if item.author:
        attrs["author"] = item.author
    if item.points != 1.0:
        attrs["points"] = _num(item.points)
    if item.mr_scoring != MrScoring.ALL_OR_NOTHING:
        attrs["mr-scoring"] = str(item.mr_scoring)
    el = ET.Element(_uj("item"), attrs)
    for tag in item.tags:
        ET.SubElement(el, _uj("tag"), {"name": tag})
    for name in item.media:
        ET.SubElement(el, _uj("media"), {"name": name})
    if item.likert:
        lk = item.likert
        ET.SubElement(el, _uj("likert"), {"scale": lk.scale, "reverse": _bool(lk.reverse),
                                          "labels": _bool(bool(lk.labels))})
    if item.makalah:
        m = item.makalah
        mk = ET.SubElement(el, _uj("makalah"), {
            "time-limit-min": str(m.time_limit_min), "word-min": str(m.word_min),
            "word-max": str(m.word_max)})
        for c in m.rubric:
            ET.SubElement(mk, _uj("criterion"), {
                "id": c.id, "title": c.title, "description": c.description,
                "max-score": _num(c.max_score), "weight": _num(c.weight)})
    return el


# --------------------------------------------------------------------------- bytes


def _num(x: float) -> str:
    """A float as xsd:double text that reads back to the same float."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _bool(x: bool) -> str:
    return "true" if x else "false"


def _serialize(root: ET.Element, what: str) -> bytes:
    text = ET.tostring(root, encoding="unicode")
    if (bad := _NOT_XML.search(text)) is not None:
        raise ValueError(f"{what}: character U+{ord(bad.group()):04X} cannot be written in "
                         "XML; remove it from the text")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def _zip(files: Mapping[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()
