"""Keeping an item bank from the command line: init, import, validate, list, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.labkit import ujikom

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    assert ujikom("bank", "init", tmp_path / "bank", "--name", "Bank Uji") == 0
    return tmp_path / "bank"


def item_files(bank: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((bank / "items").glob("*.toml"))}


def test_import_real_files_from_three_tools(bank: Path, capsys) -> None:
    assert ujikom("bank", "import", "--bank", bank,
                  FIXTURES / "spreadsheet" / "soal_libreoffice.xlsx") == 0
    assert ujikom("bank", "import", "--bank", bank, "--competency", "komunikasi",
                  FIXTURES / "qti" / "qti3-basic-item-player" / "items" / "choice.xml") == 0
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  FIXTURES / "moodle" / "truefalse_testquestion.moodle.xml") == 0
    capsys.readouterr()
    assert ujikom("bank", "list", "--bank", bank, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert {i["competency"] for i in listed} >= {"komunikasi", "integritas"}
    assert all(i["source"].startswith("items/") for i in listed)
    assert ujikom("bank", "validate", "--bank", bank) == 0


def test_one_bad_file_means_nothing_is_imported(bank: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "rusak.csv"
    bad.write_text("id;tipe;kompetensi;level;soal;opsi_a;opsi_b;bobot_a;bobot_b\n"
                   "X-1;sjt;integritas;9;Soal;Ya;Tidak;5;1\n", "utf-8")
    before = item_files(bank)
    assert ujikom("bank", "import", "--bank", bank,
                  FIXTURES / "spreadsheet" / "soal_libreoffice.xlsx", bad) == 1
    err = capsys.readouterr().err
    assert f"{bad}: baris 2, kolom level (D): level harus 1-5 / target level" in err
    assert "nothing was changed" in err
    assert item_files(bank) == before


def test_importing_the_same_file_twice_is_refused_and_changes_nothing(bank: Path,
                                                                      capsys) -> None:
    source = FIXTURES / "spreadsheet" / "soal_libreoffice.xlsx"
    assert ujikom("bank", "import", "--bank", bank, source) == 0
    before = item_files(bank)
    assert ujikom("bank", "import", "--bank", bank, source) == 1
    assert "already in the bank" in capsys.readouterr().err
    assert item_files(bank) == before


def test_dry_run_writes_nothing(bank: Path, capsys) -> None:
    assert ujikom("bank", "import", "--bank", bank, "--dry-run",
                  FIXTURES / "spreadsheet" / "soal_excel_id.csv") == 0
    assert "would be imported" in capsys.readouterr().out
    assert item_files(bank) == {}


def test_unsupported_interaction_is_reported_not_dropped(bank: Path, capsys) -> None:
    assert ujikom("bank", "import", "--bank", bank, "--competency", "komunikasi",
                  FIXTURES / "qti" / "qtiworks" / "text_entry.xml") == 1
    err = capsys.readouterr().err
    assert "text_entry.xml:" in err and "textEntryInteraction" in err


def test_malicious_xml_is_refused(bank: Path, tmp_path: Path, capsys) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><quiz>&c;</quiz>')
    assert ujikom("bank", "import", "--bank", bank, bomb) == 1
    assert "refused" in capsys.readouterr().err


def test_validate_names_file_and_line(bank: Path, capsys) -> None:
    (bank / "items" / "x.toml").write_text(
        '[[item]]\nid = "A-1"\ntype = "sjt"\ncompetency = "integritas"\nstem = "S"\n'
        '[[item.options]]\nid = "A"\ntext = "a"\nweight = 1\n', "utf-8")
    assert ujikom("bank", "validate", "--bank", bank) == 1
    assert "items/x.toml:1: item 'A-1': options: a choice item needs at least two options" \
        in capsys.readouterr().err


def test_export_then_import_into_a_new_bank_round_trips(bank: Path, tmp_path: Path) -> None:
    assert ujikom("bank", "import", "--bank", bank,
                  FIXTURES / "spreadsheet" / "soal_libreoffice.xlsx") == 0
    assert ujikom("bank", "export", "--bank", bank, tmp_path / "qti.zip") == 0
    assert ujikom("bank", "init", tmp_path / "copy", "--name", "Salinan") == 0
    assert ujikom("bank", "import", "--bank", tmp_path / "copy", tmp_path / "qti.zip") == 0
    from exam_bank.items.bank import load_bank

    original, copy = load_bank(bank), load_bank(tmp_path / "copy")
    assert copy.items == original.items


def test_template_is_written(tmp_path: Path) -> None:
    assert ujikom("bank", "template", tmp_path / "soal.xlsx") == 0
    from exam_bank.tabular import read_xlsx_sheets

    assert "soal" in read_xlsx_sheets(tmp_path / "soal.xlsx")


def test_every_command_has_help(capsys) -> None:
    for command in ("init", "validate", "import", "list", "template", "export", "authority",
                    "roster", "build", "inspect", "score"):
        with pytest.raises(SystemExit) as done:
            ujikom("bank", command, "--help")
        assert done.value.code == 0
        assert "usage: ujikom bank" in capsys.readouterr().out


def test_dry_run_reports_clashes_with_the_bank(bank: Path, capsys) -> None:
    source = FIXTURES / "spreadsheet" / "soal_libreoffice.xlsx"
    assert ujikom("bank", "import", "--bank", bank, source) == 0
    assert ujikom("bank", "import", "--bank", bank, "--dry-run", source) == 1
    assert "already in the bank" in capsys.readouterr().err


def test_template_with_an_unknown_extension_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert ujikom("bank", "template", tmp_path / "soal.txt") == 1
    err = capsys.readouterr().err
    assert "soal.txt: the template is written as .xlsx or .csv" in err
    assert "Traceback" not in err


MIXED_MOODLE = FIXTURES / "moodle" / "sample_questions_with_old_image_tag.xml"


def test_strict_import_of_a_mixed_moodle_bank_refuses_and_names_the_flag(bank: Path,
                                                                          capsys) -> None:
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  MIXED_MOODLE) == 1
    err = capsys.readouterr().err
    assert "type 'cloze' is not supported" in err
    assert "--skip-unsupported" in err
    assert item_files(bank) == {}


def test_skip_unsupported_imports_the_rest_and_reports_each_skipped_question(
        bank: Path, capsys) -> None:
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  "--skip-unsupported", "--dry-run", MIXED_MOODLE) == 0
    dry = capsys.readouterr().out
    assert "skipped, not a question type Ujikom delivers (1):" in dry
    assert "type 'cloze' is not a question Ujikom delivers" in dry
    assert "1 items would be imported" in dry
    assert item_files(bank) == {}  # the dry run wrote nothing
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  "--skip-unsupported", MIXED_MOODLE) == 0
    out = capsys.readouterr().out
    assert "type 'cloze' is not a question Ujikom delivers" in out
    assert "imported 1 items" in out
    assert ujikom("bank", "validate", "--bank", bank) == 0


REAL_MOODLE_BANK = [FIXTURES / "moodle" / name for name in (
    "sample_questions_with_old_image_tag.xml", "nested_categories_with_questions.xml",
    "matching_testquestion.moodle.xml", "shortanswer_testquestion.moodle.xml",
    "multianswer.xml")]


def test_a_real_moodle_bank_of_several_exports_refuses_strictly_and_skips_with_the_flag(
        bank: Path, capsys) -> None:
    """Moodle's own exports, mixed as a bank holds them (cloze, matching, short answer
    beside multichoice, truefalse and essay). Files whose every question is of a type
    Ujikom does not deliver are skipped like the rest, not an error that stops the bank."""
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  *REAL_MOODLE_BANK) == 1
    refused = [line for line in capsys.readouterr().err.splitlines() if ": question " in line]
    assert len(refused) == 4 and all("--skip-unsupported" in line for line in refused)
    assert item_files(bank) == {}
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  "--skip-unsupported", *REAL_MOODLE_BANK) == 0
    out = capsys.readouterr().out
    assert "skipped, not a question type Ujikom delivers (4):" in out
    for where, why in (("sample_questions_with_old_image_tag.xml:16", "type 'cloze'"),
                       ("matching_testquestion.moodle.xml:12", "type 'matching'"),
                       ("shortanswer_testquestion.moodle.xml:12", "type 'shortanswer'"),
                       ("multianswer.xml:12", "type 'cloze'")):
        assert any(where in line and f"skipped: {why} is not a question Ujikom delivers"
                   in line for line in out.splitlines()), where
    assert "imported 6 items" in out
    assert ujikom("bank", "validate", "--bank", bank) == 0


def test_import_report_lists_what_was_dropped(bank: Path, capsys) -> None:
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  FIXTURES / "qti" / "written" / "qti3-match-correct-feedback.xml") == 0
    out = capsys.readouterr().out
    assert "import report:" in out and "dropped or changed (1):" in out
    assert "outcome 'FEEDBACK'" in out


def test_blueprint_draft_from_a_packages_assessment_test(bank: Path, tmp_path: Path,
                                                         capsys) -> None:
    import zipfile

    from exam_bank.blueprint.read import read_blueprint

    real = FIXTURES / "qti" / "real"
    items = {"essay": real / "cito-biologie" / "32bll7.xml",
             "choice": real / "citolab-guide" / "response-processing-item.xml",
             "order": real / "kennisnet" / "ITEM001.xml"}
    test = """<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
      identifier="TOETS 1" title="Toets biologie">
      <qti-time-limits max-time="5400"/>
      <qti-test-part identifier="P1" navigation-mode="linear" submission-mode="simultaneous">
        <qti-assessment-section identifier="S1" title="Deel 1" visible="true">
          <qti-time-limits max-time="1500"/>
          <qti-ordering shuffle="true"/>
          <qti-assessment-item-ref identifier="i1" href="items/choice.xml"/>
          <qti-assessment-item-ref identifier="i2" href="items/order.xml"/>
          <qti-assessment-item-ref identifier="i3" href="items/essay.xml"/>
        </qti-assessment-section>
      </qti-test-part></qti-assessment-test>"""
    resources = "".join(
        f'<resource identifier="{k}" type="imsqti_item_xmlv3p0" href="items/{k}.xml"/>'
        for k in items)
    manifest = ('<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" '
                f'identifier="M"><resources>{resources}<resource identifier="t" '
                'type="imsqti_test_xmlv3p0" href="test.xml"/></resources></manifest>')
    package = tmp_path / "toets.zip"
    with zipfile.ZipFile(package, "w") as zf:
        zf.writestr("imsmanifest.xml", manifest)
        zf.writestr("test.xml", test)
        for key, path in items.items():
            zf.write(path, f"items/{key}.xml")
    draft = tmp_path / "draft.toml"
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  "--skip-unsupported", "--blueprint-draft", draft, package) == 0
    assert "wrote a blueprint draft" in capsys.readouterr().out
    text = draft.read_text()
    assert "NOTE: item 'i2' (items/order.xml) was not imported; left out" in text
    blueprint = read_blueprint(draft)
    assert (blueprint.exam.id, blueprint.exam.title) == ("TOETS-1", "Toets biologie")
    assert [(s.id, s.kind, s.time_limit_min, s.navigation, s.shuffle_items,
             [r.items for r in s.rules]) for s in blueprint.sections] == [
        ("S1-items", "items", 25, "forward_only", True, [("ITM-response-processing-demo",)]),
        ("S1-makalah", "makalah", 25, "forward_only", True, [("ITM-32bll7",)])]


def test_a_real_bank_package_goes_from_import_to_a_built_exam_package(
        tmp_path: Path, capsys, passphrases) -> None:
    """As a new user would: import the mixed real package, review, draft, validate, build.
    The sample bank stands for the agency's bank (its roster's posts need its items)."""
    import shutil

    from tests.cli.labkit import SAMPLE

    bank = tmp_path / "bank"
    shutil.copytree(str(SAMPLE / "bank"), bank)
    test_blueprint_draft_from_a_packages_assessment_test(bank, tmp_path, capsys)
    shutil.copy(tmp_path / "draft.toml", bank / "blueprints" / "toets.toml")
    for item in ("ITM-32bll7", "ITM-response-processing-demo"):
        assert ujikom("bank", "review", "--bank", bank, "--by", "Tim Telaah", item) == 0
        assert ujikom("bank", "review", "--bank", bank, "--by", "Tim Telaah 2",
                      "--status", "approved", item) == 0
    assert ujikom("bank", "validate", "--bank", bank) == 0
    blueprint = bank / "blueprints" / "toets.toml"
    assert ujikom("bank", "authority", "init", tmp_path / "auth", "--name", "Uji") == 0
    assert ujikom("bank", "roster", str(SAMPLE / "roster"), "--bank", bank,
                  "--blueprint", blueprint, "--out", tmp_path / "exam") == 0
    capsys.readouterr()
    assert ujikom("bank", "build", "--bank", bank, "--blueprint", blueprint, "--roster",
                  tmp_path / "exam" / "roster.json", "--authority", tmp_path / "auth",
                  "--out", tmp_path / "exam" / "toets.ujikom") == 0
    assert "'items': 2" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["soal.xlsx", "soal.csv", "soal.docx"])
def test_an_untouched_template_imports_nothing_and_says_so(bank: Path, tmp_path: Path,
                                                           capsys, name: str) -> None:
    before = item_files(bank)
    assert ujikom("bank", "template", tmp_path / name) == 0
    capsys.readouterr()
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  tmp_path / name) == 0  # not an error
    out = capsys.readouterr().out
    assert out.count("baris contoh dilewati / example row skipped") == 3
    assert ("0 soal diimpor: berkas hanya berisi baris contoh templat" in out
            and "no items imported" in out)
    assert item_files(bank) == before


@pytest.mark.parametrize(("name", "mark"), [("soal.xlsx", "id CONTOH-"),
                                            ("soal.docx", "NO = CONTOH")])
def test_template_command_says_the_examples_are_never_imported(tmp_path: Path, capsys,
                                                               name: str, mark: str) -> None:
    assert ujikom("bank", "template", tmp_path / name) == 0
    out = capsys.readouterr().out
    assert f"baris contoh ({mark}" in out and "are never imported" in out
