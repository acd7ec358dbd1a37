"""The fold: phases, answers checked against the items, navigation, time accounting."""

from __future__ import annotations

from functools import reduce
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_bank.blueprint.forms import Form, FormSection
from exam_bank.events.chain import EventLog, decode_event, encode_event, verify_chain
from exam_bank.events.fold import Phase, SessionState, apply, fold, initial_state, remaining_ms
from exam_bank.events.makalah import revision_data
from exam_bank.events.model import Event, EventType, SubmitReason
from exam_bank.items.model import (
    Item,
    ItemId,
    ItemType,
    LikertSpec,
    MakalahSpec,
    Option,
    OptionId,
)

EXAM, WHO = "SKB-2025-01", "P-0001"
MIN = 60_000


def _choice(item_id: str, kind: ItemType, n: int = 4) -> Item:
    options = tuple(Option(OptionId(chr(ord("A") + k)), f"opsi {k}", weight=k + 1)
                    for k in range(n))
    return Item(ItemId(item_id), kind, "Soal", "integritas", options=options)


ITEMS: dict[str, Item] = {
    "sjt1": _choice("sjt1", ItemType.SJT),
    "mc1": _choice("mc1", ItemType.MC),
    "mr1": _choice("mr1", ItemType.MR),
    "lk1": Item(ItemId("lk1"), ItemType.LIKERT, "Saya tenang", "ke",
                likert=LikertSpec("ke", points=4)),
    "q1": _choice("q1", ItemType.MC),
    "q2": _choice("q2", ItemType.MC),
    "q3": _choice("q3", ItemType.MC),
    "m1": Item(ItemId("m1"), ItemType.MAKALAH, "Tulis makalah", "ad",
               makalah=MakalahSpec("Kasus", "Tulis")),
}
FORM = Form(WHO, "seed", (
    FormSection("tkp", ("sjt1", "mc1", "mr1", "lk1"),
                {"sjt1": ("C", "A", "D", "B"), "mc1": ("A", "B", "C", "D"),
                 "mr1": ("B", "A", "C", "D")}),
    FormSection("fwd", ("q1", "q2", "q3"), {q: ("A", "B", "C", "D") for q in ("q1", "q2", "q3")}),
    FormSection("mk", ("m1",)),
))
LIMITS = {"tkp": 10, "fwd": 5, "mk": 240}
NAV = {"tkp": "free", "fwd": "forward_only", "mk": "free"}


class Kiosk:
    """Writes a log as a kiosk would: its own monotonic clock, runs, and a wall clock that
    the test may set to anything."""

    def __init__(self) -> None:
        self.log = EventLog(EXAM, WHO)
        self.mono = 0
        self.run = 1
        self.wall = "2025-03-01T01:00:00+00:00"

    def at(self, mono_ms: int) -> Kiosk:
        self.mono = mono_ms
        return self

    def after(self, ms: int) -> Kiosk:
        self.mono += ms
        return self

    def do(self, type: EventType, **data: Any) -> Event:
        return self.log.append(type, data, self.wall, self.mono, self.run)

    def reboot(self, mono_ms: int) -> Event:
        self.run += 1
        self.mono = mono_ms
        return self.do(EventType.SESSION_RESUMED, pc="LAB1-07")

    def start(self, section: str = "tkp") -> Kiosk:
        if not self.log.events:
            self.do(EventType.LOGIN, participant_no=WHO)
            self.do(EventType.IDENTITY_CONFIRMED)
            self.do(EventType.RULES_ACKNOWLEDGED)
        self.do(EventType.SECTION_STARTED, section=section)
        return self

    def state(self) -> SessionState:
        return fold(self.log.events, FORM, ITEMS, LIMITS, NAV)


def _messages(state: SessionState) -> list[str]:
    return [f"{p.field}: {p.message}" for p in state.problems]


def test_a_clean_session_folds_without_problems() -> None:
    k = Kiosk().start()
    k.after(5000).do(EventType.ANSWER_SET, item="sjt1", answer="D")
    k.after(5000).do(EventType.ANSWER_SET, item="mr1", answer=["A", "C"])
    k.after(5000).do(EventType.ANSWER_SET, item="lk1", answer=4)
    k.after(1000).do(EventType.FLAG_SET, item="mc1")
    k.after(1000).do(EventType.NAVIGATED, to=3)
    k.after(1000).do(EventType.SECTION_SUBMITTED, section="tkp", reason="candidate")
    s = k.state()
    assert _messages(s) == []
    assert s.phase == Phase.BETWEEN_SECTIONS
    assert s.answers == {"sjt1": "D", "mr1": frozenset({"A", "C"}), "lk1": 4}
    assert s.flags == {"mc1"}
    assert s.worked_ms == {"tkp": 18_000}
    assert s.remaining_of("tkp") == 10 * MIN - 18_000
    assert s.submitted == {"tkp": SubmitReason.CANDIDATE}
    assert s.final_hash == k.log.events[-1].hash
    assert s.item_index == 3


@pytest.mark.parametrize("item,answer,fragment", [
    ("sjt1", "E", "not an option"),
    ("sjt1", ["A"], "not an option"),
    ("mr1", ["A", "Z"], "not a list of options"),
    ("mr1", "A", "not a list of options"),
    ("lk1", 5, "not a point from 1 to 4"),
    ("lk1", 0, "not a point from 1 to 4"),
    ("q1", "A", "not in section 'tkp'"),
    ("nope", "A", "not in section"),
])
def test_invalid_answers_are_reported_not_accepted(item: str, answer: Any,
                                                   fragment: str) -> None:
    k = Kiosk().start()
    k.after(100).do(EventType.ANSWER_SET, item=item, answer=answer)
    s = k.state()
    assert s.answers == {}
    assert len(s.problems) == 1 and fragment in s.problems[0].message
    assert s.problems[0].field == f"seq {k.log.events[-1].seq}"


def test_answers_outside_a_section_are_refused() -> None:
    k = Kiosk()
    k.do(EventType.LOGIN, participant_no=WHO)
    k.do(EventType.ANSWER_SET, item="sjt1", answer="A")
    assert "no section is open" in _messages(k.state())[0]


def test_phases_go_in_order() -> None:
    k = Kiosk()
    k.do(EventType.LOGIN, participant_no="P-9999")
    k.do(EventType.RULES_ACKNOWLEDGED)
    k.do(EventType.LOGIN, participant_no=WHO)
    k.do(EventType.IDENTITY_CONFIRMED)
    k.do(EventType.RULES_ACKNOWLEDGED)
    k.do(EventType.SECTION_STARTED, section="fwd")
    k.do(EventType.SECTION_STARTED, section="tkp")
    s = k.state()
    assert s.phase == Phase.IN_SECTION and s.section is not None
    assert s.section.section_id == "tkp"
    assert [p.field for p in s.problems] == ["seq 1", "seq 2", "seq 6"]
    assert "next section is 'tkp'" in s.problems[2].message


def test_forward_only_refuses_going_back() -> None:
    k = Kiosk().start()
    k.do(EventType.SECTION_SUBMITTED, section="tkp", reason="candidate")
    k.do(EventType.SECTION_STARTED, section="fwd")
    k.do(EventType.ANSWER_SET, item="q1", answer="A")
    k.do(EventType.NAVIGATED, to=2)
    k.do(EventType.NAVIGATED, to=1)
    k.do(EventType.ANSWER_SET, item="q1", answer="B")
    k.do(EventType.ANSWER_SET, item="q3", answer="C")
    s = k.state()
    assert s.item_index == 2
    assert s.answers == {"q1": "A", "q3": "C"}
    assert len(s.problems) == 2
    assert all("forward-only" in p.message for p in s.problems)


def test_free_sections_allow_going_back() -> None:
    k = Kiosk().start()
    k.do(EventType.NAVIGATED, to=3)
    k.do(EventType.NAVIGATED, to=0)
    k.do(EventType.NAVIGATED, to=4)
    s = k.state()
    assert s.item_index == 0
    assert _messages(s) == [f"seq {k.log.events[-1].seq}: navigated refused: section 'tkp' "
                            "has 4 items"]


# -- time ----------------------------------------------------------------------------------


def test_down_time_between_runs_is_not_charged() -> None:
    k = Kiosk().start()
    k.at(0).do(EventType.ANSWER_SET, item="sjt1", answer="A")
    k.at(5 * MIN).do(EventType.ANSWER_SET, item="mc1", answer="A")  # run ends at 300000
    k.reboot(5000)  # a new run, its clock starts afresh
    assert k.state().worked_ms == {"tkp": 5 * MIN}
    k.at(65_000).do(EventType.ANSWER_SET, item="lk1", answer=1)
    s = k.state()
    assert _messages(s) == []
    assert s.worked_ms == {"tkp": 6 * MIN} and s.runs == 2
    assert remaining_ms(s, 125_000, run=2) == 3 * MIN
    assert remaining_ms(s, 125_000, run=1) == 4 * MIN  # another run's clock adds nothing


def test_a_run_ending_at_600000_and_resuming_at_5000_charges_nothing_for_the_gap() -> None:
    k = Kiosk().start("tkp")
    k.at(0).do(EventType.TIME_EXTENDED, section="tkp", minutes=20)
    k.at(600_000).do(EventType.FLAG_SET, item="sjt1")
    before = k.state().worked_ms["tkp"]
    k.reboot(5000)
    assert k.state().worked_ms["tkp"] == before == 600_000


def test_the_wall_clock_changes_nothing() -> None:
    def session(walls: list[str]) -> SessionState:
        k = Kiosk()
        steps = [(EventType.LOGIN, {"participant_no": WHO}), (EventType.IDENTITY_CONFIRMED, {}),
                 (EventType.RULES_ACKNOWLEDGED, {}), (EventType.SECTION_STARTED,
                                                      {"section": "tkp"}),
                 (EventType.ANSWER_SET, {"item": "mc1", "answer": "B"}),
                 (EventType.FLAG_SET, {"item": "mc1"})]
        for n, ((kind, data), wall) in enumerate(zip(steps, walls, strict=True)):
            k.wall = wall
            k.at(n * 40_000).do(kind, **data)
        return k.state()

    steady = [f"2025-03-01T01:0{n}:00+00:00" for n in range(6)]
    jumpy = ["2025-03-01T01:00:00+00:00", "2024-01-01T00:00:00+00:00",
             "2031-12-31T23:59:59+00:00", "2025-03-01T00:00:00+07:00",
             "1999-01-01T00:00:00+00:00", "2025-03-01T01:00:00+00:00"]
    a, b = session(steady), session(jumpy)
    assert a.worked_ms == b.worked_ms == {"tkp": 80_000}
    assert (a.answers, a.flags, a.phase, a.problems) == (b.answers, b.flags, b.phase, b.problems)


def test_paused_and_locked_time_is_not_charged() -> None:
    k = Kiosk().start()
    k.at(10_000).do(EventType.PAUSED, by="proctor")
    k.at(70_000).do(EventType.RESUMED)
    k.at(80_000).do(EventType.LOCKED)
    k.at(200_000).do(EventType.UNLOCKED)
    k.at(210_000).do(EventType.FLAG_SET, item="mc1")
    s = k.state()
    assert s.worked_ms == {"tkp": 30_000}
    paused = apply(s, k.at(220_000).do(EventType.PAUSED))
    assert remaining_ms(paused, 900_000, run=1) == 10 * MIN - 40_000


def test_answers_while_paused_are_refused() -> None:
    k = Kiosk().start()
    k.do(EventType.PAUSED)
    k.do(EventType.ANSWER_SET, item="mc1", answer="A")
    k.do(EventType.PAUSED)
    s = k.state()
    assert s.answers == {}
    assert ["paused" in m for m in _messages(s)] == [True, True]


def test_an_extension_adds_time_even_after_time_ran_out() -> None:
    k = Kiosk().start()
    k.at(0).do(EventType.TIME_EXTENDED, section="tkp", minutes=5)
    assert remaining_ms(k.state(), 0, run=1) == 15 * MIN
    k.at(20 * MIN).do(EventType.ANSWER_SET, item="mc1", answer="A")  # 5 minutes too late
    s = k.state()
    assert s.answers == {} and "time is up" in s.problems[0].message
    assert s.worked_ms == {"tkp": 15 * MIN} and s.remaining_of("tkp") == 0
    k.after(1000).do(EventType.TIME_EXTENDED, section="tkp", minutes=2)
    assert remaining_ms(k.state(), k.mono, run=1) == 2 * MIN


def test_remaining_is_never_negative_and_time_up_submits() -> None:
    k = Kiosk().start()
    s = k.state()
    assert remaining_ms(s, 10 * MIN - 1, run=1) == 1
    assert remaining_ms(s, 10 * MIN, run=1) == 0
    assert remaining_ms(s, 99 * MIN, run=1) == 0
    k.at(10 * MIN).do(EventType.SECTION_SUBMITTED, section="tkp", reason="time_up")
    s = k.state()
    assert _messages(s) == [] and s.remaining_of("tkp") == 0
    assert s.submitted == {"tkp": SubmitReason.TIME_UP}


def test_an_early_time_up_is_reported() -> None:
    k = Kiosk().start()
    k.at(MIN).do(EventType.SECTION_SUBMITTED, section="tkp", reason="time_up")
    assert "with 540000 ms left" in _messages(k.state())[0]


def test_monotonic_time_going_back_within_a_run_charges_nothing() -> None:
    k = Kiosk().start()
    k.at(50_000).do(EventType.FLAG_SET, item="mc1")
    k.at(20_000).do(EventType.FLAG_CLEARED, item="mc1")
    k.at(60_000).do(EventType.FLAG_SET, item="mc1")
    s = k.state()
    assert s.worked_ms == {"tkp": 60_000}
    assert "goes back by 30000 ms" in s.problems[0].message


def test_a_new_run_without_session_resumed_is_reported() -> None:
    k = Kiosk().start()
    k.run = 2
    k.at(0).do(EventType.FLAG_SET, item="mc1")
    assert "must begin with session_resumed" in _messages(k.state())[0]


def test_proctor_force_submit_closes_the_open_section() -> None:
    k = Kiosk().start()
    k.do(EventType.LOCKED)
    k.do(EventType.EXAM_SUBMITTED, reason="proctor", by="pengawas")
    s = k.state()
    assert s.phase == Phase.SUBMITTED and s.submitted == {"tkp": SubmitReason.PROCTOR}
    k.do(EventType.ANSWER_SET, item="mc1", answer="A")
    assert "no section is open" in _messages(k.state())[0]


def test_candidate_cannot_end_the_exam_mid_section() -> None:
    k = Kiosk().start()
    k.do(EventType.EXAM_SUBMITTED, reason="candidate")
    assert k.state().phase == Phase.IN_SECTION


def test_incidents_messages_focus_and_pastes_are_kept() -> None:
    k = Kiosk().start()
    k.do(EventType.FOCUS_LOST)
    k.do(EventType.FOCUS_REGAINED)
    k.do(EventType.FOCUS_LOST)
    k.do(EventType.PASTE_REFUSED, item="mc1", chars=120)
    k.do(EventType.INCIDENT, kind="listrik padam", note="UPS aktif", by="pengawas")
    k.do(EventType.MESSAGE, text="Sisa waktu 5 menit")
    s = k.state()
    assert (s.focus_away, s.focus_losses, s.pastes_refused) == (True, 2, 1)
    assert [(i.kind, i.note, i.by) for i in s.incidents] == [("listrik padam", "UPS aktif",
                                                              "pengawas")]
    assert s.messages == ("Sisa waktu 5 menit",)


def test_makalah_text_is_rebuilt_and_checked() -> None:
    k = _to_makalah()
    texts = ["", "Pendahuluan", "Pendahuluan: kota Sukamaju", "Pendahuluan kota Sukamaju 🏙️",
             "Bab 1. Pendahuluan kota Sukamaju 🏙️"]
    for rev, (old, new) in enumerate(pairwise(texts), 1):
        k.after(1000).do(EventType.MAKALAH_REVISION, **revision_data("m1", rev, old, new))
    s = k.state()
    assert _messages(s) == []
    assert s.makalah == {"m1": texts[-1]} and s.makalah_rev == {"m1": 4}
    bad = revision_data("m1", 5, texts[-1], texts[-1] + "!")
    k.do(EventType.MAKALAH_REVISION, **{**bad, "ins": "?"})
    k.do(EventType.MAKALAH_REVISION, **revision_data("m1", 7, texts[-1], "x"))
    s = k.state()
    assert s.makalah == {"m1": texts[-1]}
    assert ["hash differs" in m for m in _messages(s)] == [True, False]
    assert "expected 5" in _messages(s)[1]


def test_makalah_answers_come_only_as_revisions() -> None:
    k = _to_makalah()
    k.do(EventType.ANSWER_SET, item="m1", answer="teks")
    assert "makalah_revision" in _messages(k.state())[0]


def _to_makalah() -> Kiosk:
    k = Kiosk().start()
    k.do(EventType.SECTION_SUBMITTED, section="tkp", reason="candidate")
    k.do(EventType.SECTION_STARTED, section="fwd")
    k.do(EventType.SECTION_SUBMITTED, section="fwd", reason="candidate")
    k.do(EventType.SECTION_STARTED, section="mk")
    return k


def test_the_fold_reads_decoded_events_alike() -> None:
    k = _to_makalah()
    k.after(1000).do(EventType.MAKALAH_REVISION, **revision_data("m1", 1, "", "Halo"))
    again = [decode_event(encode_event(e)) for e in k.log.events]
    assert fold(again, FORM, ITEMS, LIMITS, NAV) == k.state()


def test_a_broken_link_is_reported_by_the_fold_too() -> None:
    k = Kiosk().start()
    events = list(k.log.events)
    del events[1]
    s = fold(events, FORM, ITEMS, LIMITS, NAV)
    assert "expected seq 2" in _messages(s)[0]


def test_every_section_needs_a_limit() -> None:
    with pytest.raises(ValueError, match="no time limit for section"):
        initial_state(FORM, ITEMS, {"tkp": 10})


# -- properties ----------------------------------------------------------------------------

ANSWERS: list[Any] = ["A", "B", "D", "E", ["A", "B"], ["C"], ["Z"], 1, 4, 5]
ACTIONS = st.one_of(
    st.tuples(st.sampled_from([EventType.LOGIN]), st.just({"participant_no": WHO})),
    st.tuples(st.sampled_from([EventType.IDENTITY_CONFIRMED, EventType.RULES_ACKNOWLEDGED,
                               EventType.PAUSED, EventType.RESUMED, EventType.LOCKED,
                               EventType.UNLOCKED, EventType.FOCUS_LOST,
                               EventType.FOCUS_REGAINED, EventType.SESSION_RESUMED]),
              st.just({})),
    st.tuples(st.just(EventType.SECTION_STARTED), st.fixed_dictionaries(
        {"section": st.sampled_from(list(LIMITS))})),
    st.tuples(st.just(EventType.ANSWER_SET), st.fixed_dictionaries(
        {"item": st.sampled_from(list(ITEMS)), "answer": st.sampled_from(ANSWERS)})),
    st.tuples(st.sampled_from([EventType.ANSWER_CLEARED, EventType.FLAG_SET,
                               EventType.FLAG_CLEARED]),
              st.fixed_dictionaries({"item": st.sampled_from(list(ITEMS))})),
    st.tuples(st.just(EventType.NAVIGATED), st.fixed_dictionaries({"to": st.integers(0, 4)})),
    st.tuples(st.just(EventType.TIME_EXTENDED), st.fixed_dictionaries(
        {"section": st.sampled_from(list(LIMITS)), "minutes": st.integers(1, 10)})),
    st.tuples(st.sampled_from([EventType.SECTION_SUBMITTED]), st.fixed_dictionaries(
        {"section": st.sampled_from(list(LIMITS)),
         "reason": st.sampled_from(list(SubmitReason))})),
    st.tuples(st.just(EventType.EXAM_SUBMITTED), st.fixed_dictionaries(
        {"reason": st.sampled_from(list(SubmitReason))})),
    st.tuples(st.just(EventType.MAKALAH_REVISION), st.text(max_size=12).map(
        lambda t: {"typed": t})),
)
# Random actions alone rarely get past login; these two play what a kiosk would do next.
ADVANCE, VALID_ANSWER = "advance", "valid_answer"
SMART = st.one_of(st.tuples(st.just(ADVANCE), st.just({})),
                  st.tuples(st.just(VALID_ANSWER), st.fixed_dictionaries(
                      {"pick": st.integers(0, 9)})))
DELAY = st.one_of(st.integers(0, 5000), st.integers(0, 4 * MIN))
STEP = st.tuples(st.one_of(SMART, SMART, ACTIONS), DELAY, st.booleans())
STEPS = st.builds(lambda n, rest: [((ADVANCE, {}), 1000, False)] * n + rest,
                  st.sampled_from([0, 2, 4, 4, 6, 8]), st.lists(STEP, max_size=50))


def _smart(state: SessionState, kind: str, data: dict[str, Any]
           ) -> tuple[EventType, dict[str, Any]] | None:
    """The event the kiosk would write for a smart action, or None when there is none."""
    if kind == VALID_ANSWER:
        section = state.section
        if section is None:
            return None
        item_id = section.item_ids[data["pick"] % len(section.item_ids)]
        item = ITEMS[item_id]
        if item.type == ItemType.MAKALAH:
            return None
        answer: Any = {ItemType.MR: ["A", "B"], ItemType.LIKERT: 2}.get(item.type, "C")
        return EventType.ANSWER_SET, {"item": item_id, "answer": answer}
    following = {Phase.LOGIN: (EventType.LOGIN, {"participant_no": WHO}),
                 Phase.IDENTITY: (EventType.IDENTITY_CONFIRMED, {}),
                 Phase.RULES: (EventType.RULES_ACKNOWLEDGED, {})}
    if state.phase in following:
        return following[state.phase]
    if state.section is not None:
        return EventType.SECTION_SUBMITTED, {"section": state.section.section_id,
                                             "reason": "candidate"}
    if state.phase == Phase.BETWEEN_SECTIONS and state.section_index + 1 < len(FORM.sections):
        return EventType.SECTION_STARTED, {
            "section": FORM.sections[state.section_index + 1].section_id}
    return EventType.EXAM_SUBMITTED, {"reason": "candidate"}


def _play(steps: list[tuple[tuple[EventType, dict[str, Any]], int, bool]]
          ) -> tuple[list[Event], list[SessionState]]:
    """Writes the steps as a kiosk would, folding as it goes; the states after each event."""
    k = Kiosk()
    state = initial_state(FORM, ITEMS, LIMITS, NAV)
    states = [state]
    for (kind, data), delta, crash in steps:
        if kind in (ADVANCE, VALID_ANSWER):
            smart = _smart(state, kind, data)
            if smart is None:
                continue
            kind, data = smart
        if kind == EventType.SESSION_RESUMED:
            if not crash:
                continue
            event = k.reboot(delta)
        else:
            if kind == EventType.MAKALAH_REVISION:
                old = state.makalah.get("m1", "")
                data = revision_data("m1", state.makalah_rev.get("m1", 0) + 1, old,
                                     old + data["typed"])
            event = k.after(delta).do(kind, **data)
        state = apply(state, event)
        states.append(state)
    return k.log.events, states


@settings(max_examples=150)
@given(STEPS, st.integers(0, 60))
def test_incremental_and_one_go_folds_agree(steps: list[Any], cut: int) -> None:
    events, states = _play(steps)
    for n in range(len(events) + 1):
        assert fold(events[:n], FORM, ITEMS, LIMITS, NAV) == states[n]
    cut = min(cut, len(events))
    again = reduce(apply, events[cut:], fold(events[:cut], FORM, ITEMS, LIMITS, NAV))
    decoded = [decode_event(encode_event(e)) for e in events]
    assert again == states[-1] == fold(decoded, FORM, ITEMS, LIMITS, NAV)
    assert verify_chain(events, EXAM, WHO) == []


@settings(max_examples=150)
@given(STEPS, st.integers(0, 10 * MIN))
def test_folded_state_is_always_sound(steps: list[Any], later: int) -> None:
    events, states = _play(steps)
    final = states[-1]
    for item_id, response in final.answers.items():
        item = ITEMS[item_id]
        if item.type == ItemType.MR:
            assert isinstance(response, frozenset) and response <= {"A", "B", "C", "D"}
        elif item.type == ItemType.LIKERT:
            assert isinstance(response, int) and 1 <= response <= 4
        else:
            assert response in {"A", "B", "C", "D"}
    for sid in LIMITS:
        assert 0 <= final.worked_ms.get(sid, 0) <= final.budget_ms(sid)
        assert final.remaining_of(sid) >= 0
    if final.section is not None:
        now = (final.last_mono_ms or 0) + later
        assert 0 <= remaining_ms(final, now, final.run) <= final.remaining_of(
            final.section.section_id)
    assert set(final.submitted) <= set(LIMITS)
    assert final.final_hash == (events[-1].hash if events else "")
    assert all(p.field and p.field.startswith("seq ") for p in final.problems)


def test_a_raised_hand_stays_up_until_a_proctor_answers_it() -> None:
    k = Kiosk().start()
    k.do(EventType.HAND_RAISED, note="layar berkedip")
    assert k.state().hand_raised
    k.do(EventType.HAND_RAISED)  # a second raise while the hand is up changes nothing
    k.do(EventType.HAND_ANSWERED, by="Pengawas 1")
    s = k.state()
    assert not s.hand_raised
    assert ["already hand_raised" in m for m in _messages(s)] == [True]


@settings(max_examples=100)
@given(STEPS)
def test_the_fast_state_copy_folds_exactly_as_dataclasses_replace(steps: list[Any]) -> None:
    """The fold copies states with its own `_replace` for speed; every state along a random
    log must equal (problems, answers, times, everything compared) the one the generic
    `dataclasses.replace` gives."""
    import dataclasses
    import importlib

    fold_module = importlib.import_module("exam_bank.events.fold")  # the package has fold()

    events, fast_states = _play(steps)
    fast = fold_module._replace
    fold_module._replace = dataclasses.replace  # type: ignore[assignment]
    try:
        slow_states = [initial_state(FORM, ITEMS, LIMITS, NAV)]
        for event in events:
            slow_states.append(apply(slow_states[-1], event))
    finally:
        fold_module._replace = fast
    assert slow_states == fast_states
    assert [vars(s) for s in slow_states] == [vars(s) for s in fast_states]
    with pytest.raises(TypeError):
        fast(fast_states[-1], no_such_field=1)
