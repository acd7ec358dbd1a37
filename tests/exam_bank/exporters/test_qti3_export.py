"""QTI 3.0 export: what another QTI tool sees, and that Ujikom reads its export back."""

from __future__ import annotations

import dataclasses
import html
import string
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exam_bank.competencies import DEFAULT_CATALOG
from exam_bank.exporters.qti3 import item_to_qti3, write_qti3_package
from exam_bank.importers.qti import UJIKOM_NS, read_qti
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
from exam_bank.items.richtext import sanitize
from exam_bank.items.validate import ID_PATTERN, check_item

Q = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
CP = "{http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1}"
LOM = "{http://ltsc.ieee.org/xsd/LOM}"
UJ = f"{{{UJIKOM_NS}}}"

SJT = Item(ItemId("INT-SJT-001"), ItemType.SJT,
           '<p>Rekanan menawarkan "tiket" liburan &amp; hadiah &lt;Rp5 juta&gt;.</p>'
           '<p><img src="INT-SJT-001/denah.png" alt="denah"></p>',
           "integritas", level=4, topic="gratifikasi", author="Tim BKPSDM",
           review=ReviewStatus.APPROVED, media=("INT-SJT-001/denah.png",),
           options=(Option(OptionId("A"), "Menolak dan melapor ke UPG", 5.0),
                    Option(OptionId("B"), "Menerima diam-diam", 1.0),
                    Option(OptionId("C"), "Bertanya kepada atasan", 3.0)),
           tags=("tkp",))
MC = Item(ItemId("TWK-001"), ItemType.MC, "Ibu kota provinsi Jawa Barat?", "perekat_bangsa",
          options=(Option(OptionId("A"), "Bandung", 1.0, True),
                   Option(OptionId("B"), "Semarang", 0.0)))
LIKERT = Item(ItemId("KE-01"), ItemType.LIKERT, "Saya tetap tenang saat dikritik.", "kerja_sama",
              likert=LikertSpec("kecerdasan_emosional", reverse=True))
MAKALAH = Item(ItemId("MKL-1"), ItemType.MAKALAH, "", "pengambilan_keputusan",
               makalah=MakalahSpec("<p>Kota Contoh menghadapi banjir tahunan.</p>",
                                   "Tulislah makalah berisi analisis dan usulan.", 180, 800,
                                   1500, (RubricCriterion("analisis", "Ketajaman analisis",
                                                          "Akar masalah", 5.0, 30.0),)))
MEDIA = {"INT-SJT-001/denah.png": b"\x89PNG denah"}


def unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


# --------------------------------------------------------------------------- what others see


def test_plain_mc_is_a_choice_keyed_by_correct_response_and_match_correct() -> None:
    root = ET.fromstring(item_to_qti3(MC))
    assert root.tag == f"{Q}qti-assessment-item" and root.get("identifier") == "TWK-001"
    decl = root.find(f"{Q}qti-response-declaration")
    assert decl is not None and decl.get("cardinality") == "single"
    assert [v.text for v in decl.iter(f"{Q}qti-value")] == ["A"]
    assert decl.find(f"{Q}qti-mapping") is None
    inter = root.find(f"{Q}qti-item-body/{Q}qti-choice-interaction")
    assert inter is not None and inter.get("max-choices") == "1"
    assert [c.text for c in inter.iter(f"{Q}qti-simple-choice")] == ["Bandung", "Semarang"]
    rp = root.find(f"{Q}qti-response-processing")
    assert rp is not None and rp.get("template", "").endswith("/rptemplates/match_correct")


def test_sjt_carries_every_weight_in_a_mapping_and_xhtml_in_the_body() -> None:
    root = ET.fromstring(item_to_qti3(SJT, media_prefix="../media/"))
    entries = root.iter(f"{Q}qti-map-entry")
    assert {e.get("map-key"): e.get("mapped-value") for e in entries} == {
        "A": "5", "B": "1", "C": "3"}
    assert root.find(f".//{Q}qti-correct-response") is None
    stem = root.find(f"{Q}qti-item-body/{Q}div")
    assert stem is not None and stem.get("class") == "ujikom-stem"
    first = stem.find(f"{Q}p")
    assert first is not None
    assert first.text == 'Rekanan menawarkan "tiket" liburan & hadiah <Rp5 juta>.'
    img = stem.find(f".//{Q}img")
    assert img is not None and img.get("src") == "../media/INT-SJT-001/denah.png"
    rp = root.find(f"{Q}qti-response-processing")
    assert rp is not None and rp.get("template", "").endswith("/map_response")


def test_likert_points_are_choices_scored_by_a_reversed_mapping() -> None:
    root = ET.fromstring(item_to_qti3(LIKERT))
    choices = list(root.iter(f"{Q}qti-simple-choice"))
    assert [c.text for c in choices] == list(LikertSpec("x").labels)
    mapped = [e.get("mapped-value") for e in root.iter(f"{Q}qti-map-entry")]
    assert mapped == ["5", "4", "3", "2", "1"]


def test_makalah_is_an_extended_text_with_case_material_and_no_automatic_scoring() -> None:
    root = ET.fromstring(item_to_qti3(MAKALAH))
    body = root.find(f"{Q}qti-item-body")
    assert body is not None
    case = body.find(f"{Q}div")
    assert case is not None and case.get("class") == "ujikom-case"
    prompt = body.find(f"{Q}qti-extended-text-interaction/{Q}qti-prompt")
    assert prompt is not None and prompt.text == "Tulislah makalah berisi analisis dan usulan."
    assert root.find(f"{Q}qti-response-processing") is None


def test_package_layout_manifest_and_metadata(tmp_path: Path) -> None:
    out = tmp_path / "bank.zip"
    write_qti3_package([SJT, MC, MAKALAH], MEDIA, out)
    files = unzip(out)
    assert set(files) == {"imsmanifest.xml", "items/INT-SJT-001.xml", "items/TWK-001.xml",
                          "items/MKL-1.xml", "media/INT-SJT-001/denah.png"}
    assert files["media/INT-SJT-001/denah.png"] == MEDIA["INT-SJT-001/denah.png"]
    manifest = ET.fromstring(files["imsmanifest.xml"])
    resources = list(manifest.iter(f"{CP}resource"))
    assert [(r.get("type"), r.get("href")) for r in resources] == [
        ("imsqti_item_xmlv3p0", "items/INT-SJT-001.xml"),
        ("imsqti_item_xmlv3p0", "items/TWK-001.xml"),
        ("imsqti_item_xmlv3p0", "items/MKL-1.xml")]
    assert [f.get("href") for f in resources[0].iter(f"{CP}file")] == [
        "items/INT-SJT-001.xml", "media/INT-SJT-001/denah.png"]
    keywords = [s.text for s in resources[0].iter(f"{LOM}string")]
    assert keywords == ["integritas", "gratifikasi", "tkp"]
    meta = resources[0].find(f".//{UJ}item")
    assert meta is not None and (meta.get("type"), meta.get("level"), meta.get("review")) == (
        "sjt", "4", "approved")
    criterion = resources[2].find(f".//{UJ}criterion")
    assert criterion is not None and criterion.get("weight") == "30"


def test_the_same_items_give_the_same_bytes(tmp_path: Path) -> None:
    write_qti3_package([SJT, MC], MEDIA, tmp_path / "a.zip")
    write_qti3_package([SJT, MC], MEDIA, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


@pytest.mark.parametrize(("items", "media", "message"), [
    ([SJT], {}, "item 'INT-SJT-001': media 'INT-SJT-001/denah.png' was not given"),
    ([MC, MC], {}, "item ids repeat: TWK-001"),
    ([Item(ItemId("X1"), ItemType.MC, "Pilih\x07", "integritas", options=MC.options)], {},
     "character U+0007 cannot be written in XML"),
    ([Item(ItemId("X2"), ItemType.MC, "Pilih", "integritas", options=MC.options,
           media=("../x.png",))], {"../x.png": b"x"}, "media name '../x.png' is not a safe"),
])
def test_what_cannot_be_exported_raises_and_writes_nothing(
        tmp_path: Path, items: list[Item], media: dict[str, bytes], message: str) -> None:
    out = tmp_path / "out.zip"
    with pytest.raises(ValueError) as exc:
        write_qti3_package(items, media, out)
    assert message in str(exc.value)
    assert not out.exists()


# --------------------------------------------------------------------------- reading it back


def test_round_trip_of_every_type(tmp_path: Path) -> None:
    mr = Item(ItemId("MR-1"), ItemType.MR, "Pilih yang benar", "komunikasi",
              options=(Option(OptionId("A"), "a", 0.5, True), Option(OptionId("B"), "b", -1.0),
                       Option(OptionId("C"), "c", 0.5, True)), mr_scoring=MrScoring.PARTIAL)
    weighted = Item(ItemId("MC-W"), ItemType.MC, "Berbobot", "komunikasi",
                    options=(Option(OptionId("A"), "a", 5.0, True),
                             Option(OptionId("B"), "b", 2.5)))
    items = [SJT, MC, LIKERT, MAKALAH, mr, weighted]
    write_qti3_package(items, MEDIA, tmp_path / "bank.zip")
    result = read_qti(tmp_path / "bank.zip")
    assert result.items == items
    assert result.media == MEDIA
    assert result.warnings == []


def test_command_line_competency_and_topic_win_over_the_package(tmp_path: Path) -> None:
    write_qti3_package([SJT, MC], MEDIA, tmp_path / "bank.zip")
    result = read_qti(tmp_path / "bank.zip", competency="kerja_sama", topic="baru")
    assert {(i.competency, i.topic) for i in result.items} == {("kerja_sama", "baru")}


# --------------------------------------------------------------------------- the property

ID_CHARS = string.ascii_letters + string.digits
ids = st.builds(str.__add__, st.sampled_from(ID_CHARS),
                st.text(alphabet=ID_CHARS + "_.-", max_size=12))
WORDS = ["pegawai", "pelayanan", "masyarakat", "gratifikasi", "atasan", "Anda", "kebijakan",
         "tunjangan", "A&B", "x<y", "a>b", '"kutipan"', "'apostrof'", "Rp5.000", "—", "é",
         "naïve", "\u00a0", "baris\nbaru", "tab\tbed", "&amp;", "<b>"]
# Text as people type it (any character XML can hold), besides the words above.
free_text = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cn")), min_size=1,
                    max_size=8)
word = st.sampled_from(WORDS) | free_text
# Attribute values keep every character XML allows, \r and \n included.
attr_text = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cn"))
                    | st.sampled_from("\n\r\t&<>\"'"), max_size=12)
weights = st.integers(-5, 5).map(float) | st.floats(-100, 100, allow_nan=False,
                                                      allow_infinity=False)


@st.composite
def rich_text(draw: st.DrawFn, images: tuple[str, ...] = ()) -> str:
    """Rich text in the form the bank keeps it: what `sanitize` returns."""
    paragraphs = draw(st.lists(st.lists(word, min_size=1, max_size=5), min_size=1,
                               max_size=3))
    parts = [" ".join(html.escape(w, quote=False) for w in p) for p in paragraphs]
    style = draw(st.sampled_from(["plain", "p", "inline", "list"]))
    if style == "plain":
        fragment = "<br>".join(parts)
    elif style == "p":
        fragment = "".join(f"<p>{p}</p>" for p in parts)
    elif style == "inline":
        fragment = "".join(f"<p><b>{p}</b> <i>{p}</i><sub>2</sub></p>" for p in parts)
    else:
        fragment = "<ul>" + "".join(f"<li>{p}</li>" for p in parts) + "</ul>"
    for src in images:
        alt = html.escape(draw(attr_text), quote=True)
        fragment += f'<p><img src="{html.escape(src)}" alt="{alt}"></p>'
    text = sanitize(fragment).html
    assume(text.strip())
    return text


@st.composite
def choice_options(draw: st.DrawFn, kind: ItemType) -> tuple[tuple[Option, ...], dict]:
    n = draw(st.integers(2, 5))
    oids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    texts = [draw(rich_text()) for _ in oids]
    extra: dict = {}
    if kind == ItemType.SJT:
        ws = draw(st.lists(st.integers(0, 5).map(float) | st.floats(0, 5), min_size=n,
                           max_size=n))
        assume(len(set(ws)) >= 2)
        return tuple(Option(OptionId(i), t, w) for i, t, w in zip(oids, texts, ws,
                                                                   strict=True)), extra
    if kind == ItemType.MC:
        key = draw(st.none() | st.integers(0, n - 1))
        correct = {key} if key is not None else set()
    else:
        correct = set(draw(st.lists(st.integers(0, n - 1), min_size=1, unique=True)))
        extra["mr_scoring"] = draw(st.sampled_from(MrScoring))
        extra["points"] = draw(st.floats(0.5, 10))
    if key_only := (correct and draw(st.booleans())):
        ws = [1.0 if i in correct else 0.0 for i in range(n)]
    else:
        ws = draw(st.lists(weights, min_size=n, max_size=n))
    assume(key_only or max(ws) > 0)
    options = tuple(Option(OptionId(i), t, w, k in correct)
                    for k, (i, t, w) in enumerate(zip(oids, texts, ws, strict=True)))
    return options, extra


@st.composite
def items(draw: st.DrawFn) -> tuple[Item, dict[str, bytes]]:
    item_id = draw(ids)
    kind = draw(st.sampled_from(ItemType))
    images = tuple(f"{item_id}/{n}.png" for n in draw(st.lists(
        st.from_regex(r"[a-z0-9_-]{1,8}", fullmatch=True), max_size=2, unique=True)))
    attachments = (f"{item_id}/lampiran.pdf",) if draw(st.booleans()) else ()
    common = dict(
        id=ItemId(item_id), type=kind, competency=draw(st.sampled_from(DEFAULT_CATALOG.keys())),
        level=draw(st.integers(1, 5)), topic=draw(attr_text), author=draw(attr_text),
        review=draw(st.sampled_from(ReviewStatus)), tags=tuple(draw(st.lists(attr_text,
                                                                             max_size=3))),
        media=images + attachments)
    if kind == ItemType.MAKALAH:
        word_min = draw(st.integers(0, 3000))
        rubric = tuple(
            RubricCriterion(cid, draw(attr_text), draw(attr_text), draw(st.floats(0.5, 10)),
                            draw(st.floats(0.1, 100)))
            for cid in draw(st.lists(attr_text, max_size=3, unique=True)))
        spec = MakalahSpec(draw(st.just("") | rich_text(images)), draw(rich_text()),
                           draw(st.integers(1, 480)), word_min,
                           draw(st.just(0) | st.integers(word_min, 5000)), rubric)
        item = Item(stem=draw(st.just("") | rich_text()), makalah=spec, **common)
    elif kind == ItemType.LIKERT:
        points = draw(st.integers(2, 7))
        labels = draw(st.just(()) | st.lists(attr_text.map(lambda s: s.replace("\r", "")),
                                             min_size=points, max_size=points).map(tuple))
        spec_l = LikertSpec(draw(attr_text.filter(str.strip)), draw(st.booleans()), points,
                            labels)
        item = Item(stem=draw(rich_text(images)), likert=spec_l, **common)
    else:
        options, extra = draw(choice_options(kind))
        item = Item(stem=draw(rich_text(images)), options=options, **common, **extra)
    assume(check_item(item) == [])
    media = {name: draw(st.binary(min_size=1, max_size=16)) for name in item.media}
    return item, media


@settings(max_examples=60)
@given(st.lists(items(), min_size=1, max_size=4, unique_by=lambda pair: pair[0].id))
def test_reading_the_export_back_gives_the_same_items(cases: list) -> None:  # type: ignore[type-arg]
    bank = [item for item, _ in cases]
    media = {name: data for _, m in cases for name, data in m.items()}
    assert all(ID_PATTERN.match(i.id) for i in bank)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bank.zip"
        write_qti3_package(bank, media, out)
        result = read_qti(out)
    assert result.items == bank
    assert result.media == media
    assert result.warnings == []


def test_a_lone_exported_item_reads_as_plain_qti(tmp_path: Path) -> None:
    # Without the manifest's metadata only QTI's own meaning is left: an sjt is a
    # single choice scored by its mapping, i.e. a weighted mc with the same weights.
    path = tmp_path / "sjt.xml"
    path.write_bytes(item_to_qti3(SJT))
    (tmp_path / "INT-SJT-001").mkdir()
    (tmp_path / "INT-SJT-001" / "denah.png").write_bytes(MEDIA["INT-SJT-001/denah.png"])
    [item] = read_qti(path, competency="integritas").items
    assert item.type == ItemType.MC
    assert [(o.id, o.weight, o.correct) for o in item.options] == [
        ("A", 5.0, False), ("B", 1.0, False), ("C", 3.0, False)]
    assert item.stem == SJT.stem and item.media == SJT.media


def test_all_or_nothing_worth_three_points_is_written_out_and_scores_three(
        tmp_path: Path) -> None:
    from exam_bank.importers.qti_rp import read_processing
    from exam_bank.xmlsafe import parse_xml

    mr = Item(ItemId("MR-3"), ItemType.MR, "Pilih semua", "komunikasi",
              options=(Option(OptionId("A"), "a", 1.0, True), Option(OptionId("B"), "b"),
                       Option(OptionId("C"), "c", 1.0, True)), points=3.0)
    data = item_to_qti3(mr)
    assert b"rptemplates" not in data  # match_correct would score it 1
    proc = read_processing(parse_xml(data, "MR-3.xml"))
    assert proc.score("RESPONSE", frozenset({"A", "C"})) == 3
    assert proc.score("RESPONSE", frozenset({"A"})) == 0
    write_qti3_package([mr], {}, tmp_path / "bank.zip")
    assert read_qti(tmp_path / "bank.zip").items == [mr]  # Ujikom reads it back the same
    (tmp_path / "alone.xml").write_bytes(data)  # another tool sees only the item file
    (foreign,) = read_qti(tmp_path / "alone.xml", competency="komunikasi").items
    assert (foreign.mr_scoring, foreign.points) == (MrScoring.ALL_OR_NOTHING, 3.0)
    assert {o.id for o in foreign.options if o.correct} == {"A", "C"}


# --------------------------------------------------------------------------- scores agree


def _every_response(item: Item) -> list[tuple[object, object]]:
    """(Ujikom's response, the QTI response) for every answer the item allows."""
    from exam_bank.importers.qti_rp import responses

    if item.type == ItemType.LIKERT:
        assert item.likert is not None
        return [(n, f"P{n}") for n in range(1, item.likert.points + 1)]
    ids = [o.id for o in item.options]
    if item.type == ItemType.MR:
        return [(r, r) for r in responses(ids, 0)]
    return [(i, i) for i in ids]


def assert_exported_processing_scores_as_ujikom(item: Item) -> None:
    """The exported item's own processing, run by the project's QTI evaluator over every
    response, gives what Ujikom's scoring gives (an unanswered item 0 in both)."""
    from exam_bank.importers.qti_rp import read_processing
    from exam_bank.items.kinds import kind_of
    from exam_bank.xmlsafe import parse_xml

    proc = read_processing(parse_xml(item_to_qti3(item), f"{item.id}.xml"))
    kind = kind_of(item.type)
    top = kind.max_points(item)
    for ours, theirs in _every_response(item):
        assert proc.score("RESPONSE", theirs) == pytest.approx(  # type: ignore[arg-type]
            kind.points(item, ours, top)[0]), (item.id, ours)  # type: ignore[arg-type]
    assert proc.score("RESPONSE", None) == 0


def test_a_penalty_weight_of_a_single_choice_scores_0_in_a_qti_engine_as_in_ujikom() -> None:
    penalty = Item(ItemId("TIU-NEG"), ItemType.MC, "2 + 2 = ?", "integritas",
                   options=(Option(OptionId("A"), "4", 1.0, True),
                            Option(OptionId("B"), "5", -0.25),
                            Option(OptionId("C"), "22", 0.0)))
    assert check_item(penalty) == []
    assert b'lower-bound="0"' in item_to_qti3(penalty)
    assert_exported_processing_scores_as_ujikom(penalty)


@pytest.mark.parametrize("item", [
    MC, SJT, LIKERT,
    dataclasses.replace(LIKERT, likert=LikertSpec("kecerdasan_emosional", reverse=False)),
    Item(ItemId("MR-P"), ItemType.MR, "Pilih", "komunikasi", mr_scoring=MrScoring.PARTIAL,
         options=(Option(OptionId("A"), "a", 2.0, True), Option(OptionId("B"), "b", -1.0),
                  Option(OptionId("C"), "c", 1.0, True), Option(OptionId("D"), "d", -3.0))),
    Item(ItemId("MR-A"), ItemType.MR, "Pilih", "komunikasi",
         options=(Option(OptionId("A"), "a", 1.0, True), Option(OptionId("B"), "b", -1.0),
                  Option(OptionId("C"), "c", 1.0, True))),
    Item(ItemId("MR-3"), ItemType.MR, "Pilih", "komunikasi", points=3.0,
         options=(Option(OptionId("A"), "a", 1.0, True), Option(OptionId("B"), "b"))),
    Item(ItemId("MC-W"), ItemType.MC, "Pilih", "komunikasi",
         options=(Option(OptionId("A"), "a", 0.5), Option(OptionId("B"), "b", 1.0, True),
                  Option(OptionId("C"), "c", -2.0))),
], ids=lambda item: item.id)
def test_every_choice_class_scores_in_a_qti_engine_as_in_ujikom(item: Item) -> None:
    assert check_item(item) == []
    assert_exported_processing_scores_as_ujikom(item)


@settings(max_examples=40)
@given(items())
def test_any_exported_choice_item_scores_as_ujikom_scores_it(case: tuple) -> None:  # type: ignore[type-arg]
    item, _ = case
    assume(item.type != ItemType.MAKALAH)
    assert_exported_processing_scores_as_ujikom(item)
