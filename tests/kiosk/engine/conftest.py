"""Fixtures: a fresh in-memory sink, a fake clock and a session over the test package."""

from __future__ import annotations

import pytest

from exam_bank.exam_package import ExamPackage
from kiosk.engine import FakeClock, MemorySink, Session
from tests.kiosk.engine.kit import PACKAGE


@pytest.fixture
def package() -> ExamPackage:
    return PACKAGE


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sink() -> MemorySink:
    return MemorySink()


@pytest.fixture
def session(sink: MemorySink, clock: FakeClock) -> Session:
    return Session(PACKAGE, sink, clock)
