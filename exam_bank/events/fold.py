"""A session's state as a pure fold over its events: the one implementation the kiosk,
the proctor and the central importer all run, so they agree by construction.

`fold(events, ...)` is `functools.reduce(apply, events, initial_state(...))`; the kiosk
keeps the state and applies each new event as it is appended.

An event the state does not allow (an option not in the item, going back in a
forward-only section, an answer after time is up, a second login ...) changes nothing and
is recorded in `state.problems`, naming its seq: the log is evidence, so the fold reports
rather than rejects, and never guesses what was meant.

Time. Within one run of the kiosk, the time between two consecutive events is charged to
the current section when the section is open and neither paused nor locked; a section's
worked time never exceeds its limit plus extensions (so an extension given after time ran
out gives the full extension). Between the last event of one run and the
`session_resumed` that opens the next, nothing is charged: monotonic clocks of different
runs cannot be compared, and down time is never the candidate's. (The proctor may still
give time back with `time_extended`; nothing here takes time away.) `wall` is never read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import reduce

from exam_bank.blueprint.forms import Form, FormSection
from exam_bank.blueprint.model import Blueprint
from exam_bank.events.makalah import rebuild
from exam_bank.events.model import Event, EventType, SubmitReason, check_data
from exam_bank.items.kinds import kind_of
from exam_bank.items.model import Item, ItemType
from exam_bank.problems import Problem
from exam_bank.scoring.responses import Response

WHERE = "event log"
MINUTE_MS = 60_000


class Phase(StrEnum):
    LOGIN = "login"
    IDENTITY = "identity"
    RULES = "rules"
    IN_SECTION = "in_section"
    BETWEEN_SECTIONS = "between_sections"
    SUBMITTED = "submitted"


@dataclass(frozen=True)
class FoldContext:
    """What the fold needs besides the events: the candidate's form and the exam's rules."""

    form: Form
    items: Mapping[str, Item]
    limits_ms: Mapping[str, int]  # per section id
    navigation: Mapping[str, str]  # per section id: "free" or "forward_only"


@dataclass(frozen=True)
class Incident:
    seq: int
    kind: str
    note: str
    by: str


@dataclass(frozen=True)
class SessionState:
    context: FoldContext = field(compare=False, repr=False)
    phase: Phase = Phase.LOGIN
    section_index: int = -1  # index in form.sections of the current (or last) section
    item_index: int = 0
    answers: Mapping[str, Response] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    makalah: Mapping[str, str] = field(default_factory=dict)  # item id -> text
    makalah_rev: Mapping[str, int] = field(default_factory=dict)  # item id -> last rev
    worked_ms: Mapping[str, int] = field(default_factory=dict)  # section id -> charged
    extension_ms: Mapping[str, int] = field(default_factory=dict)
    submitted: Mapping[str, SubmitReason] = field(default_factory=dict)
    paused: bool = False
    locked: bool = False
    focus_away: bool = False
    hand_raised: bool = False
    read_aloud: bool = False  # turned on by the proctor; stays on for the whole session
    focus_losses: int = 0
    pastes_refused: int = 0
    incidents: tuple[Incident, ...] = ()
    messages: tuple[str, ...] = ()
    run: int = 0
    runs: int = 0  # how many kiosk runs the log spans
    last_mono_ms: int | None = None  # None: no event yet
    last_seq: int = 0
    final_hash: str = ""
    # The highest proctor command id in the chain: commands reach a candidate in id order,
    # each once, so a command at or below this one was already applied (or superseded).
    last_command: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def section(self) -> FormSection | None:
        """The open section, or None outside one."""
        if self.phase != Phase.IN_SECTION:
            return None
        return self.context.form.sections[self.section_index]

    @property
    def clock_running(self) -> bool:
        return self.phase == Phase.IN_SECTION and not self.paused and not self.locked

    def budget_ms(self, section_id: str) -> int:
        """Limit plus extensions."""
        return self.context.limits_ms[section_id] + self.extension_ms.get(section_id, 0)

    def remaining_of(self, section_id: str) -> int:
        """Time left as of the last event (never negative)."""
        return max(0, self.budget_ms(section_id) - self.worked_ms.get(section_id, 0))


_STATE_FIELDS = frozenset(f.name for f in fields(SessionState))


def _replace(state: SessionState, **changes: object) -> SessionState:
    """`dataclasses.replace(state, **changes)`, several times faster: the fold makes a few
    new states per event and a 4-hour log has ~15,000 events, so `replace`'s generic
    `__init__` call dominated importing. SessionState is frozen with no `__post_init__`
    and no init-only fields, so copying the field dict gives the very same object."""
    if not _STATE_FIELDS.issuperset(changes):
        unknown = changes.keys() - _STATE_FIELDS
        raise TypeError(f"SessionState has no field(s) {', '.join(sorted(unknown))}")
    new = object.__new__(SessionState)
    fields_ = new.__dict__
    fields_.update(state.__dict__)
    fields_.update(changes)
    return new


def remaining_ms(state: SessionState, now_mono_ms: int, run: int,
                 section_id: str | None = None) -> int:
    """Live time left in `section_id` (default: the open section) given the kiosk's
    monotonic clock now. A clock of another run than the log's last adds nothing."""
    if section_id is None:
        if state.section is None:
            raise ValueError("no section is open; name one")
        section_id = state.section.section_id
    left = state.remaining_of(section_id)
    if (state.section is not None and state.section.section_id == section_id
            and state.clock_running and run == state.run and state.last_mono_ms is not None):
        left -= max(0, now_mono_ms - state.last_mono_ms)
    return max(0, left)


def initial_state(form: Form, items: Mapping[str, Item], section_limits: Mapping[str, int],
                  navigation: Mapping[str, str] | None = None) -> SessionState:
    """The state before any event; `section_limits` in minutes per section id."""
    missing = [s.section_id for s in form.sections if s.section_id not in section_limits]
    if missing:
        raise ValueError(f"no time limit for section(s) {', '.join(missing)}")
    context = FoldContext(form, items,
                          {k: v * MINUTE_MS for k, v in section_limits.items()},
                          dict(navigation or {}))
    return SessionState(context)


def fold(events: Iterable[Event], form: Form, items: Mapping[str, Item],
         section_limits: Mapping[str, int],
         navigation: Mapping[str, str] | None = None) -> SessionState:
    """The session's state after `events`; `section_limits` in minutes per section id."""
    return reduce(apply, events, initial_state(form, items, section_limits, navigation))


def section_limits(blueprint: Blueprint) -> dict[str, int]:
    return {s.id: s.time_limit_min for s in blueprint.sections}


def section_navigation(blueprint: Blueprint) -> dict[str, str]:
    return {s.id: s.navigation for s in blueprint.sections}


# -- one event -----------------------------------------------------------------------------


class _Refused(Exception):
    """The event is not allowed in this state; it changes nothing."""


def apply(state: SessionState, event: Event) -> SessionState:
    """The state after one more event."""
    notes: list[str] = []
    if event.seq != state.last_seq + 1:
        notes.append(f"expected seq {state.last_seq + 1}")
    if state.final_hash and event.prev_hash != state.final_hash:
        notes.append("does not link to the previous event's hash")
    state = _charge_time(state, event, notes)
    shape = check_data(event.type, event.data)
    try:
        if shape:
            raise _Refused("; ".join(f"{name}: {message}" for name, message in shape))
        state = _HANDLERS[event.type](state, event, notes)
        command = event.data.get("command")
        if command is not None:
            state = _command_seen(state, command)
    except _Refused as refused:
        notes.append(f"{event.type} refused: {refused}")
    if not notes:  # the usual case: no tuple of problems to copy
        return _replace(state, last_seq=event.seq, final_hash=event.hash)
    found = tuple(Problem(WHERE, note, field=f"seq {event.seq}") for note in notes)
    return _replace(state, last_seq=event.seq, final_hash=event.hash,
                   problems=state.problems + found)


def _command_seen(state: SessionState, command: int) -> SessionState:
    if command <= state.last_command:
        raise _Refused(f"proctor command {command} comes after command "
                       f"{state.last_command}: a command reaches a candidate once, in order")
    return _replace(state, last_command=command)


def _charge_time(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    """Moves the clock to this event, charging the open section for the time in between."""
    if state.last_mono_ms is None or event.run != state.run:
        if state.last_mono_ms is not None:
            if event.run < state.run:
                notes.append(f"run goes back from {state.run} to {event.run}")
            if event.type != EventType.SESSION_RESUMED:
                notes.append("a new run must begin with session_resumed; nothing charged "
                             "for the gap")
        return _replace(state, run=event.run, runs=state.runs + 1, last_mono_ms=event.mono_ms)
    if event.type == EventType.SESSION_RESUMED:
        notes.append("session_resumed must begin a new run")
    delta = event.mono_ms - state.last_mono_ms
    if delta < 0:
        notes.append(f"monotonic time goes back by {-delta} ms within run {event.run}")
        return state
    section = state.section
    if not state.clock_running or section is None or delta == 0:
        return _replace(state, last_mono_ms=event.mono_ms)
    sid = section.section_id
    worked = min(state.worked_ms.get(sid, 0) + delta, state.budget_ms(sid))
    return _replace(state, last_mono_ms=event.mono_ms, worked_ms={**state.worked_ms, sid: worked})


Handler = Callable[[SessionState, Event, list[str]], SessionState]


def _step(from_phase: Phase, to_phase: Phase) -> Handler:
    def handle(state: SessionState, event: Event, notes: list[str]) -> SessionState:
        if state.phase != from_phase:
            raise _Refused(f"the session is at {state.phase}, not {from_phase}")
        return _replace(state, phase=to_phase)

    return handle


def _login(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    expected = state.context.form.participant_no
    if event.data["participant_no"] != expected:
        raise _Refused(f"participant {event.data['participant_no']!r} is not this form's "
                       f"({expected!r})")
    return _step(Phase.LOGIN, Phase.IDENTITY)(state, event, notes)


def _section_started(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    if state.phase != Phase.BETWEEN_SECTIONS:
        raise _Refused(f"the session is at {state.phase}")
    sections = state.context.form.sections
    index = state.section_index + 1
    if index >= len(sections):
        raise _Refused("every section has been taken")
    if event.data["section"] != sections[index].section_id:
        raise _Refused(f"the next section is {sections[index].section_id!r}")
    return _replace(state, phase=Phase.IN_SECTION, section_index=index, item_index=0)


def _working(state: SessionState, item_id: str | None = None) -> FormSection:
    """The open section, when the candidate may act in it (and on `item_id`)."""
    section = state.section
    if section is None:
        raise _Refused(f"no section is open (the session is at {state.phase})")
    if state.paused or state.locked:
        raise _Refused("the session is " + ("paused" if state.paused else "locked"))
    if state.remaining_of(section.section_id) == 0:
        raise _Refused(f"time is up in section {section.section_id!r}")
    if item_id is not None:
        if item_id not in section.item_ids:
            raise _Refused(f"item {item_id!r} is not in section {section.section_id!r}")
        _no_going_back(state, section, section.item_ids.index(item_id))
    return section


def _no_going_back(state: SessionState, section: FormSection, index: int) -> None:
    nav = state.context.navigation.get(section.section_id, "free")
    if nav == "forward_only" and index < state.item_index:
        raise _Refused(f"section {section.section_id!r} is forward-only: cannot go back "
                       f"from item {state.item_index + 1} to item {index + 1}")


def _item(state: SessionState, item_id: str) -> Item:
    item = state.context.items.get(item_id)
    if item is None:
        raise _Refused(f"item {item_id!r} is not in the bank")
    return item


def to_response(item: Item, answer: object, option_ids: Iterable[str]) -> Response:
    """The scorer's Response for an answer event's `answer`; _Refused if it does not fit."""
    try:
        return kind_of(item.type).to_response(item, answer, set(option_ids))
    except ValueError as exc:
        raise _Refused(str(exc)) from None


def _answer_set(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    item_id = event.data["item"]
    section = _working(state, item_id)
    item = _item(state, item_id)
    options = (section.option_orders.get(item_id, tuple(o.id for o in item.options))
               if kind_of(item.type).part == "options" else ())
    response = to_response(item, event.data["answer"], options)
    return _replace(state, answers={**state.answers, item_id: response})


def _answer_cleared(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    item_id = event.data["item"]
    _working(state, item_id)
    return _replace(state, answers={k: v for k, v in state.answers.items() if k != item_id})


def _flag(on: bool) -> Handler:
    def handle(state: SessionState, event: Event, notes: list[str]) -> SessionState:
        item_id = event.data["item"]
        _working(state, item_id)
        flags = state.flags | {item_id} if on else state.flags - {item_id}
        return _replace(state, flags=flags)

    return handle


def _navigated(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    section = _working(state)
    to = event.data["to"]
    if to >= len(section.item_ids):
        raise _Refused(f"section {section.section_id!r} has {len(section.item_ids)} items")
    _no_going_back(state, section, to)
    return _replace(state, item_index=to)


def _makalah(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    item_id = event.data["item"]
    _working(state, item_id)
    if _item(state, item_id).type != ItemType.MAKALAH:
        raise _Refused(f"item {item_id!r} is not a makalah")
    rev, expected = event.data["rev"], state.makalah_rev.get(item_id, 0) + 1
    if rev != expected:
        raise _Refused(f"revision {rev} of {item_id!r}, expected {expected}")
    try:
        text = rebuild(state.makalah.get(item_id, ""), event.data)
    except ValueError as exc:
        raise _Refused(str(exc)) from None
    return _replace(state, makalah={**state.makalah, item_id: text},
                   makalah_rev={**state.makalah_rev, item_id: rev})


def _paste_refused(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    return _replace(state, pastes_refused=state.pastes_refused + 1)


def _focus(lost: bool) -> Handler:
    def handle(state: SessionState, event: Event, notes: list[str]) -> SessionState:
        return _replace(state, focus_away=lost,
                       focus_losses=state.focus_losses + (1 if lost else 0))

    return handle


def _incident(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    incident = Incident(event.seq, event.data["kind"], event.data.get("note", ""),
                        event.data.get("by", ""))
    return _replace(state, incidents=(*state.incidents, incident))


def _time_extended(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    sid = event.data["section"]
    if sid not in state.context.limits_ms:
        raise _Refused(f"section {sid!r} is not on this form")
    if sid in state.submitted:
        raise _Refused(f"section {sid!r} was already submitted")
    extra = state.extension_ms.get(sid, 0) + event.data["minutes"] * MINUTE_MS
    return _replace(state, extension_ms={**state.extension_ms, sid: extra})


def _toggle(name: str, on: bool) -> Handler:
    def handle(state: SessionState, event: Event, notes: list[str]) -> SessionState:
        if getattr(state, name) == on:
            raise _Refused(f"the session is {'already' if on else 'not'} {name}")
        return _replace(state, **{name: on})

    return handle


def _message(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    return _replace(state, messages=(*state.messages, event.data["text"]))


def _session_resumed(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    return state  # the run change itself is handled by _charge_time


def _section_submitted(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    section = state.section
    if section is None:
        raise _Refused(f"no section is open (the session is at {state.phase})")
    if event.data["section"] != section.section_id:
        raise _Refused(f"the open section is {section.section_id!r}")
    return _submit_section(state, section, SubmitReason(event.data["reason"]), notes)


def _submit_section(state: SessionState, section: FormSection, reason: SubmitReason,
                    notes: list[str]) -> SessionState:
    sid = section.section_id
    if reason == SubmitReason.CANDIDATE and (state.paused or state.locked):
        raise _Refused("the candidate cannot submit while the session is paused or locked")
    left = state.remaining_of(sid)
    if reason == SubmitReason.TIME_UP and left > 0:
        notes.append(f"section {sid!r} submitted as time up with {left} ms left")
    return _replace(state, phase=Phase.BETWEEN_SECTIONS,
                   submitted={**state.submitted, sid: reason})


def _exam_submitted(state: SessionState, event: Event, notes: list[str]) -> SessionState:
    reason = SubmitReason(event.data["reason"])
    if state.phase == Phase.SUBMITTED:
        raise _Refused("the exam was already submitted")
    section = state.section
    if section is not None:
        if reason == SubmitReason.CANDIDATE:
            raise _Refused(f"section {section.section_id!r} is still open")
        state = _submit_section(state, section, reason, notes)
    elif reason == SubmitReason.CANDIDATE and state.phase != Phase.BETWEEN_SECTIONS:
        raise _Refused(f"the session is at {state.phase}")
    return _replace(state, phase=Phase.SUBMITTED)


_HANDLERS: dict[EventType, Handler] = {
    EventType.LOGIN: _login,
    EventType.IDENTITY_CONFIRMED: _step(Phase.IDENTITY, Phase.RULES),
    EventType.RULES_ACKNOWLEDGED: _step(Phase.RULES, Phase.BETWEEN_SECTIONS),
    EventType.SECTION_STARTED: _section_started,
    EventType.ANSWER_SET: _answer_set,
    EventType.ANSWER_CLEARED: _answer_cleared,
    EventType.FLAG_SET: _flag(True),
    EventType.FLAG_CLEARED: _flag(False),
    EventType.NAVIGATED: _navigated,
    EventType.MAKALAH_REVISION: _makalah,
    EventType.PASTE_REFUSED: _paste_refused,
    EventType.FOCUS_LOST: _focus(True),
    EventType.FOCUS_REGAINED: _focus(False),
    EventType.INCIDENT: _incident,
    EventType.TIME_EXTENDED: _time_extended,
    EventType.PAUSED: _toggle("paused", True),
    EventType.RESUMED: _toggle("paused", False),
    EventType.LOCKED: _toggle("locked", True),
    EventType.UNLOCKED: _toggle("locked", False),
    EventType.MESSAGE: _message,
    EventType.READ_ALOUD_ON: _toggle("read_aloud", True),
    EventType.HAND_RAISED: _toggle("hand_raised", True),
    EventType.HAND_ANSWERED: _toggle("hand_raised", False),
    EventType.SESSION_RESUMED: _session_resumed,
    EventType.SECTION_SUBMITTED: _section_submitted,
    EventType.EXAM_SUBMITTED: _exam_submitted,
}
