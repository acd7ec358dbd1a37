"""Every message from the proctor and every time warning, with its time and whether it
is new; reachable from every in-exam screen, so nothing shown once is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from kiosk.engine.inbox import EntryKind, Inbox, InboxEntry
from kiosk.screens.base import KioskScreen, scrolled_card
from kiosk.screens.style import enlarge, make_button, make_label


class InboxScreen(KioskScreen):
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inbox = Inbox()
        self.title = make_label("title", wrap=True)
        enlarge(self.title, 1.4)
        self.list = make_label(wrap=True)
        self.list.setTextFormat(Qt.TextFormat.RichText)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader reads it
        self.back_button = make_button("primary", primary=True)
        self.back_button.clicked.connect(self.back)
        scrolled_card(self, [self.title, self.list, self.back_button], min_chars=60)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.back)
        self._retranslate()

    def entry_text(self, entry: InboxEntry) -> str:
        if entry.kind is EntryKind.WARNING:
            return self.tr("%n minute(s) left in this section.", "", int(entry.text))
        return self.tr("From the proctor: %1").replace("%1", entry.text)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Messages and time warnings"))
        self.back_button.setText(self.tr("Back to the exam"))
        self.back_button.setAccessibleName(self.back_button.text())
        self.list.setAccessibleName(self.tr("Messages"))
        self.render(self.inbox)

    def render(self, inbox: Inbox) -> None:  # type: ignore[override]
        """Newest first; the ones new since the last look are marked in words."""
        self.inbox = inbox
        if not inbox.entries:
            self.list.setText(self.tr("No messages yet."))
            self.list.setAccessibleDescription(self.list.text())
            return
        new = self.tr("new")
        rows = []
        for entry in reversed(inbox.entries):
            mark = f" <b>● {_escape(new)}</b>" if not entry.read else ""
            rows.append(f"<p><b>{entry.time}</b>{mark}<br>"
                        f"{_escape(self.entry_text(entry))}</p>")
        self.list.setText("".join(rows))
        self.list.setAccessibleDescription(" ".join(
            f"{e.time} {self.entry_text(e)}" for e in reversed(inbox.entries)))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
