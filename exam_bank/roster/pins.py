"""Login PINs: issued once, printed on the exam card, stored only as an argon2id hash.

A 6-digit PIN has only a million values, so its strength at the kiosk comes from the
proctor's attempt limits, not from the hash; the hash keeps the PIN out of every file
(roster.json, the exam package) and makes trying all million values take CPU-hours.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from itertools import pairwise

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from exam_bank.ids import ParticipantNo
from exam_bank.roster.model import Candidate, Roster
from exam_bank.roster.read import RosterSheets

PIN_LENGTH = 6

# OWASP's argon2id floor (19 MiB, 2 passes, 1 lane): about 50 ms per hash on a 2-core
# machine, so a kiosk login stays well under 100 ms even on an old lab PC, and
# registering 180 candidates takes seconds.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32,
                         salt_len=16, type=Type.ID)


def is_guessable(pin: str) -> bool:
    """PINs a neighbour would try first: few distinct digits, runs, repeated triples."""
    digits = [int(d) for d in pin]
    steps = {b - a for a, b in pairwise(digits)}
    return (len(set(pin)) <= 2  # 000000, 111222, 121212, 100000
            or steps in ({1}, {-1})  # 123456, 987654
            or pin[:3] == pin[3:]  # 123123
            or pin[:3] == pin[3:][::-1])  # 123321


def generate_pin() -> str:
    """A random 6-digit PIN from `secrets`, never a guessable one."""
    while True:
        pin = f"{secrets.randbelow(10 ** PIN_LENGTH):0{PIN_LENGTH}d}"
        if not is_guessable(pin):
            return pin


def hash_pin(pin: str) -> str:
    """The argon2id hash (PHC string, salt included) of a 6-digit PIN."""
    if len(pin) != PIN_LENGTH or not pin.isdigit():
        raise ValueError(f"a PIN is {PIN_LENGTH} digits")
    return _HASHER.hash(pin)


def verify_pin(pin_hash: str, pin: str) -> bool:
    """True when `pin` is the PIN of `pin_hash`; a wrong or malformed PIN is just False."""
    if not isinstance(pin, str) or not isinstance(pin_hash, str):
        return False
    try:
        return _HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def register(sheets: RosterSheets) -> tuple[Roster, dict[str, str]]:
    """Issue a fresh PIN to every candidate.

    Returns the roster (hashes only) and participant number -> PIN, the one and only
    place the PINs exist in the clear: print the cards from it, then let it go.
    No two candidates of one roster share a PIN, so a card read over a shoulder is
    no help with a neighbour's login.
    """
    pins: dict[str, str] = {}
    used: set[str] = set()
    candidates = []
    for entry in sheets.candidates:
        pin = generate_pin()
        while pin in used:
            pin = generate_pin()
        used.add(pin)
        pins[entry.participant_no] = pin
        candidates.append(Candidate(
            participant_no=entry.participant_no, name=entry.name, nip=entry.nip,
            position=entry.position, session=entry.session, seat=entry.seat,
            photo=entry.photo, performance=entry.performance, pin_hash=hash_pin(pin),
            groups=dict(entry.groups)))
    return Roster(dict(sheets.positions), dict(sheets.sessions), tuple(candidates)), pins


def reissue_pin(roster: Roster, participant_no: ParticipantNo) -> tuple[Roster, str]:
    """A new PIN for a lost card: the old one stops working in the returned roster.

    KeyError when the participant number is not in the roster.
    """
    candidate = roster.candidate(participant_no)
    pin = generate_pin()
    while verify_pin(candidate.pin_hash, pin):  # a reissued card must change the PIN
        pin = generate_pin()
    return roster.replace_candidate(replace(candidate, pin_hash=hash_pin(pin))), pin
