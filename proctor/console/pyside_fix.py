"""A guard against a PySide6 6.12 bug on CPython 3.11: wrappers of void Qt methods
return None without taking a reference (harmless on 3.12+, where None is immortal), so
each call takes one reference from None and, after a few thousand calls, CPython aborts
with "none_dealloc: deallocating None". The console calls Qt hundreds of times a second,
so a four-hour session would die. Until the environment moves to CPython 3.12+ (or a
fixed PySide6), the console gives None back the references it lost, once a second.

It writes None's reference count directly (CPython's object header starts with it)
rather than holding a list of references: a list would be freed at exit, taking the
count to zero and aborting the shutdown. Where None is immortal, or the count is high
enough, it does nothing.
"""

from __future__ import annotations

import ctypes
import sys

FLOOR = 1_000_000  # far more void calls than a second of console work makes


def keep_none_alive() -> int:
    """Raises None's reference count to at least FLOOR; returns by how much."""
    missing = FLOOR - sys.getrefcount(None)
    if missing <= 0 or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return 0
    ctypes.c_ssize_t.from_address(id(None)).value += missing
    return missing
