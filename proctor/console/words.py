"""The console's words for the room model's codes (statuses, phases, events), through Qt
Linguist; the rules that pick a filter or format a time are plain functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from exam_bank.events.fold import Phase
from exam_bank.status_words import CONTEXT, WORDS, Progress, progress_of
from exam_bank.wire.control import CommandStatus
from exam_bank.wire.protocol import refused_versions
from proctor.commands import CommandLine
from proctor.move_refusal import MoveProblem, MoveRefused
from proctor.room import (
    Attendance,
    AttendanceLine,
    IncidentEntry,
    SeatStatus,
    SeatView,
    TimelineEntry,
    wall_clock,
)


class SeatFilter(StrEnum):
    ALL = "all"
    PROBLEMS = "problems"
    HAND = "hand"
    NOT_STARTED = "not_started"
    SUBMITTED = "submitted"


def matches(view: SeatView, which: SeatFilter) -> bool:
    """Whether a seat shows under the filter."""
    match which:
        case SeatFilter.PROBLEMS:
            return view.problem
        case SeatFilter.HAND:
            return view.hand_raised
        case SeatFilter.NOT_STARTED:
            return view.participant_no is not None and view.section_id is None and (
                view.phase in (None, Phase.LOGIN, Phase.IDENTITY, Phase.RULES))
        case SeatFilter.SUBMITTED:
            return view.submitted
    return True


def action_allowed(action: str, view: SeatView) -> bool:
    """Whether a seat control makes sense for the seat as it stands: resume only what is
    paused, unlock only what is locked, extra time only in an open section, nothing but
    looking once the exam is submitted (`action` is a ControlAction value or "move")."""
    if view.participant_no is None or view.submitted:
        return False
    started = view.phase not in (None, Phase.LOGIN)
    return {
        "pause": not view.paused, "resume": view.paused,
        "lock": not view.locked, "unlock": view.locked,
        "extend": view.section_id is not None,
        "answer_hand": view.hand_raised,
        "force_submit": started, "move": view.phase is not None,
    }.get(action, True)


def clock(ms: int | None) -> str:
    """Time left as people read it: 1:05:09, 12:03; empty when there is none."""
    if ms is None:
        return ""
    seconds = (ms + 999) // 1000  # never show 0:00 while a second is still left
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _attempts(evidence: str) -> int | None:
    """The count in a wrong exit code's evidence ("attempts=3"), None if there is none."""
    for word in evidence.split():
        key, _, value = word.partition("=")
        if key == "attempts" and value.isdigit():
            return int(value)
    return None


class Words(QObject):
    """Translated words; one instance, asked again after a language switch."""

    def status(self, status: SeatStatus) -> str:
        return {
            SeatStatus.ONLINE: self.tr("Online"),
            SeatStatus.LATE: self.tr("Slow"),
            SeatStatus.LOST: self.tr("Lost"),
            SeatStatus.NOT_YET: self.tr("Not yet"),
            SeatStatus.ABSENT: self.tr("Absent"),
            SeatStatus.DONE: self.progress(Progress.SUBMITTED),
            SeatStatus.EXITED: self.tr("Exited (proctor's code)"),
        }[status]

    def tile_status(self, status: SeatStatus) -> str:
        """The status on a seat tile, where eight columns must fit 1366 px: the exit's
        short word ("Keluar"); the detail panel and the tile's accessible name say it all."""
        return self.tr("Exited") if status == SeatStatus.EXITED else self.status(status)

    def attendance(self, status: Attendance) -> str:
        return {
            Attendance.PRESENT: self.tr("Present"),
            Attendance.LATE: self.tr("Late"),
            Attendance.ABSENT: self.tr("Absent"),
            Attendance.NOT_YET: self.tr("Not yet"),
        }[status]

    def attendance_line(self, line: AttendanceLine) -> str:
        """"A1  SLT-0001  Name" over "Present, signed in 08:00 · Finished": attendance,
        the login's time, and where they are in the seat tile's and the kiosk's words (two
        lines: the side panel is narrow, and the status must never be cut off)."""
        words = self.attendance(line.status)
        if line.signed_in_at:
            words = self.tr("{attendance}, signed in {time}").format(
                attendance=words, time=line.signed_in_at[:5])  # HH:MM: it fits one line
        if line.progress is not None:
            words += f" \u00b7 {self.progress(line.progress)}"
        return f"{line.seat}  {line.participant_no}  {line.name}\n{words}"

    def phase(self, phase: Phase | None) -> str:
        """Where the candidate is, in the kiosk's words too (`exam_bank.status_words`)."""
        return self.progress(progress_of(phase))

    def progress(self, progress: Progress) -> str:
        return QCoreApplication.translate(CONTEXT, WORDS[progress])

    def filter_name(self, which: SeatFilter) -> str:
        return {
            SeatFilter.ALL: self.tr("All"),
            SeatFilter.PROBLEMS: self.tr("Problems"),
            SeatFilter.HAND: self.tr("Hand raised"),
            SeatFilter.NOT_STARTED: self.tr("Not started"),
            SeatFilter.SUBMITTED: self.tr("Submitted"),
        }[which]

    def incident_kind(self, kind: str) -> str:
        """An incident code in words; every code the kiosks and the server record has
        its own (`exam_bank.record.words.INCIDENT_WORDS` lists them), anything else a
        neutral phrase with its code."""
        known = {
            # on the candidate's PC
            "forbidden_process": self.tr("Forbidden program running on the PC"),
            "extra_screen": self.tr("Extra screen attached to the PC"),
            "new_network_interface": self.tr("New network connection on the PC"),
            "removable_drive": self.tr("Removable drive (flash disk) attached"),
            "virtual_machine": self.tr("Exam app running in a virtual machine"),
            "blocked_key": self.tr("Blocked shortcut key pressed"),
            "unlock_refused": self.tr("Wrong unlock code entered"),
            "close_refused": self.tr("Tried to close the exam app (refused)"),
            "quit_code_refused": self.tr("Wrong exit code typed at the seat"),
            "quit_code_lockout": self.tr("Exit dialog locked for a while: too many wrong "
                                         "codes"),
            "kiosk_exit": self.tr("Exam app closed with the proctor's exit code"),
            "focus_lost": self.tr("Left the exam window"),
            "paste_refused": self.tr("Paste refused"),
            # seen by this PC's server
            "unknown_participant": self.tr("Events from an unknown participant"),
            "chain_fork": self.tr("Log refused: a different event at a stored place (fork)"),
            "chain_gap": self.tr("Log refused: events missing (gap)"),
            "chain_edited": self.tr("Log refused: an event was changed"),
            "chain_broken_link": self.tr("Log refused: events do not link up"),
            "wrong_kiosk": self.tr("Events from a PC that is not the candidate's"),
            "move_refused": self.tr("Move to another PC refused"),
            "unknown_command": self.tr("A kiosk answered a command never sent"),
            "forged_command": self.tr("Log refused: a proctor's decision never given"),
            "protocol_error": self.tr("A kiosk sent a malformed message"),
            "tls_refused": self.tr("A PC without a lab certificate tried to connect"),
            "no_hello": self.tr("A PC connected but did not introduce itself"),
            "version": self.tr("A PC runs another Ujikom version: refused"),
            "identity": self.tr("A PC's name does not match its certificate: refused"),
            "replay": self.tr("A replayed connection refused"),
            "too_many_connections": self.tr("Too many PCs connected at once: refused"),
            "enroll_refused": self.tr("Kiosk enrollment refused"),
            "internal": self.tr("Proctor PC error"),
            "preflight_override": self.tr("Session opened over a failing PC check"),
            "bad_first_event": self.tr("First log refused: not a valid login of the "
                                       "candidate"),
            "login_held": self.tr("Login at another seat or PC waits for your decision"),
            "login_approved": self.tr("Login at another seat or PC approved"),
            "login_refused": self.tr("Login at another seat or PC refused"),
            "log_accepted": self.tr("Questioned log accepted"),
            "log_rejected": self.tr("Questioned log rejected: sealed as absent"),
            # reported by a kiosk about this PC's messages
            "kiosk_bad_message": self.tr("The kiosk received a malformed message"),
            "kiosk_version": self.tr("The kiosk runs another Ujikom version"),
            "kiosk_identity": self.tr("The kiosk's name does not match its certificate"),
            "kiosk_replay": self.tr("The kiosk refused a replayed command"),
            "kiosk_not_authorized": self.tr("The kiosk refused an unauthorized command"),
            "kiosk_session_closed": self.tr("The kiosk tried to start while the session "
                                            "is closed"),
            "kiosk_internal": self.tr("Error on the kiosk PC"),
            # the proctor's own actions (`exam_bank.record.actions`), shown in the feed
            "session_opened": self.tr("Session opened"),
            "session_closed": self.tr("Session closed"),
            "token_renewed": self.tr("New session token"),
            "enroll_code": self.tr("Enrollment code issued"),
            "quit_code_shown": self.tr("Quit code shown"),
            "move_authorized": self.tr("Move to a spare PC authorized"),
        }
        # A code newer than this console: a neutral phrase, the code kept in sight.
        return known.get(kind) or self.tr("Other technical incident ({code})").format(
            code=kind)

    def incident_line(self, entry: IncidentEntry, english: bool) -> str:
        """"08:15:03 A7 SLT-0007 — <what>, 20 times until 08:16:10"; the evidence (system
        text, in English) on a second line only when the console speaks English, a
        proctor's action's name and reason always."""
        who = " ".join(x for x in (entry.seat or "", entry.participant_no or "") if x)
        what = self.incident_kind(entry.kind)
        versions = refused_versions(entry.evidence) if entry.kind == "version" else None
        if versions is not None:  # the refusal's wording is the protocol's own
            what = self.tr("A PC speaking protocol version {kiosk} refused: this proctor "
                           "speaks {proctor}").format(kiosk=versions[0], proctor=versions[1])
        wrong = _attempts(entry.evidence) if entry.kind == "quit_code_refused" else None
        if wrong is not None:
            what = self.tr("Wrong exit code typed at the seat, {n} times").format(n=wrong)
        line = f"{entry.wall} {who} \u2014 {what}"
        if entry.count > 1:
            line += self.tr(", {n} times until {last}").format(n=entry.count, last=entry.last)
        shown = english or entry.source == "proctor"
        return line + (f"\n{entry.evidence}" if shown and entry.evidence else "")

    def incident_detail(self, entry: IncidentEntry) -> str:
        """The tooltip: the recorded code and evidence, for a technician."""
        return self.tr("Technical detail (English): {kind}: {evidence}").format(
            kind=entry.kind, evidence=entry.evidence or "\u2013")

    def move_refused(self, refused: MoveRefused) -> str:
        """Why the server would not move a candidate to a PC, worded from its code."""
        if refused.code == MoveProblem.NOT_ENROLLED:
            return self.tr("PC {kiosk} is not enrolled in this lab").format(
                kiosk=refused.kiosk_id)
        return self.tr("PC {kiosk} is in use by {others}: choose a free PC").format(
            kiosk=refused.kiosk_id, others=", ".join(refused.others))

    def command_status(self, status: CommandStatus) -> str:
        return {
            CommandStatus.PENDING: self.tr("pending: reaches the candidate when their PC "
                                           "is back"),
            CommandStatus.APPLIED: self.tr("applied"),
            CommandStatus.NO_EFFECT: self.tr("no effect"),
            CommandStatus.REFUSED: self.tr("refused"),
        }[status]

    def command_line(self, line: CommandLine, action: str, tz: dt.tzinfo | None = None
                     ) -> str:
        """"08:15:03 Pause (power cut): applied"; the time on `tz`, the exam's clock."""
        status = self.command_status(line.status)
        return self.tr("{time} {action} ({reason}): {status}").format(
            time=wall_clock(line.sent, tz), action=action, reason=line.command.reason,
            status=status)

    def submit_reason(self, reason: str) -> str:
        return {"candidate": self.tr("by the candidate"), "time_up": self.tr("time up"),
                "proctor": self.tr("by the proctor")}.get(reason, reason)

    def spare_pc(self) -> str:
        return self.tr("spare PC")

    def badge(self, name: str) -> str:
        """The short upper-case badges on a tile."""
        return {"hand": self.tr("HAND"), "paused": self.progress(Progress.PAUSED).upper(),
                "locked": self.progress(Progress.LOCKED).upper()}[name]

    def seat_summary(self, view: SeatView) -> str:
        """The tile's accessible name: everything it shows, in words."""
        parts = [self.tr("Seat {seat}").format(seat=view.seat)]
        if view.participant_no:
            parts.append(f"{view.name} ({view.participant_no})")
        else:
            parts.append(self.tr("spare PC"))
        parts.append(self.status(view.status))
        if view.participant_no:
            parts.append(self.phase(view.phase))
            parts.append(self.tr("{answered} of {total} answered").format(
                answered=view.answered, total=view.total))
        if view.time_left_ms is not None:
            parts.append(self.tr("{time} left").format(time=clock(view.time_left_ms)))
        if view.paused:
            parts.append(self.progress(Progress.PAUSED).lower())
        if view.locked:
            parts.append(self.progress(Progress.LOCKED).lower())
        if view.hand_raised:
            parts.append(self.tr("hand raised"))
        if view.incidents:
            parts.append(self.tr("{n} incident(s)").format(n=view.incidents))
        if view.pending_commands:
            parts.append(self.tr("{n} command(s) pending").format(n=view.pending_commands))
        return ", ".join(parts)

    def timeline(self, entry: TimelineEntry) -> str:
        """One readable line: "08:15:03 Answered question 12"."""
        return f"{entry.wall} {self.event_text(entry.kind, entry.params)}"

    def event_text(self, kind: str, p: Mapping[str, Any]) -> str:
        by, note = p.get("by", ""), p.get("note", "")
        number = p.get("number", "")
        section = p.get("section_title", p.get("section", ""))
        lines = {
            "login": lambda: self.tr("Signed in"),
            "identity_confirmed": lambda: self.tr("Identity confirmed"),
            "rules_acknowledged": lambda: self.tr("Read the rules"),
            "section_started": lambda: self.tr("Started section {s}").format(s=section),
            "answer_set": lambda: self.tr("Answered question {n}").format(n=number),
            "answer_cleared": lambda: self.tr("Cleared the answer to question {n}").format(
                n=number),
            "flag_set": lambda: self.tr("Marked question {n} as unsure").format(n=number),
            "flag_cleared": lambda: self.tr("Unmarked question {n}").format(n=number),
            "navigated": lambda: self.tr("Went to question {n}").format(n=number),
            "makalah_writing": lambda: self.tr("Wrote the essay ({count} saves, until "
                                               "{until})").format(count=p.get("revisions", 0),
                                                                  until=p.get("until", "")),
            "paste_refused": lambda: self.tr("Paste refused"),
            "focus_lost": lambda: self.tr("Left the exam window"),
            "focus_regained": lambda: self.tr("Back in the exam window"),
            # A PC's evidence is system text (the incidents tab's tooltip keeps it); a
            # proctor's own note is their words.
            "incident": lambda: self.tr("Incident: {what}").format(
                what=self.incident_kind(str(p.get("kind", "")))) + (
                f" \u2014 {note}" if by and note else ""),
            "time_extended": lambda: self.tr("{by} extended {s} by {m} min: {note}").format(
                by=by, s=section, m=p.get("minutes", ""), note=note),
            "paused": lambda: self.tr("Paused by {by}: {note}").format(by=by, note=note),
            "resumed": lambda: self.tr("Resumed by {by}").format(by=by),
            "locked": lambda: self.tr("Locked by {by}: {note}").format(by=by, note=note),
            "unlocked": lambda: self.tr("Unlocked by {by}").format(by=by),
            "message": lambda: self.tr("Message from {by}: {text}").format(
                by=by, text=p.get("text", "")),
            "read_aloud_on": lambda: self.tr("{by} turned read-aloud on: {note}").format(
                by=by, note=note),
            "hand_raised": lambda: self.tr("Raised a hand"),
            "hand_answered": lambda: self.tr("{by} answered the raised hand").format(by=by),
            "session_resumed": lambda: self.tr("Resumed on PC {pc}").format(pc=p.get("pc", "")),
            "section_submitted": lambda: self.tr("Submitted section {s} ({why})").format(
                s=section, why=self.submit_reason(str(p.get("reason", "")))),
            "exam_submitted": lambda: self.tr("Submitted the exam ({why})").format(
                why=self.submit_reason(str(p.get("reason", "")))),
        }
        line = lines.get(kind)
        return line() if line else kind
