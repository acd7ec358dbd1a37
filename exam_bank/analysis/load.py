"""From the results store and the exam package to what `analyse` takes: the response
matrix of the candidates who sat (one session or all) and the makalah grades."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from exam_bank.analysis.matrix import ResponseMatrix, build_matrix, gender_from_nip
from exam_bank.exam_package import ExamPackage
from exam_bank.problems import InputError, Problem
from exam_bank.roster.model import Candidate
from exam_bank.scoring.responses import responses_of


def candidate_groups(candidate: Candidate) -> dict[str, str]:
    """The roster's groups; without a gender column, the gender an 18-digit NIP encodes."""
    groups = dict(candidate.groups)
    if "gender" not in groups and (gender := gender_from_nip(candidate.nip)):
        groups["gender"] = gender
    return groups


def sat(rows: Sequence[Mapping[str, Any]], session: str | None, where: str
        ) -> list[Mapping[str, Any]]:
    """The stored results of candidates who sat (in `session` if given)."""
    found = [r for r in rows if r["status"] != "absent"
             and (session is None or r["session_id"] == session)]
    if not found:
        what = f"session {session}" if session else "this exam"
        raise InputError([Problem(where, f"no results of {what} are stored yet "
                                  "(run bank import-results first)")])
    return found


def matrix_from_results(package: ExamPackage, rows: Sequence[Mapping[str, Any]]
                        ) -> ResponseMatrix:
    responses = {r["participant_no"]: responses_of(r["state"]) for r in rows}
    roster = package.roster
    return build_matrix(
        package.items, {p: package.forms[p].item_ids for p in responses}, responses,
        {p: candidate_groups(roster.candidate(p)) for p in responses})


def paper_grades(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, float]]:
    """Each makalah's grades (assessor → percent, in grading order) of these candidates,
    from `results_with_makalah` rows."""
    return [dict(paper["grades"]) for r in rows
            for _, paper in sorted(r.get("makalah", {}).items())]
