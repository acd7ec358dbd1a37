"""QTI import: real files from other tools, what Ujikom refuses, and hostile input.

The real files are in tests/fixtures/qti (see its README.md for where each came from).
"""

from __future__ import annotations

import builtins
import shutil
import time
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank.importers import qti
from exam_bank.importers.qti import read_qti
from exam_bank.items.model import ItemType, MrScoring
from exam_bank.problems import InputError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "qti"
QTIWORKS = FIXTURES / "qtiworks"
QTI3 = FIXTURES / "qti3-basic-item-player"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16  # enough of a PNG for a media file

V21 = "http://www.imsglobal.org/xsd/imsqti_v2p1"
V3 = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"


def problems_of(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def write_zip(path: Path, files: dict[str, bytes],
              compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def v21_item(body: str, *, ident: str = "ITEM-1", declarations: str | None = None,
             processing: str = '<responseProcessing template="http://www.imsglobal.org/'
                               'question/qti_v2p1/rptemplates/match_correct"/>',
             extra: str = "") -> bytes:
    """A small QTI 2.1 item; the default declaration keys choice A."""
    if declarations is None:
        declarations = ('<responseDeclaration identifier="RESPONSE" cardinality="single" '
                        'baseType="identifier"><correctResponse><value>A</value>'
                        "</correctResponse></responseDeclaration>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<assessmentItem xmlns="{V21}" '
            f'identifier="{ident}" title="t" adaptive="false" timeDependent="false">\n'
            f"{declarations}\n<itemBody>\n{body}\n</itemBody>\n{processing}\n{extra}\n"
            "</assessmentItem>\n").encode()


CHOICE_AB = ('<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">'
             "<prompt>Setuju?</prompt>"
             '<simpleChoice identifier="A">Ya</simpleChoice>'
             '<simpleChoice identifier="B">Tidak</simpleChoice></choiceInteraction>')


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def manifest_keeping(resource_ids: set[str], href: dict[str, str] | None = None) -> bytes:
    """The real QTI 3 manifest with only the given resources (and hrefs changed)."""
    root = ET.fromstring((QTI3 / "imsmanifest.xml").read_bytes())
    for resources in root.iter("{http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1}resources"):
        for res in list(resources):
            ident = res.get("identifier")
            if ident not in resource_ids:
                resources.remove(res)
            elif href and ident in href:
                res.set("href", href[ident])
                for f in res:
                    f.set("href", href[ident])
    return ET.tostring(root, xml_declaration=True, encoding="utf-8")


# --------------------------------------------------------------------------- real files


def test_qti21_choice_from_the_ims_examples(tmp_path: Path) -> None:
    shutil.copy(QTIWORKS / "choice.xml", tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "sign.png").write_bytes(PNG)
    result = read_qti(tmp_path / "choice.xml", competency="integritas", topic="bagasi")
    [item] = result.items
    assert item.id == "choice" and item.type == ItemType.MC
    assert (item.competency, item.topic, item.level) == ("integritas", "bagasi", 3)
    assert [o.id for o in item.options] == ["ChoiceA", "ChoiceB", "ChoiceC"]
    assert [o.correct for o in item.options] == [True, False, False]
    assert [o.weight for o in item.options] == [1.0, 0.0, 0.0]
    assert item.options[0].text == "You must stay with your luggage at all times."
    # The body's paragraphs and image, then the prompt; indentation tidied away.
    assert item.stem == ('<p>Look at the text in the picture.</p><p><img src="choice/sign.png"'
                         ' alt="NEVER LEAVE LUGGAGE UNATTENDED"></p><p>What does it say?</p>')
    assert item.media == ("choice/sign.png",)
    assert result.media == {"choice/sign.png": PNG}
    assert result.warnings == []


def test_a_lone_item_whose_image_is_missing_is_an_error_at_the_img_line() -> None:
    with pytest.raises(InputError) as exc:
        read_qti(QTIWORKS / "choice.xml", competency="integritas")
    assert problems_of(exc) == [f"{QTIWORKS / 'choice.xml'}:20: item 'choice': image "
                                "'images/sign.png' not found next to the item file"]


def test_qti21_multiple_response_with_mapping_is_partial_with_qti_weights() -> None:
    # A CRLF file, verbatim; choices missing from the mapping get its defaultValue (-2),
    # as QTI's mapResponse scores them.
    result = read_qti(QTIWORKS / "choice_multiple.xml", competency="pengambilan_keputusan")
    [item] = result.items
    assert item.type == ItemType.MR and item.mr_scoring == MrScoring.PARTIAL
    assert item.stem == "<p>Which of the following elements are used to form water?</p>"
    assert {o.id: o.weight for o in item.options} == {
        "H": 1.0, "He": -2.0, "C": -2.0, "O": 1.0, "N": -2.0, "Cl": -1.0}
    assert {o.id for o in item.options if o.correct} == {"H", "O"}


def test_qti21_extended_text_becomes_a_makalah_with_its_image_object(tmp_path: Path) -> None:
    shutil.copy(QTIWORKS / "extended_text.xml", tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "postcard.png").write_bytes(PNG)
    [item] = read_qti(tmp_path / "extended_text.xml", competency="komunikasi").items
    assert item.type == ItemType.MAKALAH and item.stem == "" and item.options == ()
    assert item.makalah is not None
    assert item.makalah.instructions == ("Write Sam a postcard. Answer the questions. "
                                         "Write 25-35 words.")
    case = item.makalah.case_material
    assert case.startswith("<p>Read this postcard from your English pen-friend, Sam.</p>")
    # The <object> showing an image is an image; its fallback text is the alt text.
    assert '<img src="extendedText/postcard.png" alt="Here is a postcard of my town.' in case
    assert item.media == ("extendedText/postcard.png",)
    # expectedLength only sizes the answer box in QTI: no word range is invented.
    assert (item.makalah.word_min, item.makalah.word_max) == (0, 0)


def test_qti3_choice_and_extended_text() -> None:
    [mc] = read_qti(QTI3 / "items" / "choice.xml", competency="integritas").items
    assert mc.type == ItemType.MC and mc.id == "basic-choice"
    assert [(o.id, o.text, o.correct) for o in mc.options] == [
        ("A", "response declaration", True), ("B", "outcome declaration", False)]
    assert mc.stem == "<p>Choose the response declaration.</p>"
    result = read_qti(QTI3 / "items" / "extended-text.xml", competency="integritas")
    [essay] = result.items
    assert essay.type == ItemType.MAKALAH and essay.makalah is not None
    assert essay.makalah.instructions == "Type the phrase Item response."
    [warning] = result.warnings
    assert "automatic scoring of the essay is dropped" in str(warning)
    assert warning.line == 2


@pytest.mark.parametrize(("path", "line", "element"), [
    (QTIWORKS / "text_entry.xml", 20, "<textEntryInteraction>"),
    (QTI3 / "items" / "text-entry.xml", 8, "<qti-text-entry-interaction>"),
    (QTI3 / "items" / "match.xml", 8, "<qti-match-interaction>"),
])
def test_unsupported_interactions_fail_naming_file_line_and_element(
        path: Path, line: int, element: str) -> None:
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    [problem] = exc.value.problems
    assert (problem.where, problem.line) == (str(path), line)
    assert f"unsupported interaction {element}" in problem.message


def test_real_qti3_package_refuses_unsupported_items_and_names_missing_files(
        tmp_path: Path) -> None:
    files = {"imsmanifest.xml": (QTI3 / "imsmanifest.xml").read_bytes()}
    files |= {f"items/{p.name}": p.read_bytes() for p in (QTI3 / "items").iterdir()}
    package = write_zip(tmp_path / "basic.zip", files)
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="integritas")
    found = problems_of(exc)
    assert f"{package}/items/match.xml:8: item 'basic-match': unsupported interaction " \
           "<qti-match-interaction>: Ujikom takes choiceInteraction and " \
           "extendedTextInteraction only; pass --skip-unsupported to leave such items out " \
           "and import the rest" in found
    assert any(p.startswith(f"{package}/items/text-entry.xml:8:") for p in found)
    assert f"{package}/imsmanifest.xml:16: resource 'html-subset': 'items/html-subset.xml' " \
           "is not in the package" in found
    assert len(found) == 2 + 7  # two unsupported items, seven files the fixture lacks


def test_skip_unsupported_leaves_out_the_real_packages_match_and_text_entry(
        tmp_path: Path) -> None:
    saved = {"choice", "extended-text", "match", "text-entry"}
    package = write_zip(tmp_path / "mixed.zip", {
        "imsmanifest.xml": manifest_keeping(saved),
        **{f"items/{name}.xml": (QTI3 / "items" / f"{name}.xml").read_bytes()
           for name in saved}})
    result = read_qti(package, competency="integritas", skip_unsupported=True)
    assert sorted(i.type for i in result.items) == [ItemType.MAKALAH, ItemType.MC]
    assert sorted(str(p) for p in result.skipped) == [
        f"{package}/items/match.xml:8: item 'basic-match': skipped: "
        "<qti-match-interaction> is not an interaction Ujikom delivers",
        f"{package}/items/text-entry.xml:8: item 'basic-text-entry': skipped: "
        "<qti-text-entry-interaction> is not an interaction Ujikom delivers"]


def test_an_item_without_interaction_is_skipped_with_the_flag(tmp_path: Path) -> None:
    path = write(tmp_path, "info.xml", v21_item("<p>Bacaan saja</p>", processing=""))
    result = read_qti(path, competency="integritas", skip_unsupported=True)
    assert result.items == []  # listed in the report; other files of the bank import
    assert [str(p) for p in result.skipped] == [
        f"{path}:4: item 'ITEM-1': skipped: it has no interaction: nothing to answer"]


def test_real_qti3_package_with_its_supported_items(tmp_path: Path) -> None:
    package = write_zip(tmp_path / "ok.zip", {
        "imsmanifest.xml": manifest_keeping({"choice", "extended-text"}),
        "items/choice.xml": (QTI3 / "items" / "choice.xml").read_bytes(),
        "items/extended-text.xml": (QTI3 / "items" / "extended-text.xml").read_bytes(),
        "items/match.xml": (QTI3 / "items" / "match.xml").read_bytes(),  # not listed
    })
    result = read_qti(package, competency="kerja_sama", topic="dasar")
    assert [(i.id, i.type) for i in result.items] == [
        ("basic-choice", ItemType.MC), ("basic-extended-text", ItemType.MAKALAH)]
    assert {i.topic for i in result.items} == {"dasar"}


def test_package_images_become_item_media(tmp_path: Path) -> None:
    # The IMS example in a package: its image sits next to it inside the zip.
    package = write_zip(tmp_path / "img.zip", {
        "imsmanifest.xml": manifest_keeping({"choice"}, {"choice": "items/ims/choice.xml"}),
        "items/ims/choice.xml": (QTIWORKS / "choice.xml").read_bytes(),
        "items/ims/images/sign.png": PNG,
    })
    result = read_qti(package, competency="integritas")
    [item] = result.items
    assert 'src="choice/sign.png"' in item.stem
    assert result.media == {"choice/sign.png": PNG}


def test_unzipped_package_read_through_its_manifest(tmp_path: Path) -> None:
    (tmp_path / "items").mkdir()
    shutil.copy(QTI3 / "items" / "choice.xml", tmp_path / "items")
    (tmp_path / "imsmanifest.xml").write_bytes(manifest_keeping({"choice"}))
    [item] = read_qti(tmp_path / "imsmanifest.xml", competency="integritas").items
    assert item.id == "basic-choice"


# --------------------------------------------------------------------------- mapping rules


def test_qti22_weighted_single_choice_keeps_mc_with_mapped_weights(tmp_path: Path) -> None:
    decl = ('<responseDeclaration identifier="RESPONSE" cardinality="single" '
            'baseType="identifier"><correctResponse><value>A</value></correctResponse>'
            '<mapping defaultValue="0"><mapEntry mapKey="A" mappedValue="5"/>'
            '<mapEntry mapKey="B" mappedValue="3"/></mapping></responseDeclaration>')
    data = v21_item(CHOICE_AB, declarations=decl, processing=(
        '<responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/'
        'rptemplates/map_response"/>')).replace(V21.encode(), b"http://www.imsglobal.org/"
                                                b"xsd/imsqti_v2p2")
    [item] = read_qti(write(tmp_path, "w.xml", data), competency="integritas").items
    assert item.type == ItemType.MC
    assert [(o.weight, o.correct) for o in item.options] == [(5.0, True), (3.0, False)]


def test_mapping_ignored_by_match_correct_is_not_turned_into_weights(tmp_path: Path) -> None:
    decl = ('<responseDeclaration identifier="RESPONSE" cardinality="single" '
            'baseType="identifier"><correctResponse><value>A</value></correctResponse>'
            '<mapping defaultValue="0"><mapEntry mapKey="B" mappedValue="3"/></mapping>'
            "</responseDeclaration>")
    result = read_qti(write(tmp_path, "m.xml", v21_item(CHOICE_AB, declarations=decl)),
                      competency="integritas")
    assert [o.weight for o in result.items[0].options] == [1.0, 0.0]
    assert "mapping is not used by the match_correct template" in str(result.warnings[0])


def test_feedback_is_dropped_with_warnings_not_errors(tmp_path: Path) -> None:
    body = ('<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">'
            "<prompt>Setuju?</prompt>"
            '<simpleChoice identifier="A">Ya<feedbackInline outcomeIdentifier="FB" '
            'identifier="A" showHide="show">Benar!</feedbackInline></simpleChoice>'
            '<simpleChoice identifier="B">Tidak</simpleChoice></choiceInteraction>')
    modal = ('<modalFeedback outcomeIdentifier="FB" identifier="A" showHide="show">'
             "Bagus</modalFeedback>")
    result = read_qti(write(tmp_path, "f.xml", v21_item(body, extra=modal)),
                      competency="integritas")
    assert [o.text for o in result.items[0].options] == ["Ya", "Tidak"]
    assert sorted(w.message.split(": ", 1)[1] for w in result.warnings) == [
        "<feedbackInline> dropped: a test shows no feedback",
        "<modalFeedback> dropped: a test shows no feedback"]


def test_what_sanitize_changes_is_a_warning_at_the_line(tmp_path: Path) -> None:
    body = f'<p style="color:red">Teks <span>merah</span> <big>x</big></p>\n{CHOICE_AB}'
    result = read_qti(write(tmp_path, "s.xml", v21_item(body)), competency="integritas")
    assert result.items[0].stem == "<p>Teks merah x</p><p>Setuju?</p>"
    assert [(w.line, w.message) for w in result.warnings] == [
        (4, "item 'ITEM-1': attribute 'style' on <p> is not supported and was removed"),
        (4, "item 'ITEM-1': <big> is not supported; its text was kept without it")]


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(("body", "message"), [
    (CHOICE_AB + CHOICE_AB.replace("RESPONSE", "R2"),
     "2 interactions in one item; a Ujikom item has exactly one"),
    ("<p>Hanya teks</p>",
     "no choiceInteraction or extendedTextInteraction: nothing to answer"),
    (f'<p><printedVariable identifier="X"/></p>{CHOICE_AB}',
     "templates (<printedVariable>) are not supported"),
    (f'<object type="audio/mpeg" data="a.mp3"/>{CHOICE_AB}',
     "<object> of type 'audio/mpeg' cannot be shown; only images can"),
    (f'<p><img src="http://example.org/a.png" alt=""/></p>{CHOICE_AB}',
     "image 'http://example.org/a.png' is not a file in the package"),
    (f'<p><img src="../secret.png" alt=""/></p>{CHOICE_AB}',
     "image '../secret.png' lies outside the item's folder"),
])
def test_content_ujikom_cannot_hold_is_refused(tmp_path: Path, body: str,
                                               message: str) -> None:
    (tmp_path / "secret.png").write_bytes(PNG)
    folder = tmp_path / "sub"
    folder.mkdir()
    path = write(folder, "x.xml", v21_item(body))
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    assert any(message in p for p in problems_of(exc)), problems_of(exc)


def test_adaptive_items_and_templates_are_refused(tmp_path: Path) -> None:
    data = v21_item(CHOICE_AB, processing=(
        "<responseProcessing><responseCondition/></responseProcessing>"),
        extra='<templateProcessing><setTemplateValue identifier="T"/></templateProcessing>')
    data = data.replace(b'adaptive="false"', b'adaptive="true"')
    with pytest.raises(InputError) as exc:
        read_qti(write(tmp_path, "a.xml", data), competency="integritas")
    found = problems_of(exc)
    assert any("adaptive items" in p for p in found)
    assert any("templates (<templateProcessing>)" in p and ":8:" in p for p in found)


def test_missing_correct_response_is_an_error_at_the_declaration(tmp_path: Path) -> None:
    decl = ('<responseDeclaration identifier="RESPONSE" cardinality="single" '
            'baseType="identifier"/>')
    path = write(tmp_path, "k.xml", v21_item(CHOICE_AB, declarations=decl))
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    assert problems_of(exc) == [f"{path}:3: item 'ITEM-1': no correct response "
                                "(<correctResponse>): the key is unknown"]


def test_a_key_that_is_not_a_choice_is_an_error(tmp_path: Path) -> None:
    decl = ('<responseDeclaration identifier="RESPONSE" cardinality="single" '
            'baseType="identifier"><correctResponse><value>Z</value></correctResponse>'
            "</responseDeclaration>")
    with pytest.raises(InputError) as exc:
        read_qti(write(tmp_path, "z.xml", v21_item(CHOICE_AB, declarations=decl)),
                 competency="integritas")
    assert "the correct response names 'Z', which is not a choice" in problems_of(exc)[0]


def test_identifiers_must_be_ujikom_ids_and_unique_in_a_package(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.xml", v21_item(CHOICE_AB, ident="-bad id"))
    with pytest.raises(InputError) as exc:
        read_qti(bad, competency="integritas")
    assert "item id '-bad id' must be 1-64 letters" in problems_of(exc)[0]
    manifest = (b'<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M">'
                b"<resources>"
                b'<resource identifier="r1" type="imsqti_item_xmlv2p1" href="a.xml"/>'
                b'<resource identifier="r2" type="imsqti_item_xmlv2p1" href="b.xml"/>'
                b"</resources></manifest>")
    package = write_zip(tmp_path / "dup.zip", {
        "imsmanifest.xml": manifest, "a.xml": v21_item(CHOICE_AB, ident="SAMA"),
        "b.xml": v21_item(CHOICE_AB, ident="SAMA")})
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="integritas")
    assert problems_of(exc) == [f"{package}/b.xml:2: item identifier 'SAMA' is already used "
                                f"at {package}/a.xml:2"]


def test_competency_is_required_and_reported_once(tmp_path: Path) -> None:
    files = {"imsmanifest.xml": manifest_keeping({"choice", "extended-text"})}
    files |= {f"items/{n}": (QTI3 / "items" / n).read_bytes()
              for n in ("choice.xml", "extended-text.xml")}
    package = write_zip(tmp_path / "p.zip", files)
    with pytest.raises(InputError) as exc:
        read_qti(package)
    assert problems_of(exc) == [f"{package}: no competency for 2 item(s): QTI has no "
                                "competency field, so pass --competency (and --topic)"]
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="jujur")
    assert "unknown competency 'jujur'" in problems_of(exc)[0]


def test_other_qti_versions_and_roots_are_named(tmp_path: Path) -> None:
    cases = {
        b'<questestinterop><item ident="x"/></questestinterop>': "QTI 1.x (questestinterop)",
        v21_item(CHOICE_AB).replace(V21.encode(), b"http://www.imsglobal.org/xsd/imsqti_v2p0"):
            "QTI namespace 'http://www.imsglobal.org/xsd/imsqti_v2p0' is not supported",
        f'<assessmentTest xmlns="{V21}" identifier="T"/>'.encode(): "this is a QTI test",
        b"<html><body/></html>": "root element <html> is not a QTI assessmentItem",
    }
    for n, (data, message) in enumerate(cases.items()):
        with pytest.raises(InputError) as exc:
            read_qti(write(tmp_path, f"{n}.xml", data), competency="integritas")
        assert message in problems_of(exc)[0]


# --------------------------------------------------------------------------- broken input


def test_truncated_file_is_not_well_formed_with_a_line(tmp_path: Path) -> None:
    data = (QTI3 / "items" / "choice.xml").read_bytes()
    path = write(tmp_path, "cut.xml", data[: len(data) // 2])
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    [problem] = exc.value.problems
    assert problem.message == "not well-formed XML: unclosed token"
    assert problem.line == data[: len(data) // 2].count(b"\n") + 1  # where the file ends


def test_mismatched_tags_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.xml", v21_item("<p>satu<b>dua</p></b>" + CHOICE_AB))
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    assert problems_of(exc) == [f"{path}:5: not well-formed XML: mismatched tag"]


def test_invalid_utf8_is_a_clear_error_with_the_line(tmp_path: Path) -> None:
    data = v21_item("<p>Kebijakan caf\xe9</p>" + CHOICE_AB)  # encodes é as UTF-8 ...
    data = data.replace("é".encode(), b"\xe9")  # ... saved as Latin-1 instead
    path = write(tmp_path, "latin.xml", data)
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    [problem] = exc.value.problems
    assert problem.line == 5
    assert "byte 0xE9 is not valid UTF-8" in problem.message


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    def entity(n: int) -> str:
        refs = f"&lol{n - 1};" * 10
        return f'<!ENTITY lol{n} "{refs}">'

    entities = '<!ENTITY lol0 "lol">' + "".join(entity(n) for n in range(1, 10))
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE assessmentItem [{entities}]>\n'
            f'<assessmentItem xmlns="{V21}" identifier="X">&lol9;</assessmentItem>').encode()
    path = write(tmp_path, "bomb.xml", data)
    start = time.perf_counter()
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    assert time.perf_counter() - start < 5  # expanding it would take minutes and GBs
    assert "refused: the file declares entities" in problems_of(exc)[0]


def test_external_entities_are_never_read(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    data = (f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            f'\n<assessmentItem xmlns="{V21}" identifier="X"><itemBody><p>&xxe;</p>'
            f"{CHOICE_AB}</itemBody></assessmentItem>").encode()
    path = write(tmp_path, "xxe.xml", data)
    package = write_zip(tmp_path / "xxe.zip", {"imsmanifest.xml": data.replace(
        b"assessmentItem", b"manifest")})
    monkeypatch.setattr(builtins, "open", spy)
    for target in (path, package):
        with pytest.raises(InputError) as exc:
            read_qti(target, competency="integritas")
        assert "refused" in problems_of(exc)[0]
        assert "root:" not in str(exc.value)
    assert not any("passwd" in f for f in opened)


# --------------------------------------------------------------------------- hostile zips


def test_zip_slip_paths_are_refused(tmp_path: Path) -> None:
    package = write_zip(tmp_path / "slip.zip", {
        "imsmanifest.xml": manifest_keeping({"choice"}),
        "../../evil.xml": b"x", "/etc/cron.d/evil": b"x", "items\\..\\..\\evil": b"x"})
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="integritas")
    (found,) = problems_of(exc)  # refused at the first of them, nothing unpacked
    assert "unsafe path in the zip" in found and "/evil" in found
    assert not (tmp_path.parent / "evil.xml").exists()


def test_resources_and_images_cannot_point_outside_the_package(tmp_path: Path) -> None:
    package = write_zip(tmp_path / "out.zip", {
        "imsmanifest.xml": manifest_keeping({"choice", "extended-text"}, {
            "choice": "../choice.xml", "extended-text": "items/e.xml"}),
        "items/e.xml": v21_item('<p><img src="../../x.png" alt=""/></p>' + CHOICE_AB)})
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="integritas")
    found = problems_of(exc)
    assert any("resource 'choice' points outside the package: '../choice.xml'" in p
               for p in found)
    assert any("image '../../x.png' lies outside the package" in p for p in found)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    package = write_zip(tmp_path / "bomb.zip", {
        "imsmanifest.xml": manifest_keeping({"choice"}),
        "items/choice.xml": (QTI3 / "items" / "choice.xml").read_bytes(),
        "items/zeros.png": bytes(20 * 2**20)})
    assert package.stat().st_size < 100_000
    start = time.perf_counter()
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="integritas")
    assert time.perf_counter() - start < 5  # expanding it would take minutes and GBs
    assert "looks like a zip bomb" in problems_of(exc)[0]


def test_zip_limits_on_size_and_entry_count(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"imsmanifest.xml": manifest_keeping({"choice"}),
             "items/choice.xml": (QTI3 / "items" / "choice.xml").read_bytes()}
    files |= {f"media/{n}.png": PNG for n in range(10)}
    package = write_zip(tmp_path / "many.zip", files)
    assert len(read_qti(package, competency="integritas").items) == 1
    limits = qti.QTI
    monkeypatch.setattr(qti, "QTI", replace(limits, members=5))
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="integritas")
    assert problems_of(exc) == [f"{package}: 12 files in the zip, more than 5 (the most a "
                                "QTI content package holds)"]
    monkeypatch.setattr(qti, "QTI", replace(limits, total_bytes=1000))
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="integritas")
    assert "unpacks to more than 0.0 MB" in problems_of(exc)[0]


def test_corrupt_and_truncated_zips_are_clear_errors(tmp_path: Path) -> None:
    item = (QTI3 / "items" / "choice.xml").read_bytes()
    good = write_zip(tmp_path / "good.zip", {"imsmanifest.xml": manifest_keeping({"choice"}),
                                             "items/choice.xml": item}, zipfile.ZIP_STORED)
    data = good.read_bytes()
    cut = write(tmp_path, "cut.zip", data[: len(data) // 2])
    with pytest.raises(InputError) as exc:
        read_qti(cut, competency="integritas")
    assert "not a readable zip file (is it corrupt or truncated?)" in problems_of(exc)[0]
    spoiled = write(tmp_path, "crc.zip", data.replace(b"basic-choice", b"basic-chOice", 1))
    with pytest.raises(InputError) as exc:
        read_qti(spoiled, competency="integritas")
    assert problems_of(exc)[0].startswith(f"{spoiled}/items/choice.xml: cannot be unpacked")


def test_a_package_read_or_refused_leaves_no_file_open(tmp_path: Path) -> None:
    """Every package is closed after reading, also when it is refused midway (an open
    handle showed up as a ResourceWarning in whichever later test collected it)."""
    import psutil

    item = (QTI3 / "items" / "choice.xml").read_bytes()
    good = write_zip(tmp_path / "good.zip", {"imsmanifest.xml": manifest_keeping({"choice"}),
                                             "items/choice.xml": item}, zipfile.ZIP_STORED)
    spoiled = write(tmp_path, "crc.zip",
                    good.read_bytes().replace(b"basic-choice", b"basic-chOice", 1))
    read_qti(good, competency="integritas")
    with pytest.raises(InputError) as exc:
        read_qti(spoiled, competency="integritas")
    assert exc.value.problems  # the refusal (and its traceback) is still held here
    open_now = {Path(f.path).name for f in psutil.Process().open_files()}
    assert not open_now & {"good.zip", "crc.zip"}


def test_a_zip_without_a_manifest_is_not_a_package(tmp_path: Path) -> None:
    package = write_zip(tmp_path / "loose.zip", {
        "choice.xml": (QTI3 / "items" / "choice.xml").read_bytes()})
    with pytest.raises(InputError) as exc:
        read_qti(package, competency="integritas")
    assert "no imsmanifest.xml at the top of the zip" in problems_of(exc)[0]


def test_nothing_is_returned_when_one_item_of_many_fails(tmp_path: Path) -> None:
    write_zip(tmp_path / "mixed.zip", {
        "imsmanifest.xml": manifest_keeping({"choice", "match"}),
        "items/choice.xml": (QTI3 / "items" / "choice.xml").read_bytes(),
        "items/match.xml": (QTI3 / "items" / "match.xml").read_bytes()})
    with pytest.raises(InputError) as exc:
        read_qti(tmp_path / "mixed.zip", competency="integritas")
    [problem] = exc.value.problems  # the good item is not imported on its own either
    assert "basic-match" in problem.message


def test_deeply_nested_elements_are_a_clear_error_naming_the_file(tmp_path: Path) -> None:
    """100,000 nested elements once ended in a RecursionError traceback."""
    item = (QTI3 / "items" / "choice.xml").read_text("utf-8")
    deep = "<div>" * 100_000 + "x" + "</div>" * 100_000
    path = write(tmp_path, "deep.xml", item.replace("<qti-prompt>", "<qti-prompt>" + deep, 1)
                 .encode("utf-8"))
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    (problem,) = problems_of(exc)
    assert problem.startswith(f"{path}:") and "nested more than" in problem


def test_an_unknown_declared_encoding_is_a_clear_error(tmp_path: Path) -> None:
    """Found by the fault suite's fuzzing: expat's LookupError escaped."""
    item = (QTI3 / "items" / "choice.xml").read_bytes().replace(b'encoding="UTF-8"',
                                                                b'encoding="TTF-8"', 1)
    path = write(tmp_path, "odd.xml", item)
    with pytest.raises(InputError) as exc:
        read_qti(path, competency="integritas")
    assert "unknown encoding 'TTF-8'" in problems_of(exc)[0]


def test_language_variants_keep_the_indonesian_text_and_note_the_others(
        tmp_path: Path) -> None:
    body = ('<div xml:lang="en"><p>Which is right?</p></div>'
            '<div xml:lang="id"><p>Mana yang benar?</p></div>' + CHOICE_AB)
    result = read_qti(write(tmp_path, "l.xml", v21_item(body)), competency="integritas")
    assert "Mana yang benar?" in result.items[0].stem
    assert "Which is right?" not in result.items[0].stem
    assert any("xml:lang 'en' variant dropped" in str(w) for w in result.warnings)


def test_one_language_marked_on_a_block_is_not_a_variant(tmp_path: Path) -> None:
    body = '<div xml:lang="en"><p>Quote</p></div>' + CHOICE_AB
    result = read_qti(write(tmp_path, "l.xml", v21_item(body)), competency="integritas")
    assert "Quote" in result.items[0].stem


@pytest.mark.parametrize("maximum", [1, 3])
def test_a_mapping_s_upper_bound_caps_an_option_as_a_qti_engine_does(
        tmp_path: Path, maximum: int) -> None:
    """map_response with upperBound: a QTI engine scores choice A min(2, bound); the
    imported weights give the same (the template is run like written rules)."""
    from exam_bank.importers.qti_rp import read_processing
    from exam_bank.items.kinds import kind_of
    from exam_bank.xmlsafe import parse_xml

    data = v21_item(CHOICE_AB, declarations=(
        '<responseDeclaration identifier="RESPONSE" cardinality="single" '
        f'baseType="identifier"><mapping defaultValue="0" upperBound="{maximum}">'
        '<mapEntry mapKey="A" mappedValue="2"/><mapEntry mapKey="B" mappedValue="1"/>'
        '</mapping></responseDeclaration><outcomeDeclaration identifier="SCORE" '
        'cardinality="single" baseType="float"/>'), processing=(
        '<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/'
        'rptemplates/map_response"/>'))
    (item,) = read_qti(write(tmp_path, "capped.xml", data), competency="integritas").items
    proc = read_processing(parse_xml(data, "capped.xml"))
    kind = kind_of(item.type)
    scores = {o.id: kind.points(item, o.id, kind.max_points(item))[0] for o in item.options}
    assert scores == {c: proc.score("RESPONSE", c) for c in "AB"}
    assert scores == {"A": min(2, maximum), "B": 1}


def test_an_end_attempt_button_that_changes_the_score_is_refused(tmp_path: Path) -> None:
    # Not a hint: pressing it (giving up) scores the item, which Ujikom cannot offer.
    data = v21_item(CHOICE_AB + '<p><endAttemptInteraction responseIdentifier="GIVEUP" '
                    'title="Menyerah"/></p>', declarations=(
        '<responseDeclaration identifier="RESPONSE" cardinality="single" '
        'baseType="identifier"><correctResponse><value>A</value></correctResponse>'
        '</responseDeclaration><responseDeclaration identifier="GIVEUP" '
        'cardinality="single" baseType="boolean"/><outcomeDeclaration identifier="SCORE" '
        'cardinality="single" baseType="float"/>'), processing=(
        '<responseProcessing><responseCondition><responseIf><variable identifier="GIVEUP"/>'
        '<setOutcomeValue identifier="SCORE"><baseValue baseType="float">0.5</baseValue>'
        '</setOutcomeValue></responseIf></responseCondition></responseProcessing>'))
    with pytest.raises(InputError) as exc:
        read_qti(write(tmp_path, "giveup.xml", data), competency="integritas")
    assert any("unsupported interaction <endAttemptInteraction>" in p
               for p in problems_of(exc))
