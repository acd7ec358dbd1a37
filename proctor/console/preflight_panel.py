"""The room's preflight at a glance (each kiosk's `ujikom doctor` report) and the one
button that opens the session: over a failing seat only with a reason, which the server
keeps in the record with the proctor's name. Its command-line twin is
``--control-stdin``'s ``preflight`` and ``open`` with ``reason`` (`proctor.cli`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exam_bank.failure import detail
from exam_bank.preflight import Status
from proctor.console.failure_words import FailureWords, failure_of, log, show_failure
from proctor.console.style import make_button, make_label, show_text
from proctor.preflight import PreflightRefused, PreflightSummary, SeatPreflight

AskReason = Callable[[QWidget, str], "str | None"]


class PreflightService(Protocol):
    def preflight(self) -> tuple[tuple[SeatPreflight, ...], PreflightSummary]: ...
    def open_session(self, reason: str = "", by: str = "") -> None: ...
    @property
    def session_open(self) -> bool: ...


def ask_reason_modal(parent: QWidget, prompt: str) -> str | None:
    text, ok = QInputDialog.getText(parent, parent.windowTitle(), prompt,
                                    QLineEdit.EchoMode.Normal, "")
    return text if ok else None


class PreflightPanel(QWidget):
    def __init__(self, service: PreflightService, *, ask_reason: AskReason = ask_reason_modal,
                 proctor_name: Callable[[], str] = str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.failures = FailureWords(self)
        self.service = service
        self._proctor_name = proctor_name  # who opens the session, for the record
        self._ask_reason = ask_reason
        self.language = "id"
        self.reports: tuple[SeatPreflight, ...] = ()
        self.summary = PreflightSummary(0, 0, 0, ())
        self.counts = make_label("fieldLabel", wrap=True)
        self.listing = QListWidget()
        self.listing.setWordWrap(True)
        self.open_button = make_button("open_session", kind="primary")
        self.open_button.clicked.connect(self.on_open)
        self.feedback = make_label("ok", wrap=True)
        self.feedback.setVisible(False)  # an empty notice showed as a bare green bar
        # For the window's bar: the room's verdict at a glance; a click shows this tab.
        self.glance = make_button("preflight_glance")
        box = QVBoxLayout(self)
        box.addWidget(self.counts)
        box.addWidget(self.listing, 1)
        box.addWidget(self.feedback)
        box.addWidget(self.open_button)
        self._retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self._refresh_quietly()

    def _refresh_quietly(self) -> None:
        """Re-worded after a language switch: a server that does not answer is not this
        moment's news (the window's refresh says it in words), so only the log hears it."""
        try:
            self.refresh()
        except Exception as exc:
            log.info("PC checks not re-read: %s", detail(exc))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.listing.setAccessibleName(self.tr("Preflight of each kiosk PC"))
        self._refresh_quietly()

    def verdict(self, status: Status) -> str:
        return {Status.PASS: self.tr("pass"), Status.WARN: self.tr("warning"),
                Status.FAIL: self.tr("FAIL")}[status]

    def tab_title(self) -> str:
        return self.tr("PC check")

    def glance_text(self) -> str:
        s = self.summary
        if s.failed:
            return self.tr("PC check: {n} failing").format(n=s.failed)
        if s.warned:
            return self.tr("PC check: {n} warning").format(n=s.warned)
        return self.tr("PC check: {n} pass").format(n=s.passed)

    def refresh(self) -> None:
        self.reports, self.summary = self.service.preflight()
        s = self.summary
        self.counts.setText(self.tr(
            "{passed} pass \u00b7 {warned} warning \u00b7 {failed} failing \u00b7 {missing} "
            "connected without a report").format(passed=s.passed, warned=s.warned,
                                                 failed=s.failed, missing=len(s.missing)))
        lines = [self._line(r) for r in self.reports]
        if [self.listing.item(n).text() for n in range(self.listing.count())] != lines:
            self.listing.clear()
            for line in lines:
                self.listing.addItem(QListWidgetItem(line))
        self.glance.setText(self.glance_text())
        if self.glance.property("kind") != ("danger" if s.failed else ""):
            self.glance.setProperty("kind", "danger" if s.failed else "")
            self.glance.style().unpolish(self.glance)  # a dynamic property: restyle
            self.glance.style().polish(self.glance)
        self.glance.setAccessibleName(self.counts.text())
        opened = self.service.session_open
        self.open_button.setEnabled(not opened)
        self.open_button.setText(self.tr("Session is open") if opened
                                 else self.tr("Open the session"))

    def _line(self, r: SeatPreflight) -> str:
        head = f"{r.seat or '?'}  {r.kiosk_id}  {self.verdict(r.status)}  ({r.received})"
        problems = [f"\u2022 {self.verdict(c.status)}: {c.detail(self.language)}"
                    for c in r.problems()]
        return "\n".join([head, *problems])

    def on_open(self) -> None:
        try:
            self.refresh()
        except Exception as exc:  # the server does not answer: as opening would say
            self._failed(exc)
            return
        failing = [r for r in self.reports if r.status is Status.FAIL]
        reason = ""
        if failing:
            where = ", ".join(r.where for r in failing)
            answer = self._ask_reason(self, self.tr(
                "The preflight fails at {where}. Why open the session anyway? (recorded in "
                "the incident log)").format(where=where))
            if answer is None or not answer.strip():
                self.show_feedback(self.tr("The session stays closed: a reason is needed."))
                return
            reason = answer.strip()
        try:
            self.service.open_session(reason, self._proctor_name())
        except PreflightRefused as refused:  # a seat began failing meanwhile
            self.show_feedback(self.tr("The session stays closed: the preflight fails at "
                                       "{where}.").format(
                where=", ".join(r.where for r in refused.failing)))
            return
        except Exception as exc:  # a server that does not answer: words, detail in the tip
            self._failed(exc)
            return
        self.show_feedback(self.tr("The session is open."))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        why = self.failures.words(failure_of(exc))
        show_failure(self.feedback, self.tr("The session stays closed: {error}").format(
            error=why), exc, self.failures.tip(exc))
        self.feedback.setAccessibleName(self.feedback.text())

    def show_feedback(self, text: str) -> None:
        show_text(self.feedback, text)
        self.feedback.setAccessibleName(text)
