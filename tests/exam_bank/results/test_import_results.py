"""`ujikom bank import-results` and `bank receipt` against SQLite and a real PostgreSQL:
good bundles stored and scored, every bad one refused with nothing stored changed."""

from __future__ import annotations

import dataclasses
import hashlib
import zlib
from pathlib import Path
from typing import Any

import pytest

from exam_bank.bundle.sealed import CandidateResult, bundle_zip, open_bundle
from exam_bank.results.receipt import short_code
from exam_bank.results.store import open_store
from tests.cli.labkit import ujikom
from tests.conftest import STORE_PASS
from tests.exam_bank.results.conftest import Central


def _snapshot(target: str) -> dict[str, Any]:
    with open_store(target, STORE_PASS) as store:
        return {"counts": store.counts(), "bundles": store.bundles(),
                "results": store.current_results()}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _import(central: Central, target: str, *bundles: Path) -> int:
    return ujikom("bank", "import-results", *bundles, *central.import_args(target))


def test_import_stores_scores_and_the_receipt_is_on_record(central: Central, store_target: str,
                                                           tmp_path: Path, capsys) -> None:
    results = central.results()
    bundle = _write(tmp_path, "s1.p7m", central.seal(results))
    assert _import(central, store_target, bundle) == 0
    assert f"imported {len(results.candidates)} candidates" in capsys.readouterr().out
    snap = _snapshot(store_target)
    assert snap["counts"]["bundles"] == 1
    stored = {r["participant_no"]: r for r in snap["results"]}
    assert set(stored) == {c.participant_no for c in results.candidates}
    first = results.candidates[0]
    row = stored[first.participant_no]
    assert row["state"]["phase"] == "submitted"
    assert row["score"]["competencies"] and row["score"]["jpm"] is not None
    assert row["final_hash"] == first.events[-1].hash
    code = short_code(first.events[-1].hash)
    assert ujikom("bank", "receipt", code.lower().replace("-", ""), "--store",
                  store_target) == 0
    out = capsys.readouterr().out
    name = central.package.roster.candidate(first.participant_no).name
    assert "on record" in out and first.participant_no in out and name in out
    assert central.package.header.exam_id in out
    # copied by hand with look-alike digits (O as 0, B as 8, I or L as 1): still found
    alike = code.replace("O", "0").replace("B", "8").replace("I", "1").replace("L", "1")
    assert ujikom("bank", "receipt", alike, "--store", store_target) == 0
    assert first.participant_no in capsys.readouterr().out
    assert ujikom("bank", "receipt", "AAAA-AAAA-AA", "--store", store_target) == 1
    assert "NOT on record" in capsys.readouterr().out


def test_the_stored_log_is_the_sealed_log(central: Central, store_target: str,
                                          tmp_path: Path) -> None:
    results = central.results()
    assert _import(central, store_target, _write(tmp_path, "a.p7m", central.seal(results))) == 0
    with open_store(store_target, STORE_PASS) as store:
        cand = results.candidates[1]
        row = store.db.one("SELECT log FROM submissions WHERE participant_no = ?",
                           (cand.participant_no,))
    assert row is not None
    lines = zlib.decompress(bytes(row[0])).splitlines()
    assert len(lines) == len(cand.events)


def test_the_same_bundle_twice_is_a_no_op(central: Central, store_target: str, tmp_path: Path,
                                          capsys) -> None:
    bundle = _write(tmp_path, "s1.p7m", central.seal(central.results()))
    assert _import(central, store_target, bundle) == 0
    before = _snapshot(store_target)
    capsys.readouterr()
    again = _write(tmp_path, "again.p7m", central.seal(central.results()))  # fresh envelope
    assert _import(central, store_target, bundle, again) == 0
    out = capsys.readouterr().out
    assert out.count("already imported") == 2
    assert _snapshot(store_target) == before


@pytest.mark.parametrize("damage", ["flip", "truncate", "rogue", "stranger", "forged_log"])
def test_bad_bundles_are_refused_and_nothing_changes(central: Central, store_target: str,
                                                     tmp_path: Path, capsys,
                                                     damage: str) -> None:
    assert _import(central, store_target,
                   _write(tmp_path, "s2.p7m", central.seal(central.results("S2")))) == 0
    before = _snapshot(store_target)
    good_s1 = central.seal(central.results())
    if damage == "flip":
        data = bytearray(good_s1)
        data[len(data) // 2] ^= 0x40
        bad, reason = bytes(data), "bad.p7m"
    elif damage == "truncate":
        bad, reason = good_s1[:-300], "truncated"
    elif damage == "rogue":
        bad, reason = central.seal(central.results(), central.pki.rogue), "trusted lab CA"
    elif damage == "stranger":
        args = {**central.pki.seal_args(), "admin_certs": [central.pki.stranger.cert]}
        from exam_bank.bundle.sealed import build_bundle

        bad, reason = build_bundle(central.results(), **args), "not addressed"  # type: ignore[arg-type]
    else:  # the real proctor signs a log whose answer was changed afterwards
        results = central.results()
        cand = results.candidates[0]
        events = list(cand.events)
        i = next(n for n, e in enumerate(events) if e.type == "answer_set")
        events[i] = dataclasses.replace(events[i], data={**events[i].data, "answer": "A"}
                                        if events[i].data["answer"] != "A" else
                                        {**events[i].data, "answer": "B"})
        forged = dataclasses.replace(results, candidates=[
            dataclasses.replace(cand, events=events), *results.candidates[1:]])
        bad, reason = central.seal(forged), f"logs/{cand.participant_no}.jsonl"
    good_s3 = _write(tmp_path, "s3.p7m", central.seal(central.results("S3")))
    capsys.readouterr()
    assert _import(central, store_target, good_s3, _write(tmp_path, "bad.p7m", bad)) == 1
    err = capsys.readouterr().err
    assert reason in err and "nothing was changed" in err
    assert _snapshot(store_target) == before  # not even the good S3 bundle


def test_a_reseal_after_a_late_candidate_supersedes_and_both_stay_verifiable(
        central: Central, store_target: str, tmp_path: Path, capsys) -> None:
    first = central.results()
    late_one = first.candidates[-1].participant_no  # not in yet at the first sealing
    late = dataclasses.replace(first, candidates=[
        *first.candidates[:-1],
        CandidateResult(late_one, status="absent", reason="not arrived when sealed")])
    one = _write(tmp_path, "s1-1.p7m", central.seal(late))
    assert _import(central, store_target, one) == 0
    digest1 = hashlib.sha256(bundle_zip(late)).hexdigest()
    second = dataclasses.replace(first, sequence=2, supersedes=digest1,
                                 sealed_at="2026-12-08T07:30:00+00:00")
    two = _write(tmp_path, "s1-2.p7m", central.seal(second))
    assert _import(central, store_target, two) == 0
    assert "replacing sealing 1" in capsys.readouterr().out
    snap = _snapshot(store_target)
    assert [(b["sealing_seq"], b["current"]) for b in snap["bundles"]] == [(1, False), (2, True)]
    assert len(snap["results"]) == len(first.candidates)  # current view: the re-seal only
    with open_store(store_target, STORE_PASS) as store:
        for b in snap["bundles"]:
            sealed = store.sealed_bytes(b["digest"])
            assert sealed is not None
            opened = open_bundle(sealed, **central.pki.open_args())  # type: ignore[arg-type]
            assert opened.digest == b["digest"]


def test_a_conflicting_bundle_for_the_same_session_is_reported_not_merged(
        central: Central, store_target: str, tmp_path: Path, capsys) -> None:
    results = central.results()
    assert _import(central, store_target, _write(tmp_path, "a.p7m", central.seal(results))) == 0
    before = _snapshot(store_target)
    other = dataclasses.replace(results, room="Ruang 9", sealed_at="2026-12-08T06:45:00+00:00")
    capsys.readouterr()
    assert _import(central, store_target, _write(tmp_path, "b.p7m", central.seal(other))) == 1
    err = capsys.readouterr().err
    assert "conflicts with the stored bundle" in err and "not merged" in err
    assert _snapshot(store_target) == before
    wrong_successor = dataclasses.replace(results, sequence=2, supersedes="0" * 64)
    assert _import(central, store_target,
                   _write(tmp_path, "c.p7m", central.seal(wrong_successor))) == 1
    assert _snapshot(store_target) == before


def test_results_of_another_package_or_roster_are_refused(central: Central, store_target: str,
                                                          tmp_path: Path, capsys) -> None:
    other_pkg = dataclasses.replace(central.results(), package_digest="1" * 64)
    assert _import(central, store_target, _write(tmp_path, "p.p7m", central.seal(other_pkg))) == 1
    assert "package_digest" in capsys.readouterr().err
    s1 = central.results()
    wrong_session = dataclasses.replace(s1, session="S2")  # S1's candidates claimed for S2
    assert _import(central, store_target,
                   _write(tmp_path, "s.p7m", central.seal(wrong_session))) == 1
    assert "sits session S1, not S2" in capsys.readouterr().err
    assert _snapshot(store_target)["counts"]["bundles"] == 0


def test_a_wrong_admin_passphrase_is_a_clear_error(central: Central, tmp_path: Path, capsys,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJIKOM_ADMIN_PASSPHRASE", "not-the-passphrase")
    bundle = _write(tmp_path, "s1.p7m", central.seal(central.results()))
    assert _import(central, str(tmp_path / "r.sqlite"), bundle) == 1
    assert "wrong passphrase" in capsys.readouterr().err


def test_every_refused_bundle_is_reported_in_one_run(central: Central, tmp_path: Path,
                                                     capsys) -> None:
    store = str(tmp_path / "r.sqlite")
    good = _write(tmp_path, "good.p7m", central.seal(central.results("S2")))
    rogue = _write(tmp_path, "rogue.p7m", central.seal(central.results(), central.pki.rogue))
    short = _write(tmp_path, "short.p7m", central.seal(central.results("S3"))[:-50])
    assert _import(central, store, good, rogue, short) == 1
    err = capsys.readouterr().err
    assert "rogue.p7m" in err and "short.p7m" in err and "2 problems" in err
    assert _snapshot(store)["counts"]["bundles"] == 0


def test_the_admin_identity_from_bank_admin_init_opens_bundles(central: Central, tmp_path: Path,
                                                                capsys) -> None:
    """admin.p12 (PKCS#12) from `ujikom bank admin init`, with or without --admin-cert."""
    from cryptography import x509

    from exam_bank.bundle.sealed import build_bundle

    assert ujikom("bank", "admin", "init", tmp_path / "office", "--name", "Admin Pusat") == 0
    cert = x509.load_pem_x509_certificate((tmp_path / "office" / "admin.pem").read_bytes())
    args = {**central.pki.seal_args(), "admin_certs": [cert]}
    bundle = _write(tmp_path, "s1.p7m", build_bundle(central.results(), **args))  # type: ignore[arg-type]
    store = str(tmp_path / "r.sqlite")
    rest = ["--store", store, "--admin-key", tmp_path / "office" / "admin.p12", "--trust",
            central.lab_ca, "--package", central.lab.package, "--key", central.lab.key,
            "--trust-authority", central.lab.trust]
    assert ujikom("bank", "import-results", bundle, *rest) == 0
    assert ujikom("bank", "import-results", bundle, *rest, "--admin-cert",
                  tmp_path / "office" / "admin.pem") == 0
    assert "already imported" in capsys.readouterr().out
    assert ujikom("bank", "import-results", bundle, *rest, "--admin-cert",
                  central.admin_cert) == 1
    assert "is not the certificate in" in capsys.readouterr().err
