"""`bank import-results` takes results only from the lab's seal certificate, and a re-seal
only from the seal certificate of the sealing it replaces."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from exam_bank.bundle.sealed import bundle_zip
from exam_bank.results.store import open_store
from tests.attacks.roles import forged_reseal
from tests.cli.labkit import ujikom
from tests.conftest import STORE_PASS
from tests.exam_bank.results.conftest import Central


def _current(target: str) -> dict[str, Any]:
    with open_store(target, STORE_PASS) as store:
        return {"bundles": store.bundles(), "results": store.current_results()}


def _import(central: Central, target: str, tmp_path: Path, name: str, data: bytes) -> int:
    path = tmp_path / name
    path.write_bytes(data)
    return ujikom("bank", "import-results", path, *central.import_args(target))


def _victim_answer(results: Any) -> tuple[str, str]:
    first = results.candidates[0]
    answer = next(e.data["answer"] for e in first.events if e.type == "answer_set")
    return first.participant_no, "B" if answer != "B" else "C"


def test_a_reseal_signed_with_a_kiosk_or_the_tls_key_does_not_supersede(
        central: Central, tmp_path: Path, capsys) -> None:
    target = str(tmp_path / "hasil.sqlite")
    genuine = central.results(revisions=2)
    assert _import(central, target, tmp_path, "s1.p7m", central.seal(genuine)) == 0
    before = _current(target)
    victim, answer = _victim_answer(genuine)
    forged = forged_reseal(genuine, victim, answer)
    for role, signer in (("kiosk", central.pki.kiosk), ("server", central.pki.server)):
        capsys.readouterr()
        assert _import(central, target, tmp_path, f"{role}.p7m",
                       central.seal(forged, signer)) == 1
        err = capsys.readouterr().err
        assert f"{role}.p7m" in err and "not the lab's seal certificate" in err, err
        assert _current(target) == before  # the JPM and everything else unchanged


def test_a_reseal_by_another_seal_certificate_is_refused(central: Central, tmp_path: Path,
                                                         capsys) -> None:
    target = str(tmp_path / "hasil.sqlite")
    genuine = central.results(revisions=2)
    assert _import(central, target, tmp_path, "s1.p7m", central.seal(genuine)) == 0
    before = _current(target)
    victim, answer = _victim_answer(genuine)
    other = forged_reseal(genuine, victim, answer)
    assert other.supersedes == hashlib.sha256(bundle_zip(genuine)).hexdigest()
    capsys.readouterr()
    assert _import(central, target, tmp_path, "s2.p7m",
                   central.seal(other, central.pki.second_seal)) == 1
    err = capsys.readouterr().err
    assert "s2.p7m" in err and "signed by another seal certificate" in err, err
    assert _current(target) == before
    # the same re-seal from the genuine seal certificate is a normal supersession
    assert _import(central, target, tmp_path, "s2-genuine.p7m", central.seal(other)) == 0
    assert [b["sealing_seq"] for b in _current(target)["bundles"]] == [1, 2]
