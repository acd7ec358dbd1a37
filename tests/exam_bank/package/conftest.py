"""Keys and a small signed package shared by the container tests."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from exam_bank.crypto.authority import AuthorityPublic
from exam_bank.crypto.examkey import ExamKey, new_exam_key
from exam_bank.package import container

EXAM = "CPNS-2025-BKPP-01"
ITEM_TEXT = "Manakah sikap yang paling tepat ketika atasan keliru? [ZEBRA-7731]"
SAMPLE_FILES = {
    "forms/A.json": json.dumps({"form": "A", "items": ["TIU-001", "TWK-002"]}).encode(),
    "items/TIU-001.toml": ("id = 'TIU-001'\nstem = '" + ITEM_TEXT + "'\n").encode(),
    "media/logo.png": bytes(range(256)) * 2,
    "roster.csv": b"nomor,nama\n2025001,Siti Aminah\n",
}


@dataclass
class Authority:
    private: Ed25519PrivateKey
    public: AuthorityPublic


def make_authority(name: str = "BKN Pusat") -> Authority:
    private = Ed25519PrivateKey.generate()
    return Authority(private, AuthorityPublic.of(name, private.public_key()))


@pytest.fixture
def authority() -> Authority:
    return make_authority()


@pytest.fixture
def exam_key() -> ExamKey:
    return ExamKey.of(EXAM, new_exam_key())


@pytest.fixture
def package(tmp_path, authority, exam_key):
    path = tmp_path / "exam.ujikom"
    container.write_package(
        path,
        exam_id=EXAM,
        files=SAMPLE_FILES,
        signer=authority.private,
        exam_key=exam_key,
        title="Seleksi CPNS 2025",
        agency="BKPP Kota Contoh",
        sessions=[{"id": "S1", "starts": "2025-03-01T08:00+07:00", "seats": 40}],
        counts={"forms": 1, "items": 1, "candidates": 1, "media": 1},
        public={"language": "id"},
    )
    return path


def frame(header: bytes, payload: bytes, signature: bytes) -> bytes:
    """Container bytes around arbitrary sections, to craft packages the writer won't."""
    section = container._SECTION
    return b"".join([
        container._PREFIX,
        section.pack(b"HEAD", len(header)), header,
        section.pack(b"DATA", len(payload)), payload,
        section.pack(b"SIGN", len(signature)), signature,
    ])


def split(raw: bytes) -> tuple[bytes, bytes, bytes]:
    """(header, payload, signature) of well-framed container bytes."""
    pos = len(container._PREFIX)
    parts = []
    for _ in range(3):
        _, length = container._SECTION.unpack_from(raw, pos)
        pos += container._SECTION.size
        parts.append(raw[pos : pos + length])
        pos += length
    return parts[0], parts[1], parts[2]


def seal(header: bytes, inner: bytes, key: bytes, signer: Ed25519PrivateKey) -> bytes:
    """A correctly signed and encrypted package around any header and inner bytes."""
    nonce = container.base64.b64decode(json.loads(header)["payload"]["nonce"])
    payload = AESGCM(key).encrypt(nonce, inner, header)
    signature = signer.sign(
        container.SIGNATURE_LABEL
        + hashlib.sha256(header).digest()
        + hashlib.sha256(payload).digest()
    )
    return frame(header, payload, signature)


@pytest.fixture(scope="session")
def kit():
    """The helpers above, for test modules (conftest is not importable by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        EXAM=EXAM, ITEM_TEXT=ITEM_TEXT, SAMPLE_FILES=SAMPLE_FILES,
        make_authority=make_authority, frame=frame, split=split, seal=seal,
    )
