"""The berita acara form: filled from the room, edited by the proctor, saved as a draft
on every change (a console restart loses nothing) and printed as a PDF once it checks;
at its foot, when the console can seal, the session's sealing (`seal_panel`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exam_bank.ids import SessionId
from exam_bank.problems import InputError
from exam_bank.roster.values import NipError, NipProblem, parse_nip
from proctor.berita_acara import (
    SIGNERS,
    BeritaAcara,
    Signer,
    adopt_old_draft,
    draft_file,
    from_snapshot,
    indonesian_date,
    load_draft,
    pdf_file,
    refreshed,
    render_pdf,
    save_draft,
    with_record,
)
from proctor.console.background import Background
from proctor.console.failure_words import FailureWords, failure_of, log, show_failure
from proctor.console.style import STYLE, enlarge, make_button, make_label, show_text
from proctor.room import Room, monotonic_ms


class BeritaAcaraForm(QWidget):
    """Edits one session's report. `report()` is what the fields say right now."""

    def __init__(self, room: Room, state_dir: Path, *,
                 wall: Callable[[], dt.datetime] | None = None,
                 clock: Callable[[], int] = monotonic_ms,
                 seal_panel: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room, self.state_dir, self._clock = room, state_dir, clock
        self._wall = wall or room.now_wall  # the exam's clock, not this PC's
        self.setObjectName("console")
        self.setStyleSheet(STYLE)
        self.failures = FailureWords(self)
        self._unsaved = False  # the last save of the draft failed
        snap = room.snapshot(clock(), self._wall())
        self.draft_path = draft_file(state_dir, snap.exam_id, snap.session_id)
        self.pdf_path = pdf_file(state_dir, snap.exam_id, snap.session_id)
        self.heading = make_label("title", wrap=True)
        enlarge(self.heading, 1.2)
        self.notice = make_label("error", wrap=True)
        self.notice.setVisible(False)
        left = adopt_old_draft(state_dir, snap.exam_id, snap.exam_title, snap.session_id)
        if left is not None:  # another exam's draft under the old name: never this one's
            show_text(self.notice, self.tr(
                "{file} was left alone: it is another exam's berita acara draft or cannot "
                "be read. This exam's draft is {mine}.").format(
                file=left.name, mine=self.draft_path.name))
        try:
            draft = load_draft(self.draft_path)
        except InputError as exc:
            # A damaged draft is kept on disk (renamed aside) and the form starts afresh.
            self.draft_path.replace(self.draft_path.with_suffix(".damaged.json"))
            show_failure(self.notice, self.tr("The saved draft could not be read and was "
                                               "set aside: {error}").format(
                error=self.failures.words(failure_of(exc))), exc, self.failures.tip(exc))
            draft = None
        record = room.day_record()
        # What happened comes from the record, also into a saved draft (typing is kept).
        self._base = replace(with_record(draft, record) if draft is not None else
                             from_snapshot(snap, agency=room.agency, record=record),
                             exam_id=snap.exam_id, timezone=snap.timezone)
        b = self._base

        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        self.date = QDateEdit(QDate(b.date.year, b.date.month, b.date.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.day_label = make_label("subtitle")
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.day_label, 1)
        self._row(form, "date", self.date, date_row)
        for key, value in (("agency", b.agency), ("exam_title", b.exam_title),
                           ("subject", b.subject),
                           ("session_id", b.session_id), ("room", b.room), ("site", b.site),
                           ("start", b.start), ("end", b.end)):
            edit = QLineEdit(value)
            self.fields[key] = edit
            self._row(form, key, edit)
        # The actual hours are the record's (first sign-in, last event), not typed.
        for key in ("start", "end"):
            self.fields[key].setReadOnly(bool(record.start))
        self.schedule = make_label("subtitle", wrap=True)
        self._row(form, "schedule", self.schedule, self._line(self.schedule))
        self.record_view = QPlainTextEdit()
        self.record_view.setReadOnly(True)
        self.record_view.setFixedHeight(self.fontMetrics().lineSpacing() * 10)
        self._row(form, "record", self.record_view)
        self.counts = make_label("fieldLabel", wrap=True)
        self.refresh_button = make_button("refresh_counts")
        self.refresh_button.clicked.connect(self.refresh_counts)
        # The counts name every absentee: the label wraps under the button, never clipped.
        counts_row = QVBoxLayout()
        counts_row.setContentsMargins(0, 6, 0, 0)
        counts_row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        counts_row.addWidget(self.counts)
        self._row(form, "counts", self.refresh_button, counts_row)
        self.incidents = QPlainTextEdit(b.incidents)
        self.incidents.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self._row(form, "incidents", self.incidents)
        self.notes = QPlainTextEdit(b.notes)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self._row(form, "notes", self.notes)
        for key in SIGNERS:
            signer = b.signer(key)
            name, nip = QLineEdit(signer.name), QLineEdit(signer.nip)
            nip.setMaxLength(21)  # 18 digits and the usual three spaces
            self.fields[f"{key}.name"], self.fields[f"{key}.nip"] = name, nip
            self._row(form, f"{key}.name", name)
            self._row(form, f"{key}.nip", nip)
        for edit in self.fields.values():
            edit.textChanged.connect(self.save)
        self.incidents.textChanged.connect(self.save)
        self.notes.textChanged.connect(self.save)
        self.date.dateChanged.connect(self.save)

        self.error = make_label("error", wrap=True)
        self.error.setVisible(False)
        self.done = make_label("ok", wrap=True)
        self.done.setVisible(False)
        self.pdf_button = make_button("make_pdf", kind="primary")
        self.pdf_button.clicked.connect(self.make_pdf)
        self._background = Background("berita-acara-pdf", self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        inner = QWidget()
        inner.setMaximumWidth(self.fontMetrics().averageCharWidth() * 110)
        inner_box = QVBoxLayout(inner)
        inner_box.addWidget(self.heading)
        inner_box.addWidget(self.notice)
        inner_box.addWidget(self.error)  # on top: seen without scrolling after "Create PDF"
        inner_box.addWidget(self.done)
        inner_box.addLayout(form)
        inner_box.addLayout(buttons)
        self.seal_panel = seal_panel  # sealing comes once the report is done
        if seal_panel is not None:
            inner_box.addWidget(seal_panel)
        inner_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        centre = QHBoxLayout(holder)
        centre.addWidget(inner)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.resize(self.fontMetrics().averageCharWidth() * 90,
                    self.fontMetrics().height() * 40)
        self._retranslate()

    @staticmethod
    def _line(widget: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(widget, 1)
        return row

    def _row(self, form: QFormLayout, key: str, buddy: QWidget,
             layout: QBoxLayout | None = None) -> None:
        label = make_label("fieldLabel")
        label.setBuddy(buddy)
        self.labels[key] = label
        if layout is not None:
            form.addRow(label, layout)
        else:
            form.addRow(label, buddy)

    def field_name(self, key: str) -> str:
        return {
            "date": self.tr("Date"), "agency": self.tr("Agency (letterhead)"),
            "exam_title": self.tr("Exam"), "subject": self.tr("Sections (materi)"),
            "session_id": self.tr("Session"),
            "room": self.tr("Room"), "site": self.tr("Site"), "start": self.tr("Start (HH:MM)"),
            "end": self.tr("End (HH:MM)"), "counts": self.tr("Candidates"),
            "schedule": self.tr("Schedule"),
            "record": self.tr("From the record"),
            "incidents": self.tr("Other incidents"),
            "notes": self.tr("Notes"),
            "present": self.tr("Candidates"),
            "proctor1.name": self.tr("Proctor I: name"), "proctor1.nip": self.tr("Proctor I: NIP"),
            "proctor2.name": self.tr("Proctor II: name"),
            "proctor2.nip": self.tr("Proctor II: NIP"),
            "head.name": self.tr("Head of the room: name"),
            "head.nip": self.tr("Head of the room: NIP"),
            "witness.name": self.tr("Witness: name"),
            "witness.nip": self.tr("Witness: NIP"),
        }[key]

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Berita acara"))
        self.heading.setText(self.tr("Berita acara (official report of the session)"))
        for key, label in self.labels.items():
            label.setText(self.field_name(key))
            widget = self.fields.get(key) or {"incidents": self.incidents,
                                              "notes": self.notes, "date": self.date,
                                              "counts": self.refresh_button,
                                              "schedule": self.schedule,
                                              "record": self.record_view}[key]
            widget.setAccessibleName(self.field_name(key))
        self.refresh_button.setText(self.tr("Update from the room"))
        self.record_view.setToolTip(self.tr("The proctor's actions and the incidents of each "
                                            "candidate, from the logs, as the berita acara "
                                            "prints them"))
        self.incidents.setPlaceholderText(self.tr("In your own words, one per line"))
        self.refresh_button.setAccessibleName(self.tr("Update the counts from the room"))
        self.pdf_button.setText(self.tr("Create PDF"))
        self.pdf_button.setAccessibleName(self.tr("Create the berita acara PDF"))
        self._render_counts()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _render_counts(self) -> None:
        b = self._base
        absent = ", ".join(f"{p.participant_no} {p.name}".strip() for p in b.absentees) or "-"
        self.counts.setText(self.tr("Expected {expected}, present {present}, absent {absent}: "
                                    "{who}").format(expected=b.expected, present=b.present,
                                                    absent=b.absent, who=absent))
        self.day_label.setText(indonesian_date(self.report().date))
        if b.schedule_date is not None:
            text = f"{indonesian_date(b.schedule_date)} {b.schedule_hours}"
            if b.off_schedule:
                text = self.tr("{schedule} (the session did not run as scheduled: the "
                               "berita acara says so)").format(schedule=text)
            self.schedule.setText(text)
        # The lines exactly as the PDF prints them (Indonesian: they are the document's).
        shown = []
        for c in b.candidates:
            shown.append(" · ".join(x for x in (c.seat, c.participant_no, c.name) if x))
            shown += [f"  - {line}" for line in c.lines]
            if c.lost:
                shown.append(f"  - {c.lost}")
        shown += [f"- {line}" for line in b.room_facts]
        self.record_view.setPlainText("\n".join(shown) or "-")

    def report(self) -> BeritaAcara:
        def text(key: str) -> str:
            return self.fields[key].text().strip()

        def signer(key: str) -> Signer:
            return Signer(text(f"{key}.name"), text(f"{key}.nip"))

        d = self.date.date()
        return replace(
            self._base, date=dt.date(d.year(), d.month(), d.day()), agency=text("agency"),
            exam_title=text("exam_title"), subject=text("subject"),
            session_id=SessionId(text("session_id")), room=text("room"),
            site=text("site"), start=text("start"), end=text("end"),
            incidents=self.incidents.toPlainText(), notes=self.notes.toPlainText(),
            proctor1=signer("proctor1"), proctor2=signer("proctor2"), head=signer("head"),
            witness=signer("witness"))

    def save(self) -> None:
        """Every change goes to the draft file at once; one that cannot (a full disk) is
        said at the top, in words, until a save succeeds again."""
        try:
            save_draft(self.report(), self.draft_path)
        except Exception as exc:
            if not self._unsaved:  # on every keystroke: said and logged once
                self._unsaved = True
                show_failure(self.notice, self.tr("The draft is not saved: {error}").format(
                    error=self.failures.words(failure_of(exc))), exc, self.failures.tip(exc))
        else:
            if self._unsaved:
                self._unsaved = False
                self.notice.setVisible(False)
        self.day_label.setText(indonesian_date(self.report().date))

    def refresh_counts(self) -> None:
        self._base = refreshed(self.report(), self.room.snapshot(self._clock(), self._wall()),
                               self.room.day_record())
        for key in ("start", "end"):
            self.fields[key].setText(getattr(self._base, key))
        self._render_counts()
        self.save()

    def make_pdf(self) -> None:
        report = self.report()
        problems = report.problems(self._wall().date())
        if problems:
            show_text(self.error, "\n".join(f"{self.field_name(k)}: {self._why(k, m)}"
                                             for k, m in problems))
            self.done.setVisible(False)
            first = self.fields.get(problems[0][0])
            if first is not None:
                first.setFocus()
            return
        self.error.setVisible(False)
        # Rendering takes a moment with a long incident list; the form stays responsive.
        show_text(self.done, self.tr("Creating the PDF…"))
        self.pdf_button.setEnabled(False)
        path = self.pdf_path
        self._background.run(lambda: render_pdf(report, path), self._pdf_made, self._pdf_failed)

    def _pdf_made(self, _result: object) -> None:
        self.pdf_button.setEnabled(True)
        show_text(self.done, self.tr("Saved: {path}").format(path=self.pdf_path))

    def _pdf_failed(self, exc: Exception) -> None:
        self.pdf_button.setEnabled(True)
        self.done.setVisible(False)
        show_failure(self.error, self.tr("The PDF could not be written: {error}").format(
            error=self.failures.words(failure_of(exc))), exc, self.failures.tip(exc))

    def _why(self, key: str, message: str) -> str:
        """A problem of the report (`BeritaAcara.problems`, English for the shell) in the
        proctor's words: from the field's value and the NIP's code, never its English."""
        if message == "required":
            return self.tr("required")
        if message == "must be a time HH:MM":
            return self.tr("write a time as HH:MM, e.g. 07:30")
        if message == "is before the start":
            return self.tr("the end is before the start")
        report = self.report()
        if key == "present":
            return self.tr("present {present} + absent {absent} is not the {expected} "
                           "expected").format(present=report.present, absent=report.absent,
                                              expected=report.expected)
        if key.endswith(".nip"):
            try:
                parse_nip(report.signer(key.split(".")[0]).nip, self._wall().date())
            except NipError as refused:
                return self.tr("not a valid NIP: {why}").format(why=self.nip_problem(refused))
        log.warning("berita acara: %s: %s", key, message)  # a check newer than these words
        return self.tr("check this field")

    def nip_problem(self, refused: NipError) -> str:
        f = refused.facts
        match refused.code:
            case NipProblem.EXCEL_NUMBER:
                return self.tr("Excel turned it into a number; type it again as text")
            case NipProblem.NOT_DIGITS:
                return self.tr("only digits and spaces")
            case NipProblem.LENGTH:
                return self.tr("it has {n} digits, a NIP has 18").format(n=f.get("digits"))
            case NipProblem.BIRTH_DATE:
                return self.tr("digits 1-8 ({part}) are not a birth date").format(
                    part=f.get("part"))
            case NipProblem.BIRTH_YEAR:
                return self.tr("digits 1-8 give the birth year {year}, not plausible").format(
                    year=f.get("year"))
            case NipProblem.APPOINTMENT_MONTH:
                return self.tr("digits 9-14 ({part}) have no month {month}").format(
                    part=f.get("part"), month=f.get("month"))
            case NipProblem.APPOINTMENT_YEAR:
                return self.tr("digits 9-14 give an appointment in {year}, not plausible for "
                               "someone born in {born}").format(year=f.get("year"),
                                                                 born=f.get("born"))
            case NipProblem.GENDER:
                return self.tr("digit 15 ({part}) must be 1 or 2").format(part=f.get("part"))
            case NipProblem.SEQUENCE:
                return self.tr("digits 16-18 are 000")
        return self.tr("check this field")
