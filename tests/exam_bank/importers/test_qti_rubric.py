"""QTI rubric blocks: the scorer's become a makalah's rubric, the candidate's its
instructions, the others are dropped with a note; an essay is scored by people.

Fixtures: tests/fixtures/qti/written (see tests/fixtures/qti/README.md).
"""

from __future__ import annotations

from pathlib import Path

from exam_bank.importers.qti import read_qti
from exam_bank.items.model import ItemType, RubricCriterion

WRITTEN = Path(__file__).parents[2] / "fixtures" / "qti" / "written"


def test_scorer_table_becomes_the_makalah_rubric_row_by_row() -> None:
    result = read_qti(WRITTEN / "qti3-essay-rubric.xml", competency="integritas")
    (item,) = result.items
    assert item.type == ItemType.MAKALAH and item.makalah is not None
    assert item.makalah.rubric == (
        RubricCriterion("K1", "Analisis masalah", "Menyebut penyebab antrean dengan tepat", 4),
        RubricCriterion("K2", "Langkah perbaikan", "Tiga langkah yang dapat dilaksanakan", 4),
        RubricCriterion("K3", "Bahasa", "Runtut dan sesuai kaidah", 2))


def test_candidate_rubric_block_is_part_of_the_instructions() -> None:
    (item,) = read_qti(WRITTEN / "qti3-essay-rubric.xml", competency="integritas").items
    assert item.makalah is not None
    assert item.makalah.instructions.startswith("<p>Tulis jawaban Anda dalam 300–500 kata.</p>")
    assert "Uraikan tiga langkah" in item.makalah.instructions
    assert "antrean yang panjang" in item.makalah.case_material
    assert "Kriteria" not in item.makalah.case_material  # the scorer's table is not shown


def test_author_view_is_dropped_with_a_note_and_human_scoring_needs_no_warning() -> None:
    result = read_qti(WRITTEN / "qti3-essay-rubric.xml", competency="integritas")
    messages = [str(w) for w in result.warnings]
    assert any("view 'author' dropped" in m for m in messages), messages
    assert not any("automatic scoring" in m for m in messages), messages


def test_scorer_list_gives_one_criterion_per_entry_with_its_points() -> None:
    (item,) = read_qti(WRITTEN / "qti21-essay-rubric-list.xml", competency="integritas").items
    assert item.makalah is not None
    assert [(c.title, c.description, c.max_score) for c in item.makalah.rubric] == [
        ("Pemahaman", "menjelaskan arti integritas", 3),
        ("Contoh", "memberi contoh dari tempat kerja", 2)]
    assert "integritas" not in item.makalah.case_material


def test_scorer_rubric_on_a_choice_item_is_dropped_with_a_note(tmp_path: Path) -> None:
    data = (WRITTEN / "qti3-match-correct-feedback.xml").read_text().replace(
        "<qti-item-body>", '<qti-item-body><qti-rubric-block view="scorer"><qti-content-body>'
        "<p>Kunci: C</p></qti-content-body></qti-rubric-block>")
    path = tmp_path / "x.xml"
    path.write_text(data)
    result = read_qti(path, competency="integritas")
    assert "Kunci" not in result.items[0].stem
    assert any("scorer's rubric is dropped" in str(w) for w in result.warnings)
