"""A machine installed for one role (pyproject.toml's extras) says what is missing when it
is asked for another role's work, instead of a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exam_bank.problems import InputError
from exam_bank.results.db import connect
from ujikom.cli import main


def _without(monkeypatch: pytest.MonkeyPatch, top: str) -> None:
    """Import `top` (and its submodules) as if it were not installed."""
    for name in [n for n in sys.modules if n == top or n.startswith(top + ".")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, top, None)


def test_the_postgres_store_names_the_office_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    _without(monkeypatch, "psycopg")
    with pytest.raises(InputError) as caught:
        connect("postgresql://user:secret@db.example/hasil")
    message = str(caught.value.problems[0])
    assert "pip install 'ujikom[office]'" in message
    assert "secret" not in message


def test_the_kiosk_without_qt_names_its_extra(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    _without(monkeypatch, "PySide6")
    code = main(["kiosk", "--package", str(tmp_path / "x.ujikom"), "--trust",
                 str(tmp_path / "authority.pub"), "--windowed"])
    err = capsys.readouterr().err
    assert code == 3
    assert "PySide6 is not installed" in err and "pip install 'ujikom[kiosk]'" in err
    assert "Traceback" not in err


def test_the_office_without_qt_sqlcipher_or_postgres_runs_the_bank_commands() -> None:
    """The core install (no extra) is enough for `ujikom bank …` with a SQLite store."""
    import subprocess

    code = ("import sys\n"
            "for name in ('PySide6', 'shiboken6', 'sqlcipher3', 'psycopg'):\n"
            "    sys.modules[name] = None\n"
            "from ujikom.cli import main\n"
            "sys.exit(main(['bank', 'validate', '--help']))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "usage: ujikom bank validate" in done.stdout
