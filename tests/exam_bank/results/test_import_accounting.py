"""A sealed bundle accounts for every candidate of its session:
submitted, absent per the berita acara, or present but not submitted with the reason; an
unexplained omission is refused, naming the participant."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from exam_bank.bundle.cms import seal
from exam_bank.bundle.sealed import CandidateResult, bundle_zip, open_bundle
from exam_bank.results.store import open_store
from tests.cli.labkit import ujikom
from tests.conftest import STORE_PASS
from tests.exam_bank.results.conftest import Central


def _import(central: Central, target: str, path: Path) -> int:
    return ujikom("bank", "import-results", path, *central.import_args(target))


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    (tmp_path / name).write_bytes(data)
    return tmp_path / name


def test_a_bundle_that_leaves_out_a_candidate_is_refused(central: Central, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    """The issue's attack: a proctor-signed bundle that silently leaves one out."""
    results = central.results(revisions=2)
    left_out = results.candidates[-1].participant_no
    short = dataclasses.replace(results, candidates=results.candidates[:-1])
    target = str(tmp_path / "hasil.sqlite")
    assert _import(central, target, _write(tmp_path, "s1.p7m", central.seal(short))) == 1
    err = capsys.readouterr().err
    assert "s1.p7m" in err and left_out in err and "not accounted for" in err, err
    with open_store(target, STORE_PASS) as store:
        assert store.counts()["bundles"] == 0


def test_every_candidate_is_listed_with_a_reason_unless_submitted(central: Central,
                                                                  tmp_path: Path) -> None:
    results = central.results(revisions=2)
    cands = list(results.candidates)
    cands[-1] = CandidateResult(cands[-1].participant_no, status="absent",
                                reason="tidak hadir (berita acara)")
    cands[-2] = dataclasses.replace(cands[-2], events=cands[-2].events[:3],
                                    status="incomplete", reason="PC mati, tidak kembali")
    results = dataclasses.replace(results, candidates=cands)
    opened = open_bundle(central.seal(results), **central.pki.open_args())  # type: ignore[arg-type]
    entries = {e["participant_no"]: e for e in opened.manifest["candidates"]}
    assert len(entries) == len(central.package.roster.candidates_in("S1"))
    assert entries[cands[-1].participant_no]["reason"] == "tidak hadir (berita acara)"
    assert entries[cands[-2].participant_no]["reason"] == "PC mati, tidak kembali"
    assert entries[cands[0].participant_no]["reason"] == ""
    target = str(tmp_path / "hasil.sqlite")
    assert _import(central, target, _write(tmp_path, "s1.p7m", central.seal(results))) == 0


def test_a_candidate_not_submitted_needs_a_reason(central: Central) -> None:
    results = central.results(revisions=2)
    cands = list(results.candidates)
    cands[-1] = CandidateResult(cands[-1].participant_no, status="absent")
    with pytest.raises(ValueError, match=cands[-1].participant_no):
        bundle_zip(dataclasses.replace(results, candidates=cands))


def _as_format_1(payload: bytes) -> bytes:
    """The same zip as a proctor before the reasons wrote it (format 1, no reasons)."""
    src = zipfile.ZipFile(io.BytesIO(payload))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "manifest.json":
                manifest: dict[str, Any] = json.loads(body)
                manifest["format"] = "ujikom-results-1"
                for entry in manifest["candidates"]:
                    del entry["reason"]
                body = json.dumps(manifest).encode()
            z.writestr(info.filename, body)
    return out.getvalue()


def test_an_old_bundle_imports_when_complete_and_is_refused_when_short(
        central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Format 1 has no reasons but always listed the whole session: accepted when complete
    (its reasons stored empty), refused like any other when someone is missing."""
    results = central.results(revisions=2)
    key = central.pki.proctor.key
    sign = {"signer_cert": central.pki.proctor.cert, "signer_key": key,
            "chain": [central.pki.ca.cert], "recipients": [central.pki.admin.cert]}
    target = str(tmp_path / "hasil.sqlite")
    short = dataclasses.replace(results, candidates=results.candidates[:-1])
    old_short = seal(_as_format_1(bundle_zip(short)), **sign)  # type: ignore[arg-type]
    assert _import(central, target, _write(tmp_path, "old-short.p7m", old_short)) == 1
    assert results.candidates[-1].participant_no in capsys.readouterr().err
    old = seal(_as_format_1(bundle_zip(results)), **sign)  # type: ignore[arg-type]
    assert _import(central, target, _write(tmp_path, "old.p7m", old)) == 0
