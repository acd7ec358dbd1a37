"""The one passphrase reader every command line uses (bank, proctor, kiosk)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_bank.cliutil import read_passphrase
from exam_bank.problems import InputError

ENV = "UJIKOM_TEST_PASSPHRASE"


def test_the_file_s_first_line_wins_over_the_environment(tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"rahasia sekali\r\nsecond line\n")
    assert read_passphrase(ENV, secret, env={ENV: "from-env"}) == b"rahasia sekali"
    assert read_passphrase(ENV, None, env={ENV: "from-env"}) == b"from-env"


def test_problems_name_the_file_or_the_variable(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(InputError) as caught:
        read_passphrase(ENV, empty, env={})
    assert str(caught.value.problems[0]) == f"{empty}: the passphrase file is empty"
    with pytest.raises(InputError) as caught:
        read_passphrase(ENV, tmp_path / "missing.txt", env={})
    assert str(caught.value.problems[0]).startswith(f"{tmp_path / 'missing.txt'}: cannot read")
    with pytest.raises(InputError) as caught:  # no terminal under pytest: never prompts
        read_passphrase(ENV, None, "Passphrase: ", env={})
    assert ENV in str(caught.value.problems[0])


def test_a_caller_chooses_its_own_error() -> None:
    class KioskError(Exception):
        pass

    with pytest.raises(KioskError, match=f"{ENV}: no passphrase: set {ENV} or give --key"):
        read_passphrase(ENV, None, env={}, flag="--key",
                        error=lambda where, message: KioskError(f"{where}: {message}"))
