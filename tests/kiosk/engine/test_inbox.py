"""The inbox keeps every message with its time and read mark; the save line's states."""

from __future__ import annotations

from kiosk.engine.inbox import EntryKind, Inbox, InboxEntry, SaveState, save_line


def test_a_read_message_never_comes_back_as_unread() -> None:
    inbox = Inbox().add(InboxEntry("10.00.01", EntryKind.MESSAGE, "Periksa nama"))
    assert inbox.unread == 1 and inbox.latest_unread() is not None
    inbox = inbox.all_read()
    assert inbox.unread == 0 and inbox.latest_unread() is None
    inbox = inbox.add(InboxEntry("10.05.00", EntryKind.WARNING, "5"))
    assert inbox.latest_unread() == InboxEntry("10.05.00", EntryKind.WARNING, "5")
    assert [e.read for e in inbox.entries] == [True, False]


def test_save_line_says_where_the_answers_are() -> None:
    assert save_line(None, True).state is SaveState.NONE
    line = save_line("2026-01-05T03:42:15.120+00:00", None)
    assert line.state is SaveState.SAVED and len(line.time.split(".")) == 3
    assert save_line("2026-01-05T03:42:15+00:00", True).state is SaveState.SAVED
    assert save_line("2026-01-05T03:42:15+00:00", False).state is SaveState.LOCAL_ONLY
