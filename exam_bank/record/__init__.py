"""The record of a candidate's day (proctor actions, moves, incidents, lost time) and its
Indonesian wording, shared by the berita acara and the candidate report."""

from __future__ import annotations

from exam_bank.record.actions import ActionKind, ProctorAction
from exam_bank.record.facts import (
    CandidateRecord,
    Fact,
    RecordEntry,
    candidate_record,
    record_apply,
    relevant_events,
)
from exam_bank.record.words import Line, incident_words, lines, lost_time, sentence

__all__ = [
    "ActionKind",
    "CandidateRecord",
    "Fact",
    "Line",
    "ProctorAction",
    "RecordEntry",
    "candidate_record",
    "incident_words",
    "lines",
    "lost_time",
    "record_apply",
    "relevant_events",
    "sentence",
]
