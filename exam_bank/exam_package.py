"""An exam package: what a lab needs for one exam, composed from bank, blueprint and roster.

The container (signing, encryption) is `exam_bank.package`; this module decides what
goes in it and reads it back as typed data:

- ``exam.json``   exam info, the blueprint and the scoring rules
- ``items.json``  every item any candidate's form uses (no others leave the bank)
- ``forms.json``  each candidate's form: items drawn, their order, option orders, seed
- ``roster.json`` positions with their standard levels, sessions, candidates (PIN hashes only)
- ``media/…``     the images those items show

The public header says what the package is (exam, sessions, counts) without the key.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exam_bank.blueprint.forms import (
    Form,
    assemble_form,
    check_blueprint,
    form_from_dict,
    form_seed,
    form_to_dict,
)
from exam_bank.blueprint.model import Blueprint, blueprint_to_dict
from exam_bank.blueprint.read import blueprint_from_dict
from exam_bank.crypto.authority import AuthorityPublic
from exam_bank.crypto.examkey import ExamKey
from exam_bank.ids import ParticipantNo
from exam_bank.items.bank import Bank
from exam_bank.items.codec import item_from_dict, item_to_dict
from exam_bank.items.media import all_media, image_data_problem
from exam_bank.items.model import Item, ReviewStatus
from exam_bank.package.container import PackageHeader, open_package, write_package
from exam_bank.problems import InputError, Problem
from exam_bank.roster.model import Roster, roster_from_dict
from exam_bank.scoring import CandidateScore, Response, ScoringConfig, score_candidate
from exam_bank.scoring.config import scoring_config_from_dict

PACKAGE_FORMAT = 1
MEDIA_PREFIX = "media/"


@dataclass(frozen=True)
class ExamPackage:
    """A decrypted, verified exam package as typed data."""

    header: PackageHeader
    blueprint: Blueprint
    scoring: ScoringConfig
    items: dict[str, Item]
    forms: dict[str, Form]
    roster: Roster
    media: dict[str, bytes]

    def form_items(self, participant_no: ParticipantNo) -> list[Item]:
        form = self.forms[participant_no]
        return [self.items[i] for s in form.sections for i in s.item_ids]


def check_blueprint_fully(blueprint: Blueprint, bank: Bank,
                          roster: Roster | None = None) -> list[Problem]:
    """Everything that would stop a package being built: blueprint vs bank, scoring
    rules, and the roster's positions asking for competencies the bank can't measure."""
    problems = list(check_blueprint(blueprint, bank.items))
    try:
        scoring_config_from_dict(blueprint.scoring, f"blueprint {blueprint.exam.id}")
    except InputError as exc:
        problems += exc.problems
    if roster is not None:
        measured = {i.competency for i in bank.items.values()
                    if i.review == ReviewStatus.APPROVED}
        for position in roster.positions.values():
            for key in position.standards:
                if key not in bank.catalog:
                    problems.append(Problem("roster", f"position {position.code}: unknown "
                                            f"competency {key!r}"))
                elif key not in measured:
                    problems.append(Problem("roster", f"position {position.code}: the bank "
                                            f"has no approved item measuring {key!r}"))
    return problems


def build_exam_package(
    out: Path,
    *,
    bank: Bank,
    blueprint: Blueprint,
    roster: Roster,
    signer: Ed25519PrivateKey,
    exam_key: ExamKey | bytes,
    exam_seed: str | None = None,
) -> PackageHeader:
    """Draw every candidate's form and write the signed, encrypted package."""
    problems = check_blueprint_fully(blueprint, bank, roster)
    if problems:
        raise InputError(problems)
    exam_seed = exam_seed or secrets.token_hex(16)
    forms = {
        c.participant_no: assemble_form(blueprint, bank.items, c.participant_no,
                                        form_seed(exam_seed, c.participant_no))
        for c in roster.candidates
    }
    used_ids = sorted({i for f in forms.values() for s in f.sections for i in s.item_ids})
    used = [bank.items[i] for i in used_ids]
    media_names = sorted({m for item in used for m in all_media(item)})
    media = _pictures(bank, used)
    files: dict[str, bytes] = {
        "exam.json": _json({"format": PACKAGE_FORMAT, "blueprint": blueprint_to_dict(blueprint),
                            "scoring": blueprint.scoring}),
        "items.json": _json([item_to_dict(i) for i in used]),
        "forms.json": _json({p: form_to_dict(f) for p, f in forms.items()}),
        "roster.json": _json(roster.to_dict()),
    }
    files |= {MEDIA_PREFIX + n: media[n] for n in media_names}
    summary = public_summary(blueprint, roster, len(used), len(media_names))
    return write_package(
        out,
        exam_id=blueprint.exam.id,
        files=files,
        signer=signer,
        exam_key=exam_key,
        title=blueprint.exam.title,
        agency=blueprint.exam.agency,
        sessions=summary["sessions"],
        counts=summary["counts"],
        public={"sections": summary["sections"], "timezone": blueprint.exam.timezone},
    )


def _pictures(bank: Bank, used: Sequence[Item]) -> dict[str, bytes]:
    """Every picture the used items show, read from the bank; InputError names each item
    whose picture is missing, too large or unreadable (a kiosk is never handed one)."""
    problems: list[Problem] = []
    media: dict[str, bytes] = {}
    for item in used:
        where = bank.sources[item.id].file if item.id in bank.sources else "bank"
        for name in all_media(item):
            if name not in media and bank.media_path(name).is_file():
                media[name] = bank.media_path(name).read_bytes()
            if name not in media:
                why = " is not in the bank's media folder"
            else:
                unreadable = image_data_problem(media[name])
                why = f": {unreadable}" if unreadable else ""
            if why:
                problems.append(Problem(where, f"item {item.id!r}: picture {name!r}{why}",
                                        field=item.id))
    if problems:
        raise InputError(problems)
    return media


def public_summary(blueprint: Blueprint, roster: Roster, item_count: int,
                   media_count: int) -> dict[str, Any]:
    """What anyone may read without the key: no item, no PIN hash, no name."""
    sessions = []
    for s in roster.sessions.values():
        sessions.append({"id": s.id, "date": s.date.isoformat(),
                         "start": s.start.strftime("%H:%M"),
                         "end": s.end.strftime("%H:%M") if s.end else None,
                         "site": s.site, "room": s.room,
                         "candidates": len(roster.candidates_in(s.id))})
    return {
        "exam": {"id": blueprint.exam.id, "title": blueprint.exam.title,
                 "agency": blueprint.exam.agency},
        "sections": [{"id": s.id, "title": s.title, "kind": s.kind,
                      "time_limit_min": s.time_limit_min} for s in blueprint.sections],
        "sessions": sessions,
        "counts": {"candidates": len(roster.candidates), "positions": len(roster.positions),
                   "items": item_count, "media": media_count},
    }


def open_exam_package(path: Path, trusted: Sequence[AuthorityPublic],
                      exam_key: ExamKey | bytes) -> ExamPackage:
    """Verify, decrypt and read a package; InputError says what is wrong with it."""
    opened = open_package(path, trusted, exam_key)
    where = str(path)
    files = opened.files
    for name in ("exam.json", "items.json", "forms.json", "roster.json"):
        if name not in files:
            raise InputError([Problem(where, f"package is missing {name}")])
    exam = _load_json(files, "exam.json", where)
    if exam.get("format") != PACKAGE_FORMAT:
        raise InputError([Problem(where, f"package format {exam.get('format')!r} is not "
                                  f"supported (this Ujikom reads format {PACKAGE_FORMAT})")])
    items: dict[str, Item] = {}
    for n, raw in enumerate(_load_json(files, "items.json", where)):
        item, errors = item_from_dict(raw)
        if item is None:
            raise InputError([Problem(where, f"items.json[{n}]: {f}: {m}") for f, m in errors])
        items[item.id] = item
    media = {n[len(MEDIA_PREFIX):]: d for n, d in files.items() if n.startswith(MEDIA_PREFIX)}
    lacking = [f"item {i.id!r}: {m}" for i in items.values() for m in all_media(i)
               if m not in media]
    if lacking:
        raise InputError([Problem(where, f"package lacks a picture its items show: {x}")
                          for x in lacking])
    return ExamPackage(
        header=opened.header,
        blueprint=blueprint_from_dict(exam["blueprint"]),
        scoring=scoring_config_from_dict(exam["scoring"], f"{where}: exam.json"),
        items=items,
        forms={p: form_from_dict(f) for p, f in _load_json(files, "forms.json", where).items()},
        roster=roster_from_dict(_load_json(files, "roster.json", where)),
        media=media,
    )


def score_participant(package: ExamPackage, participant_no: ParticipantNo,
                      responses: Mapping[str, Response],
                      performance: float | None = None,
                      excluded: Collection[str] = ()) -> CandidateScore:
    """Score one candidate's answers against their own form and position's standard;
    `excluded` items (dropped after item analysis) count as if never on the form."""
    candidate = package.roster.candidate(participant_no)
    position = package.roster.positions[candidate.position]
    if performance is None:
        performance = candidate.performance
    items = [i for i in package.form_items(participant_no) if i.id not in excluded]
    kept = {k: v for k, v in responses.items() if k not in excluded}
    return score_candidate(items, kept, position.standards, package.scoring, performance)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _load_json(files: Mapping[str, bytes], name: str, where: str) -> Any:
    try:
        return json.loads(files[name])
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError([Problem(where, f"{name} is not valid JSON: {exc}")]) from None
