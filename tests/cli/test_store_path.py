"""A results store path typed wrong: named, and no empty store made in its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.labkit import ujikom


@pytest.mark.parametrize("argv", [("grading", "status"), ("results",),
                                  ("receipt", "ABCD-EFGH-IJ"), ("analysis", "status")])
def test_a_command_reading_a_store_that_is_not_there_says_so_and_makes_none(
        argv: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`bank grading status --store hasil.bd` (a typo) made an empty encrypted store there
    and printed "0 papers:", exit 0."""
    monkeypatch.setenv("UJIKOM_STORE_PASSPHRASE", "kantor-rahasia")
    typo = tmp_path / "hasil.bd"
    assert ujikom("bank", *argv, "--store", typo) == 1
    err = capsys.readouterr().err
    assert f"{typo}: no results store here" in err and "nothing was changed" in err
    assert list(tmp_path.iterdir()) == []
