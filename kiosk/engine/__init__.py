"""The candidate's session engine: actions in, durable events out, folded state to show.

Plain Python, no Qt: screens call a `Session` and render the `SessionState` it returns.
"""

from __future__ import annotations

from kiosk.engine.clock import Clock, FakeClock, SystemClock
from kiosk.engine.login import LoginReason, LoginResult
from kiosk.engine.receipt import Receipt, receipt_for
from kiosk.engine.session import (
    WARNING_MINUTES,
    ActionRefused,
    NotLoggedIn,
    RecoveryError,
    Session,
    Tick,
)
from kiosk.engine.sink import EventSink, MemorySink

__all__ = [
    "WARNING_MINUTES",
    "ActionRefused",
    "Clock",
    "EventSink",
    "FakeClock",
    "LoginReason",
    "LoginResult",
    "MemorySink",
    "NotLoggedIn",
    "Receipt",
    "RecoveryError",
    "Session",
    "SystemClock",
    "Tick",
    "receipt_for",
]
