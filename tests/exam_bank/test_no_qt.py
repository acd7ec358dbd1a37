"""exam_bank is the Qt-free core: importing every module of it must not load PySide6."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
import exam_bank
for mod in pkgutil.walk_packages(exam_bank.__path__, "exam_bank."):
    importlib.import_module(mod.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(",".join(loaded))
"""


def test_importing_all_of_exam_bank_loads_no_qt() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "", f"exam_bank loaded Qt modules: {out.stdout}"
