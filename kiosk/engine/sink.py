"""Where events go to become durable; the encrypted store implements the same protocol."""

from __future__ import annotations

from typing import Protocol

from exam_bank.events import Event


class EventSink(Protocol):
    def append(self, event: Event) -> None:
        """Stores `event`; when this returns, it survives a power cut."""
        ...

    def events(self) -> list[Event]:
        """Every stored event, in order: what a restarted kiosk recovers from."""
        ...


class MemorySink:
    """An in-memory sink for tests; `fail_next` simulates a store that refuses a write."""

    def __init__(self) -> None:
        self._events: list[Event] = []
        self.fail_next = False

    def append(self, event: Event) -> None:
        if self.fail_next:
            self.fail_next = False
            raise OSError("simulated write failure")
        self._events.append(event)

    def events(self) -> list[Event]:
        return list(self._events)
