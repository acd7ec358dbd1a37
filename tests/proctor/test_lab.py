"""The proctor's state folder: made once, opened only with the passphrase, tamper named."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_bank.bundle.certs import cert_pem, make_lab_ca
from exam_bank.problems import InputError
from exam_bank.wire.protocol import PROCTOR_NAME
from proctor.lab import LAB_FILE, init_lab, open_lab
from tests.proctor.kit import PASS, make_lab


def _problem(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    return "\n".join(str(p) for p in excinfo.value.problems)


def test_the_tls_certificate_names_the_lab_wide_name_and_the_hosts(tmp_path: Path) -> None:
    from cryptography import x509

    lab = make_lab(tmp_path / "state")
    san = lab.tls.cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert PROCTOR_NAME in san.get_values_for_type(x509.DNSName)
    assert [str(ip) for ip in san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    lab.tls.cert.verify_directly_issued_by(lab.ca.cert)
    lab.seal.cert.verify_directly_issued_by(lab.ca.cert)


def test_reopening_gives_the_same_keys_and_replica_key(tmp_path: Path) -> None:
    lab = make_lab(tmp_path / "state")
    again = open_lab(tmp_path / "state", PASS)
    assert again.ca.cert == lab.ca.cert and again.replica_key == lab.replica_key
    assert again.ca.key.private_numbers() == lab.ca.key.private_numbers()  # type: ignore[union-attr]


def test_a_folder_without_a_lab_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        open_lab(tmp_path, PASS)
    assert "ujikom proctor init" in _problem(info)


def test_a_short_passphrase_or_empty_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="8 characters"):
        init_lab(tmp_path / "a", "Lab", "Budi", b"short")
    with pytest.raises(InputError, match="lab name"):
        init_lab(tmp_path / "b", " ", "Budi", PASS)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_replaced_ca_certificate_is_refused(tmp_path: Path) -> None:
    make_lab(tmp_path / "state")
    (tmp_path / "state" / "ca.pem").write_bytes(cert_pem(make_lab_ca("Impostor").cert))
    with pytest.raises(InputError) as info:
        open_lab(tmp_path / "state", PASS)
    assert "ca.key" in _problem(info) or "ca.pem" in _problem(info)


def test_a_damaged_lab_file_names_the_field(tmp_path: Path) -> None:
    make_lab(tmp_path / "state")
    path = tmp_path / "state" / LAB_FILE
    text = path.read_text()
    path.write_text(text.replace("scrypt_n = 1024", "scrypt_n = 1000"))
    with pytest.raises(InputError) as info:
        open_lab(tmp_path / "state", PASS)
    assert "replica.scrypt_n" in _problem(info)
    path.write_text("lab_name = [")
    with pytest.raises(InputError, match="not valid TOML"):
        open_lab(tmp_path / "state", PASS)


def test_a_lab_gives_each_certificate_one_role_and_refuses_a_swapped_one(tmp_path: Path) -> None:
    """The lab's proctor.pem serves TLS only, seal.pem signs results only; a lab
    whose seal.pem was swapped for the TLS certificate refuses to open (it would seal
    bundles no office accepts), naming the file and what to do."""
    import shutil

    from exam_bank.bundle.certs import Role, role_of

    lab = make_lab(tmp_path / "state")
    assert role_of(lab.tls.cert) is Role.SERVER
    assert role_of(lab.seal.cert) is Role.SEAL
    assert role_of(lab.ca.cert) is None
    state = tmp_path / "state"
    for suffix in ("pem", "key"):
        shutil.copyfile(state / f"proctor.{suffix}", state / f"seal.{suffix}")
    with pytest.raises(InputError) as info:
        open_lab(state, PASS)
    text = _problem(info)
    assert "seal.pem" in text and "TLS server" in text


def test_a_wrong_passphrase_says_it_is_the_proctors(tmp_path: Path) -> None:
    """'lab/ca.key: wrong passphrase, or the key file was altered': a lab day has six
    passphrases, and ca.key did not tell the proctor which one was asked for."""
    make_lab(tmp_path / "state")
    with pytest.raises(InputError) as info:
        open_lab(tmp_path / "state", b"not the proctor's passphrase")
    text = _problem(info)
    assert text.startswith(str(tmp_path / "state" / "ca.key"))
    assert "wrong passphrase" in text and "UJIKOM_PROCTOR_PASSPHRASE" in text
