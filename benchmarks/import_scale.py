"""Central import at scale: sealed bundles verified, folded, scored and stored.

Generates N candidates (default 10,000 = 50 sessions of 200; UJIKOM_BENCH_CANDIDATES and
UJIKOM_BENCH_BUNDLE_SIZE change it) on a package built from the sample bank, each with a
real hash-chained log: every choice item answered, and a makalah of
UJIKOM_BENCH_MAKALAH_REVISIONS saves (default 300, NOT the ~14,000 of a full 4-hour paper;
see `makalah_revisions` in the JSON). The bundles are sealed, then imported with
`import_bundles` (decrypt, verify signature and every chain, fold once, score, store; the
candidates of a bundle on every core) into SQLite and into a throw-away PostgreSQL server
(skipped with the reason in the JSON when none can be started).

`full_makalah` measures what the office really meets: UJIKOM_BENCH_FULL_CANDIDATES
(default 24) candidates, each with a full 4-hour paper of UJIKOM_BENCH_FULL_REVISIONS
saves (default 14,000, ~6 MB of log), every log distinct (generated on a process pool),
imported into SQLite once with the process pool (every core) and once serially (one
process): seconds per candidate, candidates per second, and a LINEAR EXTRAPOLATION (not a
measurement) of the pool's time to 10,000 such candidates. Worker processes' memory is not
in `peak_rss_mb` (it samples the importing process only).

Baseline, same run: `json.loads` of every log line plus a plain sqlite3 `executemany` of
the logs, with no decryption, verification, folding or scoring (for `full_makalah`: the
same over its full-size logs, per candidate). Sealing is measured by `seal_room`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import tempfile
import time
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Any

from benchmarks import Report, measured
from exam_bank.ids import ParticipantNo, SessionId

DESCRIPTION = ("import + score sealed bundles (10,000 candidates) into SQLite and PostgreSQL, "
               "and full 4-hour makalah logs with and without the process pool")


def roster_package(folder: Path, n: int, per_session: int):  # type: ignore[no-untyped-def]
    """A real signed package whose roster has `n` candidates in sessions of `per_session`."""
    from exam_bank.blueprint.read import read_blueprint
    from exam_bank.crypto.authority import create_authority, load_authority
    from exam_bank.crypto.examkey import new_exam_key
    from exam_bank.exam_package import build_exam_package, open_exam_package
    from exam_bank.items.bank import load_bank
    from exam_bank.roster.model import Candidate, Roster
    from exam_bank.roster.read import read_roster

    sample = Path(str(files("exam_bank") / "sample"))
    bank = load_bank(sample / "bank")
    blueprint = read_blueprint(sample / "bank" / "blueprints" / "selter-jpt-2026.toml")
    sheets = read_roster(sample / "roster")
    first = next(iter(sheets.sessions.values()))
    sessions = {f"S{k + 1:03d}": dataclasses.replace(first, id=SessionId(f"S{k + 1:03d}"))
                for k in range((n + per_session - 1) // per_session)}
    candidates = tuple(
        Candidate(participant_no=ParticipantNo(f"JPT-2026-{i + 1:05d}"), name=e.name,
                  nip=e.nip, position=e.position, session=f"S{i // per_session + 1:03d}",
                  seat=f"X{i % per_session + 1}", photo=None, performance=e.performance,
                  pin_hash="$argon2id$bench")
        for i, e in ((i, sheets.candidates[i % len(sheets.candidates)]) for i in range(n)))
    roster = Roster(dict(sheets.positions), sessions, candidates)
    create_authority(folder / "authority", "Bench", b"bench-passphrase", scrypt_n=2**10)
    public, signer = load_authority(folder / "authority", b"bench-passphrase")
    key = new_exam_key()
    path = folder / "bench.ujikom"
    build_exam_package(path, bank=bank, blueprint=blueprint, roster=roster, signer=signer,
                       exam_key=key)
    return path, open_exam_package(path, [public], key)


def _seal(path: Path, pki: Any, exam_id: str, digest: str, session: str,
          cands: list[Any]) -> Path:
    """One session's candidates sealed by the bench proctor for the bench admin."""
    from exam_bank.bundle.sealed import SessionResults, build_bundle

    results = SessionResults(exam_id, digest, session, "Ruang 1", ["Bench"], cands,
                             b"%PDF-1.4\n%%EOF\n", sealed_at="2026-12-08T06:40:00+00:00")
    path.write_bytes(build_bundle(results, pki.proctor.cert, pki.proctor.key, [pki.ca.cert],
                                  [pki.admin.cert]))
    return path


def _bundles(folder: Path, package: Any, digest: str, pki: Any,
             revisions: int) -> tuple[list[Path], list[bytes]]:
    from exam_bank.bundle.sealed import CandidateResult
    from exam_bank.events.chain import encode_event
    from exam_bank.results.synthetic import candidate_events

    paths, logs = [], []
    for session in package.roster.sessions:
        cands = []
        for c in package.roster.candidates_in(session):
            events = candidate_events(package.header.exam_id, package.forms[c.participant_no],
                                      package.items, makalah_revisions=revisions)
            log = b"".join(encode_event(e) + b"\n" for e in events)
            logs.append(log)
            cands.append(CandidateResult(c.participant_no, events))
        paths.append(_seal(folder / f"{session}.p7m", pki, package.header.exam_id, digest,
                           session, cands))
    return paths, logs


def _import(target: str, paths: list[Path], keys: Any, package: Any, digest: str,
            workers: int | None = None) -> int:
    from exam_bank.results.importer import import_bundles
    from exam_bank.results.store import open_store

    with open_store(target, b"import-scale-benchmark", scrypt_n=2**10) as store:
        import_bundles(store, paths, keys, package, digest, workers)
        return store.counts()["submissions"]


def _baseline(path: Path, logs: list[bytes]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE logs (n INTEGER PRIMARY KEY, log BLOB)")
    for log in logs:
        for line in log.splitlines():
            json.loads(line)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO logs (log) VALUES (?)", ((log,) for log in logs))
    conn.execute("COMMIT")
    conn.close()


def _full_log(exam_id: str, form: Any, items: Any, revisions: int
              ) -> tuple[bytes, dict[str, str]]:
    """One candidate's encoded log and final papers (runs in a generating worker)."""
    from exam_bank.events.chain import encode_event
    from exam_bank.events.makalah import text_at
    from exam_bank.events.model import EventType
    from exam_bank.results.synthetic import candidate_events

    events = candidate_events(exam_id, form, items, makalah_revisions=revisions)
    papers = {str(i): text_at(events, str(i)) for i in
              dict.fromkeys(e.data["item"] for e in events
                            if e.type == EventType.MAKALAH_REVISION)}
    return b"".join(encode_event(e) + b"\n" for e in events), papers


def _full_bundles(folder: Path, package: Any, digest: str, pki: Any, revisions: int
                  ) -> tuple[list[Path], list[bytes]]:
    """One sealed bundle per session, every log distinct, generated on every core."""
    from exam_bank.bundle.sealed import CandidateResult
    from exam_bank.workers import available_cores, process_pool

    exam_id = package.header.exam_id
    paths, logs = [], []
    with process_pool(available_cores()) as pool:
        for session in package.roster.sessions:
            people = [c.participant_no for c in package.roster.candidates_in(session)]
            made = pool.map(_full_log, [exam_id] * len(people),
                            [package.forms[p] for p in people], [package.items] * len(people),
                            [revisions] * len(people))
            cands = []
            for p, (log, papers) in zip(people, made, strict=True):
                logs.append(log)
                cands.append(CandidateResult(p, log=log, makalah=papers))
            paths.append(_seal(folder / f"full-{session}.p7m", pki, exam_id, digest, session,
                               cands))
    return paths, logs


def _full_makalah(pki: Any, folder: Path, count: int, per: int, revisions: int
                  ) -> dict[str, Any]:
    from exam_bank.results.importer import Keys, package_digest
    from exam_bank.workers import available_cores

    folder.mkdir()
    start = time.perf_counter()
    path, package = roster_package(folder, count, per)
    digest = package_digest(path)
    paths, logs = _full_bundles(folder, package, digest, pki, revisions)
    generate_s = time.perf_counter() - start
    keys = Keys(pki.admin.cert, pki.admin.key, [pki.ca.cert])
    cores = available_cores()
    out: dict[str, Any] = {
        "candidates": count, "makalah_revisions_per_log": revisions, "bundles": len(paths),
        "log_bytes_each": round(sum(len(log) for log in logs) / len(logs)),
        "cores": cores, "generate_and_seal_s": round(generate_s, 1)}
    for label, workers in (("pool", cores), ("serial", 1)):
        target = str(folder / f"{label}.sqlite")
        seconds, mb, stored = measured(
            partial(_import, target, paths, keys, package, digest, workers))
        out[label] = {"workers": workers, "import_s": round(seconds, 2),
                      "s_per_candidate": round(seconds / stored, 3),
                      "candidates_per_s": round(stored / seconds, 2), "peak_rss_mb": mb,
                      "stored": stored}
    out["pool_speedup"] = round(out["serial"]["import_s"] / out["pool"]["import_s"], 2)
    out["extrapolation_10000_candidates_pool_h"] = round(
        10_000 * out["pool"]["s_per_candidate"] / 3600, 2)
    out["extrapolation_note"] = (
        f"NOT measured: {count} candidates' pool time per candidate x 10,000, on this "
        f"machine's {cores} core(s); includes the pool's start once per run")
    base_s, _, _ = measured(lambda: _baseline(folder / "plain.sqlite", logs))
    out["baseline_s_per_candidate"] = round(base_s / count, 3)
    return out


def run() -> Report:
    from exam_bank.bundle.certs import make_admin, make_lab_ca, make_seal
    from exam_bank.results.importer import Keys, package_digest

    # The throw-away server (it may apt-get install PostgreSQL as root) is a test helper,
    # not part of the installed package: this benchmark runs from the repository.
    from tests.pg import PostgresUnavailable, fresh_database, throwaway_postgres

    n = int(os.environ.get("UJIKOM_BENCH_CANDIDATES", "10000"))
    per = int(os.environ.get("UJIKOM_BENCH_BUNDLE_SIZE", "200"))
    revisions = int(os.environ.get("UJIKOM_BENCH_MAKALAH_REVISIONS", "300"))
    full = int(os.environ.get("UJIKOM_BENCH_FULL_CANDIDATES", "24"))
    full_revisions = int(os.environ.get("UJIKOM_BENCH_FULL_REVISIONS", "14000"))

    class Pki:
        ca = make_lab_ca()
        proctor = make_seal(ca, "Bench proctor")
        admin = make_admin(ca, "Bench admin", key_size=2048)

    metrics: dict[str, Any] = {"candidates": n, "bundle_size": per,
                               "makalah_revisions": revisions}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        path, package = roster_package(folder, n, per)
        digest = package_digest(path)
        paths, logs = _bundles(folder, package, digest, Pki, revisions)
        metrics["generate_and_seal_s"] = round(time.perf_counter() - start, 1)
        metrics["bundles"] = len(paths)
        metrics["events"] = sum(log.count(b"\n") for log in logs)
        keys = Keys(Pki.admin.cert, Pki.admin.key, [Pki.ca.cert])
        seconds, mb, stored = measured(
            lambda: _import(str(folder / "results.sqlite"), paths, keys, package, digest))
        metrics["sqlite"] = {"import_s": round(seconds, 1), "candidates_per_s":
                             round(stored / seconds, 1), "peak_rss_mb": mb, "stored": stored}
        try:
            with throwaway_postgres(install=False) as server:
                url = fresh_database(server)
                seconds, mb, stored = measured(lambda: _import(url, paths, keys, package,
                                                               digest))
                metrics["postgres"] = {"import_s": round(seconds, 1), "candidates_per_s":
                                       round(stored / seconds, 1), "peak_rss_mb": mb,
                                       "stored": stored}
        except PostgresUnavailable as exc:
            metrics["postgres"] = {"skipped": str(exc)}
        base_s, base_mb, _ = measured(lambda: _baseline(folder / "plain.sqlite", logs))
        metrics["full_makalah"] = _full_makalah(Pki, folder / "full", full, per,
                                                full_revisions)
    baseline = {"approach": "json.loads of every log line + plain sqlite3 executemany of the "
                "logs; no decryption, verification, fold or scoring",
                "import_s": round(base_s, 2), "candidates_per_s": round(n / base_s, 1),
                "peak_rss_mb": base_mb}
    return Report(name="import_scale", metrics=metrics, baseline=baseline,
                  ratio={"sqlite_import_s": round(metrics["sqlite"]["import_s"] / base_s, 1)
                         if base_s else 0.0})
