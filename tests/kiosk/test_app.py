"""The standalone key source and `ujikom kiosk` start-up (a bad package, a good one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exam_bank.crypto.examkey import ExamKey
from kiosk.keysource import KeySourceError, StandaloneKeySource, read_passphrase
from tests.kiosk.conftest import KEY_PASSPHRASE, TOKEN, Built

ROOT = Path(__file__).resolve().parents[2]


def keys_for(tmp_path: Path, key: bytes = b"k" * 32) -> StandaloneKeySource:
    return StandaloneKeySource(ExamKey.of("SELTER-2026", key), tmp_path)


def test_store_key_is_derived_per_candidate_and_per_exam_key(tmp_path: Path) -> None:
    keys = keys_for(tmp_path)
    one = keys.store_key("JPT-001")
    assert len(one) == 32
    assert keys.store_key(" jpt-001 ") == one  # numbers compare normalised
    assert keys.store_key("JPT-002") != one
    assert keys_for(tmp_path, b"x" * 32).store_key("JPT-001") != one
    assert keys.store_path("jpt-001") == tmp_path / "SELTER-2026-JPT-001.db"


def test_store_key_never_reaches_the_disk(tmp_path: Path) -> None:
    keys = keys_for(tmp_path / "data")
    with keys.open_store("JPT-001"):
        pass
    key = keys.store_key("JPT-001")
    for path in (tmp_path / "data").iterdir():
        data = path.read_bytes()
        assert key not in data and key.hex().encode() not in data


def test_passphrase_from_file_or_environment(tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("from-file\nignored\n")
    assert read_passphrase(secret, {}) == b"from-file"
    assert read_passphrase(None, {"UJIKOM_EXAM_KEY_PASSPHRASE": "env"}) == b"env"
    with pytest.raises(KeySourceError):
        read_passphrase(None, {})


def _kiosk(built: Built, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen",
                        "UJIKOM_EXAM_KEY_PASSPHRASE": KEY_PASSPHRASE}
    argv = [sys.executable, "-m", "ujikom.cli", "kiosk", "--package", str(built.package_path),
            "--key", str(built.key_path), "--trust", str(built.trust),
            "--data", str(tmp_path / "data"), "--token", TOKEN, "--exit-when-ready", *extra]
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT,
                          stdin=subprocess.DEVNULL, timeout=60, check=False)


@pytest.mark.gui
def test_kiosk_reaches_the_login_screen(built: Built, tmp_path: Path) -> None:
    out = _kiosk(built, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "UJIKOM-KIOSK-READY" in out.stdout


@pytest.mark.gui
def test_a_bad_package_gives_a_calm_message_not_a_traceback(built: Built,
                                                            tmp_path: Path) -> None:
    broken = tmp_path / "broken.ujikom"
    broken.write_bytes(built.package_path.read_bytes()[:-100])
    out = _kiosk(Built(broken, built.key_path, built.trust, built.package,
                       built.participant_no, built.pin), tmp_path)
    assert out.returncode != 0
    assert "Ujian belum dapat dimulai" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


@pytest.mark.gui
def test_a_wrong_passphrase_is_refused_calmly(built: Built, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not-the-passphrase\n")
    out = _kiosk(built, tmp_path, "--key-passphrase-file", str(wrong))
    assert out.returncode != 0
    assert "Ujian belum dapat dimulai" in out.stdout and "Traceback" not in out.stderr
