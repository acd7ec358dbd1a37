"""A real signed package whose first candidate has a PIN the test knows, built once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from exam_bank.crypto.authority import load_authority_public
from exam_bank.exam_package import ExamPackage, open_exam_package
from kiosk.app import KioskContext, KioskController
from kiosk.engine import FakeClock
from kiosk.keysource import StandaloneKeySource
from tests.cli.labkit import build_lab

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
    lab, pins = build_lab(root, lambda roster: [roster.candidates[0].participant_no])
    [(number, pin)] = pins.items()
    package_path, key_path, trust = lab.package, lab.key, Path(lab.trust)
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
