"""Sealing the session from the console, at the foot of the berita acara form: the office
certificate, where the bundle goes, the earlier sealings, and one button. The sealing runs
on a worker thread (a room of 4-hour papers takes a few seconds); the form stays usable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exam_bank.examzone import label_of
from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.problems import InputError
from proctor.console.background import Background
from proctor.console.dialogs import ACCEPT_LOG, REJECT_LOG, Ask, CommandDialog, ask_modal
from proctor.console.failure_words import FailureWords, failure_of, log, show_failure
from proctor.console.style import make_button, make_label, show_text
from proctor.questioned import QuestionCode, Questioned
from proctor.seal import Sealed, SealRefusal, SealRefused


def _local(sealed_at: object, tz: dt.tzinfo | None) -> str:
    """A sealing's UTC time on the exam's clock `tz`, as the receipt prints it
    ("08-12-2026 13:40 WIB"; None: this PC's clock, unlabelled)."""
    try:
        when = dt.datetime.fromisoformat(str(sealed_at))
    except ValueError:
        return str(sealed_at)
    return f"{when.astimezone(tz):%d-%m-%Y %H:%M} {label_of(tz)}".rstrip()


class Sealer(Protocol):
    """`proctor.seal.SessionSealer`; tests pass a fake."""

    session_id: SessionId

    def sealings(self) -> list[dict[str, Any]]: ...
    def seal(self, admin_cert: Path, out: Path) -> Sealed: ...
    def waiting(self) -> list[Questioned]: ...
    def decide(self, participant_no: ParticipantNo, accepted: bool, reason: str, by: str,
               why: str = "") -> None: ...


class SealPanel(QFrame):
    """`remember(path)` keeps the office certificate for the next sealing."""

    def __init__(self, sealer: Sealer, default_dir: Path, admin_cert: str = "",
                 remember: Callable[[str], None] = lambda _path: None,
                 parent: QWidget | None = None, *, ask: Ask = ask_modal,
                 proctor_name: str = "", zone: dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sealPanel")
        self._zone = zone
        self.sealer, self.default_dir, self._remember = sealer, default_dir, remember
        self._ask, self.proctor_name = ask, proctor_name
        self.failures = FailureWords(self)
        # Questioned logs: each waits for Accept / Reject, with a reason.
        self.questioned = QFrame()
        self.questioned.setObjectName("questionedLogs")
        self.questioned.setStyleSheet("QFrame#questionedLogs { background: #fff4e5; border: "
                                      "2px solid #b45309; border-radius: 6px; }")
        self.questioned_box = QGridLayout(self.questioned)
        self.questioned_title = make_label("fieldLabel", wrap=True)
        self.questioned_rows: list[tuple[Questioned, QPushButton, QPushButton]] = []
        self._waiting: list[Questioned] = []
        self.heading = make_label("title", wrap=True)
        self.explain = make_label("subtitle", wrap=True)
        self.history = make_label("fieldLabel", wrap=True)
        self.cert = QLineEdit(admin_cert)
        self.cert_button = make_button("choose_cert")
        self.cert_button.clicked.connect(self.choose_cert)
        self.out = QLineEdit()
        self.out_button = make_button("choose_out")
        self.out_button.clicked.connect(self.choose_out)
        self.seal_button = make_button("seal", kind="primary")
        self.seal_button.clicked.connect(self.start)
        self.error = make_label("error", wrap=True)
        self.error.setVisible(False)
        self.done = make_label("ok", wrap=True)
        self.done.setVisible(False)
        self.cert_label, self.out_label = make_label("fieldLabel"), make_label("fieldLabel")
        self.cert_label.setBuddy(self.cert)
        self.out_label.setBuddy(self.out)
        form = QFormLayout()
        for label, edit, button in ((self.cert_label, self.cert, self.cert_button),
                                    (self.out_label, self.out, self.out_button)):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(label, row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.seal_button)
        box = QVBoxLayout(self)
        for widget in (self.heading, self.explain, self.history, self.error, self.done,
                       self.questioned):
            box.addWidget(widget)
        box.addLayout(form)
        box.addLayout(buttons)
        self._previous: list[dict[str, Any]] = []
        self._background = Background("seal", self)
        self.reload()
        self._retranslate()

    def reload(self) -> None:
        """The earlier sealings, and a fresh file name for the next one."""
        try:
            self._previous = self.sealer.sealings()
        except Exception as exc:  # a damaged or unreadable record: words, detail in the tip
            self._previous = []
            self._failed(self.tr("The record of earlier sealings cannot be read: {error}"),
                         exc)
        self.out.setText(str(self.default_dir / f"hasil-{self.sealer.session_id}-"
                                                f"{len(self._previous) + 1}.p7m"))
        self._render_history()
        self.render_questioned()

    def render_questioned(self) -> None:
        """The questioned logs still undecided, each with Accept / Reject."""
        try:
            self._waiting = self.sealer.waiting()
        except Exception:
            self._waiting = []
        while self.questioned_box.count():
            item = self.questioned_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.questioned_title:
                widget.hide()  # gone now, not when the event loop deletes it
                widget.deleteLater()
        self.questioned_rows = []
        self.questioned.setVisible(bool(self._waiting))
        self.questioned_title.setText(self.tr(
            "Before sealing, decide on these logs ({n}): accept one (the reason goes on "
            "record) or reject it (the candidate is sealed as absent).").format(
                n=len(self._waiting)))
        self.questioned_box.addWidget(self.questioned_title, 0, 0, 1, 3)
        for n, q in enumerate(self._waiting, start=1):
            line = make_label("", wrap=True)
            line.setText(self.question(q))
            accept = make_button(f"accept_log_{q.participant_no}", kind="primary")
            accept.setText(self.tr("Accept"))
            accept.setAccessibleName(self.tr("Accept {who}'s log").format(
                who=q.participant_no))
            reject = make_button(f"reject_log_{q.participant_no}", kind="danger")
            reject.setText(self.tr("Reject"))
            reject.setAccessibleName(self.tr("Reject {who}'s log").format(
                who=q.participant_no))
            for button, action in ((accept, ACCEPT_LOG), (reject, REJECT_LOG)):
                button.clicked.connect(lambda _=False, a=action, w=q: self.decide(a, w))
            self.questioned_box.addWidget(line, n, 0)
            self.questioned_box.addWidget(accept, n, 1)
            self.questioned_box.addWidget(reject, n, 2)
            self.questioned_rows.append((q, accept, reject))
        self.questioned_box.setColumnStretch(0, 1)

    def question(self, q: Questioned) -> str:
        """What the room says against a log, worded from its code."""
        where = (self.tr("PC {kiosk} at seat {seat}").format(kiosk=q.kiosk, seat=q.seat)
                 if q.kiosk else self.tr("an unknown PC"))
        match q.code:
            case QuestionCode.ABSENT:
                text = self.tr("the berita acara marks them absent, but {n} events of theirs "
                               "came from {where}").format(n=q.events, where=where)
            case QuestionCode.OFF_PLAN:
                text = self.tr("their log began at {where}, the seat plan puts them at "
                               "{planned}, and nobody approved that login").format(
                                   where=where, planned=q.planned)
            case _:
                text = str(q.code)
        return f"{q.participant_no}: {text}"

    def decide(self, action: str, log: Questioned) -> None:
        """Accept or reject one questioned log, with a reason (`SessionSealer.decide`, as
        `ujikom proctor decide --accept|--reject`)."""
        dialog = CommandDialog(action, log.participant_no, (log.participant_no,),
                               self.proctor_name, (), self)
        request = self._ask(dialog)
        dialog.deleteLater()
        if request is None:
            return
        accepted = action == ACCEPT_LOG
        try:
            self.sealer.decide(log.participant_no, accepted, request.reason, request.by,
                               log.why)
        except Exception as exc:  # a full disk, a replica that will not open...
            self._failed(self.tr("Not decided: {error}"), exc)
            return
        self.proctor_name = request.by
        self.error.setVisible(False)
        show_text(self.done, (self.tr("{who}'s log accepted: it will be sealed.") if accepted
                              else self.tr("{who}'s log rejected: {who} is sealed as "
                                           "absent.")).format(who=log.participant_no))
        self.render_questioned()

    def _render_history(self) -> None:
        if not self._previous:
            self.history.setText(self.tr("Not sealed yet."))
            return
        lines = [self.tr("Sealing #{n} at {when}: {file}").format(
            n=entry.get("sequence", "?"), when=_local(entry.get("sealed_at"), self._zone),
            file=entry.get("file", "?")) for entry in self._previous]
        self.history.setText("\n".join(lines))

    def _retranslate(self) -> None:
        self.heading.setText(self.tr("Seal the results"))
        self.explain.setText(self.tr(
            "Sealing puts every candidate's log and makalah, the berita acara and the "
            "incidents into one file, signed with this lab's seal and encrypted for the "
            "office. Sealing again later (a late candidate) makes a new file that replaces "
            "the earlier one at the office; both stay valid."))
        self.cert_label.setText(self.tr("Office certificate (admin.pem)"))
        self.cert.setAccessibleName(self.tr("Office certificate file"))
        self.out_label.setText(self.tr("Save the sealed file as"))
        self.out.setAccessibleName(self.tr("Sealed file name"))
        for button in (self.cert_button, self.out_button):
            button.setText(self.tr("Choose…"))
        self.cert_button.setAccessibleName(self.tr("Choose the office certificate"))
        self.out_button.setAccessibleName(self.tr("Choose where to save the sealed file"))
        self.seal_button.setText(self.tr("Seal now"))
        self.seal_button.setAccessibleName(self.tr("Seal the session's results now"))
        self._render_history()
        self.render_questioned()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def choose_cert(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Office certificate"),
                                              self.cert.text(),
                                              self.tr("Certificates (*.pem)"))
        if path:
            self.cert.setText(path)

    def choose_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the sealed file as"),
                                              self.out.text(),
                                              self.tr("Sealed results (*.p7m)"))
        if path:
            self.out.setText(path)

    @property
    def busy(self) -> bool:
        return self._background.busy

    def start(self) -> None:
        """Seal off the GUI thread; the outcome comes back to it (`_finished`)."""
        cert, out = self.cert.text().strip(), self.out.text().strip()
        self.done.setVisible(False)
        if not cert:
            show_text(self.error, self.tr("Choose the office certificate (admin.pem) "
                                           "that the office gave this lab."))
            self.cert.setFocus()
            return
        if not out:
            show_text(self.error, self.tr("Say where to save the sealed file."))
            self.out.setFocus()
            return
        if Path(out).exists():
            show_text(self.error, self.tr("{path} already exists: choose another name "
                                           "(an earlier sealing is never overwritten).")
                       .format(path=out))
            self.out.setFocus()
            return
        self.error.setVisible(False)
        show_text(self.done, self.tr("Sealing… (a room of 4-hour papers takes a few "
                                      "seconds)"))
        self.seal_button.setEnabled(False)
        self._remember(cert)
        self._background.run(lambda: self.sealer.seal(Path(cert), Path(out)),
                             self._finished, self._refused)

    def _refused(self, exc: Exception) -> None:
        # Shown to the proctor, never a traceback in the window: a refusal they can act on
        # worded from its code, any other failure from its kind (the system's own words in
        # the tooltip and the log).
        if isinstance(exc, SealRefused):
            self._finished(self.refusal(exc))
            return
        self._finished(None)
        cert = self.cert.text().strip()
        if isinstance(exc, InputError) and any(p.where == cert for p in exc.problems):
            why = self.failures.certificate(cert)
        else:
            why = self.failures.words(failure_of(exc))
        show_failure(self.error, self.tr("Not sealed: {error}").format(error=why), exc,
                     self.failures.tip(exc))

    def _failed(self, frame: str, exc: BaseException) -> None:
        show_failure(self.error, frame.format(error=self.failures.words(failure_of(exc))), exc,
                     self.failures.tip(exc))

    def refusal(self, refused: SealRefused) -> str:
        match refused.code:
            case SealRefusal.NO_MINUTES:
                return self.tr("the berita acara is not written yet: fill it in above and "
                               "create its PDF")
            case SealRefusal.MINUTES_INCOMPLETE:
                return self.tr("the berita acara above is incomplete ({n} fields): complete "
                               "it and create its PDF again").format(n=len(refused.problems))
            case SealRefusal.LOGS_UNDECIDED:
                return self.tr("decide first on the questioned logs listed above: "
                               "{who}").format(who=", ".join(refused.who))
        # A code newer than this console: its code in sight, its English in the log.
        log.warning("sealing refused: %s", refused)
        return self.tr("the sealing was refused ({code})").format(code=refused.code)

    def _finished(self, outcome: object) -> None:
        self.seal_button.setEnabled(True)
        if isinstance(outcome, Sealed):
            self.reload()
            show_text(self.done, self.tr(
                "Sealed (#{n}): {candidates} candidates, {submitted} submitted. Take {path} "
                "to the office. Its fingerprint (SHA-256): {digest}").format(
                    n=outcome.sequence, candidates=outcome.candidates,
                    submitted=outcome.submitted, path=outcome.path,
                    digest=outcome.digest))
        else:
            self.done.setVisible(False)
            if outcome is not None:  # None: `_refused` words the failure itself
                show_text(self.error, self.tr("Not sealed: {error}").format(error=outcome))
            self.render_questioned()
