"""Sealed result bundles: what goes in, stock openssl can open them, and every forgery is
refused naming the file and field."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from exam_bank.bundle.certs import cert_pem, key_pem
from exam_bank.bundle.cms import seal
from exam_bank.bundle.sealed import (
    CandidateResult,
    SessionResults,
    build_bundle,
    bundle_zip,
    open_bundle,
)
from exam_bank.events.chain import make_event
from exam_bank.events.model import EventType
from exam_bank.problems import InputError
from tests.exam_bank.results.sealkit import DIGEST, EXAM, Pki, events

PDF = b"%PDF-1.4 berita acara\n%%EOF\n"


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


@pytest.fixture(scope="module")
def results() -> SessionResults:
    cands = [CandidateResult("SLT-0001", events("SLT-0001"), makalah_pdf={"mk1": b"%PDF paper"}),
             CandidateResult("SLT-0002", events("SLT-0002")),
             CandidateResult("SLT-0003", [], status="absent", reason="absent per the berita acara")]
    return SessionResults(EXAM, DIGEST, "S1", "Lab CAT 2", ["Bu Rina"], cands, PDF,
                          incidents=[{"seat": "A1", "kind": "power"}],
                          sealed_at="2026-12-08T10:05:00+00:00")


def _open(pki: Pki, data: bytes):  # type: ignore[no-untyped-def]
    return open_bundle(data, **pki.open_args(), where="lab1.p7m")  # type: ignore[arg-type]


def _refused(pki: Pki, data: bytes, *expected: str) -> str:
    with pytest.raises(InputError) as err:
        _open(pki, data)
    text = str(err.value)
    for part in expected:
        assert part in text
    return text


def _reseal(pki: Pki, files: dict[str, bytes], signer=None) -> bytes:  # type: ignore[no-untyped-def]
    """A zip of `files` signed by `signer` (default the real proctor): a forgery that
    passes the signature, so only the content checks can catch it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in files.items():
            z.writestr(name, body)
    s = signer or pki.proctor
    return seal(out.getvalue(), signer_cert=s.cert, signer_key=s.key, chain=[pki.ca.cert],
                recipients=[pki.admin.cert])


def _files(results: SessionResults) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bundle_zip(results))) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_round_trip_gives_back_every_log_paper_and_the_minutes(pki: Pki,
                                                                results: SessionResults) -> None:
    opened = _open(pki, build_bundle(results, **pki.seal_args()))  # type: ignore[arg-type]
    assert opened.exam_id == EXAM and opened.session == "S1" and opened.sequence == 1
    assert opened.supersedes is None
    assert set(opened.candidates) == {"SLT-0001", "SLT-0002", "SLT-0003"}
    one = opened.candidates["SLT-0001"]
    assert one.events == tuple(results.candidates[0].events)
    assert one.final_hash == results.candidates[0].events[-1].hash
    assert one.makalah["mk1"].split()[0] in {"pelayanan", "publik", "kebijakan", "daerah",
                                            "reformasi", "birokrasi", "kinerja", "aparatur",
                                            "integritas", "akuntabilitas", "masyarakat",
                                            "strategi", "inovasi", "anggaran", "evaluasi",
                                            "program", "koordinasi", "transparansi",
                                            "kapasitas"}
    assert one.makalah_pdf == {"mk1": b"%PDF paper"}
    assert opened.candidates["SLT-0003"].status == "absent"
    assert opened.berita_acara == PDF
    assert opened.incidents == [{"seat": "A1", "kind": "power"}]
    assert opened.signer == pki.proctor.cert


def test_the_signed_zip_is_deterministic_and_its_digest_names_the_bundle(
        pki: Pki, results: SessionResults) -> None:
    import hashlib

    assert bundle_zip(results) == bundle_zip(results)
    a = _open(pki, build_bundle(results, **pki.seal_args()))  # type: ignore[arg-type]
    b = _open(pki, build_bundle(results, **pki.seal_args()))  # type: ignore[arg-type]
    assert a.digest == b.digest == hashlib.sha256(bundle_zip(results)).hexdigest()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")
def test_stock_openssl_decrypts_verifies_and_the_zip_opens(pki: Pki, results: SessionResults,
                                                           tmp_path: Path) -> None:
    (tmp_path / "bundle.p7m").write_bytes(build_bundle(results, **pki.seal_args()))  # type: ignore[arg-type]
    (tmp_path / "admin.pem").write_bytes(cert_pem(pki.admin.cert))
    (tmp_path / "admin.key").write_bytes(key_pem(pki.admin.key))
    (tmp_path / "ca.pem").write_bytes(cert_pem(pki.ca.cert))
    run = {"cwd": tmp_path, "check": True, "capture_output": True}
    subprocess.run(["openssl", "cms", "-decrypt", "-binary", "-inform", "DER", "-in",
                    "bundle.p7m", "-recip", "admin.pem", "-inkey", "admin.key", "-out",
                    "signed.der"], **run)  # type: ignore[call-overload]
    subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in",
                    "signed.der", "-CAfile", "ca.pem", "-purpose", "smimesign", "-out",
                    "results.zip"], **run)  # type: ignore[call-overload]
    with zipfile.ZipFile(tmp_path / "results.zip") as z:
        manifest = json.loads(z.read("manifest.json"))
        assert z.read("berita-acara.pdf") == PDF
        lines = z.read("logs/SLT-0001.jsonl").splitlines()
        assert len(lines) == manifest["candidates"][0]["events"]
    assert manifest["exam_id"] == EXAM
    assert [c["participant_no"] for c in manifest["candidates"]] == ["SLT-0001", "SLT-0002",
                                                                   "SLT-0003"]


def test_any_flipped_byte_is_refused(pki: Pki, results: SessionResults) -> None:
    sealed = build_bundle(results, **pki.seal_args())  # type: ignore[arg-type]
    for at in (40, len(sealed) // 2, len(sealed) - 5):
        bad = bytearray(sealed)
        bad[at] ^= 0x01
        with pytest.raises(InputError) as err:
            _open(pki, bytes(bad))
        assert err.value.problems[0].where.startswith("lab1.p7m")


def test_truncated_bundle_is_refused(pki: Pki, results: SessionResults) -> None:
    sealed = build_bundle(results, **pki.seal_args())  # type: ignore[arg-type]
    _refused(pki, sealed[: len(sealed) - 100], "truncated")


def test_signed_by_a_proctor_of_another_lab_is_refused(pki: Pki,
                                                        results: SessionResults) -> None:
    sealed = build_bundle(results, **pki.seal_args(pki.rogue))  # type: ignore[arg-type]
    _refused(pki, sealed, "not from a trusted lab CA")


def test_a_bundle_for_another_admin_is_refused(pki: Pki, results: SessionResults) -> None:
    args = {**pki.seal_args(), "admin_certs": [pki.stranger.cert]}
    _refused(pki, build_bundle(results, **args), "not addressed to this admin")  # type: ignore[arg-type]


def test_a_log_edited_and_resigned_by_the_real_proctor_is_caught_by_the_chain(
        pki: Pki, results: SessionResults) -> None:
    files = _files(results)
    lines = files["logs/SLT-0002.jsonl"].splitlines(keepends=True)
    event = json.loads(lines[4])
    assert event["type"] == "answer_set"
    event["data"]["answer"] = "A" if event["data"]["answer"] != "A" else "B"
    lines[4] = json.dumps(event, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    files["logs/SLT-0002.jsonl"] = b"".join(lines)
    _refused(pki, _reseal(pki, files), "logs/SLT-0002.jsonl", "seq 5", "edited")


def test_a_log_rebuilt_with_fresh_hashes_is_caught_by_the_manifest(pki: Pki,
                                                                   results: SessionResults) -> None:
    """A forger who re-hashes the whole chain still cannot match the final hash."""
    forged = list(results.candidates[1].events)
    first = forged[4]
    prev = forged[3].hash
    new = []
    for e in forged[4:]:
        data = dict(e.data)
        if e is first:
            data["answer"] = "A" if data["answer"] != "A" else "B"
        made = make_event(e.seq, e.type, e.wall, e.mono_ms, e.run, data, prev)
        new.append(made)
        prev = made.hash
    files = _files(results)
    from exam_bank.events.chain import encode_event

    files["logs/SLT-0002.jsonl"] = b"".join(encode_event(e) + b"\n" for e in forged[:4] + new)
    _refused(pki, _reseal(pki, files), "logs/SLT-0002.jsonl", "final hash")


def test_a_candidates_log_swapped_for_anothers_is_refused_rogue_or_real_signer(
        pki: Pki, results: SessionResults) -> None:
    files = _files(results)
    files["logs/SLT-0002.jsonl"] = files["logs/SLT-0001.jsonl"]
    _refused(pki, _reseal(pki, files, pki.rogue), "not from a trusted lab CA")
    _refused(pki, _reseal(pki, files), "logs/SLT-0002.jsonl")


def test_swapped_log_with_a_matching_manifest_is_still_refused(pki: Pki,
                                                               results: SessionResults) -> None:
    """Even with manifest counts and final hashes rewritten, the genesis ties a log to
    one candidate."""
    files = _files(results)
    files["logs/SLT-0002.jsonl"] = files["logs/SLT-0001.jsonl"]
    manifest = json.loads(files["manifest.json"])
    manifest["candidates"][1] = {**manifest["candidates"][0], "participant_no": "SLT-0002"}
    files["manifest.json"] = json.dumps(manifest).encode()
    files["makalah/SLT-0002-mk1.txt"] = files["makalah/SLT-0001-mk1.txt"]
    files["makalah/SLT-0002-mk1.pdf"] = files["makalah/SLT-0001-mk1.pdf"]
    _refused(pki, _reseal(pki, files), "logs/SLT-0002.jsonl", "genesis")


def test_extra_missing_and_unsafe_files_are_refused(pki: Pki, results: SessionResults) -> None:
    files = _files(results)
    _refused(pki, _reseal(pki, {**files, "logs/SLT-0009.jsonl": b""}), "logs/SLT-0009.jsonl",
             "does not list")
    _refused(pki, _reseal(pki, {**files, "../evil.txt": b"x"}), "../evil.txt", "unsafe")
    without = {k: v for k, v in files.items() if k != "makalah/SLT-0001-mk1.txt"}
    _refused(pki, _reseal(pki, without), "makalah/SLT-0001-mk1.txt", "missing")


def test_a_paper_that_differs_from_its_log_is_refused(pki: Pki, results: SessionResults) -> None:
    files = _files(results)
    files["makalah/SLT-0001-mk1.txt"] = b"a better paper written afterwards"
    _refused(pki, _reseal(pki, files), "makalah/SLT-0001-mk1.txt", "rebuilt from the log")


def test_a_zip_bomb_stops_at_the_cap(pki: Pki, results: SessionResults) -> None:
    files = _files(results)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in files.items():
            z.writestr(name, b"\0" * (64 * 1024 * 1024) if name == "berita-acara.pdf" else body)
    sealed = seal(out.getvalue(), signer_cert=pki.proctor.cert, signer_key=pki.proctor.key,
                  chain=[pki.ca.cert], recipients=[pki.admin.cert])
    _refused(pki, sealed, "berita-acara.pdf", "zip bomb")


def test_manifest_fields_are_named_when_wrong(pki: Pki, results: SessionResults) -> None:
    files = _files(results)
    manifest = json.loads(files["manifest.json"])
    manifest["candidates"][0]["events"] += 1
    files["manifest.json"] = json.dumps(manifest).encode()
    text = _refused(pki, _reseal(pki, files), "manifest.json", "candidates[0].events")
    assert "holds" in text


def test_a_reseal_must_name_what_it_supersedes(results: SessionResults) -> None:
    with pytest.raises(ValueError, match="supersedes"):
        bundle_zip(dataclasses.replace(results, sequence=2))
    later = dataclasses.replace(results, sequence=2, supersedes="cd" * 32)
    assert json.loads(_files(later)["manifest.json"])["supersedes"] == "cd" * 32


def test_a_forked_event_is_never_sealed_silently(results: SessionResults) -> None:
    """The proctor's own broken makalah history is a ValueError at sealing, not a bundle."""
    evs = list(results.candidates[0].events)
    idx = next(i for i, e in enumerate(evs) if e.type == EventType.MAKALAH_REVISION and i > 20)
    e = evs[idx]
    evs[idx] = make_event(e.seq, e.type, e.wall, e.mono_ms, e.run,
                          {**e.data, "text_hash": "0" * 16}, e.prev_hash)
    with pytest.raises(ValueError, match="hash"):
        bundle_zip(dataclasses.replace(results, candidates=[CandidateResult("SLT-0001", evs)]))


def test_sealing_the_proctors_log_bytes_gives_the_same_bundle(results: SessionResults) -> None:
    """The proctor's replica keeps encoded lines; sealing them needs no re-encoding."""
    from exam_bank.events.chain import encode_event

    def as_bytes(c: CandidateResult) -> CandidateResult:
        log = b"".join(encode_event(e) + b"\n" for e in c.events)
        texts = {"mk1": _files(results)[f"makalah/{c.participant_no}-mk1.txt"].decode()} \
            if c.events else {}
        return dataclasses.replace(c, events=(), log=log, makalah=texts)

    again = dataclasses.replace(results, candidates=[as_bytes(c) for c in results.candidates])
    assert bundle_zip(again) == bundle_zip(results)
    without_texts = dataclasses.replace(again, candidates=[
        dataclasses.replace(c, makalah=None) for c in again.candidates])
    assert bundle_zip(without_texts) == bundle_zip(results)


def test_a_corrupt_deflated_member_is_refused_naming_it(pki: Pki,
                                                        results: SessionResults) -> None:
    """A damaged deflate stream once surfaced as a raw zlib.error."""
    from exam_bank.bundle.ziparchive import deflate, zip_parts

    files = _files(results)
    log = deflate(files["logs/SLT-0001.jsonl"])
    broken = dataclasses.replace(log, data=log.data[:20] + b"\xff" * 16 + log.data[36:])
    payload = b"".join(zip_parts({**files, "logs/SLT-0001.jsonl": broken}))
    sealed = seal(payload, signer_cert=pki.proctor.cert, signer_key=pki.proctor.key,
                  chain=[pki.ca.cert], recipients=[pki.admin.cert])
    _refused(pki, sealed, "lab1.p7m", "logs/SLT-0001.jsonl", "cannot be unpacked")
