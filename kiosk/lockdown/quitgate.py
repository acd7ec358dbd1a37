"""Who may quit the kiosk at the seat: the proctor's code, with a limited number of tries.

No Qt. The code checked is the session's quit code when the proctor's welcome brought its
hash (`exam_bank.wire.quitcode`: 8 random digits, salted scrypt N=2^14, a new code per
session), else kiosk.toml's unlock code (`kiosk.lockdown.unlock`: argon2id) for a kiosk
that has no session yet (not linked, or offline before the welcome).

Why this suffices against a candidate: guessing *at the seat* is what the gate limits:
`MAX_WRONG` wrong codes lock the dialog for `LOCKOUT_S`, and every wrong code is an
incident on the proctor's console, so 10^8 codes at 5 per 5 minutes is out of reach by
any margin. Guessing *offline* needs the hash, which the kiosk keeps only in memory (the
welcome; never in the encrypted store or on disk), and each guess costs ~50 ms of scrypt:
the 10^8 codes are ~58 CPU-days, against a code that changes with the next session and
is worthless once the candidate's exam is over. kiosk.toml's unlock code is on every
kiosk's disk, hence argon2id and a longer minimum there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

MAX_WRONG = 5  # wrong codes in a row before the dialog locks
LOCKOUT_S = 5 * 60.0  # how long it stays locked


class Verdict(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"  # refused; more tries left
    LOCKED_OUT = "locked_out"  # this wrong code used the last try: locked from now
    LOCKED = "locked"  # still locked: the code was not even checked


@dataclass
class QuitGate:
    """Counts wrong codes across dialogs (closing and reopening the dialog resets nothing).
    `clock` is monotonic seconds."""

    clock: Callable[[], float]
    max_wrong: int = MAX_WRONG
    lockout_s: float = LOCKOUT_S
    wrong: int = 0  # wrong codes since the last lockout (or the start)
    total_wrong: int = 0  # wrong codes in all, for the incident's count
    locked_until: float | None = None

    def locked_for(self) -> float:
        """Seconds until codes are checked again; 0 when they are now."""
        if self.locked_until is None:
            return 0.0
        left = self.locked_until - self.clock()
        if left <= 0:
            self.locked_until = None
            return 0.0
        return left

    def check(self, code: str, verify: Callable[[str], bool]) -> Verdict:
        if self.locked_for() > 0:
            return Verdict.LOCKED
        if verify(code):
            self.wrong = 0
            return Verdict.RIGHT
        self.wrong += 1
        self.total_wrong += 1
        if self.wrong >= self.max_wrong:
            self.wrong = 0
            self.locked_until = self.clock() + self.lockout_s
            return Verdict.LOCKED_OUT
        return Verdict.WRONG
