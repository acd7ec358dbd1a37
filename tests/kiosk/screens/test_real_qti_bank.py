"""A real bank's QTI, as a new user would take it to the kiosk: a QTI 3 package built from
the real items of tests/fixtures/qti/real (with its assessment test) plus Onyx Editor's
and OpenOLAT's exported items and a mixed Moodle export, imported with
--skip-unsupported and --blueprint-draft, reviewed, the draft
completed, validated, registered and built with the README's commands; then sat in the
real kiosk screens, and the answers scored as each item's own processing scores them."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from exam_bank.crypto.authority import load_authority_public
from exam_bank.events import Phase
from exam_bank.exam_package import ExamPackage, open_exam_package
from exam_bank.importers.qti_rp import read_processing
from exam_bank.items.model import ItemType, RubricCriterion
from exam_bank.roster.model import load_roster, save_roster
from exam_bank.roster.pins import reissue_pin
from exam_bank.scoring.items import score_item
from exam_bank.scoring.responses import responses_of
from exam_bank.xmlsafe import parse_xml
from kiosk.app import KioskContext, KioskController
from kiosk.engine import FakeClock
from kiosk.keysource import StandaloneKeySource
from tests.cli.labkit import ujikom
from tests.kiosk.screens.journey_kit import click

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).parents[2] / "fixtures" / "qti"
# In the package (QTI 3, with the test), by the names the package gives them.
IN_PACKAGE = {
    "essay": FIXTURES / "real" / "cito-biologie" / "32bll7.xml",
    "guide": FIXTURES / "real" / "citolab-guide" / "response-processing-item.xml",
    "bank": FIXTURES / "written" / "qti3-match-correct-feedback.xml",
    "order": FIXTURES / "real" / "kennisnet" / "ITEM001.xml",
    "match": FIXTURES / "real" / "kennisnet" / "ITEM002.xml",
}
ONYX = FIXTURES / "real" / "onyx" / "single-choice-1-with-feedbacks_5-11.xml"
ONYX_ID = "id7b3114b3-7b0f-411c-a69e-7243deac0d45"
OPENOLAT = FIXTURES / "real" / "openolat" / "multiple-choice-per-answer-11-2-3.xml"
OPENOLAT_ID = "mcbe900fffcb49f08698b349e7b832e0"
# Moodle's own export mixing a cloze question (skipped) with a Moodle 1.9 multichoice.
MOODLE = FIXTURES.parent / "moodle" / "sample_questions_with_old_image_tag.xml"
MOODLE_ID = "MDL-001"
SOURCE = {"ITM-response-processing-demo": IN_PACKAGE["guide"],
          "BANK-MC-01": IN_PACKAGE["bank"], ONYX_ID: ONYX, OPENOLAT_ID: OPENOLAT}
TEST = """<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
  identifier="UJI-REAL" title="Uji bank nyata">
  <qti-test-part identifier="P1" navigation-mode="nonlinear" submission-mode="simultaneous">
    <qti-assessment-section identifier="S1" title="Pilihan ganda" visible="true">
      <qti-time-limits max-time="1200"/>
      <qti-assessment-item-ref identifier="i1" href="items/guide.xml"/>
      <qti-assessment-item-ref identifier="i2" href="items/bank.xml"/>
      <qti-assessment-item-ref identifier="i3" href="items/order.xml"/>
      <qti-assessment-item-ref identifier="i4" href="items/match.xml"/>
    </qti-assessment-section>
    <qti-assessment-section identifier="S2" title="Makalah" visible="true">
      <qti-time-limits max-time="3600"/>
      <qti-assessment-item-ref identifier="i5" href="items/essay.xml"/>
    </qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>"""
TOKEN = "BANKQT"
NUMBER = "UJI-001"


def qti_package(path: Path) -> Path:
    """The bank's QTI 3 content package as its tool lays one out: items and the test."""
    resources = "".join(
        f'<resource identifier="{key}" type="imsqti_item_xmlv3p0" href="items/{key}.xml">'
        f'<file href="items/{key}.xml"/></resource>' for key in IN_PACKAGE)
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="http://www.'
                'imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><organizations/>'
                f'<resources>{resources}<resource identifier="T" type="imsqti_test_xmlv3p0" '
                'href="test.xml"><file href="test.xml"/></resource></resources></manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("imsmanifest.xml", manifest)
        zf.writestr("test.xml", TEST)
        for key, source in IN_PACKAGE.items():
            zf.write(source, f"items/{key}.xml")
    return path


@dataclass(frozen=True)
class Built:
    package: ExamPackage
    keys: StandaloneKeySource
    pin: str
    import_report: str


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Built:
    """The admin's day of the README, command by command."""
    monkeypatch.setenv("UJIKOM_AUTHORITY_PASSPHRASE", "authority-test-passphrase")
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", "exam-key-test-passphrase")
    bank, draft = tmp_path / "bank", tmp_path / "draft.toml"
    assert ujikom("bank", "init", bank, "--name", "BKPSDM Kota Uji") == 0
    assert ujikom("bank", "import", "--bank", bank, "--competency", "integritas",
                  "--skip-unsupported", "--blueprint-draft", draft,
                  qti_package(tmp_path / "bank-nyata.zip"), ONYX, OPENOLAT, MOODLE) == 0
    report = capsys.readouterr().out
    for item in (*SOURCE, MOODLE_ID, "ITM-32bll7"):  # imported items are drafts until reviewed
        assert ujikom("bank", "review", "--bank", bank, item, "--by", "Sri Wahyuni",
                      "--status", "approved") == 0
    # Completing the draft: the single items join the choice section, the agency is named.
    text = draft.read_text(encoding="utf-8")
    text = text.replace('    "BANK-MC-01",\n', f'    "BANK-MC-01",\n    "{ONYX_ID}",\n'
                        f'    "{OPENOLAT_ID}",\n    "{MOODLE_ID}",\n')
    text = text.replace('agency = ""', 'agency = "BKPSDM Kota Uji"')
    blueprint = bank / "blueprints" / "uji.toml"
    blueprint.write_text(text, encoding="utf-8")
    assert ujikom("bank", "validate", "--bank", bank) == 0
    roster_dir = tmp_path / "roster"
    roster_dir.mkdir()
    (roster_dir / "jabatan.csv").write_text(
        "kode_jabatan,nama_jabatan,unit,integritas\nKABID,Kepala Bidang,BKPSDM,3\n")
    (roster_dir / "peserta.csv").write_text(
        "no_peserta,nama,nip,kode_jabatan,sesi,kursi,foto,skp\n"
        f'{NUMBER},"Sri Lestari, S.E.",198001012005012001,KABID,S1,A1,,80\n')
    (roster_dir / "sesi.csv").write_text("sesi,tanggal,mulai,selesai,lokasi,ruang\n"
                                         "S1,2026-12-08,07:30,13:30,Lab CAT,Ruang 1\n")
    exam = tmp_path / "exam"
    assert ujikom("bank", "authority", "init", tmp_path / "authority", "--name", "Uji") == 0
    assert ujikom("bank", "roster", roster_dir, "--bank", bank, "--blueprint", blueprint,
                  "--out", exam) == 0
    # The PIN is printed on the exam card only: the test issues one it knows.
    roster, pin = reissue_pin(load_roster(exam / "roster.json"), NUMBER)  # type: ignore[arg-type]
    (exam / "roster.json").unlink()
    save_roster(roster, exam / "roster.json")
    assert ujikom("bank", "build", "--bank", bank, "--blueprint", blueprint, "--roster",
                  exam / "roster.json", "--authority", tmp_path / "authority",
                  "--out", exam / "uji.ujikom") == 0
    keys = StandaloneKeySource.from_file(exam / "uji.ujikey", b"exam-key-test-passphrase",
                                         tmp_path / "kiosk-data")
    package = open_exam_package(exam / "uji.ujikom",
                                [load_authority_public(tmp_path / "authority" /
                                                       "authority.pub")], keys.exam_key)
    return Built(package, keys, pin, report)


@pytest.fixture
def ctrl(qtbot, built: Built) -> Iterator[KioskController]:
    controller = KioskController(KioskContext(built.package, built.keys, FakeClock(), TOKEN))
    controller.timer.stop()
    qtbot.addWidget(controller.window)
    controller.window.resize(1366, 768)
    controller.window.show()
    qtbot.waitExposed(controller.window)
    yield controller
    controller.close()
    controller.translations.use("en")


def choose(qtbot, ctrl: KioskController, option_text: str) -> None:
    """Click the option whose text shows `option_text`, as the candidate reads it."""
    rows = ctrl.item.option_rows
    (index,) = [i for i, row in enumerate(rows) if option_text in row.label.text()]
    click(qtbot, ctrl.item.option_buttons[index])


def moodle_scores(path: Path) -> dict[str, float]:
    """Each option's score as Moodle grades the multichoice: fraction x default grade
    (Ujikom letters the answers A, B, C... in the file's order)."""
    root = parse_xml(path.read_bytes(), str(path))
    (question,) = [q for q in root if q.get("type") == "multichoice"]
    grade = float(question.findtext("defaultgrade") or "1")
    return {chr(ord("A") + n): float(a.get("fraction", "0")) / 100 * grade
            for n, a in enumerate(question.findall("answer"))}


def test_a_real_qti_bank_is_delivered_in_the_kiosk_and_scored_as_its_processing(
        qtbot, ctrl: KioskController, built: Built, tmp_path: Path) -> None:
    assert "skipped, not a question type Ujikom delivers (3):" in built.import_report
    assert "<qti-order-interaction>" in built.import_report
    assert "question 'cloze question with image' skipped" in built.import_report
    essay = built.package.items["ITM-32bll7"]
    assert essay.type == ItemType.MAKALAH and essay.makalah is not None
    assert essay.makalah.rubric == (RubricCriterion(  # the scorer's rubric came along
        "K1", "Inhoud", "groei/voortplanting/reageren op prikkels", 1.0),)

    login = ctrl.login
    for field, text in ((login.participant, NUMBER), (login.pin, built.pin),
                        (login.token, TOKEN)):
        qtbot.keyClicks(field, text)
    click(qtbot, login.submit)
    click(qtbot, ctrl.identity.confirm)
    ctrl.rules.agree.click()
    click(qtbot, ctrl.rules.proceed)
    assert ctrl.intro.title.text() == "Pilihan ganda"
    click(qtbot, ctrl.intro.begin)

    # The items as the candidate sees them, each answered.
    chosen = {"ITM-response-processing-demo": ["Berlin"],  # wrong: 0
              "BANK-MC-01": ["Jakarta"],  # the key: MAXSCORE 1
              ONYX_ID: ["Antwort 4 - der hier ist richtig"],  # the key: MAXSCORE 4
              OPENOLAT_ID: ["Correct answer", "Right answer"],  # the whole key: 1
              MOODLE_ID: ["right answer"]}  # fraction 100 of default grade 1
    seen: dict[str, str] = {}
    for _ in chosen:
        view = ctrl.item.view
        assert view is not None
        seen[view.item_id] = ctrl.item.stem.text()
        for text in chosen[view.item_id]:
            choose(qtbot, ctrl, text)
        if view.can_next:
            click(qtbot, ctrl.item.next)
    assert set(seen) == set(chosen)
    assert "Aufgabenstellung - 4 Punkte" in seen[ONYX_ID]
    assert "Ibu kota Indonesia sebelum 2024" in seen["BANK-MC-01"]
    assert "used in Moodle 1.9" in seen[MOODLE_ID]
    assert f"{MOODLE_ID}/moodle.png" in built.package.media  # its picture travels along
    click(qtbot, ctrl.item.finish)
    click(qtbot, ctrl.review.submit)
    click(qtbot, ctrl.review.yes)

    # The national bank's essay as a makalah: its instructions and material in sight.
    assert ctrl.intro.title.text() == "Makalah"
    click(qtbot, ctrl.intro.begin)
    makalah = ctrl.makalah
    assert makalah is not None and ctrl.window.currentWidget() is makalah
    shown = makalah.material.toPlainText()
    assert "Noem een ander levenskenmerk." in shown
    assert "<p>" not in shown and "<strong>" not in shown  # the bank's HTML, rendered
    assert "Bahan kasus" not in shown  # the essay has no case material: no empty heading
    qtbot.keyClicks(makalah.editor, "Groei is een levenskenmerk van de plant.")
    makalah.flush()
    with qtbot.waitSignal(makalah.finished, timeout=2000):
        click(qtbot, makalah.finish_button)
    click(qtbot, ctrl.makalah_check.submit)
    if ctrl.window.currentWidget() is ctrl.makalah_check:  # off the word range: confirm
        click(qtbot, ctrl.makalah_check.submit)
    assert ctrl.session is not None and ctrl.session.state.phase == Phase.SUBMITTED
    assert ctrl.window.currentWidget() is ctrl.receipt
    ctrl.window.grab().save(str(tmp_path / "receipt.png"))

    # Scored by Ujikom as each item's own response processing scores the same answer.
    state = ctrl.session.state
    assert "levenskenmerk" in state.makalah["ITM-32bll7"]
    answers = responses_of({"answers": state.answers})  # as the results store reads them
    scores = {}
    for item_id, source in SOURCE.items():
        item = built.package.items[item_id]
        response = answers[item_id]
        root = parse_xml(source.read_bytes(), str(source))
        (rid,) = [d.get("identifier") for d in root.iter() if d.tag.endswith(
            ("responseDeclaration", "response-declaration"))]
        scores[item_id] = score_item(item, response).raw
        assert scores[item_id] == read_processing(root).score(str(rid), response), item_id
    moodle = built.package.items[MOODLE_ID]
    for option, expected in moodle_scores(MOODLE).items():
        assert score_item(moodle, option).raw == expected, option
    scores[MOODLE_ID] = score_item(moodle, answers[MOODLE_ID]).raw
    assert scores == {"ITM-response-processing-demo": 0.0, "BANK-MC-01": 1.0, ONYX_ID: 4.0,
                      OPENOLAT_ID: 1.0, MOODLE_ID: 1.0}
