"""A guard against a PySide6 6.12 bug on CPython 3.11: wrappers of void Qt methods
return None without taking a reference (fine on 3.12+, where None is immortal), so each
call takes one reference from None and, after enough calls, CPython aborts with
"none_dealloc: deallocating None". The console calls Qt a few hundred times a second, so
a four-hour session would die. Until the environment moves to CPython 3.12+ (or a fixed
PySide6), the console tops None's reference count up once a second: the ballast grows by
one pointer per leaked reference (a few MB an hour), and it does nothing where None is
immortal or the bug is absent.
"""

from __future__ import annotations

import sys

FLOOR = 1_000_000  # far more void calls than a second of console work makes
_ballast: list[None] = []


def keep_none_alive() -> int:
    """Adds references to None until it has at least FLOOR; returns how many it added."""
    missing = FLOOR - sys.getrefcount(None)
    if missing > 0:
        _ballast.extend([None] * missing)
        return missing
    return 0
