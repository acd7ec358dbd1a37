"""The admin's day through the real `ujikom` command line, built once per module."""

from __future__ import annotations

import shutil

import pytest

from tests.cli.labkit import SAMPLE, Lab, ujikom


@pytest.fixture(scope="module")
def passphrases() -> pytest.MonkeyPatch:
    mp = pytest.MonkeyPatch()
    mp.setenv("UJIKOM_AUTHORITY_PASSPHRASE", "authority-test-passphrase")
    mp.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", "exam-key-test-passphrase")
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, passphrases: pytest.MonkeyPatch) -> Lab:
    root = tmp_path_factory.mktemp("lab")
    bank = root / "bank"
    shutil.copytree(str(SAMPLE / "bank"), bank)
    lab = Lab(root, bank, root / "authority", root / "exam" / "selter.ujikom",
              root / "exam" / "selter.ujikey", root / "exam" / "roster.json")
    assert ujikom("bank", "authority", "init", lab.authority, "--name", "BKPSDM Uji") == 0
    assert ujikom("bank", "roster", str(SAMPLE / "roster"), "--bank", bank,
                  "--blueprint", lab.blueprint, "--out", root / "exam") == 0
    assert ujikom("bank", "build", "--bank", bank, "--blueprint", lab.blueprint,
                  "--roster", lab.roster, "--authority", lab.authority,
                  "--out", lab.package) == 0
    return lab
