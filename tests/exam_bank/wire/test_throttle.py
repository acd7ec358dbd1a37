"""Throttling unauthenticated tries: one address slows down, the others do not."""

from __future__ import annotations

from exam_bank.wire.throttle import FREE_FAILURES, Backoff, EnrollThrottle, GuessBudget


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_source_waits_longer_after_each_failure_beyond_the_free_ones() -> None:
    clock = Clock()
    backoff = Backoff(clock=clock, cap_s=60)
    for _ in range(FREE_FAILURES):
        assert backoff.wait("10.0.0.9") == 0
        backoff.failed("10.0.0.9")
    waits = []
    for _ in range(8):
        waits.append(backoff.wait("10.0.0.9"))
        backoff.failed("10.0.0.9")
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff.wait("10.0.0.10") == 0  # another address is not slowed
    clock.now += 61
    assert backoff.wait("10.0.0.9") == 0
    backoff.succeeded("10.0.0.9")
    assert backoff.failures("10.0.0.9") == 0


def test_backoff_memory_is_bounded() -> None:
    backoff = Backoff(clock=Clock(), max_sources=10)
    for i in range(1000):
        backoff.failed(f"10.0.{i // 256}.{i % 256}")
    assert len(backoff._sources) == 10


def test_an_attacker_cannot_stop_a_clean_address_from_enrolling() -> None:
    clock = Clock()
    throttle = EnrollThrottle(Backoff(clock=clock), GuessBudget(per_minute=5, clock=clock))
    refused = 0
    for _ in range(500):
        if throttle.refusal("10.0.0.66") is None:
            throttle.failed("10.0.0.66")
        else:
            refused += 1
        clock.now += 0.1
    assert refused > 450  # the guesser gets a handful of tries in 50 s
    assert throttle.refusal("10.0.0.21") is None  # a real kiosk is never held back


def test_guesses_from_many_failing_addresses_share_one_room_wide_budget() -> None:
    clock = Clock()
    throttle = EnrollThrottle(Backoff(clock=clock), GuessBudget(per_minute=10, clock=clock))
    allowed = 0
    for i in range(200):  # an attacker with 200 addresses, each failed once before
        source = f"10.0.1.{i}"
        throttle.failed(source)
        if throttle.refusal(source) is None:
            allowed += 1
    assert allowed == 10
    clock.now += 60
    assert throttle.refusal("10.0.1.0") is None
