"""A real signed exam package with its key, built once for the proctor tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.labkit import build_lab

KEY_PASS = "exam-key-proctor-tests"


@dataclass(frozen=True)
class Exam:
    package: Path
    key: Path
    trust: Path


@pytest.fixture(scope="session")
def exam(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exam]:
    mp = pytest.MonkeyPatch()
    mp.setenv("UJIKOM_AUTHORITY_PASSPHRASE", "authority-cli-passphrase")
    mp.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    lab, _pins = build_lab(tmp_path_factory.mktemp("proctor-tests"))
    yield Exam(lab.package, lab.key, Path(lab.trust))
    mp.undo()


