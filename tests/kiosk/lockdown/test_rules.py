"""The pure rules: VM markers, blocked keys, attempts counted without incident spam,
and the unlock code hashed with argon2id (with its CLI)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from kiosk.lockdown.detectors import virtual_machine
from kiosk.lockdown.keys import blocked_reason, describe
from kiosk.lockdown.ledger import AttemptCounter
from kiosk.lockdown.unlock import hash_unlock_code, verify_unlock_code

K = Qt.Key
M = Qt.KeyboardModifier
NONE = M.NoModifier


@pytest.mark.parametrize("dmi", [["VMware, Inc.", "VMware Virtual Platform"],
                                 ["Xen", "HVM domU"], ["QEMU", "Standard PC"],
                                 ["Microsoft Corporation", "Virtual Machine"],
                                 ["Parallels Software International Inc.", "Parallels ARM"]])
def test_vm_vendors_are_recognised(dmi: list[str]) -> None:
    assert virtual_machine(dmi, None) is not None


@pytest.mark.parametrize("dmi", [["Microsoft Corporation", "Surface Laptop 5"],
                                 ["Dell Inc.", "OptiPlex 3080"]])
def test_real_hardware_is_not_a_vm(dmi: list[str]) -> None:
    assert virtual_machine(dmi, "none") is None


@pytest.mark.parametrize(("key", "mods", "reason"), [
    (K.Key_F4, M.AltModifier, "close"),
    (K.Key_Q, M.ControlModifier, "close"),
    (K.Key_W, M.ControlModifier, "close"),
    (K.Key_Tab, M.AltModifier, "switch"),
    (K.Key_Backtab, M.AltModifier | M.ShiftModifier, "switch"),
    (K.Key_Escape, M.AltModifier, "switch"),
    (K.Key_Escape, M.ControlModifier, "switch"),
    (K.Key_Print, NONE, "screenshot"),
    (K.Key_Super_L, NONE, "system_key"),
    (K.Key_D, M.MetaModifier, "system_key"),
    (K.Key_L, M.ControlModifier | M.AltModifier, "system_combo"),
    (K.Key_Delete, M.ControlModifier | M.AltModifier, "system_combo"),
    (K.Key_F2, M.ControlModifier | M.AltModifier, "system_combo"),
    (K.Key_Right, M.ControlModifier | M.AltModifier, "system_combo"),
])
def test_shortcuts_that_leave_or_capture_the_exam_are_blocked(key: K, mods: M,
                                                              reason: str) -> None:
    assert blocked_reason(key, mods) == reason


@pytest.mark.parametrize(("key", "mods", "text"), [
    (K.Key_A, NONE, "a"), (K.Key_A, M.ShiftModifier, "A"), (K.Key_Tab, NONE, "\t"),
    (K.Key_Backtab, M.ShiftModifier, ""), (K.Key_Return, NONE, "\r"),
    (K.Key_Right, NONE, ""), (K.Key_C, M.ControlModifier, ""),
    (K.Key_V, M.ControlModifier, ""), (K.Key_Z, M.ControlModifier, ""),
    (K.Key_Escape, NONE, ""), (K.Key_F1, NONE, ""),
    (K.Key_Q, M.ControlModifier | M.AltModifier, "@"),  # AltGr+Q on a German layout
    (K.Key_Alt, M.ControlModifier, ""),  # Ctrl held, then Alt: nothing yet
    (K.Key_1, M.ControlModifier | M.AltModifier, "1"),  # the makalah's "Heading 1"
    (K.Key_T, M.ControlModifier | M.AltModifier, "t"),  # the makalah's "Insert table"
    (K.Key_Backspace, M.ControlModifier | M.AltModifier, ""),  # its "Delete table row"
])
def test_keys_the_exam_needs_pass(key: K, mods: M, text: str) -> None:
    assert blocked_reason(key, mods, text) is None


def test_a_key_is_described_for_the_log() -> None:
    assert describe(K.Key_F4, M.AltModifier) == "Alt+F4"
    assert describe(K.Key_Print, NONE) == "Print"


def test_repeated_attempts_make_one_incident_a_minute_with_the_count() -> None:
    now = [0.0]
    counter = AttemptCounter(lambda: now[0])
    assert counter.attempt("blocked_key", "Alt+F4") == "attempts=1 total=1 what=Alt+F4"
    for t in (5.0, 10.0, 20.0):
        now[0] = t
        assert counter.attempt("blocked_key", "Print") is None
    assert counter.attempt("unlock_refused", "wrong") is not None  # other kinds count alone
    now[0] = 59.0
    assert counter.flush() == []
    now[0] = 61.0
    assert counter.flush() == [("blocked_key", "attempts=3 total=4 what=Print")]
    assert counter.flush() == []


def test_an_unlock_code_is_stored_as_argon2id_and_only_the_right_code_verifies() -> None:
    code_hash = hash_unlock_code("pengawas-2026")
    assert code_hash.startswith("$argon2id$") and "pengawas" not in code_hash
    assert verify_unlock_code(code_hash, "pengawas-2026")
    assert not verify_unlock_code(code_hash, "pengawas-2025")
    assert not verify_unlock_code(None, "pengawas-2026")
    assert not verify_unlock_code("not a hash", "pengawas-2026")
    with pytest.raises(ValueError, match="at least 6"):
        hash_unlock_code("12345")


def test_the_cli_prints_the_line_for_kiosk_toml() -> None:
    out = subprocess.run([sys.executable, "-m", "kiosk.lockdown", "hash-unlock-code"],
                         input="kode-rahasia-77\n", capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0, out.stderr
    key, _, value = out.stdout.strip().partition(" = ")
    assert key == "unlock_code_hash"
    assert verify_unlock_code(value.strip('"'), "kode-rahasia-77")


def test_the_cli_refuses_a_short_code_clearly() -> None:
    out = subprocess.run([sys.executable, "-m", "kiosk.lockdown", "hash-unlock-code"],
                         input="abc\n", capture_output=True, text=True, check=False)
    assert out.returncode == 2
    assert out.stdout == ""
    assert "stdin: an unlock code has at least 6 characters" in out.stderr
