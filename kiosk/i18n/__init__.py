"""The kiosk's Qt Linguist translations; English is the source, Indonesian the default.

`python -m kiosk.i18n` re-extracts the strings (pyside6-lupdate, keeping translations
already made) and compiles the .qm files (pyside6-lrelease); the .qm files are committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCREENS = HERE.parent / "screens"
LOCKDOWN = HERE.parent / "lockdown"  # the unlock dialog, screen cover and notices
LANGUAGES = ("id",)


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def regenerate() -> None:
    sources = sorted(str(p) for p in SCREENS.rglob("*.py"))
    sources += sorted(str(p) for p in LOCKDOWN.glob("*.py"))
    sources.append(str(HERE.parent.parent / "exam_bank" / "status_words.py"))  # shared
    for lang in LANGUAGES:
        ts = HERE / f"ujikom_kiosk_{lang}.ts"
        subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(ts)], check=True)
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm",
                        str(ts.with_suffix(".qm"))], check=True)
