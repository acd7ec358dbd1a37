"""The seat map: one tile per seat, laid out like the room (rows by letter, columns by
number). Tiles only render a SeatView and emit signals; they decide nothing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from exam_bank.roster.names import short_name
from proctor.console.style import STATUS_LOOK, make_label
from proctor.console.words import SeatFilter, Words, clock, matches
from proctor.room import SeatView


class ElidedLabel(QLabel):
    """A label that ends in "..." when its text is wider than the tile, instead of being
    cut off mid-letter; the full text is in the tooltip and the tile's accessible name."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self.setMinimumWidth(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(1, self.width()))
        if shown != self.text():
            self.setText(shown)


class SeatTile(QFrame):
    """One seat. Click or Enter selects it; the context-menu key or right click asks for
    the seat's controls."""

    selected = Signal(str)
    menu_requested = Signal(str, QPoint)

    def __init__(self, seat: str, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seat = seat
        self.view: SeatView | None = None
        self._selected: bool | None = None
        self._words = words
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: self.menu_requested.emit(self.seat, self.mapToGlobal(pos)))
        # Every column the same width, whatever the names: the room reads as a grid.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit_width()
        self.seat_label = make_label("seat")
        self.seat_label.setText(seat)
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.name_label = ElidedLabel()
        self.section_label = ElidedLabel()
        self.time_label = QLabel()
        self.time_label.setObjectName("time")
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setMaximumHeight(self.fontMetrics().height() + 2)
        self.hand_label = make_label("hand")
        self.badge_label = make_label("badge")
        self.flags_label = make_label("hand")
        top = QHBoxLayout()
        top.addWidget(self.seat_label)
        top.addStretch(1)
        top.addWidget(self.status_label)
        middle = QHBoxLayout()
        middle.addWidget(self.section_label, 1)
        middle.addWidget(self.time_label)
        # Badges get their own line, kept even when empty, so every tile has the same
        # height and nothing squeezes the status or the time.
        self.badges = QWidget()
        self.badges.setFixedHeight(self.fontMetrics().height() + 4)
        badges = QHBoxLayout(self.badges)
        badges.setContentsMargins(0, 0, 0, 0)
        badges.setSpacing(4)
        badges.addWidget(self.hand_label)
        badges.addWidget(self.flags_label)
        badges.addWidget(self.badge_label)
        badges.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        box.setSpacing(2)
        box.addLayout(top)
        box.addWidget(self.name_label)
        box.addLayout(middle)
        box.addWidget(self.badges)
        box.addWidget(self.progress)

    def _fit_width(self) -> None:
        """Wide enough for the seat and the longest status word in the current language,
        so the status is never cut off (a larger font makes tiles wider, and the map
        scrolls)."""
        fm = self.fontMetrics()
        status = max(fm.horizontalAdvance(f"{look[2]} {self._words.tile_status(s)}")
                     for s, look in STATUS_LOOK.items())
        seat = fm.horizontalAdvance(self.seat) * 11 // 10  # the seat is bold
        padding = fm.averageCharWidth() * 3  # chip padding (0.2em a side), spacing
        margins = 12 + 4  # layout margins, border
        self.setMinimumWidth(seat + status + padding + margins)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._fit_width()
        super().changeEvent(event)

    def show_view(self, view: SeatView, is_selected: bool) -> None:
        self.view = view
        w = self._words
        background, colour, symbol = STATUS_LOOK[view.status]
        self.status_label.setText(f"{symbol} {w.tile_status(view.status)}")
        self.status_label.setStyleSheet(
            f"background: {background}; color: {colour}; border-radius: 6px;"
            " padding: 0 0.2em;")
        self.name_label.set_full_text(short_name(view.name) if view.participant_no
                                      else f"{w.spare_pc()} \u00b7 {view.kiosk_id or ''}")
        self.name_label.setToolTip(f"{view.name} ({view.participant_no})"
                                   if view.participant_no else "")
        moved = view.kiosk_seat and view.kiosk_seat != view.seat
        section = view.section_title or (w.phase(view.phase) if view.participant_no else "")
        self.section_label.set_full_text(f"\u2192 {view.kiosk_seat} {section}" if moved
                                         else section)
        self.section_label.setToolTip(self.section_label.full_text())
        self.time_label.setText(clock(view.time_left_ms))
        flags = [w.badge(name) for on, name in ((view.paused, "paused"),
                                                (view.locked, "locked")) if on]
        self.flags_label.setText(" ".join(flags))
        self.flags_label.setVisible(bool(flags))
        self.progress.setVisible(view.participant_no is not None)
        self.progress.setRange(0, max(1, view.total))
        self.progress.setValue(view.answered)
        self.progress.setFormat(f"{view.answered}/{view.total}")
        self.hand_label.setText(w.badge("hand") if view.hand_raised else "")
        self.hand_label.setVisible(view.hand_raised)
        self.badge_label.setText(f"\u26a0 {view.incidents}")
        self.badge_label.setVisible(view.incidents > 0)
        self.setAccessibleName(w.seat_summary(view))
        self.setToolTip(w.seat_summary(view))
        # Re-polish only on a change: it restyles the whole tile.
        if self._selected != is_selected:
            self._selected = is_selected
            self.setProperty("selected", is_selected)
            self.style().unpolish(self)
            self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus()
            self.selected.emit(self.seat)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.selected.emit(self.seat)
            return
        if event.key() == Qt.Key.Key_Menu:
            self.menu_requested.emit(self.seat, self.mapToGlobal(self.rect().center()))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # Qt override
        super().focusInEvent(event)
        self.update()


class SeatMap(QWidget):
    """Tiles in a grid like the room; a filter hides the seats that do not match."""

    selected = Signal(str)
    menu_requested = Signal(str, QPoint)

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = words
        self.tiles: dict[str, SeatTile] = {}
        self._grid = QGridLayout(self)
        self._grid.setSpacing(4)
        self._grid.setContentsMargins(0, 2, 0, 2)
        self._layout_key: tuple[str, ...] = ()
        self.filter = SeatFilter.ALL
        self.current: str | None = None

    def show_seats(self, seats: tuple[SeatView, ...]) -> None:
        key = tuple(v.seat for v in seats)
        if key != self._layout_key:
            self._relayout(seats)
            self._layout_key = key
        for view in seats:
            tile = self.tiles[view.seat]
            tile.show_view(view, view.seat == self.current)
            tile.setVisible(matches(view, self.filter))

    def visible_seats(self) -> list[str]:
        return [seat for seat, tile in self.tiles.items() if not tile.isHidden()]

    def _relayout(self, seats: tuple[SeatView, ...]) -> None:
        """Rows by the seat's letters, columns by its number; seats without a number go
        after the numbered ones in their row."""
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = {}
        rows = sorted({v.row for v in seats})
        cols = sorted({v.col for v in seats if v.col >= 0})
        spare: dict[str, int] = {}
        previous: QWidget | None = None
        for view in seats:
            tile = SeatTile(view.seat, self._words, self)
            tile.selected.connect(self.selected)
            tile.menu_requested.connect(self.menu_requested)
            row = rows.index(view.row)
            if view.col >= 0:
                col = cols.index(view.col)
            else:
                col = len(cols) + spare.get(view.row, 0)
                spare[view.row] = spare.get(view.row, 0) + 1
            self._grid.addWidget(tile, row, col)
            self.tiles[view.seat] = tile
            if previous is not None:
                QWidget.setTabOrder(previous, tile)
            previous = tile
        for c in range(self._grid.columnCount()):
            self._grid.setColumnStretch(c, 1)
        self._grid.setRowStretch(len(rows), 1)
