"""The proctor console's main window: token, filters, seat map, detail, incidents,
attendance and room controls. It renders `Room.snapshot()` once a second and sends what
the proctor asks through the service; it keeps nothing that a restart would lose (the
room lives in the server, the proctor's name and the berita acara draft in the state dir).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from exam_bank.examzone import exam_zone
from exam_bank.fsutil import atomic_write
from exam_bank.ids import KioskId, ParticipantNo
from exam_bank.wire.control import ControlAction
from proctor.console.detail import SEAT_ACTIONS, DetailPanel
from proctor.console.dialogs import (
    APPROVE_LOGIN,
    MOVE,
    QUIT_CODE,
    Ask,
    CommandDialog,
    Request,
    ask_modal,
)
from proctor.console.failure_words import FailureWords, failure_of, show_failure
from proctor.console.held_logins import HeldLoginsBanner
from proctor.console.preflight_panel import PreflightPanel, PreflightService
from proctor.console.seal_panel import Sealer
from proctor.console.seatmap import SeatMap
from proctor.console.service import ConsoleService
from proctor.console.style import STYLE, enlarge, make_button, make_label, show_text
from proctor.console.translations import Translations
from proctor.console.words import SeatFilter, Words, action_allowed
from proctor.held import HeldLogin
from proctor.move_refusal import MoveRefused
from proctor.room import Attendance, Room, RoomSnapshot, monotonic_ms

SETTINGS = "console.json"
SEAT_ROLE = Qt.ItemDataRole.UserRole
ACTIONS_LOG = "console-actions.jsonl"
ROOM_ACTIONS: tuple[str, ...] = (ControlAction.PAUSE, ControlAction.RESUME,
                                 ControlAction.EXTEND, ControlAction.MESSAGE,
                                 ControlAction.LOCK, ControlAction.UNLOCK,
                                 ControlAction.FORCE_SUBMIT, QUIT_CODE)


class ConsoleWindow(QWidget):
    """One room, one session. `ask` runs a CommandDialog (tests drive it directly)."""

    def __init__(self, room: Room, service: ConsoleService, state_dir: Path, *,
                 clock: Callable[[], int] = monotonic_ms,
                 wall: Callable[[], dt.datetime] | None = None,
                 ask: Ask = ask_modal, refresh_ms: int = 1000,
                 translations: Translations | None = None,
                 sealer: Sealer | None = None,
                 preflight: PreflightService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.translations = translations or Translations()
        self.sealer = sealer  # None: this console cannot seal (no office certificate path)
        self.room, self.service, self.state_dir = room, service, state_dir
        # The exam's clock by default: a PC kept on UTC still marks absence at the roster's hour.
        self._clock, self._wall, self._ask = clock, wall or room.now_wall, ask
        self.words = Words(self)
        self.failures = FailureWords(self)
        self._server_silent = False  # the lab server stopped answering the refresh
        self.snapshot: RoomSnapshot | None = None
        self.settings = _read_settings(state_dir / SETTINGS)
        self.setObjectName("console")
        self.setStyleSheet(STYLE)
        self.berita_window: QWidget | None = None
        self._sized = False

        # -- header: what the room needs to see ---------------------------------------------
        self.heading = make_label("title", wrap=True)
        enlarge(self.heading, 1.25)
        self.heading.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.subheading = make_label("subtitle", wrap=True)
        self.token_label = make_label("token")
        enlarge(self.token_label, 1.8)
        self.token_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.regenerate = make_button("regenerate_token")
        self.regenerate.clicked.connect(self.on_regenerate_token)
        self.lang_id = make_button("lang_id", checkable=True)
        self.lang_en = make_button("lang_en", checkable=True)
        self.lang_id.setText("ID")
        self.lang_en.setText("EN")
        self.lang_id.clicked.connect(lambda: self.use_language("id"))
        self.lang_en.clicked.connect(lambda: self.use_language("en"))
        self.berita_button = make_button("berita_acara", kind="primary")
        self.berita_button.clicked.connect(self.open_berita_acara)
        token_card = QFrame()
        token_card.setObjectName("tokenCard")
        token_box = QHBoxLayout(token_card)
        token_box.addWidget(self.token_label)
        token_box.addWidget(self.regenerate)
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(token_card)
        langs = QHBoxLayout()
        langs.setSpacing(0)
        langs.addWidget(self.lang_id)
        langs.addWidget(self.lang_en)
        side = QVBoxLayout()
        side.addLayout(langs)
        side.addWidget(self.berita_button)
        header.addLayout(side)

        # -- filters and room-wide controls --------------------------------------------------
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[SeatFilter, QPushButton] = {}
        bar = QHBoxLayout()
        for n, which in enumerate(SeatFilter):
            button = make_button(f"filter_{which}", checkable=True)
            button.setChecked(which == SeatFilter.ALL)
            button.setShortcut(QKeySequence(f"Alt+{n + 1}"))
            self.filter_group.addButton(button)
            button.clicked.connect(lambda _=False, w=which: self.set_filter(w))
            self.filter_buttons[which] = button
            bar.addWidget(button)
        bar.addStretch(1)
        # The whole room's controls sit in one menu: five buttons would not fit a 1366
        # wide screen at 200% font next to the filters.
        self.room_button = make_button("room_controls")
        self.room_menu = QMenu(self.room_button)
        self.room_actions: dict[str, QAction] = {}
        for action in ROOM_ACTIONS:
            item = QAction(self.room_menu)
            item.setObjectName(f"room_{action}")
            item.triggered.connect(lambda _=False, a=action: self.ask_action(a, None))
            self.room_menu.addAction(item)
            self.room_actions[action] = item
        self.room_menu.addSeparator()
        self.enroll_action = QAction(self.room_menu)
        self.enroll_action.setObjectName("enrollment_code")
        self.enroll_action.triggered.connect(self.on_enrollment_code)
        self.room_menu.addAction(self.enroll_action)
        self.room_button.setMenu(self.room_menu)
        bar.addWidget(self.room_button)

        # -- the room and the side panel ----------------------------------------------------
        self.seat_map = SeatMap(self.words)
        self.seat_map.selected.connect(self.select_seat)
        self.seat_map.menu_requested.connect(self.show_seat_menu)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.seat_map)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail = DetailPanel(self.words)
        self.detail.action_requested.connect(self.ask_action)
        detail_scroll = QScrollArea()  # a 200% font makes the panel taller than the screen
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setWidget(self.detail)
        self.incidents = QListWidget()
        self.incidents.setWordWrap(True)
        self.attendance = QListWidget()
        self.attendance.setWordWrap(True)  # a long name wraps; nothing hides to the right
        self.attendance.setAlternatingRowColors(True)  # two lines per candidate
        self.attendance.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for listing in (self.incidents, self.attendance):  # Enter or double click: the seat
            listing.itemActivated.connect(self._open_listed_seat)
        self.attendance_counts = make_label("fieldLabel", wrap=True)
        attendance_page = QWidget()
        attendance_box = QVBoxLayout(attendance_page)
        attendance_box.addWidget(self.attendance_counts)
        attendance_box.addWidget(self.attendance, 1)
        self.tabs = QTabWidget()
        # Three tabs whose labels are read whole (no scroll arrows, no eliding) in the
        # panel the room leaves at 1366x768; a fourth did not fit there.
        self.tabs.tabBar().setUsesScrollButtons(False)
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.tabBar().setExpanding(False)
        self.tabs.addTab(detail_scroll, "")
        self.tabs.addTab(self.incidents, "")
        self.tabs.addTab(attendance_page, "")
        self.side = QStackedWidget()
        self.side.addWidget(self.tabs)
        # The kiosks' preflights and the session's opening (a service that has them): a
        # page of the side panel opened from the toolbar's "PC check" button.
        self.preflight = None if preflight is None else PreflightPanel(
            preflight, proctor_name=self.proctor_name)
        self.preflight_title = make_label("subtitle")
        self.preflight_back = make_button("preflightBack")
        if self.preflight is not None:
            self.preflight_page = self._preflight_page(self.preflight)
            self.preflight.glance.clicked.connect(self.show_preflight)
            bar.insertWidget(bar.count() - 1, self.preflight.glance)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        # The room gets most of the width; the side panel a column of about 40 characters.
        self.splitter = splitter
        self.feedback = make_label("ok", wrap=True)
        self.feedback.setVisible(False)
        self.held_banner = HeldLoginsBanner()
        self.held_banner.decide_requested.connect(self.ask_login_decision)

        box = QVBoxLayout(self)
        box.addLayout(header)
        box.addLayout(bar)
        box.addWidget(self.feedback)
        box.addWidget(self.held_banner)
        box.addWidget(splitter, 1)

        QShortcut(QKeySequence("Ctrl+T"), self, self.on_regenerate_token)
        QShortcut(QKeySequence("Ctrl+B"), self, self.open_berita_acara)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        if refresh_ms > 0:
            self.timer.start(refresh_ms)
        self._retranslate()
        self.refresh()
        # Last: switching language re-words every widget, so they must all exist.
        self.use_language(str(self.settings.get("language", "id")))

    # -- rendering ------------------------------------------------------------------------

    def refresh(self) -> None:
        snap = self.room.snapshot(self._clock(), self._wall())
        self.snapshot = snap
        w = self.words
        self.heading.setText(f"{snap.exam_title} \u00b7 {snap.session_id}")
        self.subheading.setText(self.tr("{room}, {site} \u00b7 {date} {start}").format(
            room=snap.room, site=snap.site, date=snap.date.strftime("%d-%m-%Y"),
            start=snap.start.strftime("%H:%M")))
        server = self._ask_server()
        if server is not None:
            self.token_label.setText(self.tr("TOKEN: {token}").format(token=server[0]))
            self.token_label.setAccessibleName(self.token_label.text())
        self.seat_map.show_seats(snap.seats)
        if self.detail.seat is None:
            self.detail.show_seat(None, ())  # worded in the current language
        else:
            try:
                view = snap.seat(self.detail.seat)
            except KeyError:  # a spare PC that went away
                self.detail.show_seat(None, ())
            else:
                self.detail.show_seat(view, self.room.timeline(
                    view.participant_no or ParticipantNo("")),
                    self._command_lines(snap, view.participant_no))
        # The evidence is system text in English: read whole only in English, always at
        # hand for a technician in the tooltip. A repeat's count changes a line in place.
        english = self.translations.language == "en"
        incidents = [w.incident_line(i, english) for i in reversed(snap.incidents)]
        if [self.incidents.item(n).text() for n in range(self.incidents.count())] != incidents:
            self.incidents.clear()
            seat_of: dict[str, str] = {a.participant_no: a.seat for a in snap.attendance}
            for text, i in zip(incidents, reversed(snap.incidents), strict=True):  # newest first
                item = QListWidgetItem(text)
                item.setToolTip(w.incident_detail(i))
                item.setData(SEAT_ROLE, i.seat or seat_of.get(i.participant_no or "", ""))
                self.incidents.addItem(item)
        counts = snap.counts()
        self.attendance_counts.setText(self.tr(
            "Expected {expected} \u00b7 present {present} \u00b7 late {late} \u00b7 absent "
            "{absent} \u00b7 not yet {not_yet}").format(
            expected=len(snap.attendance), present=counts[Attendance.PRESENT],
            late=counts[Attendance.LATE], absent=counts[Attendance.ABSENT],
            not_yet=counts[Attendance.NOT_YET]))
        lines = [w.attendance_line(a) for a in snap.attendance]
        if [self.attendance.item(n).text() for n in range(self.attendance.count())] != lines:
            self.attendance.clear()
            for line, a in zip(lines, snap.attendance, strict=True):
                item = QListWidgetItem(line)
                item.setData(SEAT_ROLE, a.seat)
                self.attendance.addItem(item)
        problems = sum(1 for s in snap.seats if s.problem)
        self.tabs.setTabText(1, self.tr("Incidents ({n})").format(n=len(snap.incidents)))
        self.filter_buttons[SeatFilter.PROBLEMS].setText(
            w.filter_name(SeatFilter.PROBLEMS) + f" ({problems})")
        if self.preflight is not None and server is not None:
            self.preflight_title.setText(self.preflight.tab_title())
        held = server[1] if server is not None else []
        planned: dict[str, str] = {a.participant_no: a.seat for a in snap.attendance}
        self.held_banner.show_held(held, planned)
        shown = next((v for v in snap.seats if v.seat == self.detail.seat), None)
        self.detail.show_held([self.held_banner.describe(h, planned.get(h.participant_no, ""))
                               for h in held if shown is not None and (
                                   h.seat == shown.seat
                                   or h.participant_no == shown.participant_no)])

    def _ask_server(self) -> tuple[str, list[HeldLogin]] | None:
        """The token and the held logins from the lab server (and the PC checks); None,
        said once in words, while it does not answer (the room shown is the last known)."""
        try:
            token, held = self.service.token, self.service.held_logins()
            if self.preflight is not None:
                self.preflight.refresh()
        except Exception as exc:  # every second: log and word it once, not each time
            if not self._server_silent:
                self._server_silent = True
                self.show_failure(self.tr("The room is not up to date: {error}"), exc)
            return None
        if self._server_silent:  # it answers again: the notice about it goes
            self._server_silent = False
            if self.feedback.text().startswith(self.tr("The room is not up to date: {error}")
                                               .split("{")[0]):
                self.feedback.setVisible(False)
        return token, held

    def _retranslate(self) -> None:
        w = self.words
        self.regenerate.setText(self.tr("New token"))
        self.regenerate.setAccessibleName(self.tr("Make a new session token"))
        self.regenerate.setToolTip("Ctrl+T")
        self.enroll_action.setText(self.tr("Enrollment code for a new kiosk PC"))
        self.lang_id.setAccessibleName(self.tr("Bahasa Indonesia"))
        self.lang_en.setAccessibleName(self.tr("English"))
        self.berita_button.setText(self.tr("Berita acara"))
        self.berita_button.setAccessibleName(self.tr("Open the berita acara (report)"))
        for which, button in self.filter_buttons.items():
            button.setText(w.filter_name(which))
            button.setAccessibleName(self.tr("Show: {f}").format(f=w.filter_name(which)))
        room_text = {
            ControlAction.PAUSE: self.tr("Pause all"),
            ControlAction.RESUME: self.tr("Resume all"),
            ControlAction.EXTEND: self.tr("Extend all"),
            ControlAction.MESSAGE: self.tr("Message all"),
            ControlAction.LOCK: self.tr("Lock all"),
            ControlAction.UNLOCK: self.tr("Unlock all"),
            ControlAction.FORCE_SUBMIT: self.tr("Force submit all (end of session)"),
            QUIT_CODE: self.tr("Unlock code for quitting a kiosk"),
        }
        for action, item in self.room_actions.items():
            item.setText(room_text[action])
        self.room_button.setText(self.tr("Whole room"))
        self.room_button.setAccessibleName(self.tr("Controls for the whole room"))
        self.detail.retranslate({a: self.seat_action_text(a) for a in SEAT_ACTIONS})
        self.seat_map.setAccessibleName(self.tr("Seat map"))
        self.incidents.setAccessibleName(self.tr("Incidents, newest first"))
        self.attendance.setAccessibleName(self.tr("Attendance"))
        self.tabs.setTabText(0, self.tr("Candidate"))
        self.tabs.setTabText(1, self.tr("Incidents"))
        self.tabs.setTabText(2, self.tr("Attendance"))
        self.preflight_back.setText(self.tr("Back"))
        self.preflight_back.setAccessibleName(self.tr("Back to the candidate, incidents and "
                                                      "attendance"))
        self.setWindowTitle(self.tr("Ujikom \u2014 proctor console"))

    def _command_lines(self, snap: RoomSnapshot, participant_no: str | None) -> tuple[str, ...]:
        zone = exam_zone(snap.timezone)  # as every other time the console shows
        return tuple(self.words.command_line(line, self.seat_action_text(line.command.action),
                                             zone)
                     for line in snap.commands if line.participant_no == participant_no)

    def seat_action_text(self, action: str) -> str:
        return {
            ControlAction.PAUSE: self.tr("Pause"),
            ControlAction.RESUME: self.tr("Resume"),
            ControlAction.EXTEND: self.tr("Extend"),
            ControlAction.LOCK: self.tr("Lock"),
            ControlAction.UNLOCK: self.tr("Unlock"),
            ControlAction.MESSAGE: self.tr("Message"),
            ControlAction.ANSWER_HAND: self.tr("Answer hand"),
            ControlAction.FORCE_SUBMIT: self.tr("Force submit"),
            ControlAction.READ_ALOUD: self.tr("Read aloud (accommodation)"),
            MOVE: self.tr("Move to spare PC"),
        }[action]

    def _side_width(self) -> int:
        """The detail panel's full width, but never more than 45% of the window nor more
        than the room leaves: every column of seats stays in view (a long name in the
        panel once pushed the 8th column behind a scrollbar at 1366×768)."""
        wanted = max(self.detail.minimumSizeHint().width() + self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent) + 12, self.tabs.tabBar().sizeHint().width())
        room = (self.splitter.width() - self.splitter.handleWidth()
                - self.seat_map.minimumSizeHint().width() - 4)
        return max(1, min(wanted, self.splitter.width() * 45 // 100, room))

    def _size_splitter(self) -> None:
        side = self._side_width()
        self.splitter.setSizes([max(1, self.splitter.width() - side), side])

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self._sized:  # once: later the proctor's own splitter drag wins
            self._sized = True
            self._size_splitter()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        if self._sized and self.splitter.sizes()[1] < self._side_width() // 2:
            self._size_splitter()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.incidents.clear()  # re-worded on the next refresh
            self.refresh()
        super().changeEvent(event)

    # -- the proctor's actions ------------------------------------------------------------

    def use_language(self, language: str) -> None:
        self.translations.use(language)
        self.lang_id.setChecked(self.translations.language == "id")
        self.lang_en.setChecked(self.translations.language == "en")
        self._remember("language", self.translations.language)
        if self.preflight is not None:
            self.preflight.set_language(self.translations.language)

    def set_filter(self, which: SeatFilter) -> None:
        self.filter_buttons[which].setChecked(True)
        self.seat_map.filter = which
        self.refresh()

    def select_seat(self, seat: str) -> None:
        self.seat_map.current = seat
        self.detail.seat = seat
        self.side.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(0)
        self.refresh()

    def _preflight_page(self, panel: PreflightPanel) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.preflight_title, 1)
        head.addWidget(self.preflight_back)
        box.addLayout(head)
        box.addWidget(panel, 1)
        self.preflight_back.clicked.connect(lambda: self.side.setCurrentWidget(self.tabs))
        self.side.addWidget(page)
        return page

    def show_preflight(self) -> None:
        """The kiosks' preflights in the side panel (its back button returns to the tabs)."""
        if self.preflight is not None:
            self.side.setCurrentWidget(self.preflight_page)

    def _open_listed_seat(self, item: QListWidgetItem) -> None:
        seat = item.data(SEAT_ROLE)
        if isinstance(seat, str) and seat and self.snapshot is not None and any(
                v.seat == seat for v in self.snapshot.seats):
            self.select_seat(seat)

    def seat_menu(self, seat: str) -> QMenu:
        menu = QMenu(self)
        snap = self.snapshot
        view = next((v for v in snap.seats if v.seat == seat), None) if snap else None
        for action in SEAT_ACTIONS:
            item = QAction(self.seat_action_text(action), menu)
            item.setObjectName(f"menu_{action}")
            item.setEnabled(view is None or action_allowed(action, view))
            item.triggered.connect(lambda _=False, a=action: self.ask_action(a, seat))
            menu.addAction(item)
        return menu

    def show_seat_menu(self, seat: str, where: QPoint) -> None:
        self.select_seat(seat)
        self.seat_menu(seat).popup(where)

    def ask_action(self, action: str, seat: str | None) -> None:
        """Ask for reason and name (and what else the action needs), then do it."""
        snap = self.snapshot or self.room.snapshot(self._clock(), self._wall())
        view = snap.seat(seat) if seat else None
        if view is not None and view.participant_no is None:
            return
        target = (f"{view.seat} {view.name}" if view else self.tr("the whole room"))
        participants = (view.participant_no,) if view and view.participant_no else ()
        dialog = CommandDialog(action, target, participants,
                               str(self.settings.get("proctor_name", "")),
                               snap.free_kiosks, self)
        request = self._ask(dialog)
        dialog.deleteLater()
        if request is not None:
            self.do(request, view.participant_no if view else None)

    def do(self, request: Request, participant_no: ParticipantNo | None) -> None:
        self._remember("proctor_name", request.by)
        try:
            if request.command is not None:
                self.service.send(request.command)
                done = self.tr("Sent: {what}").format(what=self.seat_action_text(request.action))
            elif request.action == MOVE and participant_no and request.kiosk_id:
                self.service.authorize_move(participant_no, request.kiosk_id, request.by,
                                            request.reason)
                done = self.tr("Move of {who} to {kiosk} authorized: the candidate signs in "
                               "there").format(who=participant_no, kiosk=request.kiosk_id)
            else:
                done = self.tr("Unlock code for quitting: {code} (at the kiosk press "
                               "Ctrl+Alt+Shift+K)").format(
                    code=self.service.quit_code(participant_no, request.by, request.reason))
        except MoveRefused as refused:  # the PC was taken or unenrolled meanwhile
            self.show_feedback(self.tr("Not sent: {error}").format(
                error=self.words.move_refused(refused)), ok=False)
            return
        except Exception as exc:  # a dead server, a full disk...: words, never a traceback
            self.show_failure(self.tr("Not sent: {error}"), exc)
            return
        if request.command is None:
            self._log_action(request, participant_no)
        self.show_feedback(done, ok=True)
        self.refresh()

    def ask_login_decision(self, action: str, participant_no: str, kiosk_id: str) -> None:
        """Approve or refuse a held first login, with a reason (the console's twin of
        `ujikom proctor decide --login-on KIOSK --accept|--reject --reason …`)."""
        dialog = CommandDialog(action, self.tr("{who} on PC {kiosk}").format(
            who=participant_no, kiosk=kiosk_id), (ParticipantNo(participant_no),),
            str(self.settings.get("proctor_name", "")), (), self)
        request = self._ask(dialog)
        dialog.deleteLater()
        if request is None:
            return
        self._remember("proctor_name", request.by)
        accept = action == APPROVE_LOGIN
        try:
            self.service.decide_login(ParticipantNo(participant_no), KioskId(kiosk_id),
                                      accept, request.reason, request.by)
        except Exception as exc:  # as `do`: the proctor reads words, the log the detail
            self.show_failure(self.tr("Not decided: {error}"), exc)
            return
        self.show_feedback((self.tr("{who}'s login on {kiosk} approved: the PC reconnects "
                                    "and the candidate continues") if accept else
                            self.tr("{who}'s login on {kiosk} refused")).format(
                                who=participant_no, kiosk=kiosk_id), ok=True)
        self.refresh()

    def on_regenerate_token(self) -> None:
        try:
            token = self.service.new_token(self.proctor_name())
        except Exception as exc:  # the old token stays; the proctor reads why not
            self.show_failure(self.tr("No new token: {error}"), exc)
            return
        self.show_feedback(self.tr("New token: {token}. Tell the room.").format(token=token),
                           ok=True)
        self.refresh()

    def on_enrollment_code(self) -> None:
        try:
            code = self.service.enrollment_code(self.proctor_name())
        except Exception as exc:
            self.show_failure(self.tr("No enrollment code: {error}"), exc)
            return
        self.show_feedback(self.tr("Enrollment code: {code} (one use only; type it on the "
                                   "new kiosk PC)").format(code=code), ok=True)

    def open_berita_acara(self) -> None:
        from proctor.console.berita_form import BeritaAcaraForm

        if self.berita_window is None:
            panel = None
            if self.sealer is not None:
                from proctor.console.seal_panel import SealPanel

                panel = SealPanel(self.sealer, self.state_dir / "hasil",
                                  str(self.settings.get("admin_cert", "")),
                                  lambda path: self._remember("admin_cert", path),
                                  ask=self._ask,
                                  proctor_name=str(self.settings.get("proctor_name", "")),
                                  zone=self.room.zone)
            self.berita_window = BeritaAcaraForm(self.room, self.state_dir, wall=self._wall,
                                                 clock=self._clock, seal_panel=panel)
        self.berita_window.show()
        self.berita_window.raise_()

    def show_feedback(self, text: str, *, ok: bool) -> None:
        self.feedback.setObjectName("ok" if ok else "error")
        self.feedback.setStyleSheet("")  # re-polish for the new object name
        show_text(self.feedback, text)

    def show_failure(self, frame: str, exc: BaseException) -> None:
        """`frame` ("Not sent: {error}") around the failure's words; its system text in
        the tooltip and the log only."""
        self.show_feedback("", ok=False)
        show_failure(self.feedback, frame.format(error=self.failures.words(failure_of(exc))),
                     exc, self.failures.tip(exc))

    # -- what survives a restart ----------------------------------------------------------

    def _remember(self, key: str, value: str) -> None:
        if self.settings.get(key) != value:
            self.settings[key] = value
            atomic_write(self.state_dir / SETTINGS,
                         json.dumps(self.settings, ensure_ascii=False).encode("utf-8"))

    def proctor_name(self) -> str:
        """The name the proctor last gave (the record names who did what)."""
        return str(self.settings.get("proctor_name", ""))

    def _log_action(self, request: Request, participant_no: ParticipantNo | None) -> None:
        """Moves and quit codes: the server keeps them in the record (the replica); this
        file is an extra audit trail of the console's own."""
        # Whose session: one lab folder serves every session of an exam in turn.
        line = {"at": self._wall().isoformat(timespec="seconds"), "exam": self.room.exam_id,
                "session": self.room.session_id, "action": request.action,
                "participant_no": participant_no, "kiosk_id": request.kiosk_id,
                "reason": request.reason, "by": request.by}
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with (self.state_dir / ACTIONS_LOG).open("a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def _read_settings(path: Path) -> dict[str, object]:
    """The console's remembered settings; a damaged file means defaults, never a crash."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
