"""The login screen: participant number, PIN, session token; it renders a `LoginView`
and emits `login_requested`; the controller decides."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.screens.style import STYLE, enlarge, make_button, make_card, make_label

LANGUAGES = (("id", "Bahasa Indonesia"), ("en", "English"))  # each in its own language


@dataclass(frozen=True)
class LoginView:
    title: str
    error: str = ""
    busy: bool = False
    language: str = "id"


class LoginScreen(QWidget):
    login_requested = Signal(str, str, str)  # participant_no, pin, token
    language_requested = Signal(str)  # "id" or "en"

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
        self.error = make_label("error", wrap=True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.error.hide()
        self.submit = make_button("primary", primary=True)
        enlarge(self.submit, 1.15)
        self.submit.clicked.connect(self._submit)
        for field in (self.participant, self.pin, self.token):
            field.returnPressed.connect(self._submit)
        self.labels = [make_label("fieldLabel") for _ in range(4)]
        self._layout()
        self._retranslate()

    def _layout(self) -> None:
        form = QFormLayout()
        # Labels beside the fields while they fit, above them at large fonts: fits 768 px.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(12)
        fields = (self.participant, self.pin, self.token, self.language)
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        frame = make_card()
        frame.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.submit)
        outer = QGridLayout(self)
        outer.addWidget(frame, 1, 1)
        outer.setRowStretch(0, 1)
        outer.setRowStretch(2, 1)
        outer.setColumnStretch(0, 1)
        outer.setColumnStretch(2, 1)
        QWidget.setTabOrder(self.participant, self.pin)
        QWidget.setTabOrder(self.pin, self.token)
        QWidget.setTabOrder(self.token, self.submit)
        QWidget.setTabOrder(self.submit, self.language_buttons["id"])
        QWidget.setTabOrder(self.language_buttons["id"], self.language_buttons["en"])

    def _retranslate(self) -> None:
        texts = (self.tr("Participant number"), self.tr("PIN (6 digits)"),
                 self.tr("Session token"), self.tr("Language"))
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
        self.error.setAccessibleName(self.tr("Sign-in message"))
        self.title.setAccessibleName(self.tr("Exam title"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
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

    def render(self, view: LoginView) -> None:  # type: ignore[override]
        fresh_error = bool(view.error) and view.error != self.error.text()
        self.title.setText(view.title)
        self.error.setText(view.error)
        self.error.setVisible(bool(view.error))
        for widget in (self.participant, self.pin, self.token, self.submit):
            widget.setEnabled(not view.busy)
        for code, button in self.language_buttons.items():
            button.setChecked(code == view.language)
        if fresh_error:  # a new refusal: the PIN is typed again
            self.pin.clear()
            self.pin.setFocus()
