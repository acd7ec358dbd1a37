"""The proctor's exit code at the seat, driven for real: Ctrl+Alt+Shift+K opens "Kode
keluar pengawas", wrong codes are incidents in the candidate's chain and lock the dialog
after five, the session's quit code saves everything, records the exit with the seat and
quits; the candidate signs in again later and nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from exam_bank.events import EventType, verify_chain
from kiosk.app import KioskContext, KioskController
from kiosk.config import LockdownConfig
from kiosk.engine import FakeClock
from kiosk.lockdown import Lockdown, LockdownHooks
from kiosk.lockdown.quitgate import LOCKOUT_S, MAX_WRONG
from kiosk.lockdown.unlock import hash_unlock_code
from kiosk.lockdown.widgets import UnlockDialog
from tests.kiosk.engine.kit import EXAM, PACKAGE, PINS
from tests.kiosk.link.conftest import KioskFactory, wait_for
from tests.kiosk.link.fakeproctor import FakeProctor
from tests.kiosk.lockdown.fakes import FakeMachine
from tests.kiosk.lockdown.test_lockdown_look import _fits as fits
from tests.kiosk.screens.journey_kit import NUMBER, click, sign_in

pytestmark = pytest.mark.gui

K = Qt.Key
M = Qt.KeyboardModifier
EXIT_KEYS = M.ControlModifier | M.AltModifier | M.ShiftModifier
SESSION_CODE = "123456"  # the fake proctor's quit code (hash in its welcome)
SHOTS = Path("/tmp/kiosk-quit-shots")


def locked_down(qtbot, ctrl: KioskController, machine: FakeMachine,
                config: LockdownConfig | None = None) -> list[int]:
    """The controller under a real Lockdown (fake machine probes), as `kiosk.app.show`
    binds it; returns the list the quit calls land in."""
    hooks = LockdownHooks(incident=ctrl.lockdown_incident, focus_lost=ctrl.lockdown_focus_lost,
                          focus_regained=ctrl.lockdown_focus_regained, notice=ctrl.show_notice)
    ctrl.lockdown = Lockdown(ctrl.window, hooks, config or LockdownConfig(), machine.probes(),
                             windowed=True, app_focused=lambda: True)
    ctrl.lockdown.exit_requested = ctrl.on_exit_keys
    quits: list[int] = []
    ctrl.quit_app = lambda: quits.append(1)
    qtbot.addWidget(ctrl.window)
    ctrl.window.resize(1366, 768)
    ctrl.window.show()
    ctrl.lockdown.start()
    return quits


def press_exit_keys(qtbot, ctrl: KioskController) -> UnlockDialog:
    focus = QApplication.focusWidget() or ctrl.window
    qtbot.keyClick(focus, K.Key_K, EXIT_KEYS)
    assert ctrl.lockdown is not None
    dialog = ctrl.lockdown.quit_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def type_code(qtbot, dialog: UnlockDialog, code: str) -> None:
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.code, K.Key_Return)


def shot(qtbot, dialog: UnlockDialog, name: str) -> None:
    """The dialog as the proctor sees it, once its wrapped words are laid out in full."""
    error = dialog.error
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()) > 0
                    and fits(dialog), timeout=2000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / name))


def test_the_session_code_saves_records_the_exit_and_the_candidate_resumes_later(
        qtbot, proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    link = make_kiosk("PC07", "A07")
    assert link.start(10).quit_code_hash
    ctrl = KioskController(KioskContext(PACKAGE, None, FakeClock(), "", "id", link=link))
    quits = locked_down(qtbot, ctrl, FakeMachine())
    try:
        sign_in(qtbot, ctrl, PINS[NUMBER])
        click(qtbot, ctrl.identity.confirm)
        typed = ctrl.login.participant  # the exit keys typed nothing into a field
        assert typed.text() == NUMBER
        dialog = press_exit_keys(qtbot, ctrl)
        assert dialog.title.text() == "Kode keluar pengawas"
        assert "kode keluar sesi" in dialog.explain.text()
        type_code(qtbot, dialog, "999999")
        assert dialog.isVisible() and quits == []
        assert dialog.error.text() == "Kode tidak sesuai (percobaan salah ke-1)."
        assert "999999" not in dialog.error.text() and dialog.code.text() == ""
        shot(qtbot, dialog, "exit-dialog-wrong.png")
        type_code(qtbot, dialog, SESSION_CODE)
        assert quits == [1] and ctrl.exited
        wait_for(lambda: any(e.data.get("kind") == "kiosk_exit" for e in proctor.log(NUMBER)))
        at_proctor = proctor.log(NUMBER)
        assert verify_chain(at_proctor, EXAM, NUMBER) == []
        incidents = [(e.data["kind"], e.data.get("note")) for e in at_proctor
                     if e.type == EventType.INCIDENT]
        assert incidents == [("quit_code_refused", "attempts=1"),
                             ("kiosk_exit", "seat=A07 pc=PC07")]
        assert at_proctor[-1].data["kind"] == "kiosk_exit"  # nothing after the exit
    finally:
        ctrl.close()
    # Later (after a move of chairs, a reboot): the same PC, a new run of the kiosk.
    again = make_kiosk("PC07", "A07")
    assert again.start(10).session_open
    ctrl2 = KioskController(KioskContext(PACKAGE, None, FakeClock(), "", "id", link=again))
    qtbot.addWidget(ctrl2.window)
    ctrl2.window.show()
    try:
        sign_in(qtbot, ctrl2, PINS[NUMBER])
        assert ctrl2.window.currentWidget() is ctrl2.rules  # where it left off
        assert ctrl2.session is not None
        events = ctrl2.session._sink.events()
        assert [e.hash for e in events[:len(at_proctor)]] == [e.hash for e in at_proctor]
        assert events[len(at_proctor)].type == EventType.SESSION_RESUMED
        qtbot.keyClick(ctrl2.rules.agree, K.Key_Space)
        click(qtbot, ctrl2.rules.proceed)
        assert ctrl2.window.currentWidget() is ctrl2.intro
        wait_for(lambda: len(proctor.log(NUMBER)) >= len(at_proctor) + 2)
        assert verify_chain(proctor.log(NUMBER), EXAM, NUMBER) == []
    finally:
        ctrl2.close()


def test_five_wrong_codes_lock_the_dialog_and_tell_the_proctor(
        qtbot, proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    link = make_kiosk("PC08", "A08")
    link.start(10)
    ctrl = KioskController(KioskContext(PACKAGE, None, FakeClock(), "", "id", link=link))
    machine = FakeMachine()
    quits = locked_down(qtbot, ctrl, machine)
    try:
        sign_in(qtbot, ctrl, PINS[NUMBER])
        dialog = press_exit_keys(qtbot, ctrl)
        for n in range(MAX_WRONG):
            type_code(qtbot, dialog, f"00000{n}")
        assert not dialog.code.isEnabled() and not dialog.unlock.isEnabled()
        assert dialog.error.text() == ("Terlalu banyak kode yang salah. Pengawas sudah diberi "
                                       "tahu; coba lagi dalam 5 menit.")
        shot(qtbot, dialog, "exit-dialog-locked.png")
        # Closing and reopening the dialog does not reset the count.
        click(qtbot, dialog.cancel)
        dialog = press_exit_keys(qtbot, ctrl)
        assert not dialog.code.isEnabled()
        dialog._try()
        assert quits == []
        machine.now += LOCKOUT_S + 1
        dialog._show_lock()
        assert dialog.code.isEnabled()
        type_code(qtbot, dialog, SESSION_CODE)
        assert quits == [1]
        wait_for(lambda: any(e.data.get("kind") == "kiosk_exit" for e in proctor.log(NUMBER)))
        kinds = [(e.data["kind"], e.data.get("note")) for e in proctor.log(NUMBER)
                 if e.type == EventType.INCIDENT]
        assert kinds == [*(("quit_code_refused", f"attempts={n}")
                            for n in range(1, MAX_WRONG + 1)),
                         ("quit_code_lockout", f"attempts={MAX_WRONG} minutes=5"),
                         ("kiosk_exit", "seat=A08 pc=PC08")]
    finally:
        ctrl.close()


def test_before_any_session_the_kiosk_toml_unlock_code_still_quits(qtbot) -> None:
    """A standalone kiosk (no proctor, so no session quit code) at its login screen."""
    ctrl = KioskController(KioskContext(PACKAGE, None, FakeClock(), "ABCDEF", "id"))
    quits = locked_down(qtbot, ctrl, FakeMachine(),
                        LockdownConfig(unlock_code_hash=hash_unlock_code("teknisi-lab-9")))
    try:
        dialog = press_exit_keys(qtbot, ctrl)
        assert dialog.title.text() != "Kode keluar pengawas"  # the technician's code
        type_code(qtbot, dialog, SESSION_CODE)
        assert quits == [] and dialog.isVisible()
        type_code(qtbot, dialog, "teknisi-lab-9")
        assert quits == [1]
        assert ctrl.session is None  # nobody's chain: the refusal is in the kiosk's log
    finally:
        ctrl.close()


def test_a_wrong_code_before_anyone_signs_in_goes_to_the_proctor_not_the_next_candidate(
        qtbot, proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    """A proctor's typo at an empty seat is the room's fact: the next candidate's chain
    stays clean and the proctor gets a `kiosk_incident`."""
    from exam_bank.wire.protocol import KioskIncident, KioskIncidentKind

    link = make_kiosk("PC09", "A09")
    assert link.start(10).quit_code_hash
    ctrl = KioskController(KioskContext(PACKAGE, None, FakeClock(), "", "id", link=link))
    locked_down(qtbot, ctrl, FakeMachine())
    try:
        dialog = press_exit_keys(qtbot, ctrl)
        type_code(qtbot, dialog, "999999")
        click(qtbot, dialog.cancel)
        wait_for(lambda: any(isinstance(m, KioskIncident) for m in proctor.received))
        reported = [m for m in proctor.received if isinstance(m, KioskIncident)]
        assert [m.kind for m in reported] == [KioskIncidentKind.QUIT_CODE_REFUSED]
        sign_in(qtbot, ctrl, PINS[NUMBER])
        click(qtbot, ctrl.identity.confirm)
        wait_for(lambda: len(proctor.log(NUMBER)) >= 2)
        assert [e.data["kind"] for e in proctor.log(NUMBER)
                if e.type == EventType.INCIDENT] == []
    finally:
        ctrl.close()



def test_the_gate_locks_after_five_wrong_codes_and_opens_again_after_the_lockout() -> None:
    from kiosk.lockdown.quitgate import QuitGate, Verdict

    now = [0.0]
    gate = QuitGate(lambda: now[0])
    right = "12345678".__eq__
    verdicts = [gate.check(str(n), right) for n in range(MAX_WRONG)]
    assert verdicts == [Verdict.WRONG] * (MAX_WRONG - 1) + [Verdict.LOCKED_OUT]
    assert gate.check("12345678", right) == Verdict.LOCKED  # not even checked
    now[0] += LOCKOUT_S - 1
    assert gate.locked_for() == 1
    now[0] += 1
    assert gate.check("12345678", right) == Verdict.RIGHT and gate.total_wrong == MAX_WRONG


def test_only_ctrl_alt_shift_k_opens_the_exit_dialog() -> None:
    from kiosk.lockdown.keys import blocked_reason, is_exit_keys

    assert is_exit_keys(K.Key_K, EXIT_KEYS)
    for mods in (M.NoModifier, M.ShiftModifier, M.ControlModifier | M.AltModifier,
                 M.ControlModifier | M.ShiftModifier, EXIT_KEYS | M.MetaModifier):
        assert not is_exit_keys(K.Key_K, mods)
    assert not is_exit_keys(K.Key_Q, EXIT_KEYS)
    assert blocked_reason(K.Key_K, EXIT_KEYS, "K") is None  # the lockdown does not eat it


def test_the_kiosks_own_window_setup_binds_the_exit_keys(qtbot) -> None:
    """`kiosk.app.show` (what `ujikom kiosk` runs) wires the keys as `locked_down` does."""
    from kiosk.app import show

    ctrl = KioskController(KioskContext(PACKAGE, None, FakeClock(), "ABCDEF", "id"))
    qtbot.addWidget(ctrl.window)
    try:
        show(ctrl, True, LockdownConfig(unlock_code_hash=hash_unlock_code("teknisi-lab-9")))
        ctrl.quit_app = lambda: None
        dialog = press_exit_keys(qtbot, ctrl)
        assert dialog.code.isEnabled()
        qtbot.waitUntil(dialog.code.hasFocus, timeout=2000)  # the proctor types at once
        dialog.reject()
    finally:
        ctrl.close()
        if ctrl.lockdown is not None:
            ctrl.lockdown.unlocked = True
