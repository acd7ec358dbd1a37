"""A proctor's command to one seat or the whole room, and the events it becomes.

The proctor sends a `ControlCommand`; the kiosk turns it into events with `command_events`
and appends them to the candidate's own hash chain (so the log stays one chain, written by
one writer), and the events reach the proctor again through replication. Every command
carries the proctor's reason and name: they are evidence in the log and the berita acara.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from exam_bank.events.fold import Phase, SessionState
from exam_bank.events.model import EventType, SubmitReason
from exam_bank.ids import ParticipantNo

MAX_EXTENSION_MIN = 240
MAX_TEXT = 500


class ControlAction(StrEnum):
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"  # needs `minutes`
    LOCK = "lock"
    UNLOCK = "unlock"
    MESSAGE = "message"  # needs `text`
    ANSWER_HAND = "answer_hand"
    FORCE_SUBMIT = "force_submit"
    READ_ALOUD = "read_aloud"  # an accommodation; `minutes` optional: extra time with it


class CommandStatus(StrEnum):
    """How far a command got with one candidate, as the proctor knows it."""

    PENDING = "pending"  # not yet in the candidate's chain at the proctor
    APPLIED = "applied"  # its event is in the candidate's chain at the proctor
    NO_EFFECT = "no_effect"  # the kiosk found nothing to do (resuming a running session)
    REFUSED = "refused"  # the kiosk's fold refused it (the note says why)


@dataclass(frozen=True)
class ControlCommand:
    action: ControlAction
    reason: str  # why, in the proctor's words; required
    by: str  # the proctor's name
    participants: tuple[ParticipantNo, ...] = ()  # empty: every seat in the room
    minutes: int | None = None
    text: str | None = None

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for everything wrong; empty when the command may be sent."""
        errors: list[tuple[str, str]] = []
        if not self.reason.strip():
            errors.append(("reason", "a reason is required"))
        if not self.by.strip():
            errors.append(("by", "the proctor's name is required"))
        timed = (ControlAction.EXTEND, ControlAction.READ_ALOUD)
        if self.action == ControlAction.EXTEND or (self.action in timed
                                                   and self.minutes is not None):
            if (isinstance(self.minutes, bool) or not isinstance(self.minutes, int)
                    or not 1 <= self.minutes <= MAX_EXTENSION_MIN):
                errors.append(("minutes", f"must be 1 to {MAX_EXTENSION_MIN}"))
        elif self.minutes is not None:
            errors.append(("minutes", f"only for {ControlAction.EXTEND} and "
                           f"{ControlAction.READ_ALOUD}"))
        if self.action == ControlAction.MESSAGE:
            if not self.text or not self.text.strip():
                errors.append(("text", "the message is empty"))
            elif len(self.text) > MAX_TEXT:
                errors.append(("text", f"at most {MAX_TEXT} characters"))
        elif self.text is not None:
            errors.append(("text", f"only for {ControlAction.MESSAGE}"))
        return errors


Spec = tuple[EventType, Mapping[str, Any]]


def command_events(command: ControlCommand, state: SessionState,
                   command_id: int | None = None) -> list[Spec]:
    """The events a kiosk appends for `command` in `state`; empty when it has no effect
    there (pausing a paused session, extending with no section open, ...) or when the
    chain already holds command `command_id` or a later one (it arrived again)."""
    if command_id is not None and command_id <= state.last_command:
        return []
    specs = _effect(command, state)
    if command_id is None or not specs:
        return specs
    # The fold takes each command id once: only the first event carries it.
    (kind, data), *rest = specs
    return [(kind, {**data, "command": command_id}), *rest]


def _effect(command: ControlCommand, state: SessionState) -> list[Spec]:
    by, note = command.by, command.reason
    section = state.section
    match command.action:
        case ControlAction.PAUSE if not state.paused and state.phase != Phase.SUBMITTED:
            return [(EventType.PAUSED, {"note": note, "by": by})]
        case ControlAction.RESUME if state.paused:
            return [(EventType.RESUMED, {"note": note, "by": by})]
        case ControlAction.LOCK if not state.locked and state.phase != Phase.SUBMITTED:
            return [(EventType.LOCKED, {"note": note, "by": by})]
        case ControlAction.UNLOCK if state.locked:
            return [(EventType.UNLOCKED, {"note": note, "by": by})]
        case ControlAction.EXTEND if section is not None and command.minutes:
            return [(EventType.TIME_EXTENDED, {"section": section.section_id,
                                               "minutes": command.minutes, "note": note,
                                               "by": by})]
        case ControlAction.MESSAGE if command.text:
            return [(EventType.MESSAGE, {"text": command.text, "by": by})]
        case ControlAction.ANSWER_HAND if state.hand_raised:
            return [(EventType.HAND_ANSWERED, {"note": note, "by": by})]
        case ControlAction.READ_ALOUD if state.phase != Phase.SUBMITTED:
            return _accommodation(command, state)
        case ControlAction.FORCE_SUBMIT if state.phase not in (Phase.SUBMITTED, Phase.LOGIN):
            reason = str(SubmitReason.PROCTOR)
            return [(EventType.EXAM_SUBMITTED, {"reason": reason, "note": note, "by": by})]
    return []


def _accommodation(command: ControlCommand, state: SessionState) -> list[Spec]:
    """Read-aloud on (unless it already is) and, with `minutes`, the extra time that goes
    with it for the open section (as `extend` gives it)."""
    by, note, section = command.by, command.reason, state.section
    specs: list[Spec] = []
    if not state.read_aloud:
        specs.append((EventType.READ_ALOUD_ON, {"note": note, "by": by}))
    if section is not None and command.minutes:
        specs.append((EventType.TIME_EXTENDED, {"section": section.section_id,
                                                "minutes": command.minutes, "note": note,
                                                "by": by}))
    return specs
