"""The kiosk's controller: wires the screens to the session engine and the local store.

Screens render views and emit signals; this module decides. Everything it needs comes in
one `KioskContext` built by `kiosk.start`, so a test passes its own package, keys and clock.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from exam_bank.blueprint.model import Blueprint
from exam_bank.events import Phase, SessionState
from exam_bank.exam_package import ExamPackage
from exam_bank.ids import ParticipantNo
from exam_bank.items.media import case_shown
from exam_bank.roster.model import normalise_participant_no
from kiosk.engine import ActionRefused, Clock, LoginResult, MemorySink, Session
from kiosk.engine.inbox import (
    EntryKind,
    Inbox,
    InboxEntry,
    SaveState,
    local_time,
    save_line,
)
from kiosk.engine.readaloud import item_script, paper_paragraphs, time_script
from kiosk.engine.session import RecoveryError
from kiosk.engine.views import (
    answer_value,
    intro_view,
    item_view,
    makalah_check_view,
    overlay,
    receipt_payload,
    resume_target,
    review_view,
    rules_view,
)
from kiosk.keysource import StandaloneKeySource
from kiosk.screens.announce import Announcer
from kiosk.screens.display import DisplayScreen
from kiosk.screens.identity import IdentityScreen, IdentityView
from kiosk.screens.inbox import InboxScreen
from kiosk.screens.intro import SectionIntroScreen
from kiosk.screens.item import ItemScreen
from kiosk.screens.login import (
    MOVE_REFUSED,
    STORE_FAILED,
    WRONG_SESSION,
    LoginScreen,
    LoginView,
)
from kiosk.screens.notice import FINISH, TIME_UP, TIME_UP_LAST, NoticeScreen, NoticeView
from kiosk.screens.overlay import PauseOverlay
from kiosk.screens.pictures import Pictures
from kiosk.screens.receipt import ReceiptScreen, ReceiptView
from kiosk.screens.review import ReviewScreen
from kiosk.screens.rules import RulesScreen
from kiosk.screens.status import StatusStrip
from kiosk.screens.style import STYLE, apply_theme, make_label, next_font_step
from kiosk.speech import Speaker, SpeechUnavailable

if TYPE_CHECKING:
    from kiosk.config import LockdownConfig
    from kiosk.link import LinkedKiosk
    from kiosk.lockdown import Lockdown
from kiosk.store import EventStore, StoreError

log = logging.getLogger(__name__)

I18N = Path(__file__).resolve().parent / "i18n"
READY_MARKER = "UJIKOM-KIOSK-READY"

@dataclass
class KioskContext:
    """Standalone (`keys` from the exam key file, `token` from the command line) or linked
    to the proctor (`link`: the exam key, the token and the stores come through it)."""

    package: ExamPackage
    keys: StandaloneKeySource | None
    clock: Clock
    token: str
    language: str = "id"
    stores: list[EventStore] = field(default_factory=list)
    link: LinkedKiosk | None = None
    read_aloud: bool = False  # offline speech (eSpeak NG) for candidates who need it

    @property
    def expected_token(self) -> str:
        return (self.link.token or "") if self.link is not None else self.token


@dataclass(frozen=True)
class Theme:
    base_point_size: float  # the lab PC's default font, before A-/A+
    percent: int = 100
    high_contrast: bool = False


class Translations:
    """Indonesian is the default; English is the source language, so it needs no file."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language = "en"

    def use(self, language: str) -> None:
        app = QCoreApplication.instance()
        if app is None or language == self.language:
            return
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        if language != "en":
            translator = QTranslator(app)
            if translator.load(str(I18N / f"ujikom_kiosk_{language}.qm")):
                app.installTranslator(translator)
                self._translator = translator
        self.language = language
        # Qt posts LanguageChange; deliver it now so the switch is seen at once.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


TICK_MS = 250  # the clock is shown to the second; a quarter second keeps it smooth
LINK_MS = 200  # a proctor's pause reaches the screen within a fifth of a second
DEFAULT_POINT_SIZE = 11.0
MIN_POINT_SIZE = 11.0  # body text at 100%: comfortable at 1366x768 for a long exam
NOTICE_MS = 8_000  # how long a lockdown notice stays up
FLUSH_BEFORE_END_MS = 1_000  # the editor's own debounce saves before this otherwise
EXIT_SYNC_S = 5.0  # how long an exit waits for the proctor to store the last events


class KioskController(QObject):
    def __init__(self, ctx: KioskContext, parent: QObject | None = None,
                 makalah_factory: Callable[[], QWidget] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.translations = Translations()
        self.translations.use(ctx.language)
        self.window = QStackedWidget()
        self.window.setWindowTitle("Ujikom")
        self.login = LoginScreen()
        self.identity = IdentityScreen()
        self.rules = RulesScreen()
        self.intro = SectionIntroScreen()
        self.pictures = Pictures(ctx.package.media)  # decoded from memory, on first use
        self.item = ItemScreen(pictures=self.pictures)
        self.review = ReviewScreen()
        self.notice = NoticeScreen()
        self.receipt = ReceiptScreen()
        self.inbox_screen = InboxScreen()
        self.display_screen = DisplayScreen()
        for screen in (self.login, self.identity, self.rules, self.intro, self.item,
                       self.review, self.notice, self.receipt, self.inbox_screen,
                       self.display_screen):
            self.window.addWidget(screen)
        self.overlay = PauseOverlay(self.window)
        self._makalah_factory = makalah_factory or _real_makalah_screen
        self.makalah: Any = None  # built on first use: kiosk.screens.makalah.MakalahScreen
        self.makalah_check: Any = None  # with it: kiosk.screens.makalah.check
        self._makalah_item: str | None = None
        self._typed_mono: int | None = None  # when the paper's last key was let in
        # A font given in pixels reports -1 points; scale from a sane size then. Body text
        # is never below MIN_POINT_SIZE: a lab PC's 9 pt default is small for a long exam.
        self.theme = Theme(max(QApplication.font().pointSizeF(), MIN_POINT_SIZE) if
                           QApplication.font().pointSizeF() > 0 else DEFAULT_POINT_SIZE)
        self.announcer = Announcer(self.window)
        self.speaker: Speaker | None = None
        self._read_aloud_keys = False  # the F7–F12 shortcuts are bound (at most once)
        self._paragraph = 0  # the next makalah paragraph read aloud
        if ctx.read_aloud:
            self._start_read_aloud()
        self._app_font = QApplication.font()  # given back on close (one app, many tests)
        self._sessions: dict[str, Session] = {}
        self.session: Session | None = None
        self._shown: SessionState | None = None  # the state the screens last rendered
        self.inbox = Inbox()  # the proctor's messages and the time warnings, with times
        self._messages_seen = 0  # the state's messages already put in the inbox
        self._saved_at: str | None = None  # wall time of the last durable save
        self._back_from_inbox: QWidget | None = None
        self._save_state = SaveState.NONE
        self._stopped = False  # paused or locked, as last rendered
        self.login.login_requested.connect(self.on_login)
        self.login.language_requested.connect(self.on_language)
        self.login.high_contrast_requested.connect(self.on_high_contrast)
        self.login.font_step_requested.connect(self.on_font_step)
        self.identity.confirmed.connect(self.on_identity_confirmed)
        self.rules.acknowledged.connect(self.on_rules_acknowledged)
        self.intro.start.connect(self.on_start_section)
        self.item.answer_changed.connect(self.on_answer)
        self.item.flag_toggled.connect(self.on_flag)
        self.item.navigate.connect(self.on_navigate)
        self.item.review_requested.connect(self.on_review)
        self.item.hand_raised.connect(self.on_raise_hand)
        self.item.message_dismissed.connect(self.on_message_dismissed)
        for strip in (self.item.status, self.review.status):
            self._connect_strip(strip)
        self.inbox_screen.back.connect(self.on_inbox_closed)
        self.display_screen.back.connect(self.on_inbox_closed)
        self.display_screen.language_requested.connect(self.on_language)
        self.display_screen.high_contrast_requested.connect(self.on_high_contrast)
        self.display_screen.font_step_requested.connect(self.on_font_step)
        self.review.go_to.connect(self.on_navigate)
        self.review.back.connect(self.on_back_to_items)
        self.review.submit_confirmed.connect(self.on_submit)
        self.notice.proceed.connect(self.on_notice_proceed)
        self.lockdown: Lockdown | None = None  # set by show() when a config is given
        self.quit_app: Callable[[], None] = QCoreApplication.quit  # tests stay in the loop
        self.exited = False  # the proctor's exit code closed this kiosk
        self.toast = make_label("banner", wrap=True)
        self.toast.setParent(self.window)
        self.toast.setStyleSheet(STYLE)
        self.toast.hide()
        self.toast_timer = QTimer(self)
        self.toast_timer.setSingleShot(True)
        self.toast_timer.setInterval(NOTICE_MS)
        self.toast_timer.timeout.connect(self.toast.hide)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.on_tick)
        self.link_timer = QTimer(self)  # the proctor's commands, even before any login
        self.link_timer.setInterval(LINK_MS)
        self.link_timer.timeout.connect(self.on_link)
        if ctx.link is not None:
            self.link_timer.start()
        self.login.render(self._login_view())
        self._apply_theme()  # the minimum body size from the first screen on

    @property
    def title(self) -> str:
        return self.ctx.package.blueprint.exam.title

    @property
    def blueprint(self) -> Blueprint:
        return self.ctx.package.blueprint

    def _login_view(self, refusal: str | None = None, attempts_left: int = 0) -> LoginView:
        return LoginView(self.title, refusal, attempts_left,
                         language=self.translations.language,
                         high_contrast=self.theme.high_contrast,
                         font_percent=self.theme.percent)

    def on_language(self, language: str) -> None:
        self.translations.use(language)  # the screens reword themselves on LanguageChange
        self.login.render(replace(self.login.view, language=language))
        self._render_display()

    # -- theme -----------------------------------------------------------------------------

    def on_high_contrast(self, on: bool) -> None:
        self.theme = replace(self.theme, high_contrast=on)
        self._apply_theme()

    def on_font_step(self, delta: int) -> None:
        self.theme = replace(self.theme, percent=next_font_step(self.theme.percent, delta))
        self._apply_theme()

    def _apply_theme(self) -> None:
        apply_theme(self.window, self.theme.base_point_size, self.theme.percent,
                    self.theme.high_contrast)
        self.login.render(self._login_view(self.login.view.refusal,
                                           self.login.view.attempts_left))
        self._render_display()

    def _render_display(self) -> None:
        self.display_screen.render(self.theme.percent, self.theme.high_contrast,
                                   self.translations.language)

    # -- login -----------------------------------------------------------------------------

    def _session_for(self, participant_no: ParticipantNo) -> Session:
        """One session per number, so failed attempts are counted per candidate; only a
        number on the roster gets an encrypted store on disk."""
        no = normalise_participant_no(participant_no)
        if no not in self._sessions:
            if self.ctx.package.roster.find(no) is None:
                self._sessions[no] = Session(self.ctx.package, MemorySink(), self.ctx.clock)
            elif self.ctx.link is not None:  # its store, or the replica of a moved log
                self._sessions[no] = self.ctx.link.open_session(self.ctx.package, no)
            else:
                assert self.ctx.keys is not None
                store = self.ctx.keys.open_store(no)
                self.ctx.stores.append(store)
                self._sessions[no] = Session(self.ctx.package, store, self.ctx.clock)
        return self._sessions[no]

    def on_login(self, participant_no: ParticipantNo, pin: str, token: str) -> LoginResult | None:
        from kiosk.link import MoveRefused
        from kiosk.link.linked import WrongSession

        try:
            session = self._session_for(participant_no)
        except WrongSession as exc:
            log.info("login of %s refused: %s", participant_no, exc)
            self.login.render(self._login_view(WRONG_SESSION))
            return None
        except MoveRefused as exc:
            log.info("login of %s needs the proctor: %s", participant_no, exc)
            self.login.render(self._login_view(MOVE_REFUSED))
            return None
        except (StoreError, RecoveryError) as exc:
            log.warning("kiosk store for %s cannot be opened: %s", participant_no, exc)
            self.login.render(self._login_view(STORE_FAILED))
            return None
        result = session.login(participant_no, pin, token, self.ctx.expected_token)
        if not result.ok:
            self.login.render(self._login_view(result.reason, result.attempts_left))
            return result
        self.session = session
        if self.ctx.link is not None:
            self.ctx.link.use(session)
        self.timer.start()
        self.show_current()  # a resumed session lands where it left off
        return result

    def _identity_view(self, confirmed: bool = False) -> IdentityView:
        assert self.session is not None and self.session.participant_no is not None
        roster = self.ctx.package.roster
        candidate = roster.find(self.session.participant_no)
        assert candidate is not None
        position = roster.positions.get(candidate.position)
        return IdentityView(candidate.participant_no, candidate.name, candidate.nip,
                            position.name if position else candidate.position, confirmed)

    # -- the journey -----------------------------------------------------------------------

    def _act(self, action: Callable[[], SessionState]) -> SessionState | None:
        """Runs a candidate action; a refusal (time just ran out, paused ...) re-renders
        the truth instead of reaching the candidate as an error."""
        try:
            state = action()
        except ActionRefused as exc:
            log.info("action refused: %s", exc)
            self.show_current()
            return None
        except Exception:  # the store failed (disk full, I/O): calm words, full log
            log.exception("a candidate action could not be saved")
            self.show_notice(self.notice.save_failed_text())
            return None
        self._saved_at = self.ctx.clock.wall_iso()
        self._refresh_status(state)
        return state

    def show_current(self) -> None:
        """Shows the screen the session's phase calls for, rendered from its state."""
        if self.session is None:
            return
        state = self.session.state
        target = resume_target(state)
        self._collect_messages(state)
        self._refresh_status(state)
        aside = self.window.currentWidget() in (self.inbox_screen, self.display_screen)
        if aside and target in ("item", "makalah"):
            self.inbox_screen.render(self.inbox)  # stays open until the candidate leaves
            self._render_overlay(state)
            self._shown = state
            return
        if target == "identity":
            self.identity.render(self._identity_view())
            self._go(self.identity)
        elif target == "rules":
            self.rules.render(rules_view(self.blueprint, state))
            self._go(self.rules)
        elif target == "intro":
            view = intro_view(self.blueprint, state)
            assert view is not None
            self.intro.render(view)
            self._go(self.intro)
        elif target == "finish":
            self.notice.render(NoticeView(FINISH))
            self._go(self.notice)
        elif target == "item":
            if self.window.currentWidget() is not self.review:
                self._render_item(state)
                self._go(self.item)
            else:
                self.review.render(review_view(self.blueprint, state))
        elif target == "makalah":
            self._show_makalah(state)
        elif target == "receipt":
            self._show_receipt(state)
        self._render_overlay(state)
        self._shown = state

    def _go(self, screen: QWidget) -> None:
        if self.window.currentWidget() is not screen:
            self.window.setCurrentWidget(screen)

    def _render_item(self, state: SessionState) -> None:
        self.item.render(item_view(self.blueprint, state))
        self.item.set_hand_raised(state.hand_raised)
        latest = self.inbox.latest_unread()
        self.item.set_message(latest.text if latest is not None
                              and latest.kind is EntryKind.MESSAGE else None)
        self.item.set_time_left(self.session.remaining_ms() if self.session else 0)

    def _render_overlay(self, state: SessionState) -> None:
        view = overlay(state)
        stopped = view.paused or view.locked
        self.overlay.set_state(view.paused, view.locked)
        if stopped and not self._stopped:  # said once, as it covers the screen
            self.announcer.announce(f"{self.overlay.title.text()} "
                                    f"{self.overlay.text.text()}", urgent=True)
        self._stopped = stopped
        for index in range(self.window.count()):  # whichever screen comes next, too
            screen = self.window.widget(index)
            if screen is not None:
                screen.setEnabled(not stopped)

    def on_identity_confirmed(self) -> None:
        if self.session is None:
            return
        if self._act(self.session.confirm_identity) is not None:
            self.identity.render(self._identity_view(confirmed=True))
            self.show_current()

    def on_rules_acknowledged(self) -> None:
        if self.session is not None and self._act(self.session.acknowledge_rules):
            self.show_current()

    def on_start_section(self) -> None:
        if self.session is not None and self._act(self.session.start_section):
            self.item.set_warning(None)
            self.show_current()

    def on_answer(self, item_id: str, keys: list[str]) -> None:
        session = self.session
        if session is None:
            return
        value = answer_value(self.item.view.kind if self.item.view else "", keys)
        if value is None:
            if item_id in session.state.answers:
                self._act(lambda: session.clear(item_id))
        else:
            self._act(lambda: session.answer(item_id, value))
        self.show_current()

    def on_flag(self, item_id: str) -> None:
        session = self.session
        if session is not None:
            self._act(lambda: session.toggle_flag(item_id))
            self.show_current()

    def on_navigate(self, index: int) -> None:
        session = self.session
        if session is None:
            return
        if self._act(lambda: session.go_to(index)) is not None:
            self._go(self.item)
        self.show_current()

    def on_review(self) -> None:
        if self.session is None or self.session.state.section is None:
            return
        self.review.render(review_view(self.blueprint, self.session.state))
        self.review.set_time_left(self.session.remaining_ms())
        self._go(self.review)
        self._render_overlay(self.session.state)

    def on_back_to_items(self) -> None:
        self._go(self.item)
        self.show_current()

    def on_message_dismissed(self) -> None:
        """Closing the strip reads every message: none of them shows again by itself."""
        self.inbox = self.inbox.all_read()
        if self.session is not None:
            self.show_current()

    # -- inbox and status ------------------------------------------------------------------

    def _connect_strip(self, strip: StatusStrip) -> None:
        strip.inbox_requested.connect(self.on_inbox)
        strip.display_requested.connect(self.on_display)
        strip.hand_raised.connect(self.on_raise_hand)

    def _strips(self) -> list[StatusStrip]:
        strips = [self.item.status, self.review.status]
        if self.makalah is not None:
            strips += [self.makalah.status, self.makalah_check.status]
        return strips

    def _collect_messages(self, state: SessionState) -> None:
        """New proctor messages go into the inbox with the time the kiosk logged them."""
        assert self.session is not None
        if len(state.messages) <= self._messages_seen:
            return
        times = self.session.message_times()
        for n in range(self._messages_seen, len(state.messages)):
            when = times[n] if n < len(times) else self.ctx.clock.wall_iso()
            self.inbox = self.inbox.add(InboxEntry(local_time(when), EntryKind.MESSAGE,
                                                   state.messages[n]))
            self.announcer.announce(self.item.message_text(state.messages[n]))
        self._messages_seen = len(state.messages)

    def _alert_text(self) -> str | None:
        latest = self.inbox.latest_unread()
        if latest is None:
            return None
        if latest.kind is EntryKind.WARNING:
            return self.item.warning_text(int(latest.text))
        return self.item.message_text(latest.text)

    def _refresh_status(self, state: SessionState) -> None:
        if state.read_aloud and not self._read_aloud_keys:  # the proctor's accommodation
            self._start_read_aloud()
        link_up = self.ctx.link.status.connected if self.ctx.link is not None else None
        line = save_line(self._saved_at, link_up)
        if line.state is SaveState.LOCAL_ONLY and self._save_state is not SaveState.LOCAL_ONLY:
            self.announcer.announce(self.item.status.save_text(line))  # once, not per save
        self._save_state = line.state
        for strip in self._strips():
            strip.set_save(line)
            strip.set_unread(self.inbox.unread)
            strip.set_hand_raised(state.hand_raised)
        if self.makalah is not None:
            self.makalah.set_alert(self._alert_text())

    def on_display(self) -> None:
        current = self.window.currentWidget()
        if current not in (self.inbox_screen, self.display_screen):
            self._back_from_inbox = current
        self._render_display()
        self._go(self.display_screen)
        self.display_screen.larger.setFocus()

    def on_inbox(self) -> None:
        current = self.window.currentWidget()
        if current not in (self.inbox_screen, self.display_screen):
            self._back_from_inbox = current
        self.inbox_screen.render(self.inbox)
        self.inbox = self.inbox.all_read()  # seen now: nothing pops up again
        self._go(self.inbox_screen)
        self.inbox_screen.list.setFocus()
        if self.session is not None:
            self._refresh_status(self.session.state)

    def on_inbox_closed(self) -> None:
        back = self._back_from_inbox
        self._back_from_inbox = None
        if back is not None and back is not self.item:
            self._go(back)
        else:
            self._go(self.item)
        if self.session is not None:
            self._shown = None
            self.show_current()

    def on_raise_hand(self) -> None:
        session = self.session
        if session is not None and not session.state.hand_raised:
            self._act(session.raise_hand)
            self.show_current()

    def on_submit(self) -> None:
        session = self.session
        if session is None or session.state.section is None:
            return
        if self._on_makalah():
            self.makalah.flush()
        last = session.state.section_index == len(session.state.context.form.sections) - 1
        self._go(self.item)  # leave the review; show_current picks the next screen
        self._act(session.submit_exam if last else session.submit_section)
        self.item.set_warning(None)
        self.show_current()

    def on_notice_proceed(self, kind: str) -> None:
        if self.session is None:
            return
        if kind == FINISH:
            self._act(self.session.submit_exam)
        self.show_current()

    # -- makalah ---------------------------------------------------------------------------

    def _on_makalah(self) -> bool:
        current: Any = self.window.currentWidget()
        return self.makalah is not None and current is self.makalah

    def _makalah_screen(self) -> Any:
        if self.makalah is None:
            self.makalah = self._makalah_factory()
            self.makalah.pictures = self.pictures
            self.window.addWidget(self.makalah)
            self.makalah.text_changed.connect(self.on_makalah_changed)
            self.makalah.paste_refused.connect(self.on_paste_refused)
            self.makalah.finished.connect(self.on_makalah_finished)
            self.makalah.edit_gate = self.makalah_may_edit
            self.makalah.alert_ok.clicked.connect(self.on_message_dismissed)
            self._connect_strip(self.makalah.status)
            from kiosk.screens.makalah.check import MakalahCheckScreen

            self.makalah_check = MakalahCheckScreen()
            self.window.addWidget(self.makalah_check)
            self.makalah_check.back.connect(self.on_check_back)
            self.makalah_check.submit_confirmed.connect(self.on_submit)
            self._connect_strip(self.makalah_check.status)
            if self.theme != Theme(self.theme.base_point_size):
                self._apply_theme()  # the candidate's contrast and size reach it too
        return self.makalah

    def _show_makalah(self, state: SessionState) -> None:
        from kiosk.screens.makalah import MakalahView

        screen = self._makalah_screen()
        section = state.section
        assert section is not None
        item_id = section.item_ids[state.item_index]
        item = state.context.items[item_id]
        spec = item.makalah
        check: Any = self.makalah_check
        on_check = self.window.currentWidget() is check  # a bool: mypy narrows no `is`
        if on_check:
            check.render(makalah_check_view(self.blueprint, state), keep=True)
            return
        if self.window.currentWidget() is not screen or self._makalah_item != item_id:
            screen.render(MakalahView(
                item_id=item_id, title=item.stem,
                prompt=spec.instructions if spec else "",
                case_material=case_shown(item),
                min_words=(spec.word_min or None) if spec else None,
                max_words=(spec.word_max or None) if spec else None,
                text=state.makalah.get(item_id, "")))
            self._makalah_item = item_id
        screen.set_time_left(self.session.remaining_ms() if self.session else 0)
        self._go(screen)
        screen.set_alert(self._alert_text())

    def makalah_may_edit(self) -> bool:
        """Asked before each key reaches the paper: it does while the section's time runs,
        and the key's time is noted, so a save a tick late still carries it in time."""
        session = self.session
        if session is None or session.state.section is None:
            return False
        if session.remaining_ms() > 0:
            self._typed_mono = self.ctx.clock.mono_ms()
            return True
        QTimer.singleShot(0, self.on_tick)  # time is up: the tick submits what was typed
        return False

    def on_makalah_changed(self, item_id: str, text: str) -> None:
        session = self.session
        if session is not None and session.state.section is not None:
            typed = self._typed_mono
            self._act(lambda: session.makalah_changed(item_id, text, typed_mono=typed))

    def on_paste_refused(self, item_id: str, chars: int) -> None:
        session = self.session
        if session is not None and session.state.section is not None:
            self._act(lambda: session.paste_refused(item_id, chars))

    def on_makalah_finished(self) -> None:
        """The paper's own check (words, the paper as printed, what comes next), not the
        multiple-choice review."""
        session = self.session
        if self.makalah is None or session is None or session.state.section is None:
            return
        self.makalah.flush()
        self.makalah_check.render(makalah_check_view(self.blueprint, session.state))
        self.makalah_check.set_time_left(session.remaining_ms())
        self._go(self.makalah_check)
        self._refresh_status(session.state)

    def on_check_back(self) -> None:
        self._go(self.makalah)
        self.makalah.editor.setFocus()
        self.show_current()

    # -- the proctor -----------------------------------------------------------------------

    def on_link(self) -> None:
        """Applies the proctor's commands; the next tick renders what they changed."""
        assert self.ctx.link is not None
        try:
            self.ctx.link.drain()
        except Exception:  # a command that cannot be saved must not stop the exam
            log.exception("a proctor's command could not be applied")

    # -- time ------------------------------------------------------------------------------

    def on_tick(self) -> None:
        session = self.session
        if session is None:
            return
        section = session.state.section
        if (section is not None and self._on_makalah()
                and session.remaining_ms() <= FLUSH_BEFORE_END_MS):
            self.makalah.flush()  # the paper's last words go in before time runs out
        try:
            tick = session.tick()
        except Exception:  # the time-up could not be saved; the next tick tries again
            log.exception("the timer's tick could not be saved")
            if not self.toast.isVisible():
                self.show_notice(self.notice.save_failed_text())
            return
        if tick.timed_out is not None:
            assert section is not None
            title = {s.id: s.title for s in self.blueprint.sections}[tick.timed_out]
            done = session.state.phase == Phase.SUBMITTED
            self.item.set_warning(None)
            self.notice.render(NoticeView(TIME_UP_LAST if done else TIME_UP, title))
            self._go(self.notice)
            self._render_overlay(session.state)
            self._shown = session.state
            return
        if tick.warnings_due:
            minutes = min(tick.warnings_due)
            self.item.set_warning(minutes)
            self.inbox = self.inbox.add(InboxEntry(local_time(self.ctx.clock.wall_iso()),
                                                   EntryKind.WARNING, str(minutes)))
            self.announcer.announce(self.item.warning_text(minutes), urgent=minutes <= 5)
            self._refresh_status(session.state)
        if session.state is not self._shown and self.window.currentWidget() is not self.notice:
            self.show_current()  # a proctor's pause, message or extension arrived
        if session.state.section is not None:
            left = session.remaining_ms()
            self.item.set_time_left(left)
            self.review.set_time_left(left)
            if self.makalah is not None:
                self.makalah.set_time_left(left)
                self.makalah_check.set_time_left(left)
        self._refresh_status(session.state)

    def _show_receipt(self, state: SessionState) -> None:
        assert self.session is not None and self.session.participant_no is not None
        self.timer.stop()
        receipt = self.session.receipt()
        payload = receipt_payload(self.blueprint.exam.id, self.session.participant_no,
                                  receipt.final_hash)
        submitted = self.session.submitted_wall() or self.ctx.clock.wall_iso()
        self.receipt.render(ReceiptView(self.session.participant_no, local_time(submitted),
                                        receipt.short_code, payload))
        self._go(self.receipt)

    # -- lockdown (kiosk.lockdown calls these through LockdownHooks) -------------------------

    def _logged_in(self) -> Session | None:
        session = self.session
        return session if session is not None and session.logged_in else None

    def lockdown_incident(self, kind: str, evidence: str) -> None:
        """Recorded in the candidate's log. With nobody signed in it is no candidate's
        (a proctor's mistyped exit code must not be pinned on whoever signs in next): it
        goes to the proctor as the room's fact, and into this kiosk's own log."""
        session = self._logged_in()
        if session is not None:
            self._act(lambda: session.report_incident(kind, evidence))
            return
        log.warning("lockdown incident with nobody signed in: %s (%s)", kind, evidence)
        if self.ctx.link is None:
            return
        from kiosk.link import LinkError

        try:
            self.ctx.link.link.report_incident(kind, evidence)
        except (LinkError, ValueError) as exc:  # link stopped, or a kind it does not carry
            log.warning("not reported to the proctor: %s", exc)

    def lockdown_focus_lost(self) -> None:
        session = self._logged_in()
        if session is not None and not session.state.focus_away:
            self._act(session.focus_lost)

    def lockdown_focus_regained(self) -> None:
        session = self._logged_in()
        if session is not None and session.state.focus_away:
            self._act(session.focus_regained)

    # -- the proctor's exit code (Ctrl+Alt+Shift+K at the seat) ------------------------------

    def exit_code_check(self) -> tuple[Callable[[str], bool] | None, bool]:
        """How the exit dialog checks a code, and whether it is the session's quit code:
        the session's (from the proctor's welcome) once there is one, else kiosk.toml's
        unlock code (not linked, or no welcome yet); (None, False) when neither exists."""
        from exam_bank.wire.quitcode import check_quit_code

        hashed = self.ctx.link.status.quit_code_hash if self.ctx.link is not None else None
        if hashed:
            return (lambda code: check_quit_code(code, hashed)), True
        assert self.lockdown is not None
        return self.lockdown.unlock_code_check(), False

    def on_exit_keys(self) -> None:
        if self.lockdown is None or self.exited:
            return
        verify, session_code = self.exit_code_check()
        self.lockdown.open_quit(verify, self.exit_by_proctor, session_code=session_code)

    def exit_by_proctor(self) -> None:
        """The proctor typed the right code: the answers are saved (the paper flushed, the
        chain durable on disk and, when the proctor is reachable, stored there too), the
        exit goes into the candidate's chain with the seat and the PC, and the kiosk
        leaves lockdown and quits (the kiosk session of packaging/ decides what follows).
        The candidate signs in again later, here or at a spare PC, and carries on."""
        self.exited = True
        if self.makalah is not None:
            self.makalah.flush()
        session = self._logged_in()
        link = self.ctx.link
        if session is not None and session.participant_no is not None:
            where = link.where() if link is not None else ""
            self._act(partial(session.report_incident, "kiosk_exit", where))
            if link is not None and not link.sync(session.participant_no,
                                                  session.state.last_seq, EXIT_SYNC_S):
                log.warning("exit: the proctor has not stored the last events yet; they "
                            "are on this PC's store and go at the next sign-in")
        log.info("the proctor's exit code closed the kiosk")
        if self.lockdown is not None:
            self.lockdown.release()
        self.close()
        self.window.close()
        self.quit_app()

    def catch_unexpected(self) -> None:
        """The last line of defence: an error nothing else caught (in a slot, a timer) goes
        to the log with its traceback, and the candidate reads a calm note in their
        language, never the traceback or the system's English."""
        from kiosk.screens.failure import FailureWords

        words = FailureWords(self.window)
        words.hide()

        def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
            if issubclass(kind, KeyboardInterrupt | SystemExit):
                sys.__excepthook__(kind, exc, tb)
                return
            log.critical("unexpected error on the kiosk", exc_info=(kind, exc, tb))
            self.show_notice(words.unexpected())

        sys.excepthook = hook

    def show_notice(self, text: str) -> None:
        """A calm note over any screen that goes by itself; it never blocks the exam."""
        self.toast.setText(text)
        self.toast.setAccessibleName(text)
        self.toast.adjustSize()
        width = min(self.window.width() - 40, max(self.toast.sizeHint().width(), 400))
        self.toast.setFixedWidth(width)
        self.toast.adjustSize()
        # At the top, over the headings: never over the paper, the word count or an answer.
        self.toast.move((self.window.width() - width) // 2, 8)
        self.toast.show()
        self.toast.raise_()
        self.toast_timer.start()

    # -- read aloud ------------------------------------------------------------------------

    def _start_read_aloud(self) -> None:
        """F9 reads the question (or the next paragraph of the paper), Shift+F9 with the
        answer, F10 stops, F11 says the time left, F12 the last message, F7/F8 slower and
        faster. Function keys: nothing a candidate types, and the lockdown lets them by.
        Bound once, whether from --read-aloud or the proctor's accommodation (in the log)."""
        self._read_aloud_keys = True
        try:
            self.speaker = Speaker(self.translations.language)
        except SpeechUnavailable as exc:
            log.warning("read-aloud is not available: %s", exc)
            return
        keys = {"F9": self.read_aloud, "Shift+F9": partial(self.read_aloud, True),
                "F10": self.stop_reading, "F11": self.read_time, "F12": self.read_message,
                "F7": partial(self.reading_speed, -1), "F8": partial(self.reading_speed, 1)}
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self.window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def _say(self, lines: list[str]) -> None:
        if self.speaker is not None:
            self.speaker.language = self.translations.language
            self.speaker.say(lines)

    def read_aloud(self, with_answer: bool = False) -> None:
        current = self.window.currentWidget()
        language = self.translations.language
        if current is self.item and self.item.view is not None:
            self._say(item_script(self.item.view, language, with_answer))
        elif self._on_makalah():
            paper: Any = self.makalah
            paragraphs = paper_paragraphs(paper.stored_text())
            if paragraphs:
                self._paragraph %= len(paragraphs)
                self._say([paragraphs[self._paragraph]])
                self._paragraph += 1

    def read_time(self) -> None:
        if self.session is not None and self.session.state.section is not None:
            self._say([time_script(self.session.remaining_ms(), self.translations.language)])

    def read_message(self) -> None:
        latest = next((e for e in reversed(self.inbox.entries)
                       if e.kind is EntryKind.MESSAGE), None)
        if latest is not None:
            self._say([self.item.message_text(latest.text)])

    def stop_reading(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()

    def reading_speed(self, step: int) -> None:
        if self.speaker is not None:
            self.speaker.change_speed(step)

    def close(self) -> None:
        self.stop_reading()
        if self.lockdown is not None:
            self.lockdown.stop()
        self.timer.stop()
        self.link_timer.stop()
        if self.makalah is not None:
            self.makalah.flush()
        if self.ctx.link is not None:
            self.ctx.link.close()  # after the last flush, so it goes out too
        for store in self.ctx.stores:
            store.close()
        self.ctx.stores.clear()
        self.translations.use("en")  # takes our translator off the shared application
        QApplication.setFont(self._app_font)


def _real_makalah_screen() -> QWidget:
    from kiosk.screens.makalah import MakalahScreen

    return MakalahScreen()


def show(controller: KioskController, windowed: bool,
         lockdown: LockdownConfig | None = None, *,
         exit_when_ready: bool = False) -> QWidget:
    """Full-screen and frameless on a lab PC; `windowed` for development. With a lockdown
    config the lockdown takes the window (full screen, on top, key filter, guards) and
    reports to the candidate's session through the controller."""
    window = controller.window
    if lockdown is not None:
        from kiosk.lockdown import Lockdown, LockdownHooks

        hooks = LockdownHooks(incident=controller.lockdown_incident,
                              focus_lost=controller.lockdown_focus_lost,
                              focus_regained=controller.lockdown_focus_regained,
                              notice=controller.show_notice)
        controller.lockdown = Lockdown(window, hooks, lockdown, windowed=windowed)
        controller.lockdown.exit_requested = controller.on_exit_keys
        if windowed:
            window.resize(1024, 720)
            window.show()
        controller.lockdown.start()
    elif windowed:
        window.resize(1024, 720)
        window.show()
    else:
        from PySide6.QtCore import Qt

        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    if exit_when_ready:
        QTimer.singleShot(0, partial(_ready_and_quit, controller))
    return window


def _ready_and_quit(controller: KioskController) -> None:
    """The benchmark hook: say the login screen is up, let the caller measure, then quit."""
    print(READY_MARKER, flush=True)
    sys.stdin.readline()  # the caller closes stdin once it has read the RSS
    if controller.lockdown is not None:
        controller.lockdown.release()  # else the locked window refuses the quit
    app = QCoreApplication.instance()
    if app is not None:
        app.quit()

