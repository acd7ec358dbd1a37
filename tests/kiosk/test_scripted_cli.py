"""`ujikom kiosk scripted` as a technician first types it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.labkit import ujikom


def test_scripted_without_its_kiosk_options_says_where_they_go(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`ujikom kiosk scripted --script s.json` raised a ValueError traceback."""
    assert ujikom("kiosk", "scripted", "--script", tmp_path / "s.json") == 2
    err = capsys.readouterr().err
    assert "needs --config, --package and --trust, given before it" in err
