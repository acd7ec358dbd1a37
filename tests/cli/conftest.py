"""The admin's day through the real `ujikom` command line, built once per module."""

from __future__ import annotations

import pytest

from tests.cli.labkit import Lab, build_lab


@pytest.fixture(scope="module")
def passphrases() -> pytest.MonkeyPatch:
    mp = pytest.MonkeyPatch()
    mp.setenv("UJIKOM_AUTHORITY_PASSPHRASE", "authority-test-passphrase")
    mp.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", "exam-key-test-passphrase")
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, passphrases: pytest.MonkeyPatch) -> Lab:
    lab, _pins = build_lab(tmp_path_factory.mktemp("lab"))
    return lab
