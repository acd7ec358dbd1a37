"""No exception's own text (system English) put into a screen's words, in the proctor
console or on the kiosk: the scan finds the usual shapes of such a leak."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.screen_leaks import exception_text_leaks, leaks_in

ROOT = Path(__file__).resolve().parent.parent
# Everything that puts words on a proctor's or a candidate's screen.
SCREENS = [*sorted((ROOT / "proctor" / "console").glob("*.py")),
           *sorted((ROOT / "kiosk" / "screens").rglob("*.py")),
           ROOT / "kiosk" / "app.py", ROOT / "kiosk" / "cli.py",
           # the lockdown's screens and the preflight (its Indonesian goes on paper too)
           *sorted((ROOT / "kiosk" / "lockdown").glob("*.py")),
           *sorted((ROOT / "kiosk" / "doctor").glob("*.py"))]


@pytest.mark.parametrize("leak", [
    'try:\n    go()\nexcept OSError as exc:\n    label.setText(f"Tidak terkirim: {exc}")\n',
    'try:\n    go()\nexcept OSError as e:\n    show_text(label, str(e))\n',
    'try:\n    go()\nexcept OSError as e:\n    label.setText(tr("Not sent: {error}").format('
    'error=e))\n',
    'try:\n    go()\nexcept OSError as e:\n    label.setText(tr("x {a}").format(a=e.args[0]))\n',
    'def failed(self, exc: Exception) -> None:\n    self.error.setText(f"{exc}")\n',
])
def test_the_scan_finds_an_exception_put_into_words(leak: str) -> None:
    assert exception_text_leaks(leak) == ["<source>:4" if "except" in leak else "<source>:2"]


@pytest.mark.parametrize("fine", [
    'try:\n    go()\nexcept OSError as exc:\n    log.warning("not sent: %s", exc)\n'
    '    show_failure(label, tr("Not sent: {error}").format(error=words(failure_of(exc))),'
    ' exc, tip(exc))\n',
    'try:\n    go()\nexcept MoveRefused as r:\n    label.setText(tr("PC {k}").format(k=r.kiosk_id))'
    '\n',
    'try:\n    go()\nexcept ReplicaError as exc:\n    bad = "key" in str(exc)\n',
])
def test_the_scan_lets_the_log_the_tooltip_and_a_refusals_data_be(fine: str) -> None:
    assert exception_text_leaks(fine) == []


def test_a_line_for_the_technicians_shell_says_so() -> None:
    shell = ('def cannot_start(exc: Exception) -> str:\n'
             '    return T.format(detail=exc)  # not on screen: stderr\n')
    assert exception_text_leaks(shell) == []
    assert exception_text_leaks(shell.replace("# not on screen", "#")) == ["<source>:2"]


def test_no_screen_puts_an_exceptions_text_into_its_words() -> None:
    assert all(path.exists() for path in SCREENS)
    assert leaks_in(SCREENS) == []
