"""The kiosk's local encrypted store (SQLCipher): the session's event log, no Qt."""

from __future__ import annotations

from kiosk.store.eventstore import (
    ChainRefused,
    EventStore,
    StoreDamaged,
    StoreError,
    StoreKeyError,
)

__all__ = ["ChainRefused", "EventStore", "StoreDamaged", "StoreError", "StoreKeyError"]
