"""The kiosk's controller: wires the screens to the session engine and the local store.

Screens render views and emit signals; this module decides. Everything it needs comes in
one `KioskContext` built by `kiosk.cli`, so a test passes its own package, keys and clock.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QStackedWidget, QWidget

from exam_bank.exam_package import ExamPackage
from exam_bank.roster.model import normalise_participant_no
from kiosk.engine import Clock, LoginResult, MemorySink, Session
from kiosk.engine.session import RecoveryError
from kiosk.keysource import StandaloneKeySource
from kiosk.screens.identity import IdentityScreen, IdentityView
from kiosk.screens.login import STORE_FAILED, LoginScreen, LoginView
from kiosk.store import EventStore, StoreError

log = logging.getLogger(__name__)

I18N = Path(__file__).resolve().parent / "i18n"
READY_ENV = "UJIKOM_EXIT_WHEN_READY"  # benchmark hook, see _ready_and_quit
READY_MARKER = "UJIKOM-KIOSK-READY"

@dataclass
class KioskContext:
    package: ExamPackage
    keys: StandaloneKeySource
    clock: Clock
    token: str  # standalone mode: from --token; the proctor link will issue it
    language: str = "id"
    stores: list[EventStore] = field(default_factory=list)


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


class KioskController(QObject):
    def __init__(self, ctx: KioskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.translations = Translations()
        self.translations.use(ctx.language)
        self.window = QStackedWidget()
        self.window.setWindowTitle("Ujikom")
        self.login = LoginScreen()
        self.identity = IdentityScreen()
        self.window.addWidget(self.login)
        self.window.addWidget(self.identity)
        self._sessions: dict[str, Session] = {}
        self.session: Session | None = None
        self.login.login_requested.connect(self.on_login)
        self.login.language_requested.connect(self.on_language)
        self.identity.confirmed.connect(self.on_identity_confirmed)
        self.login.render(self._login_view())

    @property
    def title(self) -> str:
        return self.ctx.package.blueprint.exam.title

    def _login_view(self, refusal: str | None = None, attempts_left: int = 0) -> LoginView:
        return LoginView(self.title, refusal, attempts_left,
                         language=self.translations.language)

    def on_language(self, language: str) -> None:
        self.translations.use(language)  # the screens reword themselves on LanguageChange
        self.login.render(replace(self.login.view, language=language))

    def _session_for(self, participant_no: str) -> Session:
        """One session per number, so failed attempts are counted per candidate; only a
        number on the roster gets an encrypted store on disk."""
        no = normalise_participant_no(participant_no)
        if no not in self._sessions:
            if self.ctx.package.roster.find(no) is None:
                self._sessions[no] = Session(self.ctx.package, MemorySink(), self.ctx.clock)
            else:
                store = self.ctx.keys.open_store(no)
                self.ctx.stores.append(store)
                self._sessions[no] = Session(self.ctx.package, store, self.ctx.clock)
        return self._sessions[no]

    def on_login(self, participant_no: str, pin: str, token: str) -> LoginResult | None:
        try:
            session = self._session_for(participant_no)
        except (StoreError, RecoveryError) as exc:
            log.warning("kiosk store for %s cannot be opened: %s", participant_no, exc)
            self.login.render(self._login_view(STORE_FAILED))
            return None
        result = session.login(participant_no, pin, token, self.ctx.token)
        if not result.ok:
            self.login.render(self._login_view(result.reason, result.attempts_left))
            return result
        self.session = session
        self.identity.render(self._identity_view())
        self.window.setCurrentWidget(self.identity)
        return result

    def _identity_view(self, confirmed: bool = False) -> IdentityView:
        assert self.session is not None and self.session.participant_no is not None
        roster = self.ctx.package.roster
        candidate = roster.find(self.session.participant_no)
        assert candidate is not None
        position = roster.positions.get(candidate.position)
        return IdentityView(candidate.participant_no, candidate.name, candidate.nip,
                            position.name if position else candidate.position, confirmed)

    def on_identity_confirmed(self) -> None:
        if self.session is None:
            return
        self.session.confirm_identity()
        self.identity.render(self._identity_view(confirmed=True))

    def close(self) -> None:
        for store in self.ctx.stores:
            store.close()
        self.ctx.stores.clear()


def show(controller: KioskController, windowed: bool) -> QWidget:
    """Full-screen and frameless on a lab PC; `windowed` for development."""
    window = controller.window
    if windowed:
        window.resize(1024, 720)
        window.show()
    else:
        from PySide6.QtCore import Qt

        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    if os.environ.get(READY_ENV):
        QTimer.singleShot(0, _ready_and_quit)
    return window


def _ready_and_quit() -> None:
    """The benchmark hook: say the login screen is up, let the caller measure, then quit."""
    print(READY_MARKER, flush=True)
    sys.stdin.readline()  # the caller closes stdin once it has read the RSS
    app = QCoreApplication.instance()
    if app is not None:
        app.quit()


if __name__ == "__main__":
    from kiosk.cli import main

    sys.exit(main())
