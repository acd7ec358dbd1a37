"""Moodle XML import: real Moodle exports (tests/fixtures/moodle) and hand-made edge cases."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import pytest

from exam_bank.importers.moodle import category_topic, read_moodle
from exam_bank.items.model import ItemType, MrScoring
from exam_bank.items.validate import check_item
from exam_bank.problems import InputError

FIXTURES = Path(__file__).parents[2] / "fixtures" / "moodle"
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQMAAAAl21bKAAAAA1BMVEUAAACnej3aAAAAAXRSTlMAQObYZgAAAApJREF"
    "UCNdjYAAAAAIAAeIhvDMAAAAASUVORK5CYII=")


def write_quiz(tmp_path: Path, body: str, name: str = "quiz.xml") -> Path:
    path = tmp_path / name
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + body + "\n</quiz>\n",
                    encoding="utf-8")
    return path


def problems_of(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(InputError) as err:
        read_moodle(path, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in err.value.problems]


def multichoice(body: str, *, single: str = "true", idnumber: str = "", tags: str = "",
                grade: str = "1.0000000") -> str:
    return f"""  <question type="multichoice">
    <name><text>q</text></name>
    <questiontext format="html"><text><![CDATA[<p>Stem</p>]]></text></questiontext>
    <defaultgrade>{grade}</defaultgrade>
    <idnumber>{idnumber}</idnumber>
    <single>{single}</single>
{body}{tags}
  </question>"""


# ------------------------------------------------------------- real Moodle exports


def test_nested_categories_become_topics_and_truefalse_and_essay_convert() -> None:
    result = read_moodle(FIXTURES / "nested_categories_with_questions.xml",
                         competency="integritas")
    assert [(i.id, i.type, i.topic) for i in result.items] == [
        ("MDL-Iota-001", ItemType.MC, "Iota"),
        ("MDL-Iota-Kappa-001", ItemType.MAKALAH, "Iota/Kappa"),
        ("MDL-Iota-Kappa-002", ItemType.MC, "Iota/Kappa"),
        ("MDL-Iota-Kappa-Lambda-001", ItemType.MC, "Iota/Kappa/Lambda"),
        ("MDL-Iota-Mu-001", ItemType.MC, "Iota/Mu"),
    ]
    tf = result.items[0]
    assert tf.stem == "<p>Testing Iota Question</p>"
    assert [(o.id, o.text, o.weight, o.correct) for o in tf.options] == [
        ("A", "true", 1.0, True), ("B", "false", 0.0, False)]
    assert tf.tags == ("moodle:Iota Question",)
    assert (tf.competency, tf.level, str(tf.review)) == ("integritas", 3, "draft")
    essay = result.items[1]
    assert essay.makalah is not None
    assert essay.makalah.instructions == "Testing Kappa Essay Question"
    assert essay.makalah.rubric == ()  # empty graderinfo: no criterion
    assert essay.stem == ""
    assert all(check_item(i) == [] for i in result.items)


def test_multiple_answer_multichoice_is_partial_mr_weighted_by_fraction() -> None:
    path = FIXTURES / "multichoice_testquestion.moodle.xml"
    result = read_moodle(path, competency="komunikasi")
    (item,) = result.items
    assert item.type == ItemType.MR
    assert item.mr_scoring == MrScoring.PARTIAL
    assert item.topic == ""  # "$course$/Default for C1" holds nothing meaningful
    assert item.stem == "Find the capital cities in Europe."
    assert [(o.id, o.text, o.weight, o.correct) for o in item.options] == [
        ("A", "Tokyo", 0.0, False), ("B", "Spain", 0.0, False), ("C", "London", 0.5, True),
        ("D", "Barcelona", 0.0, False), ("E", "Paris", 0.5, True)]
    # general feedback and hints cannot be shown in a test: said, not dropped quietly
    (warning,) = result.warnings
    assert warning.line == 12
    assert "generalfeedback" in warning.message and "hint" in warning.message


def test_truefalse_export_keeps_moodle_answer_texts() -> None:
    result = read_moodle(FIXTURES / "truefalse_testquestion.moodle.xml",
                         competency="integritas")
    (item,) = result.items
    assert item.id == "MDL-Test-questions-001"
    assert item.topic == "Test questions"
    assert [(o.text, o.correct) for o in item.options] == [("true", True), ("false", False)]
    assert "answer feedback" in result.warnings[0].message


def test_essay_export_becomes_makalah() -> None:
    (item,) = read_moodle(FIXTURES / "essay_testquestion.moodle.xml",
                          competency="pengambilan_keputusan").items
    assert item.type == ItemType.MAKALAH
    assert item.makalah is not None
    assert item.makalah.instructions == "Write an essay with 500 words."
    assert (item.makalah.word_min, item.makalah.word_max) == (0, 0)


@pytest.mark.parametrize(("fixture", "qtype", "line"), [
    ("shortanswer_testquestion.moodle.xml", "shortanswer", 12),
    ("matching_testquestion.moodle.xml", "matching", 12),
    ("multianswer.xml", "cloze", 12),
])
def test_unsupported_types_are_errors_naming_file_line_and_type(
        fixture: str, qtype: str, line: int) -> None:
    path = FIXTURES / fixture
    (problem,) = problems_of(path, competency="integritas")
    assert problem.startswith(f"{path}:{line}: ")
    assert f"type {qtype!r} is not supported" in problem


def test_old_moodle_image_field_becomes_media_below_the_stem(tmp_path: Path) -> None:
    path = FIXTURES / "sample_questions_with_old_image_tag.xml"
    # The cloze question in the same export is refused, and only it:
    (problem,) = problems_of(path, competency="integritas")
    assert problem.startswith(f"{path}:16: ") and "'cloze'" in problem
    # Without the cloze question the multichoice imports with its image.
    text = path.read_text(encoding="utf-8")
    start, end = text.index("<!-- question: 5  -->"), text.index("<!-- question: 4  -->")
    (item,) = read_moodle(_write(tmp_path, text[:start] + text[end:]),
                          competency="integritas").items
    assert item.type == ItemType.MC
    assert item.stem.endswith('<p><img src="MDL-001/moodle.png"></p>')
    assert item.media == ("MDL-001/moodle.png",)  # so the package carries it to the kiosk
    assert [(o.text, o.correct) for o in item.options] == [
        ("wrong answer", False), ("another wrong answer", False), ("right answer", True)]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_old_image_bytes_are_returned_as_media(tmp_path: Path) -> None:
    text = (FIXTURES / "sample_questions_with_old_image_tag.xml").read_text(encoding="utf-8")
    start, end = text.index("<!-- question: 5  -->"), text.index("<!-- question: 4  -->")
    result = read_moodle(_write(tmp_path, text[:start] + text[end:]), competency="integritas")
    assert list(result.media) == ["MDL-001/moodle.png"]
    assert result.media["MDL-001/moodle.png"].startswith(b"\x89PNG\r\n\x1a\n")


def test_idnumber_that_is_not_a_valid_id_is_reported_at_its_question() -> None:
    path = FIXTURES / "html_chars_in_idnumbers.xml"
    (problem,) = problems_of(path, competency="integritas")
    assert problem.startswith(f"{path}:15: ")
    assert "'T & F'" in problem and "id:" in problem


# ------------------------------------------------------------- mapping details


def test_categories_strip_context_top_and_default_parts() -> None:
    assert category_topic("$course$/top/Default for X/Unit 1/Bab 2") == "Unit 1/Bab 2"
    assert category_topic("$module$/top/A//B/C") == "A/B/C"
    assert category_topic("$system$/top") == ""
    assert category_topic("Integritas") == "Integritas"


def test_single_choice_weights_are_fraction_times_defaultgrade(tmp_path: Path) -> None:
    body = """    <answer fraction="100"><text>right</text></answer>
    <answer fraction="50"><text>half</text></answer>
    <answer fraction="-33.33333"><text>penalty</text></answer>"""
    path = write_quiz(tmp_path, multichoice(body, grade="2.0000000"))
    (item,) = read_moodle(path, competency="integritas").items
    assert item.type == ItemType.MC
    assert [(o.weight, o.correct) for o in item.options] == [
        (2.0, True), (1.0, False), (-0.6666666, False)]


def test_several_full_marks_in_single_choice_keep_weights_and_warn(tmp_path: Path) -> None:
    body = """    <answer fraction="100"><text>a</text></answer>
    <answer fraction="100"><text>b</text></answer>
    <answer fraction="0"><text>c</text></answer>"""
    result = read_moodle(write_quiz(tmp_path, multichoice(body)), competency="integritas")
    (item,) = result.items
    assert [(o.weight, o.correct) for o in item.options] == [
        (1.0, False), (1.0, False), (0.0, False)]
    assert "2 answers earn full marks" in result.warnings[0].message


def test_multiple_answer_negative_fractions_stay_penalties(tmp_path: Path) -> None:
    body = """    <answer fraction="50"><text>a</text></answer>
    <answer fraction="50"><text>b</text></answer>
    <answer fraction="-100"><text>c</text></answer>"""
    path = write_quiz(tmp_path, multichoice(body, single="false"))
    (item,) = read_moodle(path, competency="integritas").items
    assert item.mr_scoring == MrScoring.PARTIAL
    assert [(o.weight, o.correct) for o in item.options] == [
        (0.5, True), (0.5, True), (-1.0, False)]


def test_tags_give_competency_and_level_and_other_tags_are_kept(tmp_path: Path) -> None:
    tags = """
    <tags>
      <tag><text>Kompetensi:Kerja Sama</text></tag>
      <tag><text>level-4</text></tag>
      <tag><text>tkp</text></tag>
    </tags>"""
    body = """    <answer fraction="100"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer>"""
    path = write_quiz(tmp_path, multichoice(body, tags=tags))
    (item,) = read_moodle(path, competency="integritas").items  # the tag wins
    assert (item.competency, item.level) == ("kerja_sama", 4)
    assert item.tags == ("tkp", "moodle:q")


def test_missing_competency_names_the_question_line(tmp_path: Path) -> None:
    body = """    <answer fraction="100"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer>"""
    path = write_quiz(tmp_path, multichoice(body))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:3: ") and "no competency" in problem


def test_unknown_competency_argument_is_refused(tmp_path: Path) -> None:
    path = write_quiz(tmp_path, multichoice('<answer fraction="100"><text>a</text></answer>'))
    (problem,) = problems_of(path, competency="telepati")
    assert "unknown competency 'telepati'" in problem


def test_embedded_images_become_item_media_and_src_is_rewritten(tmp_path: Path) -> None:
    png = base64.b64encode(PNG_1X1).decode()
    question = f"""  <question type="multichoice">
    <name><text>q</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Lihat <img src="@@PLUGINFILE@@/Denah%2029.png" alt="denah"></p>]]></text>
      <file name="Denah 29.png" path="/" encoding="base64">{png}</file>
    </questiontext>
    <idnumber>IMG-1</idnumber>
    <single>true</single>
    <answer fraction="100" format="html">
      <text><![CDATA[<img src="@@PLUGINFILE@@/a.png">]]></text>
      <file name="a.png" path="/" encoding="base64">{png}</file>
    </answer>
    <answer fraction="0"><text>b</text></answer>
  </question>"""
    result = read_moodle(write_quiz(tmp_path, question), competency="integritas")
    (item,) = result.items
    assert item.stem == '<p>Lihat <img src="IMG-1/Denah 29.png" alt="denah"></p>'
    assert item.options[0].text == '<img src="IMG-1/a.png">'
    assert result.media == {"IMG-1/Denah 29.png": PNG_1X1, "IMG-1/a.png": PNG_1X1}


def _question_with_text(text: str, files: str = "", fmt: str = "html") -> str:
    return f"""  <question type="truefalse">
    <name><text>q</text></name>
    <questiontext format="{fmt}">
      <text><![CDATA[{text}]]></text>
{files}
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>"""


def test_audio_linked_from_the_text_is_an_error_not_a_silent_loss(tmp_path: Path) -> None:
    files = '<file name="bonjour.mp3" encoding="base64">SUQzAwAAAAAAEFRDT04=</file>'
    text = '<p><a href="@@PLUGINFILE@@/bonjour.mp3">Listen</a></p>'
    path = write_quiz(tmp_path, _question_with_text(text, files))
    problems = problems_of(path, competency="integritas")
    assert any("'bonjour.mp3' is used as something other than an image" in p
               for p in problems)


def test_images_outside_the_file_or_missing_are_errors(tmp_path: Path) -> None:
    text = ('<p><img src="http://example.org/x.png"><img src="@@PLUGINFILE@@/gone.png"></p>')
    path = write_quiz(tmp_path, _question_with_text(text))
    problems = problems_of(path, competency="integritas")
    assert any("'http://example.org/x.png' is not inside the file" in p for p in problems)
    assert any("'gone.png' is referenced but not embedded" in p for p in problems)


def test_html_simplifications_are_warnings_with_the_text_line(tmp_path: Path) -> None:
    text = '<p style="color:red">Pilih <a href="https://x">jawaban</a></p>'
    result = read_moodle(write_quiz(tmp_path, _question_with_text(text)),
                         competency="integritas")
    assert result.items[0].stem == "<p>Pilih jawaban</p>"
    messages = {w.message.split(": ", 1)[1] for w in result.warnings}
    assert "<a> is not supported; its text was kept without it" in messages
    assert all(w.line == 6 for w in result.warnings)


def test_plain_text_is_escaped_not_parsed(tmp_path: Path) -> None:
    path = write_quiz(tmp_path, _question_with_text("a < b & <b>c</b>", fmt="plain_text"))
    (item,) = read_moodle(path, competency="integritas").items
    assert item.stem == "a &lt; b &amp; &lt;b&gt;c&lt;/b&gt;"


def test_markdown_is_kept_as_plain_text_with_a_warning(tmp_path: Path) -> None:
    path = write_quiz(tmp_path, _question_with_text("Pilih **satu**", fmt="markdown"))
    result = read_moodle(path, competency="integritas")
    assert result.items[0].stem == "Pilih **satu**"
    assert "Markdown" in result.warnings[0].message and result.warnings[0].line == 6


def test_essay_grader_info_word_limits_and_template(tmp_path: Path) -> None:
    essay = """  <question type="essay">
    <name><text>Makalah</text></name>
    <questiontext format="html"><text><![CDATA[<p>Tulis makalah.</p>]]></text></questiontext>
    <defaultgrade>10</defaultgrade>
    <minwordlimit>500</minwordlimit>
    <maxwordlimit>1500</maxwordlimit>
    <graderinfo format="html"><text><![CDATA[<p>Nilai analisis.</p>]]></text></graderinfo>
    <responsetemplate format="html">
      <text>Pendahuluan:</text>
    </responsetemplate>
  </question>"""
    result = read_moodle(write_quiz(tmp_path, essay), competency="pengambilan_keputusan")
    makalah = result.items[0].makalah
    assert makalah is not None
    assert makalah.instructions == "<p>Tulis makalah.</p>"
    assert (makalah.word_min, makalah.word_max) == (500, 1500)
    (criterion,) = makalah.rubric
    assert (criterion.description, criterion.max_score) == ("Nilai analisis.", 10.0)
    (warning,) = result.warnings
    assert warning.line == 10 and "response template" in warning.message


def test_description_is_skipped_with_a_warning(tmp_path: Path) -> None:
    description = """  <question type="description">
    <name><text>Petunjuk</text></name>
    <questiontext format="html"><text>Bacalah dengan teliti.</text></questiontext>
  </question>"""
    body = description + "\n" + _question_with_text("<p>Benar?</p>")
    result = read_moodle(write_quiz(tmp_path, body), competency="integritas")
    assert len(result.items) == 1
    assert result.warnings[0].line == 3 and "not a question" in result.warnings[0].message
    path = write_quiz(tmp_path, description, "only.xml")
    assert any("no question" in p for p in problems_of(path, competency="integritas"))


def test_duplicate_idnumbers_name_both_lines(tmp_path: Path) -> None:
    answers = '<answer fraction="100"><text>a</text></answer><answer><text>b</text></answer>'
    body = multichoice(answers, idnumber="X-1") + "\n" + multichoice(answers, idnumber="X-1")
    path = write_quiz(tmp_path, body)
    (problem,) = problems_of(path, competency="integritas")
    assert problem.startswith(f"{path}:11: ") and "also at line 3" in problem


def test_derived_ids_never_collide_with_idnumbers(tmp_path: Path) -> None:
    answers = '<answer fraction="100"><text>a</text></answer><answer><text>b</text></answer>'
    body = multichoice(answers) + "\n" + multichoice(answers, idnumber="MDL-001")
    items = read_moodle(write_quiz(tmp_path, body), competency="integritas").items
    assert [i.id for i in items] == ["MDL-002", "MDL-001"]


def test_all_or_nothing_every_problem_reported_together(tmp_path: Path) -> None:
    shortanswer = """  <question type="shortanswer">
    <name><text>sa</text></name>
    <questiontext><text>x</text></questiontext>
  </question>"""
    numerical = shortanswer.replace("shortanswer", "numerical")
    bad_level = multichoice('<answer fraction="100"><text>a</text></answer>'
                            '<answer><text>b</text></answer>',
                            tags="<tags><tag><text>level:9</text></tag></tags>")
    body = "\n".join([_question_with_text("<p>ok</p>"), shortanswer, numerical, bad_level])
    problems = problems_of(write_quiz(tmp_path, body), competency="integritas")
    assert len(problems) == 3
    assert "'shortanswer'" in problems[0] and "'numerical'" in problems[1]
    assert "level must be 1-5, not 9" in problems[2]


# ------------------------------------------------------------- hostile and broken files


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    assert problems_of(path) == [f"{path}: the file is empty"]


def test_truncated_export_names_the_line(tmp_path: Path) -> None:
    data = (FIXTURES / "multichoice_testquestion.moodle.xml").read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) // 2])
    (problem,) = problems_of(path, competency="integritas")
    assert "not well-formed XML" in problem and f"{path}:" in problem


def test_wrong_encoding_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write_quiz(tmp_path, _question_with_text("<p>Kafé</p>"))
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    (problem,) = problems_of(path, competency="integritas")
    assert problem.startswith(f"{path}:6: not UTF-8 (byte 0xE9); save the file as UTF-8")


def test_not_a_quiz(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text("<html><body/></html>", encoding="utf-8")
    assert "not a Moodle XML export" in problems_of(path)[0]


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    path = tmp_path / "bomb.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE quiz [\n' + "\n".join(lol) +
                    "\n]>\n<quiz>&lol9;</quiz>\n", encoding="utf-8")
    started = time.monotonic()
    (problem,) = problems_of(path, competency="integritas")
    assert time.monotonic() - started < 5  # expanding it would take minutes and GBs
    assert "refused" in problem


def test_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA-NEGARA", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM '
                    f'"file://{secret}">]>\n<quiz>\n' +
                    _question_with_text("&x;").replace("<![CDATA[&x;]]>", "&x;") +
                    "\n</quiz>\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_moodle(path, competency="integritas")
    assert "refused" in str(err.value)
    assert "RAHASIA" not in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot read" in problems_of(tmp_path / "nope.xml")[0]
