"""The suite's own rules (tests/conftest.py), checked like everything else."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings


def test_a_test_with_qtbot_is_marked_gui(qtbot: Any, request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("gui") is not None


def test_a_test_without_qtbot_is_not(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("gui") is None


def test_screenshots_go_under_the_test_s_own_folder(shot_dir: Path, tmp_path: Path) -> None:
    assert shot_dir.is_dir()
    if not os.environ.get("UJIKOM_SHOTS"):  # else where the developer asked for them
        assert shot_dir.is_relative_to(tmp_path)


def test_one_hypothesis_profile_without_deadlines() -> None:
    assert settings().deadline is None


def test_no_ticket_labels_in_the_code() -> None:
    """A docstring or comment says what and why; which issue asked for it belongs in the
    commit message, where it does not go stale."""
    import re

    root = Path(__file__).parents[1]
    label = re.compile(r"\((issue|point)s? \d+")
    found = [f"{path.relative_to(root)}:{number}"
             for folder in ("exam_bank", "kiosk", "proctor", "ujikom", "benchmarks", "tests",
                            "packaging")
             for path in sorted((root / folder).rglob("*.py"))
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if label.search(line) and path != Path(__file__)]
    assert found == []
