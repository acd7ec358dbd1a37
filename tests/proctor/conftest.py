"""A real signed exam package with its key, built once for the proctor tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest

from ujikom.cli import main as ujikom

SAMPLE = files("exam_bank") / "sample"
BLUEPRINT = "blueprints/selter-jpt-2026.toml"
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
    root = tmp_path_factory.mktemp("proctor-tests")
    bank = root / "bank"
    shutil.copytree(str(SAMPLE / "bank"), bank)
    out = root / "exam"
    assert ujikom(["bank", "authority", "init", str(root / "authority"), "--name", "Uji"]) == 0
    assert ujikom(["bank", "roster", str(SAMPLE / "roster"), "--bank", str(bank),
                   "--blueprint", str(bank / BLUEPRINT), "--out", str(out)]) == 0
    assert ujikom(["bank", "build", "--bank", str(bank), "--blueprint", str(bank / BLUEPRINT),
                   "--roster", str(out / "roster.json"), "--authority",
                   str(root / "authority"), "--out", str(out / "selter.ujikom")]) == 0
    yield Exam(out / "selter.ujikom", out / "selter.ujikey", root / "authority" / "authority.pub")
    mp.undo()


