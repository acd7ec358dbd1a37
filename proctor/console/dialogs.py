"""The dialog every control goes through: reason (required) and the proctor's name
(remembered), plus minutes, message text or a free PC when the action needs one. It
builds the ControlCommand and refuses it, with a message, while `.problems()` objects."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from exam_bank.ids import KioskId, ParticipantNo
from exam_bank.wire.control import MAX_EXTENSION_MIN, MAX_TEXT, ControlAction, ControlCommand
from proctor.console.style import make_button, make_label
from proctor.room import KioskView

MOVE = "move"  # not a ControlCommand: the server authorizes a candidate's move
QUIT_CODE = "quit_code"  # not a ControlCommand: shows the kiosk unlock code
# Not ControlCommands: the proctor's decision on a held first login (`decide_login`).
APPROVE_LOGIN = "approve_login"
REFUSE_LOGIN = "refuse_login"
# ... and on a questioned log that blocks sealing (`SessionSealer.decide`).
ACCEPT_LOG = "accept_log"
REJECT_LOG = "reject_log"
DECISIONS = (APPROVE_LOGIN, REFUSE_LOGIN, ACCEPT_LOG, REJECT_LOG)


@dataclass(frozen=True)
class Request:
    """What the proctor asked for, checked."""

    action: str  # a ControlAction value, MOVE, QUIT_CODE or one of DECISIONS
    reason: str
    by: str
    command: ControlCommand | None  # for ControlActions
    kiosk_id: KioskId | None = None  # for MOVE


def build_request(action: str, participants: tuple[ParticipantNo, ...], reason: str, by: str,
                  minutes: int | None, text: str | None,
                  kiosk_id: KioskId | None) -> tuple[Request | None, list[tuple[str, str]]]:
    """The request, or the (field, message) problems that stop it."""
    if action in (MOVE, QUIT_CODE, *DECISIONS):
        problems = ControlCommand(ControlAction.MESSAGE, reason, by, text="-").problems()
        if action == MOVE and not kiosk_id:
            problems.append(("kiosk", "pick a free PC"))
        if problems:
            return None, problems
        return Request(action, reason.strip(), by.strip(), None, kiosk_id), []
    command = ControlCommand(ControlAction(action), reason.strip(), by.strip(), participants,
                             _minutes(action, minutes),
                             text if action == ControlAction.MESSAGE else None)
    problems = command.problems()
    if problems:
        return None, problems
    return Request(action, command.reason, command.by, command), []


def _minutes(action: str, minutes: int | None) -> int | None:
    """Extend needs minutes; read-aloud may carry extra time (0: the blueprint's, if
    any, which the server adds); the rest none."""
    if action == ControlAction.EXTEND:
        return minutes
    if action == ControlAction.READ_ALOUD:
        return minutes or None
    return None


class CommandDialog(QDialog):
    """Asks for what one control needs; `request` is set when accepted."""

    def __init__(self, action: str, target: str, participants: tuple[ParticipantNo, ...],
                 proctor_name: str, free_kiosks: Sequence[KioskView] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.participants = participants
        self.request: Request | None = None
        self.setWindowTitle(self.action_title(action))
        heading = make_label("title", wrap=True)
        heading.setText(f"{self.action_title(action)} \u2014 {target}")
        form = QFormLayout()
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_EXTENSION_MIN)
        self.minutes.setValue(10)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes to add"))
        self.text = QLineEdit()
        self.text.setMaxLength(MAX_TEXT)
        self.text.setAccessibleName(self.tr("Message to the candidate"))
        self.kiosk = QComboBox()
        self.kiosk.setAccessibleName(self.tr("Free PC"))
        for k in free_kiosks:
            self.kiosk.addItem(self.tr("{kiosk} at seat {seat}").format(
                kiosk=k.kiosk_id, seat=k.seat), k.kiosk_id)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason (required)"))
        self.reason.setPlaceholderText(self.tr("Why? This goes into the log and the report"))
        self.by = QLineEdit(proctor_name)
        self.by.setAccessibleName(self.tr("Proctor's name"))
        if action == ControlAction.EXTEND:
            form.addRow(self._label(self.tr("&Minutes"), self.minutes), self.minutes)
        if action == ControlAction.READ_ALOUD:  # an accommodation may come with extra time
            self.minutes.setRange(0, MAX_EXTENSION_MIN)
            self.minutes.setValue(0)
            self.minutes.setSpecialValueText(self.tr("as the blueprint sets (if any)"))
            self.minutes.setAccessibleName(self.tr("Extra minutes with the accommodation"))
            form.addRow(self._label(self.tr("Extra &time"), self.minutes), self.minutes)
        if action == ControlAction.MESSAGE:
            form.addRow(self._label(self.tr("Messa&ge"), self.text), self.text)
        if action == MOVE:
            form.addRow(self._label(self.tr("&Free PC"), self.kiosk), self.kiosk)
        form.addRow(self._label(self.tr("&Reason"), self.reason), self.reason)
        form.addRow(self._label(self.tr("Proctor's &name"), self.by), self.by)
        self.error = make_label("error", wrap=True)
        self.error.setVisible(False)
        self.ok = make_button("ok", kind="danger" if action in (
            ControlAction.FORCE_SUBMIT, ControlAction.LOCK, REFUSE_LOGIN, REJECT_LOG)
            else "primary")
        self.ok.setText({QUIT_CODE: self.tr("Show code"), APPROVE_LOGIN: self.tr("Approve"),
                         REFUSE_LOGIN: self.tr("Refuse"), ACCEPT_LOG: self.tr("Accept"),
                         REJECT_LOG: self.tr("Reject")}.get(action, self.tr("Send")))
        self.ok.setAccessibleName(self.ok.text())
        self.ok.setDefault(True)
        self.cancel = make_button("cancel")
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.cancel.text())
        self.ok.clicked.connect(self._try_accept)
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        box = QVBoxLayout(self)
        box.addWidget(heading)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        first = {ControlAction.EXTEND: self.minutes, ControlAction.MESSAGE: self.text,
                 MOVE: self.kiosk}.get(action, self.reason)
        first.setFocus()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = make_label("fieldLabel")
        label.setText(text)
        label.setBuddy(buddy)
        return label

    def action_title(self, action: str) -> str:
        return {
            ControlAction.PAUSE: self.tr("Pause"),
            ControlAction.RESUME: self.tr("Resume"),
            ControlAction.EXTEND: self.tr("Extend time"),
            ControlAction.LOCK: self.tr("Lock"),
            ControlAction.UNLOCK: self.tr("Unlock"),
            ControlAction.MESSAGE: self.tr("Send a message"),
            ControlAction.ANSWER_HAND: self.tr("Answer the raised hand"),
            ControlAction.FORCE_SUBMIT: self.tr("Force submit"),
            ControlAction.READ_ALOUD: self.tr("Turn on read-aloud (accommodation)"),
            MOVE: self.tr("Move to a spare PC"),
            QUIT_CODE: self.tr("Unlock code for quitting"),
            APPROVE_LOGIN: self.tr("Approve the login"),
            REFUSE_LOGIN: self.tr("Refuse the login"),
            ACCEPT_LOG: self.tr("Accept the log"),
            REJECT_LOG: self.tr("Reject the log (sealed as absent)"),
        }[action]

    def problem_text(self, field: str) -> str:
        return {
            "reason": self.tr("Write the reason: it is required."),
            "by": self.tr("Write your name: it is required."),
            "minutes": self.tr("Minutes must be from 1 to {max}.").format(
                max=MAX_EXTENSION_MIN),
            "text": self.tr("Write the message (at most {max} characters).").format(
                max=MAX_TEXT),
            "kiosk": self.tr("Pick a free PC. No kiosk is free: start one on a spare PC."),
        }.get(field, field)

    def _try_accept(self) -> None:
        request, problems = build_request(
            self.action, self.participants, self.reason.text(), self.by.text(),
            self.minutes.value(), self.text.text(), self.kiosk.currentData())
        if request is None:
            self.error.setText("\n".join(self.problem_text(f) for f, _ in problems))
            self.error.setVisible(True)
            return
        self.request = request
        self.accept()


Ask = Callable[[CommandDialog], Request | None]


def ask_modal(dialog: CommandDialog) -> Request | None:
    """Runs the dialog; tests replace this to drive the dialog without a nested loop."""
    return dialog.request if dialog.exec() == QDialog.DialogCode.Accepted else None
