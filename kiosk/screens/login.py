"""The login screen: participant number, PIN, session token; it renders a `LoginView`
and emits `login_requested`; the controller decides."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kiosk.engine.login import LoginReason
from kiosk.screens.base import scrolled_card
from kiosk.screens.style import (
    FONT_STEPS,
    STYLE,
    enlarge,
    make_button,
    make_label,
)

LANGUAGES = (("id", "Bahasa Indonesia"), ("en", "English"))  # each in its own language


# Refusals the screen can explain: the engine's reasons, plus the kiosk's own store.
STORE_FAILED = "store_failed"
MOVE_REFUSED = "move_refused"  # linked: this candidate's log is at another PC
WRONG_SESSION = "wrong_session"  # linked: the candidate sits another session


@dataclass(frozen=True)
class LoginView:
    title: str
    refusal: str | None = None  # a LoginReason value, or STORE_FAILED
    attempts_left: int = 0
    busy: bool = False
    language: str = "id"
    high_contrast: bool = False
    font_percent: int = 100


class LoginScreen(QWidget):
    login_requested = Signal(str, str, str)  # participant_no, pin, token
    language_requested = Signal(str)  # "id" or "en"
    high_contrast_requested = Signal(bool)
    font_step_requested = Signal(int)  # -1: A-, +1: A+

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskScreen")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = make_label("title", wrap=True, center=True)
        enlarge(self.title, 1.5)
        self.subtitle = make_label("subtitle", wrap=True, center=True)
        self.participant = QLineEdit()
        self.participant.setMaxLength(32)
        self.pin = QLineEdit()
        self.pin.setMaxLength(6)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.pin.setValidator(QRegularExpressionValidator(r"[0-9]{0,6}", self.pin))
        self.token = QLineEdit()
        self.token.setMaxLength(6)
        self.token.setValidator(QRegularExpressionValidator(r"[A-Za-z]{0,6}", self.token))
        self.token.textEdited.connect(self._upper_token)
        self.language = QWidget()  # two toggle buttons, each language named in itself
        self.language_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self.language)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for code, name in LANGUAGES:
            button = make_button(f"lang_{code}", name, checkable=True)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, c=code: self.language_requested.emit(c))
            self.language_buttons[code] = button
            row.addWidget(button)
        self.display = QWidget()  # contrast and text size, chosen before the exam starts
        display_row = QHBoxLayout(self.display)
        display_row.setContentsMargins(0, 0, 0, 0)
        self.contrast = make_button("secondary", checkable=True)
        self.contrast.clicked.connect(self.high_contrast_requested)
        self.smaller = make_button("secondary", "A−")
        self.smaller.clicked.connect(lambda: self.font_step_requested.emit(-1))
        self.larger = make_button("secondary", "A+")
        self.larger.clicked.connect(lambda: self.font_step_requested.emit(1))
        self.size_label = make_label()
        for widget in (self.contrast, self.smaller, self.size_label, self.larger):
            display_row.addWidget(widget)
        display_row.addStretch(1)
        self.error = make_label("error", wrap=True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.error.hide()
        self.submit = make_button("primary", primary=True)
        enlarge(self.submit, 1.15)
        self.submit.clicked.connect(self._submit)
        for field in (self.participant, self.pin, self.token):
            field.returnPressed.connect(self._submit)
        self.labels = [make_label("fieldLabel") for _ in range(5)]
        self._layout()
        self._retranslate()

    def _layout(self) -> None:
        form = QFormLayout()
        # Labels beside the fields while they fit, above them at large fonts: fits 768 px.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(12)
        fields = (self.participant, self.pin, self.token, self.language, self.display)
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        scrolled_card(self, [self.title, self.subtitle, form, self.error, self.submit],
                      min_chars=60)
        QWidget.setTabOrder(self.participant, self.pin)
        QWidget.setTabOrder(self.pin, self.token)
        QWidget.setTabOrder(self.token, self.submit)
        QWidget.setTabOrder(self.submit, self.language_buttons["id"])
        QWidget.setTabOrder(self.language_buttons["id"], self.language_buttons["en"])
        QWidget.setTabOrder(self.language_buttons["en"], self.contrast)
        QWidget.setTabOrder(self.contrast, self.smaller)
        QWidget.setTabOrder(self.smaller, self.larger)

    def _retranslate(self) -> None:
        texts = (self.tr("Participant number"), self.tr("PIN (6 digits)"),
                 self.tr("Session token"), self.tr("Language"), self.tr("Display"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.subtitle.setText(self.tr("Sign in with the details on your exam card."))
        self.submit.setText(self.tr("Sign in"))
        self.participant.setAccessibleName(self.tr("Participant number"))
        self.pin.setAccessibleName(self.tr("PIN"))
        self.token.setAccessibleName(self.tr("Session token"))
        self.token.setPlaceholderText(self.tr("6 letters from the proctor"))
        self.language.setAccessibleName(self.tr("Language"))
        self.submit.setAccessibleName(self.tr("Sign in"))
        self.contrast.setText(self.tr("High contrast"))
        self.contrast.setAccessibleName(self.tr("High contrast"))
        self.smaller.setAccessibleName(self.tr("Smaller text"))
        self.larger.setAccessibleName(self.tr("Larger text"))
        self.display.setAccessibleName(self.tr("Display"))
        self.size_label.setAccessibleName(self.tr("Text size"))
        self.error.setAccessibleName(self.tr("Sign-in message"))
        self.title.setAccessibleName(self.tr("Exam title"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if getattr(self, "view", None) is not None:
                self.render(self.view)  # the refusal, reworded
        super().changeEvent(event)

    def _upper_token(self, text: str) -> None:
        if text != text.upper():
            pos = self.token.cursorPosition()
            self.token.setText(text.upper())
            self.token.setCursorPosition(pos)

    def _submit(self) -> None:
        if self.submit.isEnabled():
            self.login_requested.emit(self.participant.text(), self.pin.text(),
                                      self.token.text())

    def refusal_text(self, refusal: str, attempts_left: int) -> str:
        """The candidate-facing words for a refused login, in the current language."""
        texts = {
            LoginReason.UNKNOWN_PARTICIPANT: self.tr("This participant number is not "
                                                     "registered for this exam."),
            LoginReason.WRONG_PIN: self.tr("Wrong PIN."),
            LoginReason.WRONG_TOKEN: self.tr("Wrong session token."),
            LoginReason.LOCKED_OUT: self.tr("Too many failed attempts. Please call the "
                                            "proctor."),
            LoginReason.NO_FORM: self.tr("Your exam form is not in this package. Please "
                                         "call the proctor."),
            LoginReason.OTHER_CANDIDATE: self.tr("This computer holds another candidate's "
                                                 "session. Please call the proctor."),
            LoginReason.ALREADY_LOGGED_IN: self.tr("You are already signed in."),
            STORE_FAILED: self.tr("The exam data on this computer cannot be opened. Please "
                                  "call the proctor, who will move you to a spare computer."),
            MOVE_REFUSED: self.tr("Your exam is running on another computer. Please call "
                                  "the proctor to move it here."),
            WRONG_SESSION: self.tr("Your participant number is registered for another "
                                   "session than the one open in this room. Please call "
                                   "the proctor."),
        }
        text = texts.get(refusal, self.tr("Sign-in refused. Please call the proctor."))
        if refusal in (LoginReason.UNKNOWN_PARTICIPANT, LoginReason.WRONG_PIN,
                       LoginReason.WRONG_TOKEN):
            text += " " + self.tr("Attempts left: %n.", "", attempts_left)
        return text

    def render(self, view: LoginView) -> None:  # type: ignore[override]
        self.view = view
        text = self.refusal_text(view.refusal, view.attempts_left) if view.refusal else ""
        fresh_error = bool(text) and text != self.error.text()
        self.title.setText(view.title)
        self.error.setText(text)
        self.error.setVisible(bool(text))
        for widget in (self.participant, self.pin, self.token, self.submit):
            widget.setEnabled(not view.busy)
        for code, button in self.language_buttons.items():
            button.setChecked(code == view.language)
        self.contrast.setChecked(view.high_contrast)
        self.size_label.setText(f"{view.font_percent}%")
        self.smaller.setEnabled(view.font_percent > FONT_STEPS[0])
        self.larger.setEnabled(view.font_percent < FONT_STEPS[-1])
        if fresh_error:  # a new refusal: the PIN is typed again
            self.pin.clear()
            self.pin.setFocus()
