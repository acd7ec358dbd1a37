"""Swallowing the shortcuts that would leave, close or photograph the exam.

Only what Qt itself sees can be blocked here: the OS keeps Ctrl+Alt+Del, and a window
manager may take Alt+Tab first; OS kiosk mode (packaging/) covers those, and focus loss
is detected anyway. `blocked_reason` is the rule; `KeyFilter` applies it app-wide.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

K = Qt.Key
M = Qt.KeyboardModifier

_SCREENSHOT = {K.Key_Print, K.Key_SysReq}
_SYSTEM = {K.Key_Meta, K.Key_Super_L, K.Key_Super_R, K.Key_Menu, K.Key_Hyper_L,
           K.Key_Hyper_R, K.Key_Launch0, K.Key_Launch1, K.Key_Search}
_SWITCH = {K.Key_Tab, K.Key_Backtab, K.Key_Escape}
# Ctrl+Alt with these is the desktop's (console switch, lock, show desktop, workspaces,
# log out); other Ctrl+Alt combinations are the exam's own: the makalah editor uses
# Ctrl+Alt+0..3, T, R, C and Backspace. (A desktop that owns Ctrl+Alt+T grabs it before
# Qt sees it, so letting it through here opens nothing.)
_CTRL_ALT_SYSTEM = {K.Key_Delete, K.Key_L, K.Key_D, K.Key_Tab,
                    K.Key_Escape, K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down,
                    K.Key_PageUp, K.Key_PageDown, K.Key_Home, K.Key_End,
                    *(K(K.Key_F1.value + i) for i in range(12))}
# Holding Ctrl then pressing Alt is a press of Alt with Ctrl held: nothing happens yet.
_MODIFIER_KEYS = {K.Key_Shift, K.Key_Control, K.Key_Alt, K.Key_AltGr, K.Key_CapsLock,
                  K.Key_NumLock}


def is_exit_keys(key: int, modifiers: M) -> bool:
    """Ctrl+Alt+Shift+K ("Keluar"): the proctor's exit dialog. Four keys at once, none of
    them typing, used by nothing else in the kiosk (the makalah editor's Ctrl+Alt keys are
    0..3, T, R, C and Backspace) and by no desktop the kiosk session runs, so a candidate
    does not hit it by chance; and the dialog wants the proctor's code anyway."""
    wanted = M.ControlModifier | M.AltModifier | M.ShiftModifier
    mods = modifiers & (wanted | M.MetaModifier)
    return key == K.Key_K and mods == wanted


def blocked_reason(key: int, modifiers: M, text: str = "") -> str | None:
    """What a key press would do if let through ("close", "switch", ...), or None for
    keys the exam needs: letters, digits, arrows, Tab, Enter, Ctrl+C/V/Z/A in a text box."""
    ctrl = bool(modifiers & M.ControlModifier)
    alt = bool(modifiers & M.AltModifier)
    meta = bool(modifiers & M.MetaModifier)
    if key in _MODIFIER_KEYS:
        return None
    if ctrl and alt and not meta and _altgr_character(key, text):
        return None
    if key in _SCREENSHOT:
        return "screenshot"
    if key in _SYSTEM or meta:
        return "system_key"
    if (alt and key == K.Key_F4) or (ctrl and key in (K.Key_W, K.Key_Q, K.Key_F4)):
        return "close"
    if alt and not ctrl and key in (*_SWITCH, K.Key_Space):
        return "switch"
    if ctrl and key == K.Key_Escape:  # the Start menu on Windows
        return "switch"
    if ctrl and alt and key in _CTRL_ALT_SYSTEM:
        return "system_combo"
    return None


def _altgr_character(key: int, text: str) -> bool:
    """AltGr arrives as Ctrl+Alt on Windows keyboards and types @, €, \\ ...: a key that
    types a character other than its own letter is typing, not a system combination."""
    if len(text) != 1 or not text.isprintable():
        return False
    own = chr(key).lower() if 0x20 < key < 0x7F else ""
    return text.lower() != own


def describe(key: int, modifiers: M) -> str:
    """"Alt+F4", "Print": for the incident's evidence."""
    parts = [name for flag, name in ((M.ControlModifier, "Ctrl"), (M.AltModifier, "Alt"),
                                     (M.ShiftModifier, "Shift"), (M.MetaModifier, "Meta"))
             if modifiers & flag]
    try:
        parts.append(K(key).name.removeprefix("Key_"))
    except ValueError:
        parts.append(f"0x{key:x}")
    return "+".join(dict.fromkeys(parts))


class KeyFilter(QObject):
    """Installed on the QApplication, so it sees key presses for every window of the kiosk.

    `on_blocked(reason, description)` is called once per blocked press (not for the
    ShortcutOverride Qt sends first, nor for the release).
    """

    def __init__(self, on_blocked: Callable[[str, str], None],
                 parent: QObject | None = None, *,
                 on_exit_keys: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._on_blocked = on_blocked
        self._on_exit_keys = on_exit_keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                        QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        if self._on_exit_keys is not None and is_exit_keys(event.key(), event.modifiers()):
            # Taken here, before any widget: a text box must not type it or swallow it.
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()
            elif kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self._on_exit_keys()
            return True
        reason = blocked_reason(event.key(), event.modifiers(), event.text())
        if reason is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # Accepting the override stops Qt from firing a QShortcut/QAction for it.
            event.accept()
        elif kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self._on_blocked(reason, describe(event.key(), event.modifiers()))
        return True
