"""The proctor's state folder: the lab's CA, the proctor's certificates, the replica.

Layout (made once by ``ujikom proctor init --dir STATE``; init refuses a folder that
already holds a lab)::

    STATE/lab.toml        lab and proctor names, creation time, CA fingerprint,
                          the replica key's scrypt salt and cost
    STATE/ca.pem          the lab CA certificate (the trust anchor of every kiosk)
    STATE/ca.key          its private key      (scrypt + AES-GCM under the passphrase)
    STATE/proctor.pem     the proctor's TLS server certificate (SAN: ujikom-proctor, hosts)
    STATE/proctor.key     its private key      (same wrapping)
    STATE/seal.pem        the lab's seal certificate: signs result bundles, nothing else
    STATE/seal.key        its private key      (same wrapping)
    STATE/kiosks/ID.pem   the certificate issued to each enrolled kiosk (a record)
    STATE/replica.db      the SQLCipher replica (`proctor.replica`): every candidate's
                          events, the session state, the commands sent, the moves
    STATE/prepared/EXAM/P.bin  each candidate made ready for sealing once they submit
                          (`proctor.prepared`; AES-GCM under a key derived from the
                          replica key)
    STATE/sealed/EXAM-SESSION.json  the sealings of a session, numbered (`proctor.seal`)

Every secret is under the one proctor passphrase (env ``UJIKOM_PROCTOR_PASSPHRASE`` or
``--passphrase-file``): the key files are wrapped with it and the replica's raw SQLCipher
key is scrypt(passphrase, salt); nothing secret is on disk in the clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.certs import (
    Issued,
    Role,
    cert_pem,
    fingerprint_sha256,
    make_lab_ca,
    make_proctor_tls,
    make_seal,
    role_problem,
)
from exam_bank.crypto._files import fail, read_small, write_new_file
from exam_bank.fsutil import atomic_write, private_dir
from exam_bank.ids import KioskId
from exam_bank.problems import InputError, Problem
from exam_bank.wire.protocol import PROCTOR_NAME
from exam_bank.wire.tls import read_cert, read_key_file, write_key_file

PASSPHRASE_ENV = "UJIKOM_PROCTOR_PASSPHRASE"
# The role each of the lab's own certificates must carry (`exam_bank.bundle.certs.Role`).
_ROLES = {"proctor": Role.SERVER, "seal": Role.SEAL}
LAB_FILE = "lab.toml"
REPLICA_FILE = "replica.db"
SCRYPT_N = 2**15
_MAX_TOML = 64 * 1024


@dataclass(frozen=True)
class LabInfo:
    lab_name: str
    proctor_name: str
    created: str
    ca_fingerprint: str
    replica_salt: bytes
    replica_n: int


@dataclass(frozen=True)
class Lab:
    """An opened state folder: its certificates with their keys unlocked."""

    dir: Path
    info: LabInfo
    ca: Issued
    tls: Issued
    seal: Issued
    replica_key: bytes

    @property
    def replica_path(self) -> Path:
        return self.dir / REPLICA_FILE

    def kiosk_cert_path(self, kiosk_id: KioskId) -> Path:
        return self.dir / "kiosks" / f"{kiosk_id}.pem"

    def record_kiosk(self, kiosk_id: KioskId, cert: x509.Certificate) -> None:
        """Keep the certificate issued to a kiosk (re-enrolling replaces it)."""
        atomic_write(self.kiosk_cert_path(kiosk_id), cert_pem(cert), 0o644)

    def enrolled(self) -> list[str]:
        return sorted(p.stem for p in (self.dir / "kiosks").glob("*.pem"))


def _toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def init_lab(state: Path, lab_name: str, proctor_name: str, passphrase: bytes, *,
             hosts: list[str] | None = None, scrypt_n: int | None = None) -> Lab:
    """Create a lab in `state` (new or empty folder); InputError if one is already there."""
    state = Path(state)
    for name, value in (("lab name", lab_name), ("proctor name", proctor_name)):
        if not value.strip():
            raise fail(state, f"the {name} must not be empty")
    if len(passphrase) < 8:
        raise fail(state, "the proctor passphrase needs at least 8 characters")
    if state.exists() and any(state.iterdir()):
        raise fail(state, "is not empty: refusing to overwrite (a lab's CA is made once; "
                   "use another folder)")
    private_dir(state)  # the replica (every candidate's answers) and the lab's keys
    (state / "kiosks").mkdir()
    n = SCRYPT_N if scrypt_n is None else scrypt_n
    ca = make_lab_ca(f"{lab_name} Lab CA")
    tls = make_proctor_tls(ca, [PROCTOR_NAME, *(hosts or [])], common_name=proctor_name)
    seal = make_seal(ca, proctor_name)
    for stem, issued in (("ca", ca), ("proctor", tls), ("seal", seal)):
        key = issued.key
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        write_new_file(state / f"{stem}.pem", cert_pem(issued.cert), 0o644)
        write_key_file(state / f"{stem}.key", key, stem, passphrase, scrypt_n=n)
    salt = secrets.token_bytes(16)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    text = (f"# Ujikom proctor state: made by `ujikom proctor init`; do not edit.\n"
            f"lab_name = {_toml_str(lab_name)}\n"
            f"proctor_name = {_toml_str(proctor_name)}\n"
            f"created = {_toml_str(created)}\n"
            f"ca_fingerprint = {_toml_str(fingerprint_sha256(ca.cert))}\n\n"
            f"[replica]\nsalt = {_toml_str(salt.hex())}\nscrypt_n = {n}\n")
    write_new_file(state / LAB_FILE, text.encode("utf-8"), 0o644)
    return open_lab(state, passphrase)


def read_info(state: Path) -> LabInfo:
    path = Path(state) / LAB_FILE
    if not path.exists():
        raise fail(path, "no lab here: run `ujikom proctor init --dir "
                   f"{state}` first")
    try:
        data = tomllib.loads(read_small(path, _MAX_TOML, "lab.toml").decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise fail(path, f"not valid TOML: {exc}") from None
    problems: list[Problem] = []

    def text(table: dict[str, object], name: str, field: str) -> str:
        value = table.get(name)
        if not isinstance(value, str) or not value:
            problems.append(Problem(str(path), "must be a non-empty string", field=field))
            return ""
        return value

    replica = data.get("replica")
    if not isinstance(replica, dict):
        replica = {}
        problems.append(Problem(str(path), "missing table", field="replica"))
    salt_hex = text(replica, "salt", "replica.salt")
    n = replica.get("scrypt_n")
    if type(n) is not int or n < 2 or n & (n - 1) or n > 2**20:
        problems.append(Problem(str(path), "must be a power of two up to 2**20",
                                field="replica.scrypt_n"))
    info = LabInfo(text(data, "lab_name", "lab_name"), text(data, "proctor_name",
                                                            "proctor_name"),
                   text(data, "created", "created"),
                   text(data, "ca_fingerprint", "ca_fingerprint"), b"", 0)
    try:
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        salt = b""
    if salt_hex and len(salt) != 16:
        problems.append(Problem(str(path), "must be 32 hex digits", field="replica.salt"))
    if problems:
        raise InputError(problems)
    assert isinstance(n, int)
    return LabInfo(info.lab_name, info.proctor_name, info.created, info.ca_fingerprint, salt, n)


def _read_lab_key(path: Path, passphrase: bytes) -> ec.EllipticCurvePrivateKey:
    """A lab key; a wrong passphrase says whose it is (a lab day has six passphrases, and
    'lab/ca.key: wrong passphrase' did not say that this one is the proctor's)."""
    try:
        return read_key_file(path, passphrase)
    except InputError as exc:
        if not any("wrong passphrase" in p.message for p in exc.problems):
            raise
        raise fail(path, "wrong passphrase: the proctor's (--passphrase-file or "
                   f"${PASSPHRASE_ENV}), or the key file was altered") from None


def open_lab(state: Path, passphrase: bytes) -> Lab:
    """Unlock the state folder; InputError naming the file for anything wrong."""
    state = Path(state)
    info = read_info(state)
    loaded: dict[str, Issued] = {}
    for stem in ("ca", "proctor", "seal"):
        cert = read_cert(state / f"{stem}.pem")
        key = _read_lab_key(state / f"{stem}.key", passphrase)
        if cert.public_key() != key.public_key():
            raise fail(state / f"{stem}.key", f"does not match {stem}.pem")
        role = _ROLES.get(stem)
        wrong = None if role is None else role_problem(cert, role)
        if wrong is not None:
            raise fail(state / f"{stem}.pem", f"must be {role.value if role else ''}, but "
                       f"{wrong}: restore this lab's own {stem}.pem and {stem}.key")
        loaded[stem] = Issued(cert, key)
    if fingerprint_sha256(loaded["ca"].cert) != info.ca_fingerprint:
        raise fail(state / "ca.pem", "is not the CA recorded in lab.toml (replaced?)")
    replica_key = hashlib.scrypt(passphrase, salt=info.replica_salt, n=info.replica_n, r=8,
                                 p=1, dklen=32, maxmem=512 * 1024 * 1024)
    return Lab(state, info, loaded["ca"], loaded["proctor"], loaded["seal"], replica_key)
