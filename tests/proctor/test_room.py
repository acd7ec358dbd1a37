"""The room model: seat status by heartbeat age, progress and time from folded events,
incidents, attendance, and consistent snapshots while the server feeds it."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from exam_bank.events.model import EventType
from exam_bank.examzone import exam_zone
from exam_bank.status_words import Progress
from proctor.room import Attendance, Room, SeatStatus, seat_position
from tests.proctor.console.roomkit import DATE, MIN, Kiosk, package, participant, seat_of

EARLY = dt.datetime.combine(DATE, dt.time(7, 50))
AFTER_GRACE = dt.datetime.combine(DATE, dt.time(8, 30))


def test_seats_come_from_the_session_seat_plan_in_room_order() -> None:
    snap = Room(package(), "S1").snapshot(0, EARLY)
    assert len(snap.seats) == 40
    assert [s.seat for s in snap.seats[:9]] == [*(f"A{n}" for n in range(1, 9)), "B1"]
    assert snap.seat("C3").participant_no == participant(18)
    assert (snap.seat("E8").row, snap.seat("E8").col) == ("E", 8)
    assert "SLT-9999" not in {s.participant_no for s in snap.seats}  # session S2
    assert snap.room == "Lab CAT 2" and snap.exam_title == "Seleksi Terbuka JPT Pratama"


def test_unknown_session_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="S1, S2"):
        Room(package(), "S9")


def test_seat_position_splits_letters_and_number() -> None:
    assert seat_position("D12") == ("D", 12)
    assert seat_position("7") == ("", 7)


def test_status_follows_heartbeat_age() -> None:
    room = Room(package(), "S1")
    assert room.snapshot(0, EARLY).seat("A1").status == SeatStatus.NOT_YET
    room.heartbeat("A1", "pc-01", None, 10_000)
    assert room.snapshot(15_000, EARLY).seat("A1").status == SeatStatus.ONLINE
    assert room.snapshot(15_001, EARLY).seat("A1").status == SeatStatus.LATE
    assert room.snapshot(25_001, EARLY).seat("A1").status == SeatStatus.LOST
    room.heartbeat("A1", "pc-01", None, 25_500)
    assert room.snapshot(26_000, EARLY).seat("A1").status == SeatStatus.ONLINE


def test_a_seat_nobody_came_to_is_absent_after_the_grace() -> None:
    room = Room(package(), "S1", late_after_min=15)
    assert room.snapshot(0, EARLY).seat("B2").status == SeatStatus.NOT_YET
    snap = room.snapshot(0, AFTER_GRACE)
    assert snap.seat("B2").status == SeatStatus.ABSENT
    assert snap.counts()[Attendance.ABSENT] == 40


def test_progress_section_and_time_left_from_the_log() -> None:
    room = Room(package(), "S1")
    k = Kiosk(participant(0))
    events = k.into_section()
    events += [k.do(EventType.ANSWER_SET, 60_000, item="q1", answer="A"),
               k.do(EventType.ANSWER_SET, 60_000, item="q2", answer="B")]
    room.heartbeat("A1", "pc-01", participant(0), 1_000)
    room.replicated(participant(0), events, now_ms=1_000)
    view = room.snapshot(1_000, EARLY).seat("A1")
    assert (view.answered, view.total) == (2, 15)
    assert view.section_id == "tkp" and view.section_title == "Karakteristik Pribadi"
    assert view.time_left_ms == 30 * MIN - 120_000
    # The clock keeps running at the proctor between events ...
    assert room.snapshot(31_000, EARLY).seat("A1").time_left_ms == 30 * MIN - 150_000
    # ... but not while paused.
    room.replicated(participant(0), [k.do(EventType.PAUSED, 0, note="listrik", by="Bu Ani")],
                    now_ms=31_000)
    paused = room.snapshot(91_000, EARLY).seat("A1")
    assert paused.paused and paused.time_left_ms == 30 * MIN - 120_000


def test_kiosk_reported_time_left_is_preferred_and_aged() -> None:
    room = Room(package(), "S1")
    k = Kiosk(participant(0))
    room.replicated(participant(0), k.into_section(), now_ms=0)
    room.heartbeat("A1", "pc-01", participant(0), 5_000, time_left_ms=20 * MIN)
    assert room.snapshot(7_000, EARLY).seat("A1").time_left_ms == 20 * MIN - 2_000


def test_refeeding_after_a_restart_changes_nothing() -> None:
    room = Room(package(), "S1")
    k = Kiosk(participant(0))
    events = [*k.into_section(), k.do(EventType.ANSWER_SET, item="q1", answer="A")]
    room.replicated(participant(0), events, now_ms=0)
    room.replicated(participant(0), events, now_ms=0)
    assert room.snapshot(0, EARLY).seat("A1").answered == 1
    assert len(room.timeline(participant(0))) == len(events)


def test_flags_and_submission() -> None:
    room = Room(package(), "S1")
    k = Kiosk(participant(1))
    room.replicated(participant(1), [*k.into_section(), k.do(EventType.HAND_RAISED),
                                     k.do(EventType.LOCKED, note="curang", by="Pak Budi")])
    view = room.snapshot(0, EARLY).seat("A2")
    assert view.hand_raised and view.locked and view.problem and not view.submitted
    room.replicated(participant(1), [k.do(EventType.EXAM_SUBMITTED, reason="proctor",
                                          by="Pak Budi")])
    done = room.snapshot(0, EARLY).seat("A2")
    assert done.submitted and done.time_left_ms is None


def test_a_submitted_seat_whose_pc_is_switched_off_is_no_problem() -> None:
    room = Room(package(), "S1")
    k = Kiosk(participant(1))
    room.replicated(participant(1), [
        *k.into_section(), k.do(EventType.SECTION_SUBMITTED, section="tkp", reason="candidate"),
        k.do(EventType.SECTION_STARTED, section="mjr"),
        k.do(EventType.SECTION_SUBMITTED, section="mjr", reason="candidate"),
        k.do(EventType.EXAM_SUBMITTED, reason="candidate")])
    room.heartbeat("A2", "pc-02", participant(1), 0)
    working = Kiosk(participant(2))
    room.replicated(participant(2), working.into_section())
    room.heartbeat("A3", "pc-03", participant(2), 0)
    snap = room.snapshot(60_000, EARLY)
    assert snap.seat("A2").status == SeatStatus.DONE and not snap.seat("A2").problem
    assert snap.seat("A3").status == SeatStatus.LOST and snap.seat("A3").problem


def test_incidents_from_the_server_and_from_logs_reach_feed_and_seat() -> None:
    room = Room(package(), "S1")
    room.incident("B3", participant(10), "fork", "seq 7 differs from the stored event")
    k = Kiosk(participant(11))
    room.replicated(participant(11), [*k.into_section(), k.do(EventType.FOCUS_LOST),
                                      k.do(EventType.INCIDENT, kind="ktp", note="KTP beda")])
    snap = room.snapshot(0, EARLY)
    kinds = [(i.seat, i.kind, i.source) for i in snap.incidents]
    assert kinds == [("B3", "fork", "server"), ("B4", "focus_lost", "log"),
                     ("B4", "ktp", "log")]
    assert snap.seat("B3").incidents == 1 and snap.seat("B4").incidents == 2
    assert snap.seat("B5").incidents == 0
    assert snap.incidents[2].evidence == "KTP beda"


def test_events_for_a_stranger_become_an_incident_not_a_crash() -> None:
    room = Room(package(), "S1")
    room.replicated("SLT-9999", Kiosk("SLT-9999").into_section())
    assert [i.kind for i in room.snapshot(0, EARLY).incidents] == ["unknown_participant"]


def test_attendance_present_late_absent() -> None:
    room = Room(package(), "S1", late_after_min=15)
    on_time = Kiosk(participant(0))
    room.replicated(participant(0), on_time.into_section())
    late = Kiosk(participant(1))
    late.wall += dt.timedelta(minutes=20)
    room.replicated(participant(1), late.into_section())
    snap = room.snapshot(0, AFTER_GRACE)
    by_no = {a.participant_no: a for a in snap.attendance}
    assert by_no[participant(0)].status == Attendance.PRESENT
    # The list says when they signed in (their login), not when they confirmed identity.
    assert by_no[participant(0)].signed_in_at == "08:00:01"
    assert by_no[participant(0)].progress == Progress.WORKING
    assert by_no[participant(2)].signed_in_at is None and by_no[participant(2)].progress is None
    assert by_no[participant(1)].status == Attendance.LATE
    assert by_no[participant(2)].status == Attendance.ABSENT
    assert snap.counts() == {Attendance.PRESENT: 1, Attendance.LATE: 1,
                             Attendance.ABSENT: 38, Attendance.NOT_YET: 0}


def test_timeline_numbers_items_and_folds_makalah_typing() -> None:
    room = Room(package(), "S1")
    k = Kiosk(participant(0))
    room.replicated(participant(0), [*k.into_section(),
                                     k.do(EventType.ANSWER_SET, item="q4", answer="C")])
    lines = room.timeline(participant(0))
    assert [e.kind for e in lines] == ["login", "identity_confirmed", "rules_acknowledged",
                                       "section_started", "answer_set"]
    assert lines[-1].params["number"] == 4 and lines[-1].wall == "08:00:05"
    assert lines[3].params["section_title"] == "Karakteristik Pribadi"


def test_free_kiosks_and_a_moved_candidate() -> None:
    room = Room(package(), "S1")
    room.heartbeat("X1", "spare-1", None, 0)
    room.heartbeat("X2", "spare-2", None, 0)
    snap = room.snapshot(1_000, EARLY)
    assert [k.kiosk_id for k in snap.free_kiosks] == ["spare-1", "spare-2"]
    assert snap.seat("X1").participant_no is None  # a spare PC shows as its own tile
    room.heartbeat("A1", "pc-01", participant(0), 0)
    room.heartbeat("X1", "spare-1", participant(0), 2_000)  # moved after pc-01 died
    moved = room.snapshot(3_000, EARLY)
    assert moved.seat("A1").kiosk_id == "spare-1" and moved.seat("A1").kiosk_seat == "X1"
    assert moved.seat("A1").status == SeatStatus.ONLINE
    assert [k.kiosk_id for k in moved.free_kiosks] == ["spare-2"]
    with pytest.raises(KeyError):
        moved.seat("X1")


def test_snapshots_stay_consistent_while_fed_from_another_thread() -> None:
    room = Room(package(), "S1")
    k = Kiosk(participant(0))
    room.replicated(participant(0), k.into_section())
    answers = [k.do(EventType.ANSWER_SET, item=f"q{n}", answer="A") for n in range(1, 11)]
    stop = threading.Event()

    def feed() -> None:
        for n, event in enumerate(answers):
            room.replicated(participant(0), [event])
            room.heartbeat(seat_of(n), f"pc-{n}", participant(n), n)
            room.incident(seat_of(n), None, "test", str(n))
        stop.set()

    seen: list[tuple[int, int, int]] = []
    thread = threading.Thread(target=feed)
    thread.start()
    while not stop.is_set() or not seen:
        snap = room.snapshot(100, EARLY)
        timeline = room.timeline(participant(0))
        seen.append((snap.seat("A1").answered, len(snap.incidents), len(timeline)))
    thread.join()
    assert all(0 <= answered <= 10 and incidents <= 10 for answered, incidents, _ in seen)
    assert [a for a, _, _ in seen] == sorted(a for a, _, _ in seen)  # never goes back
    final = room.snapshot(100, EARLY)
    assert final.seat("A1").answered == 10 and len(final.incidents) == 10


def test_the_rooms_record_of_a_candidate_is_the_fold_of_their_whole_log() -> None:
    """The room folds only what the record reads (a paper's keystrokes cost nothing),
    and still gets what `candidate_record` gets from every event."""
    from exam_bank.record import candidate_record, lines, lost_time

    room = Room(package(), "S1")
    k = Kiosk(participant(1))
    events = [*k.into_section(), k.do(EventType.PAUSED, 1000, note="listrik", by="Ani"),
              k.do(EventType.RESUMED, 60_000, by="Ani"),
              k.do(EventType.ANSWER_SET, 5_000, item="q2", answer="A"),
              k.do(EventType.LOCKED, 1000, note="HP", by="Ani"),
              k.do(EventType.ANSWER_SET, 1000, item="q3", answer="A")]
    room.replicated(participant(1), events[:4])
    room.replicated(participant(1), events[4:])
    record = room.day_record()
    [facts] = [c for c in record.candidates if c.participant_no == participant(1)]
    expected = candidate_record(events)
    assert expected.stopped_ms == 60_000 + 1000  # paused a minute; locked since the last
    assert facts.lost == lost_time(expected) == (
        "Waktu terhenti 1 menit (dijeda atau dikunci), tidak dihitung sebagai waktu ujian")
    assert facts.lines == tuple(str(x) for x in lines(expected.entries, tz=exam_zone()))
