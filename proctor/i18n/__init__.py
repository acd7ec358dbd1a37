"""The proctor console's Qt Linguist translations; English is the source, Indonesian the
default.

`python -m proctor.i18n` re-extracts the strings from proctor/console (pyside6-lupdate,
keeping translations already made) and compiles the .qm files (pyside6-lrelease); the .qm
files are committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONSOLE = HERE.parent / "console"
LANGUAGES = ("id",)


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def regenerate() -> None:
    sources = sorted(str(p) for p in CONSOLE.glob("*.py"))
    sources.append(str(HERE.parent.parent / "exam_bank" / "status_words.py"))  # shared
    for lang in LANGUAGES:
        ts = HERE / f"ujikom_proctor_{lang}.ts"
        subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)],
                       check=True)
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm",
                        str(ts.with_suffix(".qm"))], check=True)
