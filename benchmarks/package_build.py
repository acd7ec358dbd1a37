"""Building an exam package: drawing every candidate's form, then signing and encrypting.

Figures: per-form drawing time (p50/p99), the whole build and a verified open for a roster
scaled up from the sample (default 500 candidates; UJIKOM_BENCH_CANDIDATES to change).
Baseline, same run: the naive way — `random.sample` per rule and a plain, unsigned,
unencrypted zip of the same JSON — so the ratio shows what determinism, hash-ranked
drawing, signing and encryption cost.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import time
import zipfile
from importlib.resources import files
from pathlib import Path

from benchmarks import Report, percentile, timed
from exam_bank.ids import ParticipantNo

DESCRIPTION = "draw forms and build a signed, encrypted package for a scaled roster"


def _scaled_roster(n: int):  # type: ignore[no-untyped-def]
    """The sample roster repeated up to `n` candidates (one PIN hash shared: hashing
    speed is the roster's own concern, not the package build's)."""
    from exam_bank.roster.model import Candidate, Roster
    from exam_bank.roster.pins import hash_pin
    from exam_bank.roster.read import read_roster

    sheets = read_roster(Path(str(files("exam_bank") / "sample" / "roster")))
    one_hash = hash_pin("482913")
    candidates = tuple(
        Candidate(participant_no=ParticipantNo(f"JPT-2026-{i + 1:05d}"), name=e.name, nip=e.nip,
                  position=e.position, session=e.session, seat=f"X{i + 1}", photo=None,
                  performance=e.performance, pin_hash=one_hash)
        for i, e in ((i, sheets.candidates[i % len(sheets.candidates)]) for i in range(n))
    )
    return Roster(dict(sheets.positions), dict(sheets.sessions), candidates)


def _naive_build(bank, blueprint, roster, out: Path) -> None:  # type: ignore[no-untyped-def]
    from exam_bank.items.codec import item_to_dict
    from exam_bank.items.model import ReviewStatus

    approved = [i for i in bank.items.values() if i.review == ReviewStatus.APPROVED]
    forms = {}
    for c in roster.candidates:
        rng = random.Random(c.participant_no)
        sections = []
        for section in blueprint.sections:
            taken: list[str] = []
            for rule in section.rules:
                if rule.is_fixed:
                    taken += list(rule.items)
                    continue
                pool = [i.id for i in approved if rule.matches(i) and section.accepts(i)
                        and i.id not in taken]
                taken += rng.sample(sorted(pool), rule.count)
            rng.shuffle(taken)
            sections.append(taken)
        forms[c.participant_no] = sections
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("items.json", json.dumps([item_to_dict(i) for i in approved]))
        z.writestr("forms.json", json.dumps(forms))
        z.writestr("roster.json", json.dumps(roster.to_dict()))


def run() -> Report:
    from exam_bank.blueprint.forms import assemble_form, form_seed
    from exam_bank.blueprint.read import read_blueprint
    from exam_bank.crypto.authority import create_authority, load_authority
    from exam_bank.crypto.examkey import new_exam_key
    from exam_bank.exam_package import build_exam_package, open_exam_package
    from exam_bank.items.bank import load_bank

    n = int(os.environ.get("UJIKOM_BENCH_CANDIDATES", "500"))
    sample = Path(str(files("exam_bank") / "sample"))
    bank = load_bank(sample / "bank")
    blueprint = read_blueprint(sample / "bank" / "blueprints" / "selter-jpt-2026.toml")
    roster = _scaled_roster(n)

    form_ms = []
    for c in roster.candidates[:200]:
        start = time.perf_counter()
        assemble_form(blueprint, bank.items, c.participant_no, form_seed("bench", c.participant_no))
        form_ms.append((time.perf_counter() - start) * 1000)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        create_authority(folder / "authority", "Bench", b"bench-passphrase", scrypt_n=2**10)
        public, signer = load_authority(folder / "authority", b"bench-passphrase")
        key = new_exam_key()
        package = folder / "bench.ujikom"
        build_s = timed(lambda: build_exam_package(package, bank=bank, blueprint=blueprint,
                                                   roster=roster, signer=signer, exam_key=key))
        open_s = timed(lambda: open_exam_package(package, [public], key))
        size = package.stat().st_size
        naive = folder / "naive.zip"
        naive_s = timed(lambda: _naive_build(bank, blueprint, roster, naive))
        naive_size = naive.stat().st_size

    return Report(
        name="package_build",
        metrics={"candidates": n, "form_ms_p50": round(percentile(form_ms, 50), 2),
                 "form_ms_p99": round(percentile(form_ms, 99), 2),
                 "build_s": round(build_s, 3), "open_s": round(open_s, 3),
                 "package_bytes": size},
        baseline={"approach": "random.sample per rule + plain zip, no signature, no "
                  "encryption", "build_s": round(naive_s, 3), "package_bytes": naive_size},
        ratio={"build_s": round(build_s / naive_s, 2) if naive_s else 0.0,
               "package_bytes": round(size / naive_size, 2) if naive_size else 0.0},
    )


