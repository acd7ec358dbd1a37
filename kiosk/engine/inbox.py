"""The candidate's inbox and save line: proctor messages and time warnings kept with their
time and a read mark, and what the quiet "saved at" line says. Pure, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum


class EntryKind(StrEnum):
    MESSAGE = "message"  # from the proctor
    WARNING = "warning"  # minutes left in the section


@dataclass(frozen=True)
class InboxEntry:
    time: str  # local HH.MM.SS when the kiosk received it
    kind: EntryKind
    text: str  # the proctor's words, or the minutes left as text ("5")
    read: bool = False


def local_time(wall_iso: str) -> str:
    """HH.MM.SS in the lab PC's time zone, as Indonesian writes times (10.42.15)."""
    return datetime.fromisoformat(wall_iso).astimezone().strftime("%H.%M.%S")


@dataclass(frozen=True)
class Inbox:
    entries: tuple[InboxEntry, ...] = ()

    def add(self, entry: InboxEntry) -> Inbox:
        return Inbox((*self.entries, entry))

    @property
    def unread(self) -> int:
        return sum(not e.read for e in self.entries)

    def latest_unread(self) -> InboxEntry | None:
        """The one a screen shows in its strip; once read it never shows again."""
        return next((e for e in reversed(self.entries) if not e.read), None)

    def all_read(self) -> Inbox:
        return Inbox(tuple(replace(e, read=True) for e in self.entries))


class SaveState(StrEnum):
    NONE = "none"  # nothing saved yet in this run
    SAVED = "saved"  # on this PC, and the proctor has it or the kiosk runs standalone
    LOCAL_ONLY = "local_only"  # on this PC; the proctor gets it when the network is back


@dataclass(frozen=True)
class SaveLine:
    state: SaveState
    time: str = ""  # local HH.MM.SS of the last durable save


def save_line(saved_at: str | None, link_up: bool | None) -> SaveLine:
    """`link_up` None: a standalone kiosk, where this PC's disk is the whole story."""
    if saved_at is None:
        return SaveLine(SaveState.NONE)
    return SaveLine(SaveState.LOCAL_ONLY if link_up is False else SaveState.SAVED,
                    local_time(saved_at))
