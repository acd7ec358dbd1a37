"""Held first logins at a glance: a banner under the toolbar while the lab
server holds a candidate's first login (a seat off the seat plan, a PC whose candidate has
not submitted), one row per login with who, which PC, the planned seat and why, and the
Approve / Refuse buttons. The decision itself goes through the window's dialog (a reason
is required) and `ProctorService.decide_login`, the twin of `ujikom proctor decide
--login-on KIOSK --accept|--reject`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QWidget

from proctor.console.dialogs import APPROVE_LOGIN as APPROVE
from proctor.console.dialogs import REFUSE_LOGIN as REFUSE
from proctor.console.style import make_button, make_label
from proctor.held import HeldLogin, HoldCode, HoldReason


class HeldLoginsBanner(QFrame):
    """Hidden while nothing is held. `decide_requested(action, participant, kiosk)`."""

    decide_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldBanner")
        self.setStyleSheet("QFrame#heldBanner { background: #fff4e5; border: 2px solid "
                           "#b45309; border-radius: 6px; }")
        self.title = make_label("fieldLabel", wrap=True)
        self.grid = QGridLayout(self)
        self.grid.addWidget(self.title, 0, 0, 1, 3)
        self.rows: list[tuple[HeldLogin, QPushButton, QPushButton]] = []
        self._shown: tuple[tuple[HeldLogin, str], ...] = ()
        self._planned: Mapping[str, str] = {}
        self.setVisible(False)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            held = [h for h, _seat in self._shown]
            self._shown = ()  # re-worded: build the rows again
            self.show_held(held, self._planned)
        super().changeEvent(event)

    def show_held(self, held: Sequence[HeldLogin], planned: Mapping[str, str]) -> None:
        """`planned`: participant -> seat in the seat plan."""
        shown = tuple((h, planned.get(h.participant_no, "")) for h in held)
        self._planned = dict(planned)
        self.title.setText(self.tr("Logins waiting for your decision: {n}").format(
            n=len(held)))
        self.setVisible(bool(held))
        if shown == self._shown:
            return
        self._shown = shown
        while self.grid.count() > 1:
            item = self.grid.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone now, not when the event loop deletes it
                widget.deleteLater()
        self.rows = []
        for n, (h, seat) in enumerate(shown, start=1):
            line = make_label("", wrap=True)
            line.setText(self.describe(h, seat))
            approve = make_button(f"approve_{h.participant_no}_{h.kiosk_id}", kind="primary")
            approve.setText(self.tr("Approve"))
            approve.setAccessibleName(self.tr("Approve {who}'s login on {kiosk}").format(
                who=h.participant_no, kiosk=h.kiosk_id))
            refuse = make_button(f"refuse_{h.participant_no}_{h.kiosk_id}", kind="danger")
            refuse.setText(self.tr("Refuse"))
            refuse.setAccessibleName(self.tr("Refuse {who}'s login on {kiosk}").format(
                who=h.participant_no, kiosk=h.kiosk_id))
            for button, action in ((approve, APPROVE), (refuse, REFUSE)):
                button.clicked.connect(lambda _=False, a=action, p=h.participant_no,
                                       k=h.kiosk_id: self.decide_requested.emit(a, p, k))
            self.grid.addWidget(line, n, 0)
            self.grid.addWidget(approve, n, 1)
            self.grid.addWidget(refuse, n, 2)
            self.rows.append((h, approve, refuse))
        self.grid.setColumnStretch(0, 1)

    def describe(self, held: HeldLogin, planned_seat: str) -> str:
        """One held login in the proctor's words, its reasons worded from their codes."""
        why = "; ".join(self.reason(r) for r in held.reasons)
        if any(r.code == HoldCode.OFF_PLAN for r in held.reasons):  # it names the plan
            return self.tr("{who} on PC {kiosk} at seat {seat}: {why}").format(
                who=held.participant_no, kiosk=held.kiosk_id, seat=held.seat, why=why)
        return self.tr("{who} on PC {kiosk} at seat {seat} (seat plan: {planned}): "
                       "{why}").format(who=held.participant_no, kiosk=held.kiosk_id,
                                       seat=held.seat, planned=planned_seat or "\u2013",
                                       why=why)

    def reason(self, reason: HoldReason) -> str:
        match reason.code:
            case HoldCode.OFF_PLAN:
                return self.tr("the seat plan puts them at {planned}, this PC is at "
                               "{seat}").format(planned=reason.planned, seat=reason.seat)
            case HoldCode.KIOSK_BUSY:
                return self.tr("this PC is still in use by {others}, who has not "
                               "submitted").format(others=", ".join(reason.others))
        return str(reason.code)
