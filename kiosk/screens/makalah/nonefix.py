"""The kiosk side of the guard in proctor/console/pyside_fix.py (the kiosk may not import
the proctor): PySide6 6.12 on CPython 3.11 takes a reference from None on every call of a
void Qt method, and CPython aborts when None's count reaches zero. Four hours of typing
make hundreds of thousands of such calls, so the editor tops None up as it goes. Harmless
where None is immortal (3.12+) or the bug is fixed. Integrator: one shared copy belongs
where both apps can reach it, called from each app's main loop.
"""

from __future__ import annotations

import ctypes
import sys

FLOOR = 1_000_000  # far more void calls than the editor makes between two checks
_ballast: list[None] = []
# Never freed, not even while the interpreter shuts down: the references it holds stand
# in for the ones PySide took, and giving them back at exit would abort there instead.
ctypes.pythonapi.Py_IncRef(ctypes.py_object(_ballast))


def keep_none_alive() -> int:
    """Adds references to None until it has at least FLOOR; returns how many it added."""
    missing = FLOOR - sys.getrefcount(None)
    if missing > 0:
        _ballast.extend([None] * missing)
        return missing
    return 0
