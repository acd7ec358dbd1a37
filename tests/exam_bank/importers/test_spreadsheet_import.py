"""The item spreadsheet: template, real files from Excel-style CSV and LibreOffice, errors
that name the cell, and a round trip through CSV."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exam_bank.competencies import DEFAULT_CATALOG
from exam_bank.importers.spreadsheet import (
    COLUMNS,
    html_to_cell,
    item_row,
    parse_number,
    read_spreadsheet,
    write_rows,
    write_template,
)
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
from exam_bank.items.richtext import from_plain_text
from exam_bank.items.validate import check_item
from exam_bank.problems import InputError, Problem
from exam_bank.tabular import column_letter

FIXTURES = Path(__file__).parents[2] / "fixtures" / "spreadsheet"
HEADER = [c.name for c in COLUMNS]
LETTER = {name: column_letter(n) for n, name in enumerate(HEADER)}


def write_sheet(path: Path, rows: list[dict[str, str]], header: list[str] | None = None,
                delimiter: str = ",") -> Path:
    header = header or HEADER
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(h, "") for h in header])
    return path


MC_ROW = {"id": "PB-1", "tipe": "mc", "kompetensi": "perekat_bangsa", "soal": "Ibu kota?",
          "opsi_a": "Bandung", "opsi_b": "Jakarta", "kunci": "B"}
SJT_ROW = {"id": "INT-1", "tipe": "sjt", "kompetensi": "integritas", "soal": "Apa yang Anda "
           "lakukan?", "opsi_a": "Lapor", "opsi_b": "Diam", "bobot_a": "5", "bobot_b": "1"}


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as err:
        read_spreadsheet(path)
    return err.value.problems


# ------------------------------------------------------------- real files


def expected_fixture_items() -> list[tuple[object, ...]]:
    return [
        ("INT-SJT-001", ItemType.SJT, "integritas", 3, ReviewStatus.APPROVED),
        ("PB-MC-001", ItemType.MC, "perekat_bangsa", 2, ReviewStatus.REVIEWED),
        ("KS-MR-001", ItemType.MR, "kerja_sama", 4, ReviewStatus.DRAFT),
        ("KE-LIK-001", ItemType.LIKERT, "komunikasi", 3, ReviewStatus.APPROVED),
        ("MKL-001", ItemType.MAKALAH, "pengambilan_keputusan", 4, ReviewStatus.DRAFT),
    ]


def test_csv_as_excel_writes_it_in_an_indonesian_locale() -> None:
    path = FIXTURES / "soal_excel_id.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfID;Tipe;") and b"\r\n" in raw  # BOM, ";" and CRLF
    result = read_spreadsheet(path)
    assert result.warnings == []
    items = {i.id: i for i in result.items}
    assert [(i.id, i.type, i.competency, i.level, i.review) for i in result.items] == \
        expected_fixture_items()
    sjt = items["INT-SJT-001"]
    assert [o.weight for o in sjt.options] == [5.0, 2.5, 3.0, 4.0, 1.0]  # "2,5" read as 2.5
    assert sjt.options[2].text == "Menerima, lalu melapor ke “UPG” — unit pengendali gratifikasi."
    mc = items["PB-MC-001"]  # competency written by name: "Perekat Bangsa"
    assert mc.stem == ("<p>Perhatikan denah ruang pelayanan pada gambar.</p>"
                       "<p>Loket mana yang melayani pengaduan?</p>")
    assert [(o.id, o.weight, o.correct) for o in mc.options] == [
        ("A", 0.0, False), ("B", 1.0, True), ("C", 0.0, False), ("D", 0.0, False)]
    assert mc.media == ("PB-MC-001/denah.png",)
    assert result.media == {"PB-MC-001/denah.png": (FIXTURES / "denah.png").read_bytes()}
    mr = items["KS-MR-001"]
    assert mr.mr_scoring == MrScoring.ALL_OR_NOTHING
    assert [o.id for o in mr.options if o.correct] == ["A", "C"]
    assert items["KE-LIK-001"].likert == LikertSpec("kecerdasan_emosional", reverse=True)
    assert items["MKL-001"].makalah == MakalahSpec(
        "", "Tulislah makalah yang menganalisis masalah antrean pelayanan KTP dan usulkan "
        "solusinya.", time_limit_min=180, word_min=800, word_max=1500)


def test_xlsx_written_by_libreoffice_reads_the_same_as_the_csv() -> None:
    from_xlsx = read_spreadsheet(FIXTURES / "soal_libreoffice.xlsx")
    from_csv = read_spreadsheet(FIXTURES / "soal_excel_id.csv")
    assert from_xlsx.items == from_csv.items
    assert from_xlsx.media == from_csv.media
    assert from_xlsx.source.endswith("soal_libreoffice.xlsx[soal_excel_id]")


# ------------------------------------------------------------- the template


def test_xlsx_template_structure(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path)
    assert book.sheetnames == ["soal", "petunjuk", "daftar"]
    sheet = book["soal"]
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions[LETTER["soal"]].width == 50
    validated = {str(dv.sqref).split(":")[0]: dv for dv in sheet.data_validations.dataValidation}
    for column in ("tipe", "kompetensi", "status", "terbalik"):
        assert f"{LETTER[column]}2" in validated, column
    kompetensi = validated[f"{LETTER['kompetensi']}2"]
    assert kompetensi.formula1 == "daftar!$B$2:$B$10"
    assert [c.value for c in book["daftar"]["B"][1:10]] == DEFAULT_CATALOG.keys()
    assert book["daftar"].sheet_state == "hidden"
    guide = book["petunjuk"]
    assert [c.value for c in guide[1]] == ["kolom", "wajib", "isi", "alias"]
    rows = list(guide.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows[:len(HEADER)]] == HEADER
    assert [c.value for c in guide["B"][1:4]] == ["ya", "ya", "ya"]  # id, tipe, kompetensi
    notes = [r[2] for r in rows if r[0] == "catatan"]
    assert any("CONTOH-" in n and "tidak pernah masuk bank soal" in n for n in notes)
    # The examples look like examples: grey italic, a note on their id.
    for row in sheet.iter_rows(min_row=2, max_row=4):
        assert row[0].value.startswith("CONTOH-")
        assert all(c.font.i and c.font.color.rgb.endswith("595959") for c in row)
        assert "tidak diimpor" in row[0].comment.text
    level = validated[f"{LETTER['level']}2"]
    assert (level.type, level.formula1, level.formula2, level.errorStyle) == (
        "whole", "1", "5", "stop")
    assert validated[f"{LETTER['kunci']}2"].type == "custom"


def _key_check(book_path: Path, row: dict[str, str]) -> bool:
    """The kunci column's validation formula worked out for `row`, as Excel would."""
    import re

    from openpyxl import load_workbook

    sheet = load_workbook(book_path)["soal"]
    [check] = [dv for dv in sheet.data_validations.dataValidation
               if str(dv.sqref).startswith(f"{LETTER['kunci']}2")]
    by_letter = {letter: name for name, letter in LETTER.items()}
    functions = {
        "AND": lambda *a: all(a), "OR": lambda *a: any(a), "UPPER": str.upper,
        "ISERROR": lambda v: v is None, "CODE": lambda t: ord(t[0]),
        "SEARCH": lambda needle, hay: (hay.upper().find(needle.upper()) + 1) or None,
        "cell": lambda letter: row.get(by_letter[letter], ""),
    }
    python = re.sub(r"\b([A-Z]{1,2})2\b", r'cell("\1")', check.formula1)
    python = re.sub(r"<>|>=|<=|=", lambda m: {"<>": "!=", "=": "=="}.get(m[0], m[0]), python)
    return bool(eval(python, {"__builtins__": {}}, functions))


@pytest.mark.parametrize(("row", "allowed"), [
    ({"opsi_a": "x", "opsi_b": "y", "kunci": "B"}, True),
    ({"opsi_a": "x", "opsi_b": "y", "kunci": "b"}, True),
    ({"opsi_a": "x", "opsi_b": "y", "opsi_c": "z", "kunci": "A,C"}, True),
    ({"opsi_a": "x", "opsi_b": "y", "kunci": "C"}, False),  # no option C: the usual slip
    ({"opsi_a": "x", "opsi_b": "y", "kunci": "A,D"}, False),
    ({"opsi_a": "x", "opsi_b": "y", "kunci": "F"}, False),
    ({"opsi_a": "x", "opsi_b": "y", "kunci": "1"}, False),
])
def test_xlsx_template_refuses_a_key_that_is_not_an_option_while_typing(
        tmp_path: Path, row: dict[str, str], allowed: bool) -> None:
    write_template(tmp_path / "t.xlsx")
    assert _key_check(tmp_path / "t.xlsx", row) is allowed


@pytest.mark.parametrize("name", ["t.xlsx", "t.csv"])
def test_untouched_template_imports_nothing_and_names_each_example(
        tmp_path: Path, name: str) -> None:
    write_template(tmp_path / name)
    result = read_spreadsheet(tmp_path / name)
    assert result.items == [] and result.warnings == []
    assert [(p.row, p.column) for p in result.examples] == [(2, "A"), (3, "A"), (4, "A")]
    assert all("baris contoh dilewati" in p.message and "example row skipped" in p.message
               for p in result.examples)
    assert "CONTOH-PG-001" in result.examples[1].message


def test_csv_template_opens_in_an_indonesian_excel() -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_template(Path(folder) / "t.csv")
        head = (Path(folder) / "t.csv").read_bytes()
    assert head.startswith(b"\xef\xbb\xbfid;tipe;kompetensi;")


REAL_ROW = {"id": "PB-7", "tipe": "mc", "kompetensi": "perekat_bangsa", "level": "2",
            "soal": "Berikan contoh sikap menghargai perbedaan: mana yang paling tepat?",
            "opsi_a": "Mengejek logat teman", "opsi_b": "Menghormati ibadah tetangga",
            "kunci": "B"}


@pytest.mark.parametrize("name", ["t.xlsx", "t.csv"])
def test_filled_template_imports_the_writers_rows_and_never_the_examples(
        tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_template(path)
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(path)
        book["soal"].append([REAL_ROW.get(h) for h in HEADER])
        book.save(path)
    else:
        with path.open("a", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=";").writerow([REAL_ROW.get(h, "") for h in HEADER])
    result = read_spreadsheet(path)
    [item] = result.items  # the word "contoh" in a real question does not skip it
    assert item.id == "PB-7" and item.stem.startswith("Berikan contoh sikap")
    assert item.review == ReviewStatus.DRAFT
    assert len(result.examples) == 3


def test_a_marked_row_rewritten_by_the_writer_is_the_writers_item(tmp_path: Path) -> None:
    # The example overwritten in place, its id left as it was: a real question, not lost.
    path = write_sheet(tmp_path / "s.csv", [REAL_ROW | {"id": "CONTOH-PG-001"}])
    result = read_spreadsheet(path)
    assert [i.id for i in result.items] == ["CONTOH-PG-001"] and result.examples == []


@pytest.mark.parametrize("written", ["2026-11-20", "20-11-2026", "20/11/2026", "20.11.2026"])
def test_review_columns_carry_who_reviewed_and_when(tmp_path: Path, written: str) -> None:
    row = MC_ROW | {"status": "approved", "ditelaah_oleh": "Dra.  Sri Wahyuni",
                    "tanggal_telaah": written}
    [item] = read_spreadsheet(write_sheet(tmp_path / "s.csv", [row])).items
    assert (item.review, item.reviewed_by, item.reviewed_on) == (
        ReviewStatus.APPROVED, "Dra. Sri Wahyuni", "2026-11-20")
    assert item_row(item)["ditelaah_oleh"] == "Dra. Sri Wahyuni"
    assert item_row(item)["tanggal_telaah"] == "2026-11-20"


def test_review_date_typed_as_an_excel_date(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(["id", "tipe", "kompetensi", "soal", "opsi_a", "opsi_b", "kunci",
                  "penelaah", "tanggal_telaah"])
    sheet.append(["PB-1", "mc", "perekat_bangsa", "Ibu kota?", "Bandung", "Jakarta", "B",
                  "Budi", dt.datetime(2026, 11, 20)])
    book.save(tmp_path / "s.xlsx")
    [item] = read_spreadsheet(tmp_path / "s.xlsx").items
    assert (item.reviewed_by, item.reviewed_on) == ("Budi", "2026-11-20")


def test_english_aliases_and_semicolons(tmp_path: Path) -> None:
    header = ["item_id", "type", "competency", "stem", "option_a", "option_b", "key"]
    path = tmp_path / "en.csv"
    path.write_text("\n".join([";".join(header), "X-1;MC;Integritas;Stem?;yes;no;a"]),
                    encoding="utf-8")
    (item,) = read_spreadsheet(path).items
    assert (item.id, item.type, item.competency) == ("X-1", ItemType.MC, "integritas")
    assert [o.correct for o in item.options] == [True, False]


def test_html_cells_are_sanitised_with_warnings(tmp_path: Path) -> None:
    row = MC_ROW | {"soal": '<p style="color:red">Pilih yang <b>benar</b>!</p>'}
    result = read_spreadsheet(write_sheet(tmp_path / "h.csv", [row]))
    assert result.items[0].stem == "<p>Pilih yang <b>benar</b>!</p>"
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (2, LETTER["soal"])


def test_unknown_columns_are_warned_about(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "x.csv", [MC_ROW | {"catatan": "cek lagi"}],
                       [*HEADER, "catatan"])
    (warning,) = read_spreadsheet(path).warnings
    assert "'catatan' is not used" in warning.message
    assert warning.column == column_letter(len(HEADER))


# ------------------------------------------------------------- errors name the cell


@pytest.mark.parametrize(("change", "column", "fragment"), [
    ({"tipe": "isian"}, "tipe", "unknown type 'isian'"),
    ({"kompetensi": "telepati"}, "kompetensi", "unknown competency 'telepati'"),
    ({"level": "7"}, "level", "target level must be 1-5, not 7"),
    ({"level": "tiga"}, "level", "'tiga' is not a number"),
    ({"level": "2,5"}, "level", "must be a whole number"),
    ({"bobot_a": "dua"}, "bobot_a", "'dua' is not a number"),
    ({"kunci": "C"}, "kunci", "key letter C has no option text in opsi_c"),
    ({"kunci": "F"}, "kunci", "key 'F' is not an option letter"),
    ({"kunci": "A,B"}, "kunci", "an mc item has one key"),
    ({"kunci": ""}, "kunci", "give the key letter or the weights"),
    ({"bobot_c": "1"}, "bobot_c", "a weight for option C but no text"),
    ({"opsi_a": "", "kunci": "B"}, "opsi_a", "fill the options from A without gaps"),
    ({"skala": "x"}, "skala", "skala is not used by a mc item"),
    ({"status": "final"}, "status", "unknown status 'final'"),
    ({"tanggal_telaah": "31-02-2026"}, "tanggal_telaah", "'31-02-2026' is not a date"),
    ({"tanggal_telaah": "kemarin"}, "tanggal_telaah", "'kemarin' is not a date"),
    ({"id": "no spaces"}, "id", "item id 'no spaces' must be"),
    ({"id": ""}, "id", "the id is empty"),
    ({"gambar": "hilang.png"}, "gambar", "image 'hilang.png' not found"),
    ({"gambar": "catatan.docx"}, "gambar", "is not an image"),
    ({"gambar": "../rahasia.png"}, "gambar", "not elsewhere"),
    ({"gambar": "/etc/peta.png"}, "gambar", "not elsewhere"),
    ({"gambar": "C:\\data\\peta.png"}, "gambar", "not elsewhere"),
    ({"soal": ""}, "soal", "the question text is empty"),
])
def test_row_errors_name_row_and_column(tmp_path: Path, change: dict[str, str], column: str,
                                        fragment: str) -> None:
    path = write_sheet(tmp_path / "s.csv", [SJT_ROW, MC_ROW | change])
    problems = problems_of(path)
    assert any(p.row == 3 and p.column == LETTER[column] and fragment in p.message
               for p in problems), [str(p) for p in problems]
    assert all(p.row == 3 for p in problems)  # the good row is not blamed


@pytest.mark.parametrize(("row", "column", "fragment"), [
    (SJT_ROW | {"bobot_b": ""}, "bobot_b", "option B of a sjt item needs a weight"),
    (SJT_ROW | {"bobot_b": "5"}, "opsi_a", "need different weights"),
    (SJT_ROW | {"kunci": "A"}, "kunci", "kunci is not used by a sjt item"),
    (MC_ROW | {"tipe": "mr", "kunci": ""}, "kunci", "needs its key letters"),
    (MC_ROW | {"tipe": "mr", "kunci": "A", "bobot_a": "1", "poin": "2"}, "poin",
     "poin is for mr items without weights"),
    ({"id": "L-1", "tipe": "likert", "kompetensi": "komunikasi", "soal": "Saya ..."},
     "skala", "the scale name is empty"),
    ({"id": "L-1", "tipe": "likert", "kompetensi": "komunikasi", "soal": "Saya ...",
      "skala": "s", "terbalik": "mungkin"}, "terbalik", "write ya or tidak"),
    ({"id": "M-1", "tipe": "makalah", "kompetensi": "integritas", "soal": "Tulis.",
      "waktu_menit": "600"}, "waktu_menit", "1-480 minutes"),
    ({"id": "M-1", "tipe": "makalah", "kompetensi": "integritas", "soal": "Tulis.",
      "kata_min": "900", "kata_max": "500"}, "kata_max", "word range 900-500 is empty"),
])
def test_type_specific_errors(tmp_path: Path, row: dict[str, str], column: str,
                              fragment: str) -> None:
    problems = problems_of(write_sheet(tmp_path / "s.csv", [row]))
    assert any(p.row == 2 and p.column == LETTER[column] and fragment in p.message
               for p in problems), [str(p) for p in problems]


def test_duplicate_ids_name_both_rows(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "d.csv", [MC_ROW, SJT_ROW, MC_ROW])
    (problem,) = problems_of(path)
    assert (problem.row, problem.column) == (4, "A")
    assert "'PB-1' is also used in row 2" in problem.message


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "kompetensi"]
    (problem,) = problems_of(write_sheet(tmp_path / "m.csv", [MC_ROW], header))
    assert problem.message == ("kolom wajib 'kompetensi' tidak ada / missing required column "
                               "'kompetensi' [competency]")


def test_alias_and_name_of_the_same_column(tmp_path: Path) -> None:
    (problem,) = problems_of(write_sheet(tmp_path / "a.csv", [MC_ROW], [*HEADER, "type"]))
    assert "'tipe' and 'type' are the same column" in problem.message


def test_every_problem_at_once_and_nothing_returned(tmp_path: Path) -> None:
    rows = [MC_ROW | {"tipe": "x"}, SJT_ROW, MC_ROW | {"id": "PB-2", "level": "0"}]
    problems = problems_of(write_sheet(tmp_path / "e.csv", rows))
    assert [(p.row, p.column) for p in problems] == [(2, LETTER["tipe"]),
                                                     (4, LETTER["level"])]
    assert str(problems[0]).startswith(f"{tmp_path / 'e.csv'}: baris 2, kolom tipe (B): "
                                       "tipe soal tidak dikenal / unknown type 'x'")


# ------------------------------------------------------------- broken files


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    assert "empty" in problems_of(path)[0].message


def test_header_only(tmp_path: Path) -> None:
    (problem,) = problems_of(write_sheet(tmp_path / "h.csv", []))
    assert "no items" in problem.message


def test_not_utf8_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "ansi.csv"
    path.write_bytes(";".join(HEADER).encode() + b"\r\nX;mc;integritas;;;Jos\xe9;;;")
    (problem,) = problems_of(path)
    assert "not UTF-8" in problem.message and problem.line == 2


def test_truncated_xlsx(tmp_path: Path) -> None:
    data = (FIXTURES / "soal_libreoffice.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "not a readable XLSX" in problems_of(path)[0].message


def test_old_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "lama.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in problems_of(path)[0].message


# ------------------------------------------------------------- numbers and cells


@pytest.mark.parametrize(("text", "grouped", "value"), [
    ("2,5", False, 2.5), ("2.5", False, 2.5), (" 4 ", False, 4.0), ("-1", False, -1.0),
    ("1.500", True, 1500.0), ("1.500", False, 1.5), ("1.234,5", True, 1234.5),
    ("0.500", True, 0.5), ("dua", False, None), ("nan", False, None), ("1,2,3", False, None),
])
def test_parse_number(text: str, grouped: bool, value: float | None) -> None:
    assert parse_number(text, grouped=grouped) == value


def test_html_to_cell_inverts_plain_text() -> None:
    for text in ["a", "a & b < c", "line\nbreak", "para one\n\npara two"]:
        html = from_plain_text(text)
        assert html_to_cell(html) == text
    # text that would read back as HTML stays HTML, which reads back unchanged
    for html in ["<p><b>tebal</b></p>", from_plain_text("x&lt;y"), from_plain_text("<b>")]:
        assert html_to_cell(html) == html


def test_write_rows_refuses_what_the_sheet_cannot_hold(tmp_path: Path) -> None:
    six = Item(ItemId("X"), ItemType.SJT, "s", "integritas", options=tuple(
        Option(OptionId(c), c, n) for n, c in enumerate("ABCDEF")))
    with pytest.raises(ValueError, match="at most five"):
        write_rows(tmp_path / "x.csv", [six])
    essay = Item(ItemId("M"), ItemType.MAKALAH, "", "integritas", makalah=MakalahSpec(
        "", "Tulis.", rubric=(RubricCriterion("a", "A"),)))
    with pytest.raises(ValueError, match="rubric"):
        write_rows(tmp_path / "x.csv", [essay])


# ------------------------------------------------------------- round trip

TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.just("\n"),
               min_size=1, max_size=30)
WORD = st.text(st.characters(exclude_categories=("Cs", "Cc", "Z")) | st.just(" "),
               min_size=1, max_size=15).map(str.strip).filter(bool)


@st.composite
def rich(draw: st.DrawFn) -> str:
    html = from_plain_text(draw(TEXT))
    assume(html)
    return html


WEIGHT = st.floats(-5, 10, allow_nan=False, allow_infinity=False)


@st.composite
def options(draw: st.DrawFn, item_type: ItemType) -> tuple[tuple[Option, ...], MrScoring,
                                                              float]:
    n = draw(st.integers(2, 5))
    texts = [draw(rich()) for _ in range(n)]
    ids = [OptionId(c) for c in "ABCDE"[:n]]
    scoring, points = MrScoring.ALL_OR_NOTHING, 1.0
    if item_type == ItemType.SJT:
        weights = draw(st.lists(st.floats(0, 5, allow_nan=False), min_size=n, max_size=n,
                                unique=True))
        keyed = [False] * n
    elif item_type == ItemType.MC:
        key = draw(st.none() | st.integers(0, n - 1))
        keyed = [i == key for i in range(n)]
        if draw(st.booleans()):
            weights = [1.0 if k else 0.0 for k in keyed]
        else:
            weights = draw(st.lists(WEIGHT, min_size=n, max_size=n))
    else:
        keyed = draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(any))
        if draw(st.booleans()):
            scoring, weights = MrScoring.PARTIAL, draw(st.lists(WEIGHT, min_size=n, max_size=n))
        else:
            weights = [1.0 if k else 0.0 for k in keyed]
            points = draw(st.floats(0.5, 10, allow_nan=False))
    opts = tuple(Option(i, t, w, k) for i, t, w, k in zip(ids, texts, weights, keyed,
                                                          strict=True))
    return opts, scoring, points


@st.composite
def items(draw: st.DrawFn, item_id: str) -> Item:
    item_type = draw(st.sampled_from(list(ItemType)))
    item = Item(
        id=ItemId(item_id), type=item_type, stem=draw(rich()),
        competency=draw(st.sampled_from(DEFAULT_CATALOG.keys())), level=draw(st.integers(1, 5)),
        topic=draw(st.just("") | WORD), author=draw(st.just("") | WORD),
        review=draw(st.sampled_from(list(ReviewStatus))),
        reviewed_by=draw(st.just("") | WORD.map(lambda t: " ".join(t.split()))),
        reviewed_on=draw(st.just("") | st.dates().map(lambda d: d.isoformat())),
        tags=tuple(draw(st.lists(WORD.filter(lambda t: "," not in t), max_size=3))))
    if item_type in (ItemType.MC, ItemType.MR, ItemType.SJT):
        opts, scoring, points = draw(options(item_type))
        item = replace(item, options=opts, mr_scoring=scoring, points=points)
    elif item_type == ItemType.LIKERT:
        item = replace(item, likert=LikertSpec(draw(WORD), draw(st.booleans())))
    else:
        word_min = draw(st.integers(0, 3000))
        item = replace(item, stem="", makalah=MakalahSpec(
            draw(st.just("") | rich()), draw(rich()), draw(st.integers(1, 480)), word_min,
            draw(st.just(0) | st.integers(word_min, 5000))))
    assume(check_item(item) == [])
    return item


ITEM_LISTS = st.lists(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,20}", fullmatch=True),
                      min_size=1, max_size=6, unique=True).flatmap(
    lambda ids: st.tuples(*(items(i) for i in ids)))


@settings(max_examples=80, suppress_health_check=[HealthCheck.filter_too_much])
@given(ITEM_LISTS)
def test_round_trip_through_csv(generated: tuple[Item, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bank.csv"
        write_rows(path, generated)
        result = read_spreadsheet(path)
    assert result.items == list(generated)
    assert result.warnings == []


def test_a_picture_outside_the_sheets_folder_is_not_read(tmp_path: Path) -> None:
    """A hostile sheet naming ../x.png would carry a file from elsewhere into the bank."""
    (tmp_path / "rahasia.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    folder = tmp_path / "kiriman"
    folder.mkdir()
    path = write_sheet(folder / "s.csv", [MC_ROW | {"gambar": "../rahasia.png"}])
    problems = problems_of(path)
    assert [p.column for p in problems] == [LETTER["gambar"]]
    assert "not elsewhere" in problems[0].message
