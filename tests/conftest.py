"""Shared fixtures and the suite's rules. Nothing here writes into the repository:
everything goes to tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The office passphrase of every SQLite results store the tests make through the CLI.
STORE_PASS = b"results-store-test-passphrase"
os.environ.setdefault("UJIKOM_STORE_PASSPHRASE", STORE_PASS.decode())

# The one Hypothesis profile: no per-example deadline (a busy 2-core CI machine makes
# timings meaningless; the per-test timeout catches a real hang) and no "too slow" health
# check for the same reason. A test sets only how many examples it wants. On CI the examples
# are derived from each test (derandomize): a submission is judged on the same cases every
# run, while a developer's runs keep exploring new ones (and the example database keeps
# any failure they find for the next run).
settings.register_profile("ujikom", deadline=None, suppress_health_check=[HealthCheck.too_slow],
                          derandomize=bool(os.environ.get("CI")))
settings.load_profile("ujikom")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Qt widgets (it uses `qtbot`) is marked `gui`, so
    `pytest -m "not gui"` runs the core alone."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _global_font_restored(request: pytest.FixtureRequest) -> Iterator[None]:
    """A GUI test may enlarge the application font (the kiosk's font step does); the next
    test starts with the font it found."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtWidgets import QApplication

    request.getfixturevalue("qapp")  # pytest-qt's application, made before the test's
    before = QApplication.font()
    yield
    if QApplication.font() != before:
        QApplication.setFont(before)


@pytest.fixture
def shot_dir(tmp_path: Path) -> Path:
    """Where a test saves screenshots: under its own tmp_path, or, to look at them,
    in $UJIKOM_SHOTS/<test name> when that is set."""
    base = os.environ.get("UJIKOM_SHOTS")
    folder = Path(base) / tmp_path.name if base else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
