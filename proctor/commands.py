"""Which proctor command must still reach which candidate, and how far each got.

A command belongs to the candidates it names (a room-wide one: every candidate at work
when it was sent), not to a PC. It is *pending* for a candidate until its event is in
that candidate's chain here (the kiosk names the command in the event), so it reaches
them whenever and wherever their session next runs: the same PC restarted, or a spare
after a move. The lab server sends a candidate's pending commands, in id order, to the
connection where that candidate signs in; the kiosk applies each one at most once (its
chain says which it holds). The book lives on the server's loop thread, like the replica.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from exam_bank.events.model import Event, EventType, SubmitReason
from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.wire.control import CommandStatus, ControlAction, ControlCommand
from exam_bank.wire.protocol import Outcome

if TYPE_CHECKING:
    from proctor.replica import Replica


@dataclass(frozen=True)
class CommandLine:
    """One command as it concerns one candidate: what the console and `status` show."""

    command_id: int
    sent: str  # UTC ISO wall time the proctor sent it
    participant_no: ParticipantNo
    command: ControlCommand
    status: CommandStatus
    note: str = ""


_OUTCOMES = {Outcome.NO_EFFECT: CommandStatus.NO_EFFECT, Outcome.REFUSED: CommandStatus.REFUSED}


class CommandBook:
    """The session's commands and their targets, kept in the replica."""

    def __init__(self, replica: Replica, session_id: SessionId) -> None:
        self._replica = replica
        self._session = session_id
        self._commands = {cid: (wall, command) for cid, wall, command
                          in replica.commands(session_id)}
        self._lines: dict[tuple[int, ParticipantNo], CommandLine] = {}
        for target in replica.command_targets(session_id):
            wall, command = self._commands[target.command_id]
            self._lines[(target.command_id, target.participant_no)] = CommandLine(
                target.command_id, wall, target.participant_no, command, target.status,
                target.note)

    def record(self, command: ControlCommand, targets: Sequence[ParticipantNo]) -> int:
        """Log `command` as pending for each of `targets`; its id."""
        command_id = self._replica.record_command(self._session, command, targets)
        commands = self._replica.commands(self._session)
        wall = next(w for cid, w, _c in reversed(commands) if cid == command_id)
        self._commands[command_id] = (wall, command)
        for pno in dict.fromkeys(targets):
            self._lines[(command_id, pno)] = CommandLine(command_id, wall, pno, command,
                                                         CommandStatus.PENDING)
        return command_id

    def sent_to(self, command_id: int, participant_no: ParticipantNo) -> ControlCommand | None:
        """Command `command_id` when the proctor sent it to `participant_no`, else None."""
        line = self._lines.get((command_id, participant_no))
        return None if line is None else line.command

    def unsent(self, participant_no: ParticipantNo, events: Sequence[Event],
               before: Event | None = None) -> str | None:
        """Why `events` claim the proctor's authority without it, or None: every event only
        a proctor's command writes (a pause, a time extension, a forced submission ...)
        must name a command sent to this candidate that it carries out (a kiosk writes
        them only from such a command, so only a forged log breaks this). The time that
        goes with read-aloud follows the command's first event unnamed; `before` is the
        event stored before `events`."""
        previous = before
        for event in events:
            why = _unauthorized(event, previous, lambda cid: self.sent_to(cid, participant_no))
            if why is not None:
                return f"seq {event.seq}: {why}"
            previous = event
        return None

    def pending_for(self, participant_no: ParticipantNo) -> list[tuple[int, ControlCommand]]:
        """The commands still to reach `participant_no`, oldest first."""
        return [(line.command_id, line.command) for line in sorted(
            (line for line in self._lines.values() if line.participant_no == participant_no
             and line.status == CommandStatus.PENDING), key=lambda line: line.command_id)]

    def seen_in_chain(self, participant_no: ParticipantNo, events: Iterable[Event]) -> bool:
        """Mark applied every command whose event is among `events` (stored in the
        participant's chain); True when anything changed."""
        changed = False
        for event in events:
            command_id = event.data.get("command")
            if isinstance(command_id, int):
                changed |= self._set(command_id, participant_no, CommandStatus.APPLIED, "")
        return changed

    def answered(self, command_id: int, participant_no: ParticipantNo, outcome: Outcome,
                 note: str) -> bool:
        """What the candidate's kiosk said: only 'no effect' and 'refused' settle a
        command (an applied one is settled by its event reaching the chain here)."""
        status = _OUTCOMES.get(outcome)
        line = self._lines.get((command_id, participant_no))
        if status is None or line is None or line.status != CommandStatus.PENDING:
            return False
        return self._set(command_id, participant_no, status, note)

    def settle(self, command_id: int, participant_no: ParticipantNo, status: CommandStatus,
               note: str) -> bool:
        """Settle a pending command without the kiosk (e.g. the candidate had submitted)."""
        line = self._lines.get((command_id, participant_no))
        if line is None or line.status != CommandStatus.PENDING:
            return False
        return self._set(command_id, participant_no, status, note)

    def _set(self, command_id: int, participant_no: ParticipantNo, status: CommandStatus,
             note: str) -> bool:
        line = self._lines.get((command_id, participant_no))
        if line is None or (line.status == status and line.note == note):
            return False
        self._replica.set_command_status(self._session, command_id, participant_no, status,
                                         note)
        self._lines[(command_id, participant_no)] = CommandLine(
            command_id, line.sent, participant_no, line.command, status, note)
        return True

    def lines(self) -> tuple[CommandLine, ...]:
        """Every command per candidate, by command id then participant."""
        return tuple(self._lines[key] for key in sorted(self._lines))


# The events only a proctor's command writes (`exam_bank.wire.control`), with the actions
# that write each.
_BY_COMMAND: dict[EventType, frozenset[ControlAction]] = {
    EventType.PAUSED: frozenset({ControlAction.PAUSE}),
    EventType.RESUMED: frozenset({ControlAction.RESUME}),
    EventType.LOCKED: frozenset({ControlAction.LOCK}),
    EventType.UNLOCKED: frozenset({ControlAction.UNLOCK}),
    EventType.TIME_EXTENDED: frozenset({ControlAction.EXTEND, ControlAction.READ_ALOUD}),
    EventType.MESSAGE: frozenset({ControlAction.MESSAGE}),
    EventType.HAND_ANSWERED: frozenset({ControlAction.ANSWER_HAND}),
    EventType.READ_ALOUD_ON: frozenset({ControlAction.READ_ALOUD}),
}


def _unauthorized(event: Event, previous: Event | None,
                  sent: Callable[[int], ControlCommand | None]) -> str | None:
    """Why `event` is not what a command `sent` to its candidate writes, or None."""
    actions = _BY_COMMAND.get(event.type)
    if actions is None and event.type == EventType.EXAM_SUBMITTED \
            and event.data.get("reason") == str(SubmitReason.PROCTOR):
        actions = frozenset({ControlAction.FORCE_SUBMIT})
    if actions is None:
        return None
    command_id = event.data.get("command")
    if command_id is None and event.type == EventType.TIME_EXTENDED and previous is not None \
            and previous.type == EventType.READ_ALOUD_ON:
        command_id = previous.data.get("command")  # read-aloud's time, after its event
    command = sent(command_id) if isinstance(command_id, int) else None
    if command is None:
        return (f"{event.type} names no command the proctor sent to this candidate "
                f"(command {command_id}): only the proctor gives it")
    if command.action not in actions or command.by != event.data.get("by", command.by) or (
            event.type == EventType.TIME_EXTENDED
            and event.data.get("minutes") != command.minutes):
        return (f"{event.type} does not carry out command {command_id} "
                f"({command.action} by {command.by!r})")
    return None
