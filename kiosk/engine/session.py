"""A candidate's session: each action becomes an event, durable before the state moves.

Every action is first tried on the fold (`exam_bank.events.apply`); an event the fold
would refuse is never appended, so the log holds only what the candidate really did.
After a restart the log is folded again; the candidate logs in again and the new run
opens with `session_resumed`, so the time the kiosk was down is not charged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from exam_bank.events import (
    Event,
    EventLog,
    EventType,
    Phase,
    SessionState,
    SubmitReason,
    apply,
    fold,
    remaining_ms,
    revision_data,
    section_limits,
    section_navigation,
    verify_chain,
)
from exam_bank.events.chain import make_event
from exam_bank.events.fold import MINUTE_MS
from exam_bank.events.model import check_data
from exam_bank.exam_package import ExamPackage
from exam_bank.ids import ParticipantNo
from exam_bank.roster.pins import verify_pin
from exam_bank.wire.control import ControlCommand, command_events
from kiosk.engine.clock import Clock
from kiosk.engine.login import LoginAttempts, LoginReason, LoginResult, result, token_matches
from kiosk.engine.receipt import Receipt, receipt_for
from kiosk.engine.sink import EventSink
from kiosk.engine.views import forward_only, reachable

WARNING_MINUTES = (15, 5, 1)

Spec = tuple[EventType, Mapping[str, Any]]


class ActionRefused(Exception):
    """The action is not allowed now; nothing was appended."""


class NotLoggedIn(ActionRefused):
    """Candidate actions need a successful login in this run of the kiosk."""


class RecoveryError(Exception):
    """The stored log cannot be continued (broken chain, or not a session's log)."""


@dataclass(frozen=True)
class Tick:
    """What the UI timer learns: the state, warnings newly due, a section that timed out."""

    state: SessionState | None
    warnings_due: tuple[int, ...] = ()  # minutes left, e.g. (5,)
    timed_out: str | None = None  # section id submitted as time_up by this tick


class Session:
    def __init__(self, package: ExamPackage, sink: EventSink, clock: Clock, run: int = 1):
        self._package = package
        self._sink = sink
        self._clock = clock
        self._attempts = LoginAttempts()
        self._warned: dict[str, set[int]] = {}
        self._log: EventLog | None = None
        self._state: SessionState | None = None
        self._logged_in = False
        events = sink.events()
        # A new run must have a higher number than the log's last, or the fold objects.
        self._run = max(run, events[-1].run + 1) if events else run
        if events:
            self._recover(events)

    # -- recovery and login ----------------------------------------------------------------

    def _recover(self, events: list[Event]) -> None:
        first = events[0]
        if first.type != EventType.LOGIN:
            raise RecoveryError(f"the stored log starts with {first.type}, not login")
        participant = ParticipantNo(str(first.data["participant_no"]))
        problems = verify_chain(events, self._package.blueprint.exam.id, participant)
        if problems:
            raise RecoveryError("; ".join(f"{p.field}: {p.message}" for p in problems))
        self._open(participant, events)

    def _open(self, participant_no: ParticipantNo, events: Sequence[Event]) -> None:
        form = self._package.forms[participant_no]
        blueprint = self._package.blueprint
        self._state = fold(events, form, self._package.items, section_limits(blueprint),
                           section_navigation(blueprint))
        self._log = EventLog(blueprint.exam.id, participant_no, events)

    @property
    def participant_no(self) -> ParticipantNo | None:
        return self._log.participant_no if self._log else None

    def login(self, participant_no: ParticipantNo, pin: str, token: str,
              expected_token: str) -> LoginResult:
        """Checks number, token and PIN; the PIN is never stored nor logged."""
        if self._logged_in:
            return result(LoginReason.ALREADY_LOGGED_IN, state=self._state)
        if self._attempts.locked(participant_no):
            return result(LoginReason.LOCKED_OUT, 0)
        candidate = self._package.roster.find(participant_no)
        if candidate is None:
            return self._failed(participant_no, LoginReason.UNKNOWN_PARTICIPANT)
        if not token_matches(token, expected_token):
            return self._failed(participant_no, LoginReason.WRONG_TOKEN)
        if not verify_pin(candidate.pin_hash, pin):
            return self._failed(participant_no, LoginReason.WRONG_PIN)
        self._attempts.succeed(participant_no)
        return self._enter(candidate.participant_no)

    def _failed(self, participant_no: ParticipantNo, reason: LoginReason) -> LoginResult:
        left = self._attempts.fail(participant_no)
        return result(LoginReason.LOCKED_OUT if left == 0 else reason, left)

    def _enter(self, participant_no: ParticipantNo) -> LoginResult:
        if self._log is not None and self._log.participant_no != participant_no:
            return result(LoginReason.OTHER_CANDIDATE)
        if participant_no not in self._package.forms:
            return result(LoginReason.NO_FORM)
        if self._log is None:
            self._open(participant_no, [])
            self._logged_in = True
            state = self._commit((EventType.LOGIN, {"participant_no": participant_no}))
            return result(LoginReason.OK, state=state)
        self._logged_in = True
        state = self.state
        if state.phase != Phase.SUBMITTED:  # a submitted log stays as its receipt says
            state = self._commit((EventType.SESSION_RESUMED, {}))
        return result(LoginReason.RESUMED, state=state)

    # -- state -----------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        if self._state is None:
            raise NotLoggedIn("belum login (not logged in)")
        return self._state

    @property
    def logged_in(self) -> bool:
        return self._logged_in

    def submitted_wall(self) -> str | None:
        """When the exam was submitted (the log's wall time), if it was."""
        events = self._log.events if self._log is not None else []
        return next((e.wall for e in reversed(events)
                     if e.type == EventType.EXAM_SUBMITTED), None)

    def message_times(self) -> list[str]:
        """The wall time of each proctor message in the log, in order."""
        events = self._log.events if self._log is not None else []
        return [e.wall for e in events if e.type == EventType.MESSAGE]

    def remaining_ms(self, section_id: str | None = None) -> int:
        """Live time left in the open section (or `section_id`), by this run's clock."""
        return remaining_ms(self.state, self._clock.mono_ms(), self._run, section_id)

    def receipt(self) -> Receipt:
        state = self.state
        if state.phase != Phase.SUBMITTED:
            raise ActionRefused("ujian belum dikumpulkan (the exam is not submitted yet)")
        return receipt_for(state.final_hash)

    # -- appending -------------------------------------------------------------------------

    def _commit(self, *specs: Spec) -> SessionState:
        """Tries every event on the fold first; appends them only if all are accepted."""
        if not self._logged_in:
            raise NotLoggedIn("belum login (not logged in)")
        return self._append(specs)

    def _append(self, specs: Sequence[Spec], at_mono: int | None = None) -> SessionState:
        if self._log is None:
            raise NotLoggedIn("no session on this kiosk yet")
        events = self._trial(self._log, self.state, specs, at_mono)
        for event in events:
            self._sink.append(event)  # durable from here on
            self._log.events.append(event)
            self._state = apply(self.state, event)
        return self.state

    def _trial(self, log: EventLog, state: SessionState, specs: Sequence[Spec],
               at_mono: int | None = None) -> list[Event]:
        mono, wall = self._clock.mono_ms(), self._clock.wall_iso()
        if at_mono is not None:
            mono, wall = _backdated(state, self._run, mono, wall, at_mono)
        events: list[Event] = []
        prev = log.last_hash
        for event_type, data in specs:
            errors = check_data(event_type, data)
            if errors:
                raise ActionRefused("; ".join(f"{name}: {msg}" for name, msg in errors))
            event = make_event(state.last_seq + 1, event_type, wall, mono, self._run, data,
                               prev)
            before = len(state.problems)
            state = apply(state, event)
            if len(state.problems) > before:
                raise ActionRefused("; ".join(p.message for p in state.problems[before:]))
            events.append(event)
            prev = event.hash
        return events

    # -- candidate actions -----------------------------------------------------------------

    def confirm_identity(self) -> SessionState:
        return self._commit((EventType.IDENTITY_CONFIRMED, {}))

    def acknowledge_rules(self) -> SessionState:
        return self._commit((EventType.RULES_ACKNOWLEDGED, {}))

    def start_section(self) -> SessionState:
        sections = self.state.context.form.sections
        index = self.state.section_index + 1
        if index >= len(sections):
            raise ActionRefused("semua bagian sudah dikerjakan (every section is done)")
        return self._commit((EventType.SECTION_STARTED,
                             {"section": sections[index].section_id}))

    def answer(self, item_id: str, answer: str | int | Sequence[str]) -> SessionState:
        value: Any = answer if isinstance(answer, str | int) else sorted(answer)
        return self._commit((EventType.ANSWER_SET, {"item": item_id, "answer": value}))

    def clear(self, item_id: str) -> SessionState:
        return self._commit((EventType.ANSWER_CLEARED, {"item": item_id}))

    def toggle_flag(self, item_id: str) -> SessionState:
        on = item_id not in self.state.flags
        return self._commit((EventType.FLAG_SET if on else EventType.FLAG_CLEARED,
                             {"item": item_id}))

    def go_to(self, index: int) -> SessionState:
        if index < 0:
            raise ActionRefused(f"no item {index}")
        state = self.state
        section = state.section
        if section is not None and index == state.item_index:
            return state
        if section is not None and forward_only(state) and not reachable(state, index):
            raise ActionRefused(f"section {section.section_id!r} is forward-only: only the "
                                f"next item, not item {index + 1}")
        return self._commit((EventType.NAVIGATED, {"to": index}))

    def makalah_changed(self, item_id: str, text: str,
                        typed_mono: int | None = None) -> SessionState:
        """Saves the paper as a splice against the last saved text; nothing if unchanged.
        `typed_mono` is when its last keystroke was accepted: the revision carries that
        time, so words typed before the clock ran out count even when the save that
        carries them comes a tick after time is up."""
        state = self.state
        old = state.makalah.get(item_id, "")
        if text == old:
            return state
        if not self._logged_in:
            raise NotLoggedIn("belum login (not logged in)")
        rev = state.makalah_rev.get(item_id, 0) + 1
        return self._append(
            [(EventType.MAKALAH_REVISION, revision_data(item_id, rev, old, text))],
            at_mono=typed_mono)

    def paste_refused(self, item_id: str, chars: int) -> SessionState:
        return self._commit((EventType.PASTE_REFUSED, {"item": item_id, "chars": chars}))

    def focus_lost(self) -> SessionState:
        return self._commit((EventType.FOCUS_LOST, {}))

    def focus_regained(self) -> SessionState:
        return self._commit((EventType.FOCUS_REGAINED, {}))

    def report_incident(self, kind: str, evidence: str = "") -> SessionState:
        return self._commit((EventType.INCIDENT, {"kind": kind, "note": evidence}))

    def raise_hand(self, note: str = "") -> SessionState:
        return self._commit((EventType.HAND_RAISED, {"note": note} if note else {}))

    def apply_command(self, command: ControlCommand,
                      command_id: int | None = None) -> SessionState:
        """A proctor's command, appended to this candidate's chain; a command with no effect
        in this state (pausing a paused session ...) appends nothing, and so does command
        `command_id` when the chain already holds it or a later one (it came again after
        a restart or a move). Works without a login in this run, since the proctor may
        act on a seat whose candidate is away."""
        if self._log is None:
            raise NotLoggedIn("no session on this kiosk yet")
        return self._append(command_events(command, self.state, command_id))

    def submit_section(self, reason: SubmitReason = SubmitReason.CANDIDATE) -> SessionState:
        section = self.state.section
        if section is None:
            raise ActionRefused("tidak ada bagian yang terbuka (no section is open)")
        return self._commit(_section_submitted(section.section_id, reason))

    def submit_exam(self) -> SessionState:
        """Ends the exam; an open section is submitted with it, atomically."""
        section = self.state.section
        specs: list[Spec] = []
        if section is not None:
            specs.append(_section_submitted(section.section_id, SubmitReason.CANDIDATE))
        specs.append((EventType.EXAM_SUBMITTED, {"reason": str(SubmitReason.CANDIDATE)}))
        return self._commit(*specs)

    # -- timer -----------------------------------------------------------------------------

    def tick(self) -> Tick:
        """Called by the UI timer: submits a section whose time ran out, reports warnings."""
        if not self._logged_in:
            return Tick(self._state)
        state = self.state
        section = state.section
        if section is None or not state.clock_running:
            return Tick(state)
        left = self.remaining_ms()
        if left == 0:
            return Tick(self._time_up(state), timed_out=section.section_id)
        return Tick(state, warnings_due=self._warnings(state, section.section_id, left))

    def _time_up(self, state: SessionState) -> SessionState:
        """The section goes in as time_up; after the last one, the exam goes in too."""
        section = state.section
        assert section is not None
        specs = [_section_submitted(section.section_id, SubmitReason.TIME_UP)]
        if state.section_index == len(state.context.form.sections) - 1:
            specs.append((EventType.EXAM_SUBMITTED, {"reason": str(SubmitReason.TIME_UP)}))
        return self._commit(*specs)

    def _warnings(self, state: SessionState, section_id: str, left: int) -> tuple[int, ...]:
        """Thresholds newly crossed, each once per section and run; none at or above the
        section's whole budget (a 10-minute section gets no 15-minute warning)."""
        warned = self._warned.setdefault(section_id, set())
        budget = state.budget_ms(section_id)
        due = tuple(m for m in WARNING_MINUTES
                    if m not in warned and left <= m * MINUTE_MS < budget)
        warned.update(due)
        return due


def _backdated(state: SessionState, run: int, now: int, wall: str,
               at_mono: int) -> tuple[int, str]:
    """The monotonic and wall time of an event that happened at `at_mono`, earlier in this
    run: never before the log's last event (time only goes forward) nor after now."""
    floor = state.last_mono_ms if state.run == run and state.last_mono_ms is not None \
        else now
    mono = max(floor, min(at_mono, now))
    if mono == now:
        return now, wall
    earlier = datetime.fromisoformat(wall) - timedelta(milliseconds=now - mono)
    return mono, earlier.isoformat(timespec="milliseconds")


def _section_submitted(section_id: str, reason: SubmitReason) -> Spec:
    return (EventType.SECTION_SUBMITTED, {"section": section_id, "reason": str(reason)})
