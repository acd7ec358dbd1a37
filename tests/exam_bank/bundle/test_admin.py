"""`bank admin init`: the admin identity labs seal for; stock openssl opens with it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from exam_bank.bundle.admin import init_admin, load_admin_key
from exam_bank.bundle.certs import make_lab_ca, make_seal
from exam_bank.bundle.cms import seal, unseal
from exam_bank.problems import InputError
from ujikom.cli import main as ujikom

SECRET = "kunci-admin-kantor"


def test_a_bundle_sealed_for_the_admin_opens_with_ujikom_and_with_openssl(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJIKOM_ADMIN_PASSPHRASE", SECRET)
    assert ujikom(["bank", "admin", "init", str(tmp_path / "admin"), "--name", "Admin"]) == 0
    key, cert = load_admin_key(tmp_path / "admin" / "admin.p12", SECRET.encode())
    assert (tmp_path / "admin" / "admin.p12").stat().st_mode & 0o077 == 0
    assert b"PRIVATE KEY" not in (tmp_path / "admin" / "admin.p12").read_bytes()
    lab = make_lab_ca("Lab")
    proctor = make_seal(lab)
    sealed = seal(b"hasil ujian", signer_cert=proctor.cert, signer_key=proctor.key,
                  chain=[lab.cert], recipients=[cert])
    assert unseal(sealed, recipient_cert=cert, recipient_key=key,
                  trusted_roots=[lab.cert], where="uji").payload == b"hasil ujian"
    if shutil.which("openssl") is None:
        pytest.fail("openssl is not installed: the interop check needs it")
    (tmp_path / "bundle.p7m").write_bytes(sealed)
    out = subprocess.run(
        ["openssl", "cms", "-decrypt", "-inform", "DER", "-in", str(tmp_path / "bundle.p7m"),
         "-inkey", str(tmp_path / "admin" / "admin.p12"), "-passin", f"pass:{SECRET}",
         "-recip", str(tmp_path / "admin" / "admin.pem"), "-out", str(tmp_path / "signed")],
        capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_an_admin_identity_is_never_replaced_and_a_wrong_passphrase_is_named(
        tmp_path: Path) -> None:
    init_admin(tmp_path, "Admin", SECRET.encode(), key_size=2048, kdf_rounds=1000)
    before = (tmp_path / "admin.p12").read_bytes()
    with pytest.raises(InputError, match="already exists"):
        init_admin(tmp_path, "Admin", SECRET.encode(), key_size=2048, kdf_rounds=1000)
    assert (tmp_path / "admin.p12").read_bytes() == before
    with pytest.raises(InputError, match=r"admin\.p12.*wrong passphrase"):
        load_admin_key(tmp_path / "admin.p12", b"bukan-ini-kuncinya")
