"""PINs: random and not guessable, hashed with argon2id, never stored in the clear."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import Type, extract_parameters

from exam_bank.roster import pins as pins_module
from exam_bank.roster.model import Roster, save_roster
from exam_bank.roster.pins import (
    generate_pin,
    hash_pin,
    is_guessable,
    register,
    reissue_pin,
    verify_pin,
)
from exam_bank.roster.read import RosterSheets

Registered = tuple[Roster, dict[str, str]]


@pytest.mark.parametrize("pin", ["000000", "999999", "123456", "987654", "121212", "111222",
                                 "123123", "100000", "345678", "123321"])
def test_guessable_pins(pin: str) -> None:
    assert is_guessable(pin)


@pytest.mark.parametrize("pin", ["052953", "481390", "730164"])
def test_ordinary_pins(pin: str) -> None:
    assert not is_guessable(pin)


def test_generated_pins_are_six_random_digits() -> None:
    drawn = [generate_pin() for _ in range(2000)]
    assert all(re.fullmatch(r"\d{6}", p) for p in drawn)
    assert not any(is_guessable(p) for p in drawn)
    assert len(set(drawn)) > 1990  # ~2 collisions expected among 2000 draws of 10^6
    first_digits = {p[0] for p in drawn}
    assert first_digits == set("0123456789")  # leading zeros are kept, not lost


def test_hash_and_verify() -> None:
    pin_hash = hash_pin("052953")
    assert pin_hash.startswith("$argon2id$")
    assert "052953" not in pin_hash
    assert hash_pin("052953") != pin_hash  # salted
    assert verify_pin(pin_hash, "052953")
    for wrong in ("052954", "", "52953", "0529530", "abcdef", None, 52953):
        assert verify_pin(pin_hash, wrong) is False  # type: ignore[arg-type]
    assert verify_pin("not a hash", "052953") is False
    assert verify_pin(pin_hash.replace("argon2id", "argon2i"), "052953") is False


def test_hash_rejects_what_is_not_a_pin() -> None:
    for bad in ("12345", "1234567", "12345a"):
        with pytest.raises(ValueError, match="6 digits"):
            hash_pin(bad)


def test_hash_uses_argon2id_with_the_intended_costs() -> None:
    # OWASP's argon2id floor: what keeps a login fast (benchmarks/pin_verify.py times it)
    # and trying all million PINs offline slow. A changed cost must be a decision.
    params = extract_parameters(hash_pin("481390"))
    assert params.type is Type.ID
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19 * 1024, 2, 1)
    assert (params.hash_len, params.salt_len) == (32, 16)


def test_register_issues_a_pin_per_candidate(registered: Registered,
                                             good_sheets: RosterSheets) -> None:
    roster, pins = registered
    assert list(pins) == [c.participant_no for c in good_sheets.candidates]
    for candidate in roster.candidates:
        assert verify_pin(candidate.pin_hash, pins[candidate.participant_no])
    # Everything but the PIN comes from the sheets unchanged.
    entry = good_sheets.candidates[1]
    candidate = roster.candidate(entry.participant_no)
    assert (candidate.name, candidate.nip, candidate.seat, candidate.photo) == (
        entry.name, entry.nip, entry.seat, entry.photo)


def test_no_two_candidates_share_a_pin(registered_54: Registered) -> None:
    roster, pins = registered_54
    assert len(roster.candidates) == 54
    assert len(set(pins.values())) == 54
    assert len({c.pin_hash for c in roster.candidates}) == 54


def test_register_draws_again_on_a_duplicate(monkeypatch: pytest.MonkeyPatch,
                                             many: Callable[[int], RosterSheets]) -> None:
    draws: Iterator[str] = iter(["481390", "481390", "481390", "730164", "052953"])
    monkeypatch.setattr(pins_module, "generate_pin", lambda: next(draws))
    _, pins = register(many(3))
    assert list(pins.values()) == ["481390", "730164", "052953"]


def test_the_saved_roster_holds_no_pin(tmp_path: Path, registered_54: Registered) -> None:
    roster, pins = registered_54
    path = tmp_path / "roster.json"
    save_roster(roster, path)
    text = path.read_text(encoding="utf-8")
    for pin in pins.values():
        # As a number of its own: a NIP may contain the same six digits by chance.
        assert not re.search(rf"(?<!\d){pin}(?!\d)", text), pin
        assert pin not in [c.pin_hash for c in roster.candidates]


def test_reissue_a_lost_card(registered: Registered) -> None:
    roster, pins = registered
    again, new_pin = reissue_pin(roster, "2026-0003")
    old_pin = pins["2026-0003"]
    assert new_pin != old_pin
    assert verify_pin(again.candidate("2026-0003").pin_hash, new_pin)
    assert not verify_pin(again.candidate("2026-0003").pin_hash, old_pin)
    assert verify_pin(roster.candidate("2026-0003").pin_hash, old_pin)  # original untouched
    others = [c for c in again.candidates if c.participant_no != "2026-0003"]
    assert others == [c for c in roster.candidates if c.participant_no != "2026-0003"]
    assert [c.participant_no for c in again.candidates] == list(pins)  # order kept
    with pytest.raises(KeyError):
        reissue_pin(roster, "2026-9999")
