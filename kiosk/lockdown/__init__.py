"""Lockdown: defence in depth inside the kiosk, never a false alarm that blocks a candidate.

Pure parts (no Qt): `detectors` (rules over plain facts), `probes` (psutil, /proc, /sys;
tests pass fakes), `ledger` (report each fact once; at most one incident per kind per
minute for repeated attempts), `guards` (one pass), `unlock` (argon2id unlock code).
Qt parts: `keys` (app-wide key filter), `widgets` (unlock dialog, screen cover, notices),
`lockdown` (`Lockdown`, below).

Contract for the kiosk controller (kiosk/app.py)::

    from kiosk.lockdown import Lockdown, LockdownHooks
    hooks = LockdownHooks(
        incident=lambda kind, evidence: session.report_incident(kind, evidence),
        focus_lost=session.focus_lost, focus_regained=session.focus_regained,
        notice=show_calm_notice)          # translated text; show it, do not block
    lock = Lockdown(window, hooks, config.lockdown, windowed=args.windowed)
    lock.start()      # full-screen, frameless, on top (unless windowed); key filter;
                      # covers on extra screens; guards every check_interval_s (first at once)
    lock.request_quit(parent) -> bool   # asks the proctor's unlock code; True: may quit
    lock.exit_requested = controller.on_exit_keys   # Ctrl+Alt+Shift+K at the seat
    lock.open_quit(verify, on_right, session_code=True)  # the proctor's exit dialog, not
                      # blocking; five wrong codes lock it a while (`quitgate`)
    lock.release()    # the proctor ended the session over the link: may close, no code
    lock.stop()       # before quitting: timer, filters and covers removed

`window.close()` is refused (an incident "close_refused", a notice) until `request_quit`
returned True. Before a candidate has logged in there is no session to write to: the
controller may keep the incidents until login, or log them. Incident kinds are in
`detectors.Kind`. Every guard warns; nothing is ever killed or blocked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.config import LockdownConfig
from kiosk.lockdown.detectors import Finding, Kind
from kiosk.lockdown.probes import Probes

if TYPE_CHECKING:
    from kiosk.lockdown.lockdown import Lockdown, LockdownHooks

__all__ = ["Finding", "Kind", "Lockdown", "LockdownConfig", "LockdownHooks", "Probes"]


def __getattr__(name: str) -> Any:
    """Qt is imported only when the window side is asked for, so the guards, the config
    and `python -m kiosk.lockdown hash-unlock-code` run without it."""
    if name in ("Lockdown", "LockdownHooks"):
        from kiosk.lockdown import lockdown

        return getattr(lockdown, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
