"""One vocabulary for where a candidate is, shared by the proctor's console and the kiosk,
so a seat that submitted reads "Selesai" on both and never "Belum" on one of them.

No Qt here: the English words are marked for Qt Linguist (context ``Status``) and both
apps list this file among their sources (`kiosk.i18n`, `proctor.i18n`), so each .ts holds
the same entries; `tests/test_status_words.py` checks the two translate them alike. An
app shows a word with ``QCoreApplication.translate(CONTEXT, WORDS[progress])``.
"""

from __future__ import annotations

from enum import StrEnum

from exam_bank.events.fold import Phase

CONTEXT = "Status"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for pyside6-lupdate under `context`; returns it unchanged."""
    return text


class Progress(StrEnum):
    NOT_SIGNED_IN = "not_signed_in"
    SIGNING_IN = "signing_in"
    CHECKING_IDENTITY = "checking_identity"
    READING_RULES = "reading_rules"
    WORKING = "working"
    BETWEEN_SECTIONS = "between_sections"
    PAUSED = "paused"
    LOCKED = "locked"
    SUBMITTED = "submitted"


WORDS: dict[Progress, str] = {
    Progress.NOT_SIGNED_IN: QT_TRANSLATE_NOOP("Status", "Not signed in"),
    Progress.SIGNING_IN: QT_TRANSLATE_NOOP("Status", "Signing in"),
    Progress.CHECKING_IDENTITY: QT_TRANSLATE_NOOP("Status", "Checking identity"),
    Progress.READING_RULES: QT_TRANSLATE_NOOP("Status", "Reading the rules"),
    Progress.WORKING: QT_TRANSLATE_NOOP("Status", "Working"),
    Progress.BETWEEN_SECTIONS: QT_TRANSLATE_NOOP("Status", "Between sections"),
    Progress.PAUSED: QT_TRANSLATE_NOOP("Status", "Paused"),
    Progress.LOCKED: QT_TRANSLATE_NOOP("Status", "Locked"),
    Progress.SUBMITTED: QT_TRANSLATE_NOOP("Status", "Finished"),
}

_BY_PHASE = {Phase.LOGIN: Progress.SIGNING_IN, Phase.IDENTITY: Progress.CHECKING_IDENTITY,
             Phase.RULES: Progress.READING_RULES, Phase.IN_SECTION: Progress.WORKING,
             Phase.BETWEEN_SECTIONS: Progress.BETWEEN_SECTIONS,
             Phase.SUBMITTED: Progress.SUBMITTED}


def progress_of(phase: Phase | None, paused: bool = False, locked: bool = False) -> Progress:
    """Where the candidate is, as both apps word it: a submission outranks everything
    (a submitted seat is finished, whatever its PC does), then locked, then paused."""
    if phase == Phase.SUBMITTED:
        return Progress.SUBMITTED
    if locked:
        return Progress.LOCKED
    if paused:
        return Progress.PAUSED
    return Progress.NOT_SIGNED_IN if phase is None else _BY_PHASE[phase]
