"""A real signed package whose first candidate has a PIN the test knows, built once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest

from exam_bank.crypto.authority import load_authority_public
from exam_bank.exam_package import ExamPackage, open_exam_package
from exam_bank.roster.model import load_roster, save_roster
from exam_bank.roster.pins import reissue_pin
from kiosk.app import KioskContext, KioskController
from kiosk.engine import FakeClock
from kiosk.keysource import StandaloneKeySource
from ujikom.cli import main as ujikom

SAMPLE = files("exam_bank") / "sample"
BLUEPRINT = "blueprints/selter-jpt-2026.toml"
KEY_PASSPHRASE = "exam-key-test-passphrase"
TOKEN = "QWERTY"


@dataclass(frozen=True)
class Built:
    package_path: Path
    key_path: Path
    trust: Path
    package: ExamPackage
    participant_no: str
    pin: str


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    mp = pytest.MonkeyPatch()
    mp.setenv("UJIKOM_AUTHORITY_PASSPHRASE", "authority-test-passphrase")
    mp.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASSPHRASE)
    root = tmp_path_factory.mktemp("kiosk-lab")
    bank = root / "bank"
    shutil.copytree(str(SAMPLE / "bank"), bank)
    exam = root / "exam"
    assert ujikom(["bank", "authority", "init", str(root / "authority"), "--name", "Uji"]) == 0
    assert ujikom(["bank", "roster", str(SAMPLE / "roster"), "--bank", str(bank),
                   "--blueprint", str(bank / BLUEPRINT), "--out", str(exam)]) == 0
    roster = load_roster(exam / "roster.json")
    number = roster.candidates[0].participant_no
    roster, pin = reissue_pin(roster, number)  # the cards PDF holds the others
    (exam / "roster.json").unlink()
    save_roster(roster, exam / "roster.json")
    package_path = exam / "selter.ujikom"
    assert ujikom(["bank", "build", "--bank", str(bank), "--blueprint", str(bank / BLUEPRINT),
                   "--roster", str(exam / "roster.json"), "--authority",
                   str(root / "authority"), "--out", str(package_path)]) == 0
    key_path = exam / "selter.ujikey"
    trust = root / "authority" / "authority.pub"
    keys = StandaloneKeySource.from_file(key_path, KEY_PASSPHRASE.encode(), root)
    package = open_exam_package(package_path, [load_authority_public(trust)], keys.exam_key)
    yield Built(package_path, key_path, trust, package, number, pin)
    mp.undo()


@pytest.fixture
def keys(built: Built, tmp_path: Path) -> StandaloneKeySource:
    return StandaloneKeySource.from_file(built.key_path, KEY_PASSPHRASE.encode(),
                                         tmp_path / "data")


@pytest.fixture
def controller(built: Built, keys: StandaloneKeySource, qtbot) -> Iterator[KioskController]:
    ctrl = KioskController(KioskContext(built.package, keys, FakeClock(), TOKEN))
    qtbot.addWidget(ctrl.window)
    ctrl.window.resize(1024, 720)
    ctrl.window.show()
    qtbot.waitExposed(ctrl.window)
    yield ctrl
    ctrl.close()
    ctrl.translations.use("en")  # leave the app without our translator
