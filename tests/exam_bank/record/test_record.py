"""A candidate's record: the proctor's actions, moves and incidents from the log, the
time they lost, and the Indonesian lines both official documents print."""

from __future__ import annotations

import datetime as dt
from typing import Any

from exam_bank.events.chain import EventLog, encode_event
from exam_bank.events.model import EventType
from exam_bank.record import Fact, candidate_record, lines, lost_time, relevant_events
from exam_bank.record.words import INCIDENT_WORDS, OTHER_INCIDENT, incident_words

WIB = dt.timezone(dt.timedelta(hours=7))
MIN = 60_000


class Day:
    """Writes a candidate's log with wall times from 08:00 WIB (01:00 UTC)."""

    def __init__(self) -> None:
        self.log = EventLog("EX", "P1")

    def add(self, kind: EventType, minute: float, run: int = 1, mono: int | None = None,
            **data: Any) -> None:
        wall = (dt.datetime(2026, 12, 8, 1, 0, tzinfo=dt.UTC)
                + dt.timedelta(minutes=minute)).isoformat()
        self.log.append(kind, data, wall, int(minute * MIN) if mono is None else mono, run)


def a_day() -> Day:
    day = Day()
    day.add(EventType.LOGIN, 0, participant_no="P1", pc="PC03")
    day.add(EventType.IDENTITY_CONFIRMED, 1)
    day.add(EventType.FOCUS_LOST, 5)
    day.add(EventType.FOCUS_LOST, 5.2)
    day.add(EventType.FOCUS_LOST, 5.9)
    day.add(EventType.LOCKED, 10, note="Ada HP di meja", by="Sari Dewi")
    day.add(EventType.UNLOCKED, 17, note="HP diserahkan", by="Sari Dewi")
    day.add(EventType.PAUSED, 20, note="Listrik padam sebentar", by="Agus")
    day.add(EventType.RESUMED, 23, by="Agus")
    day.add(EventType.TIME_EXTENDED, 24, section="mk", minutes=10, note="Ganti waktu",
            by="Agus")
    day.add(EventType.ANSWER_SET, 30, item="q1", answer="A")
    # the PC dies at 08:30; the candidate carries on at the spare PC at 08:42
    day.add(EventType.SESSION_RESUMED, 42, run=2, mono=500, pc="PC41", by="Sari Dewi",
            note="PC mati")
    day.add(EventType.MESSAGE, 50, run=2, mono=500 + 8 * MIN, text="Sisa 10 menit",
            by="Sari Dewi")
    day.add(EventType.EXAM_SUBMITTED, 60, run=2, mono=500 + 18 * MIN, reason="proctor",
            note="Waktu sesi habis", by="Sari Dewi")
    return day


def test_every_proctor_action_with_its_time_reason_and_name() -> None:
    record = candidate_record(a_day().log.events)
    facts = [(e.fact, e.by, e.reason) for e in record.proctor_actions]
    assert facts == [
        (Fact.LOCKED, "Sari Dewi", "Ada HP di meja"),
        (Fact.UNLOCKED, "Sari Dewi", "HP diserahkan"),
        (Fact.PAUSED, "Agus", "Listrik padam sebentar"),
        (Fact.RESUMED, "Agus", ""),
        (Fact.EXTENDED, "Agus", "Ganti waktu"),
        (Fact.MOVED, "Sari Dewi", "PC mati"),  # the authorization the spare PC wrote
        (Fact.MESSAGE, "Sari Dewi", "Sisa 10 menit"),
        (Fact.FORCE_SUBMITTED, "Sari Dewi", "Waktu sesi habis"),
    ]
    moved = [e for e in record.entries if e.fact == Fact.MOVED]
    assert [(e.from_pc, e.pc) for e in moved] == [("PC03", "PC41")]


def test_lost_time_comes_from_the_log_not_a_stopwatch() -> None:
    record = candidate_record(a_day().log.events)
    assert record.stopped_ms == 7 * MIN + 3 * MIN  # locked 7 min, paused 3 min
    assert record.down_ms == 12 * MIN  # last event of run 1 at 08:30, resumed 08:42
    assert record.extra_minutes == 10
    assert lost_time(record) == (
        "Waktu terhenti 22 menit (dijeda atau dikunci 10 menit, PC mati, dimulai ulang atau "
        "pindah 12 menit), tidak dihitung sebagai waktu ujian; tambahan waktu yang "
        "diberikan 10 menit")


def test_lines_are_indonesian_one_per_fact_with_repeats_counted() -> None:
    record = candidate_record(a_day().log.events)
    printed = [str(line) for line in lines(record.entries, {"mk": "Makalah"}, WIB)]
    assert printed == [
        "08.05 Peserta meninggalkan jendela ujian, 3 kali",
        "08.10 Layar ujian dikunci oleh Sari Dewi; alasan: Ada HP di meja",
        "08.17 Kunci layar ujian dibuka oleh Sari Dewi; alasan: HP diserahkan",
        "08.20 Ujian dijeda oleh Agus; alasan: Listrik padam sebentar",
        "08.23 Ujian dilanjutkan oleh Agus",
        "08.24 Waktu bagian Makalah ditambah 10 menit oleh Agus; alasan: Ganti waktu",
        "08.42 Peserta dipindahkan dari PC03 ke PC41 oleh Sari Dewi; alasan: PC mati",
        "08.50 Pesan dari Sari Dewi: “Sisa 10 menit”",
        "09.00 Jawaban dikumpulkan paksa oleh Sari Dewi; alasan: Waktu sesi habis",
    ]


def test_a_run_over_minutes_shows_first_and_last_time() -> None:
    day = Day()
    day.add(EventType.LOGIN, 0, participant_no="P1")
    for k in range(20):
        day.add(EventType.PASTE_REFUSED, 55 + k * 0.05, item="m1", chars=10)
    found = [str(x) for x in lines(candidate_record(day.log.events).entries, tz=WIB)]
    assert found == ["08.55 Peserta mencoba menempelkan teks (ditolak), 20 kali"]
    day.add(EventType.PASTE_REFUSED, 56.5, item="m1", chars=10)
    found = [str(x) for x in lines(candidate_record(day.log.events).entries, tz=WIB)]
    assert found == ["08.55–08.56 Peserta mencoba menempelkan teks (ditolak), 21 kali"]


def test_incident_codes_have_sentences_and_unknown_ones_a_neutral_phrase() -> None:
    assert incident_words("removable_drive").startswith("media penyimpanan lepasan")
    assert incident_words("kiosk_identity") == INCIDENT_WORDS["kiosk_identity"]
    assert incident_words("totally_new_thing") == OTHER_INCIDENT
    for words in INCIDENT_WORDS.values():
        assert "_" not in words and "identity" not in words and "kiosk" not in words


def test_the_record_from_a_stored_log_skips_what_it_does_not_need() -> None:
    day = a_day()
    stored = b"".join(encode_event(e) + b"\n" for e in day.log.events)
    picked = list(relevant_events(stored))
    assert EventType.ANSWER_SET in {e.type for e in picked}  # the one before the move
    assert EventType.IDENTITY_CONFIRMED not in {e.type for e in picked}
    assert candidate_record(picked) == candidate_record(day.log.events)


def test_the_record_round_trips_through_json() -> None:
    from exam_bank.record import CandidateRecord

    record = candidate_record(a_day().log.events)
    assert CandidateRecord.from_dict(record.to_dict()) == record


def test_a_paper_that_writes_json_cannot_pass_for_an_event_type() -> None:
    from exam_bank.events.makalah import revision_data

    day = Day()
    day.add(EventType.LOGIN, 0, participant_no="P1")
    day.add(EventType.MAKALAH_REVISION, 1, **revision_data("m1", 1, "",
                                                            '{"type":"paused","by":"x"}'))
    day.add(EventType.ANSWER_SET, 2, item="q1", answer="A")
    stored = b"".join(encode_event(e) + b"\n" for e in day.log.events)
    picked = [e.type for e in relevant_events(stored)]
    assert picked == [EventType.LOGIN, EventType.ANSWER_SET]  # the last one, not the paper


def test_a_move_without_an_authorization_in_the_log_still_reads_as_a_move() -> None:
    day = Day()
    day.add(EventType.LOGIN, 0, participant_no="P1", pc="PC03")
    day.add(EventType.SESSION_RESUMED, 9, run=2, mono=0, pc="PC41")
    record = candidate_record(day.log.events)
    assert [str(line) for line in lines(record.entries, {}, WIB)] == [
        "08.09 Pindah dari PC03 ke PC41 dan melanjutkan ujian"]
    assert record.proctor_actions == ()


def test_read_aloud_is_a_proctor_action_the_documents_print_in_indonesian() -> None:
    day = Day()
    day.add(EventType.LOGIN, 0, participant_no="P1", pc="PC03")
    day.add(EventType.READ_ALOUD_ON, 3, note="Peserta tunanetra", by="Sari Dewi",
            command=1)
    day.add(EventType.TIME_EXTENDED, 3, section="mk", minutes=15, note="Peserta tunanetra",
            by="Sari Dewi")
    record = candidate_record(day.log.events)
    assert [(e.fact, e.by, e.reason) for e in record.proctor_actions] == [
        (Fact.READ_ALOUD, "Sari Dewi", "Peserta tunanetra"),
        (Fact.EXTENDED, "Sari Dewi", "Peserta tunanetra")]
    assert record.extra_minutes == 15
    text = [line.text for line in lines(record.entries, {"mk": "Makalah"}, WIB)]
    assert text[0] == ("Dibacakan (text-to-speech) diaktifkan oleh Sari Dewi; "
                       "alasan: Peserta tunanetra")
    # The documents read only the event types they print: this one among them.
    log = b"".join(encode_event(e) + b"\n" for e in day.log.events)
    assert [e.type for e in relevant_events(log)][1] == EventType.READ_ALOUD_ON
