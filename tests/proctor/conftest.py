"""A real signed exam package with its key, built once for the proctor tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from exam_bank.crypto.authority import load_authority_public
from exam_bank.crypto.examkey import read_exam_key
from exam_bank.exam_package import ExamPackage, open_exam_package
from tests.cli.labkit import build_lab

KEY_PASS = "exam-key-proctor-tests"


@dataclass(frozen=True)
class Exam:
    package: Path
    key: Path
    trust: Path

    def open(self) -> ExamPackage:
        """The package as the proctor opens it: checked against the trust, decrypted."""
        key = read_exam_key(self.key, KEY_PASS.encode())
        return open_exam_package(self.package, [load_authority_public(self.trust)], key)


@pytest.fixture(scope="session")
def exam(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exam]:
    mp = pytest.MonkeyPatch()
    mp.setenv("UJIKOM_AUTHORITY_PASSPHRASE", "authority-cli-passphrase")
    mp.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    lab, _pins = build_lab(tmp_path_factory.mktemp("proctor-tests"))
    yield Exam(lab.package, lab.key, Path(lab.trust))
    mp.undo()


