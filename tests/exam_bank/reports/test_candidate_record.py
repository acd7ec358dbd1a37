"""A candidate's report shows the proctor's actions and incidents from the sealed log
(the record both official documents print), not "no incident" for a locked candidate."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

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
        assert expected in text, text
    assert "Tidak ada kejadian" not in text


def test_a_record_with_nothing_in_it_says_so_in_indonesian(sample) -> None:
    from exam_bank.record import CandidateRecord

    exam, candidates = sample
    c = dataclasses.replace(candidates[0], record=CandidateRecord(), incidents=())
    entry = next(e for e in rankings(exam, candidates)[c.position_code].entries
                 if e.participant_no == c.participant_no)
    text = flat(pdf_text(candidate_pdf(exam, c, entry, 3)))
    assert "Tidak ada tindakan pengawas maupun kejadian yang tercatat" in text


def test_the_proctors_decisions_outside_the_log_reach_the_candidate_report(sample) -> None:
    """The sealed bundle's incidents.json carries the proctor's actions with who and why
    (`ProctorAction.to_json`); the office's report prints them as the berita acara does."""
    from exam_bank.cli_report import server_facts
    from exam_bank.record import ActionKind, CandidateRecord, ProctorAction

    exam, candidates = sample
    exam = dataclasses.replace(exam, timezone=dt.timezone(dt.timedelta(hours=7)))
    c = candidates[0]
    no = c.participant_no
    done = [ProctorAction("2026-12-08T01:05:00+00:00", ActionKind.LOGIN_APPROVED,
                          "Sari Dewi", "Kursi A2 rusak", no, "Z9", "pc-77"),
            ProctorAction("2026-12-08T02:10:00+00:00", ActionKind.MOVE_AUTHORIZED,
                          "Agus Salim", "PC mati", no, "Z9", "pc-09", "C01"),
            ProctorAction("2026-12-08T02:11:00+00:00", ActionKind.QUIT_CODE_SHOWN,
                          "Agus Salim", "Menutup ujian di PC yang hang", no, "Z9", "pc-77"),
            ProctorAction("2026-12-08T03:00:00+00:00", ActionKind.LOG_ACCEPTED,
                          "Budi Hartono", "Salah tulis di berita acara", no),
            ProctorAction("2026-12-08T03:01:00+00:00", ActionKind.TOKEN_RENEWED, "Sari Dewi")]
    incidents = [a.to_json() for a in done]
    record = CandidateRecord().with_entries(server_facts(incidents).get(no, ()))
    c = dataclasses.replace(c, record=record)
    entry = next(e for e in rankings(exam, candidates)[c.position_code].entries
                 if e.participant_no == no)
    text = flat(pdf_text(candidate_pdf(exam, c, entry, 3)))
    # The table's time and count columns land inside the wrapped text: read them apart.
    table = text[text.index("Login peserta"):text.index("Sumber:")]
    times = re.findall(r"(\d\d\.\d\d) (?:1 kali )?(?=[A-Za-z])", table)
    words = re.sub(r"\d\d\.\d\d |1 kali ", "", text)
    assert times == ["08.05", "09.10", "09.11", "10.00"], times
    for expected in (
        "Login peserta di kursi Z9 (pc-77) yang menunggu keputusan pengawas disetujui "
        "oleh Sari Dewi; alasan: Kursi A2 rusak",
        "Pemindahan peserta dari kursi Z9 ke pc-09 (kursi C01) disetujui oleh Agus Salim; "
        "alasan: PC mati",
        "Kode keluar aplikasi ujian diberikan oleh Agus Salim untuk PC peserta di kursi Z9 "
        "(pc-77); alasan: Menutup ujian di PC yang hang",
        "Log ujian peserta yang dipertanyakan diterima oleh Budi Hartono; alasan: Salah tulis "
        "di berita acara",
    ):
        assert expected in words, expected
    assert "Token" not in text  # the room's action is no candidate's


def test_an_exit_with_the_proctors_code_is_in_the_candidate_report(sample) -> None:
    from exam_bank.record import candidate_record
    from tests.exam_bank.record.test_exit_record import an_exit_day

    exam, candidates = sample
    exam = dataclasses.replace(exam, timezone=dt.timezone(dt.timedelta(hours=7)))
    c = dataclasses.replace(candidates[0], record=candidate_record(an_exit_day().log.events))
    entry = next(e for e in rankings(exam, candidates)[c.position_code].entries
                 if e.participant_no == c.participant_no)
    text = flat(pdf_text(candidate_pdf(exam, c, entry, 3)))
    for expected in (
        "Kode keluar pengawas yang salah dimasukkan di PC peserta 5 kali",
        "Aplikasi ujian ditutup dengan kode keluar pengawas di kursi A07 (PC07); "
        "jawaban tersimpan",
        "Melanjutkan ujian di PC07 setelah aplikasi atau PC dimulai ulang",
    ):
        assert expected in text, text
