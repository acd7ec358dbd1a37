"""A candidate session's hash-chained event log and the fold that turns it into state."""

from __future__ import annotations

from exam_bank.events.chain import EventLog, decode_event, encode_event, verify_chain
from exam_bank.events.fold import (
    Phase,
    SessionState,
    apply,
    fold,
    initial_state,
    remaining_ms,
    section_limits,
    section_navigation,
)
from exam_bank.events.makalah import apply_splice, revision_data, splice, text_at
from exam_bank.events.model import Event, EventType, SubmitReason, genesis_hash

__all__ = [
    "Event",
    "EventLog",
    "EventType",
    "Phase",
    "SessionState",
    "SubmitReason",
    "apply",
    "apply_splice",
    "decode_event",
    "encode_event",
    "fold",
    "genesis_hash",
    "initial_state",
    "remaining_ms",
    "revision_data",
    "section_limits",
    "section_navigation",
    "splice",
    "text_at",
    "verify_chain",
]
