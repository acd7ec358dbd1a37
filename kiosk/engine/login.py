"""Login outcomes and the failed-attempt counter; nothing here ever stores a PIN.

A 6-digit PIN is weak on its own, so its strength at the kiosk comes from the attempt
limit: after `MAX_FAILURES` failures for one participant number the kiosk refuses even a
right PIN until the proctor steps in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from exam_bank.events import SessionState
from exam_bank.ids import ParticipantNo
from exam_bank.roster.model import normalise_participant_no

MAX_FAILURES = 5
_TOKEN = re.compile(r"[A-Za-z]{6}\Z")


class LoginReason(StrEnum):
    OK = "ok"
    RESUMED = "resumed"
    UNKNOWN_PARTICIPANT = "unknown_participant"
    WRONG_PIN = "wrong_pin"
    WRONG_TOKEN = "wrong_token"
    LOCKED_OUT = "locked_out"
    NO_FORM = "no_form"
    OTHER_CANDIDATE = "other_candidate"
    ALREADY_LOGGED_IN = "already_logged_in"


@dataclass(frozen=True)
class LoginResult:
    """What a login attempt came to. The engine decides; the screen words it in the
    candidate's language (Qt Linguist), so no UI text lives here."""

    reason: LoginReason
    attempts_left: int = MAX_FAILURES
    state: SessionState | None = None

    @property
    def ok(self) -> bool:
        return self.reason in (LoginReason.OK, LoginReason.RESUMED)


def result(reason: LoginReason, attempts_left: int = MAX_FAILURES,
           state: SessionState | None = None) -> LoginResult:
    return LoginResult(reason, attempts_left, state)


def token_matches(token: str, expected: str) -> bool:
    """Session tokens are 6 letters, read off the proctor's screen in any case."""
    return bool(_TOKEN.match(token.strip()) and token.strip().upper() == expected.upper())


class LoginAttempts:
    """Failures per participant number within this run of the kiosk."""

    def __init__(self, limit: int = MAX_FAILURES):
        self.limit = limit
        self._failures: dict[str, int] = {}

    def locked(self, participant_no: ParticipantNo) -> bool:
        return self._failures.get(normalise_participant_no(participant_no), 0) >= self.limit

    def fail(self, participant_no: ParticipantNo) -> int:
        """Counts a failure; returns the attempts left."""
        key = normalise_participant_no(participant_no)
        self._failures[key] = self._failures.get(key, 0) + 1
        return max(0, self.limit - self._failures[key])

    def succeed(self, participant_no: ParticipantNo) -> None:
        self._failures.pop(normalise_participant_no(participant_no), None)
