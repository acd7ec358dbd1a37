"""Spoken by a screen reader without moving the focus: time warnings, the proctor's
messages, a save that stays on this PC. Qt's announcement event is the live region."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class Announcer:
    def __init__(self, host: QWidget) -> None:
        self.host = host
        self.said: list[str] = []  # every announcement, newest last (tests read it)

    def announce(self, text: str, urgent: bool = False) -> None:
        """`urgent` interrupts what the reader is saying (the last minutes, a pause)."""
        self.said.append(text)
        self.host.setAccessibleDescription(text)  # also there for a reader that polls
        event = QAccessibleAnnouncementEvent(self.host, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                            else QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
