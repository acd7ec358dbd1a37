"""One lab folder, two exams that each have a session "S1": each keeps its own berita acara
draft and PDF, and a draft saved under the old name (session only) is taken over only by
the exam it belongs to."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from exam_bank.blueprint.model import ExamInfo
from proctor import berita_acara
from proctor.console.berita_form import BeritaAcaraForm
from proctor.room import Room
from tests.proctor.console.conftest import NOW, WALL
from tests.proctor.console.roomkit import EXAM, Package, package

OTHER = "SELTER-2026-02"


def _package(exam_id: str = EXAM, title: str = "Seleksi Terbuka JPT Pratama") -> Package:
    pkg = package(8)
    blueprint = dataclasses.replace(pkg.blueprint,
                                    exam=ExamInfo(exam_id, title, "Kementerian Contoh"))
    return dataclasses.replace(pkg, blueprint=blueprint)


def _form(qtbot: Any, folder: Path, pkg: Package) -> BeritaAcaraForm:
    widget = BeritaAcaraForm(Room(pkg, "S1", wall=lambda: WALL), folder, wall=lambda: WALL,
                             clock=lambda: NOW)
    qtbot.addWidget(widget)
    return widget


def _old_draft(folder: Path, exam_id: str, title: str, notes: str) -> Path:
    """A draft saved under the session-only name, as before the exam was in the name."""
    report = berita_acara.from_snapshot(Room(_package(exam_id, title), "S1").snapshot(0, WALL))
    path = folder / berita_acara.OLD_DRAFT.format(session="S1")
    berita_acara.save_draft(dataclasses.replace(report, notes=notes, exam_id=exam_id), path)
    return path


def test_two_exams_with_a_session_s1_keep_separate_drafts_and_pdfs(qtbot: Any,
                                                                   tmp_path: Path) -> None:
    first = _form(qtbot, tmp_path, _package(EXAM))
    qtbot.keyClicks(first.notes, "Catatan ujian pertama")
    second = _form(qtbot, tmp_path, _package(OTHER, "Seleksi Terbuka Kedua"))
    assert second.notes.toPlainText() == ""  # not the first exam's draft
    assert second.fields["exam_title"].text() == "Seleksi Terbuka Kedua"
    qtbot.keyClicks(second.notes, "Catatan ujian kedua")
    assert first.draft_path != second.draft_path and first.pdf_path != second.pdf_path
    assert {first.pdf_path.name, second.pdf_path.name} == {
        f"berita-acara-{EXAM}-S1.pdf", f"berita-acara-{OTHER}-S1.pdf"}
    for path, exam_id, notes in ((first.draft_path, EXAM, "Catatan ujian pertama"),
                                 (second.draft_path, OTHER, "Catatan ujian kedua")):
        saved = berita_acara.load_draft(path)
        assert saved is not None and (saved.exam_id, saved.notes) == (exam_id, notes)


def test_an_old_named_draft_of_another_exam_is_left_alone_with_a_notice(
        qtbot: Any, tmp_path: Path, english: object) -> None:
    english.use("en")  # type: ignore[attr-defined]
    old = _old_draft(tmp_path, OTHER, "Seleksi Terbuka Kedua", "Catatan ujian kedua")
    widget = _form(qtbot, tmp_path, _package(EXAM))
    assert widget.notes.toPlainText() == ""
    assert widget.notice.isVisibleTo(widget)
    assert "berita-acara-S1.json was left alone" in widget.notice.text()
    assert old.exists()  # still there for the exam it belongs to
    adopted = _form(qtbot, tmp_path, _package(OTHER, "Seleksi Terbuka Kedua"))
    assert adopted.notes.toPlainText() == "Catatan ujian kedua"
    assert not old.exists() and adopted.draft_path.exists()


def test_an_old_draft_without_an_exam_id_is_taken_by_its_exam_title_only(
        tmp_path: Path) -> None:
    old = _old_draft(tmp_path, "", "Seleksi Terbuka JPT Pratama", "lama")
    report, why = berita_acara.load_session_draft(tmp_path, OTHER, "Seleksi Terbuka Kedua",
                                                  "S1")
    assert report is None and "berita-acara-S1.json: ignored" in why and old.exists()
    report, why = berita_acara.load_session_draft(tmp_path, EXAM,
                                                  "Seleksi Terbuka JPT Pratama", "S1")
    assert report is not None and report.notes == "lama" and why == "" and not old.exists()


def test_sealing_does_not_take_another_exams_old_draft(tmp_path: Path) -> None:
    from proctor.seal import SealRefused, read_minutes

    _old_draft(tmp_path, OTHER, "Seleksi Terbuka Kedua", "Catatan ujian kedua")
    lab = dataclasses.make_dataclass("Lab", [("dir", Path)])(tmp_path)
    with pytest.raises(SealRefused) as refused:
        read_minutes(lab, _package(EXAM), "S1")  # type: ignore[arg-type]
    assert "no berita acara yet" in str(refused.value)
    assert "berita-acara-S1.json: ignored" in str(refused.value)
