"""Standalone key source: the exam key from its file, a store key per candidate from it.

The local store's key is derived (HKDF-SHA256) from the exam key, the exam id and the
participant number, so it is never written to disk and differs per candidate. When the
proctor link exists it will hand out keys instead; the kiosk only asks for `store_key`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from exam_bank import cliutil
from exam_bank.crypto.examkey import ExamKey, read_exam_key
from exam_bank.fsutil import private_dir
from exam_bank.ids import ParticipantNo
from exam_bank.roster.model import normalise_participant_no
from kiosk.store import EventStore

PASSPHRASE_ENV = "UJIKOM_EXAM_KEY_PASSPHRASE"
STORE_INFO = b"ujikom-kiosk-store"


class KeySourceError(Exception):
    """No passphrase was given, or the key file cannot be read with it."""


def read_passphrase(passphrase_file: Path | None,
                    env: Mapping[str, str] | None = None) -> bytes:
    """The exam key's passphrase: from `passphrase_file` (first line) or the environment."""
    return cliutil.read_passphrase(PASSPHRASE_ENV, passphrase_file, env=env,
                                   flag="--key-passphrase-file", error=_key_source_error)


def _key_source_error(where: str, message: str) -> KeySourceError:
    return KeySourceError(f"{where}: {message}")


class StandaloneKeySource:
    """Keys for a kiosk without a proctor link: one exam key, stores in `data_dir`."""

    def __init__(self, exam_key: ExamKey, data_dir: Path) -> None:
        self._exam_key = exam_key
        self.data_dir = Path(data_dir)

    @classmethod
    def from_file(cls, key_file: Path, passphrase: bytes, data_dir: Path) -> StandaloneKeySource:
        return cls(read_exam_key(Path(key_file), passphrase), data_dir)

    @property
    def exam_key(self) -> ExamKey:
        return self._exam_key

    @property
    def exam_id(self) -> str:
        return self._exam_key.exam_id

    def store_key(self, participant_no: ParticipantNo) -> bytes:
        no = normalise_participant_no(participant_no)
        info = STORE_INFO + self.exam_id.encode() + no.encode()
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info)
        return hkdf.derive(self._exam_key.key)

    def store_path(self, participant_no: ParticipantNo) -> Path:
        return self.data_dir / f"{self.exam_id}-{normalise_participant_no(participant_no)}.db"

    def open_store(self, participant_no: ParticipantNo) -> EventStore:
        private_dir(self.data_dir)  # the candidates' encrypted stores: owner-only
        no = normalise_participant_no(participant_no)
        return EventStore.open(self.store_path(no), self.store_key(no),
                               exam_id=self.exam_id, participant_no=no)
