"""A candidate's report shows the proctor's actions and incidents from the sealed log
(the record both official documents print), not "no incident" for a locked candidate."""

from __future__ import annotations

import dataclasses
import datetime as dt

from exam_bank.reports.candidate_pdf import candidate_pdf
from exam_bank.reports.summary import rankings
from tests.exam_bank.record.test_record import a_day
from tests.exam_bank.reports.conftest import pdf_text


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_locked_moved_and_force_submitted_candidate_has_it_all_in_the_report(sample) -> None:
    from exam_bank.record import candidate_record

    exam, candidates = sample
    exam = dataclasses.replace(exam, timezone=dt.timezone(dt.timedelta(hours=7)),
                               sections={"mk": "Makalah"})
    c = dataclasses.replace(candidates[0], record=candidate_record(a_day().log.events))
    entry = next(e for e in rankings(exam, candidates)[c.position_code].entries
                 if e.participant_no == c.participant_no)
    text = flat(pdf_text(candidate_pdf(exam, c, entry, 3)))
    for expected in (
        "Layar ujian dikunci oleh Sari Dewi; alasan: Ada HP di meja",
        "Kunci layar ujian dibuka oleh Sari Dewi",
        "Ujian dijeda oleh Agus; alasan: Listrik padam sebentar",
        "Waktu bagian Makalah ditambah 10 menit oleh Agus",
        "Peserta dipindahkan dari PC03 ke PC41 oleh Sari Dewi; alasan: PC mati",
        "Jawaban dikumpulkan paksa oleh Sari Dewi; alasan: Waktu sesi habis",
        "Peserta meninggalkan jendela ujian 3 kali",
        "Waktu terhenti 22 menit",
    ):
        assert expected in text, expected
    assert "Tidak ada kejadian" not in text


def test_a_record_with_nothing_in_it_says_so_in_indonesian(sample) -> None:
    from exam_bank.record import CandidateRecord

    exam, candidates = sample
    c = dataclasses.replace(candidates[0], record=CandidateRecord(), incidents=())
    entry = next(e for e in rankings(exam, candidates)[c.position_code].entries
                 if e.participant_no == c.participant_no)
    text = flat(pdf_text(candidate_pdf(exam, c, entry, 3)))
    assert "Tidak ada tindakan pengawas maupun kejadian yang tercatat" in text
