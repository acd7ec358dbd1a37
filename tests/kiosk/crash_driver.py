"""A real kiosk driven like a candidate, for the SIGKILL crash test (test_gui_crash.py).

Run as a subprocess: `python -m tests.kiosk.crash_driver {fresh,resume} --number N --pin P
<ujikom kiosk arguments>`. It opens the kiosk exactly as `ujikom kiosk` does (package,
exam key, trust, token, data folder; the real clock), shows the real Qt window (offscreen)
and works it only through its widgets: QTest key clicks into the login fields, mouse
clicks on the buttons, key clicks into the makalah editor.

`fresh`: logs in, answers `--answers` questions of the first section (one "confirmed" line
per answer and per move to the next question), then hands in the first two sections and
types the makalah without pausing; whenever the editor's own debounced save has landed
(the session's state moves only after the store's durable append) a "confirmed" line
tells what the log now holds. The parent kills the process with SIGKILL somewhere in
there, so most deaths come with characters typed but not yet saved.

`resume`: logs in again and reports the screen it landed on and what it shows; then on a
question it goes back one and reports that one's answer as shown, on the makalah it types
a little more to show the resumed paper is still saved.

Every line on stdout is one JSON object, flushed at once; `mono_ms` is CLOCK_MONOTONIC,
which the parent shares, so it can tell how long before the kill a line was written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from exam_bank.makalah.text import plain_text
from kiosk.app import KioskController, show
from kiosk.cli import add_kiosk_arguments
from kiosk.engine import Session
from kiosk.start import open_context

# The paper the candidate types: plain prose, no character the stored form escapes or
# reads as markup, so its plain text is exactly these paragraphs, blank-line separated.
PARAGRAPHS = (
    "Pelayanan publik yang baik dimulai dari kejelasan standar layanan, keterbukaan "
    "informasi, dan kesediaan aparatur untuk mendengar keluhan warga dengan sabar.",
    "Pemerintah kota perlu menyederhanakan alur perizinan, memangkas tahapan yang tidak "
    "menambah nilai, serta mengukur waktu layanan secara berkala dan terbuka.",
    "Aparatur yang berintegritas menolak gratifikasi dalam bentuk apa pun, melaporkan "
    "benturan kepentingan, dan menjadi teladan bagi rekan kerja di unitnya.",
    "Perubahan budaya kerja tidak terjadi dalam semalam, sehingga pimpinan harus memberi "
    "contoh, membangun kepercayaan, dan merayakan kemajuan kecil bersama tim.",
    "Kolaborasi lintas perangkat daerah memerlukan data bersama yang mutakhir, forum "
    "koordinasi yang teratur, dan kesepakatan tentang siapa bertanggung jawab atas apa.",
    "Pada akhirnya ukuran keberhasilan adalah kepuasan warga, bukan banyaknya dokumen, "
    "sehingga umpan balik masyarakat harus dibaca, dijawab, dan ditindaklanjuti.",
)
PAPER = "\n\n".join(PARAGRAPHS)  # plain_text() of the whole paper, trailing newline off
RESUME_TAIL = " Lanjut setelah mati listrik."
CHUNK = 4  # characters per burst of key clicks
KEY_PAUSE_S = 0.035  # between bursts: roughly a hundred characters a second
STEP_PAUSE_S = 0.12  # a candidate's pause between two clicks on the item screen


def emit(**fields: Any) -> None:
    fields["mono_ms"] = time.monotonic_ns() // 1_000_000
    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def pump(seconds: float = 0.0) -> None:
    """Lets Qt run (timers, the editor's debounce, layout) for about `seconds`."""
    end = time.monotonic() + seconds
    while True:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        if time.monotonic() >= end:
            return
        time.sleep(0.003)


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_s} s for {what}")
        pump(0.01)


def click(button: QAbstractButton) -> None:
    wait_until(lambda: button.isVisible() and button.isEnabled()
               and not button.size().isEmpty(), f"button {button.text()!r}")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    pump()


class Candidate:
    """The candidate at the kiosk: sees the controller's window, acts only on widgets."""

    def __init__(self, ctrl: KioskController, number: str, pin: str, token: str) -> None:
        self.ctrl = ctrl
        self.number, self.pin, self.token = number, pin, token

    @property
    def session(self) -> Session:
        session = self.ctrl.session
        assert session is not None, "not logged in"
        return session

    def on(self, screen: QWidget | None) -> bool:
        return screen is not None and self.ctrl.window.currentWidget() is screen

    def screen_name(self) -> str:
        current = self.ctrl.window.currentWidget()
        for name in ("login", "identity", "rules", "intro", "item", "review", "notice",
                     "receipt", "makalah"):
            if getattr(self.ctrl, name) is current:
                return name
        return type(current).__name__

    def time_left_ms(self) -> int:
        """The time left as of the last durable event: what a restart resumes from."""
        state = self.session.state
        assert state.section is not None
        return state.remaining_of(state.section.section_id)

    def sign_in(self) -> None:
        login = self.ctrl.login
        wait_until(lambda: self.on(login) and login.participant.isVisible(), "login screen")
        for field, text in ((login.participant, self.number), (login.pin, self.pin),
                            (login.token, self.token)):
            field.clear()
            QTest.keyClicks(field, text)
        click(login.submit)
        wait_until(lambda: not self.on(login), "the screen after the login")

    def through_rules(self) -> None:
        click(self.ctrl.identity.confirm)
        wait_until(lambda: self.on(self.ctrl.rules), "rules screen")
        QTest.keyClick(self.ctrl.rules.agree, Qt.Key.Key_Space)
        click(self.ctrl.rules.proceed)
        self.begin_section()

    def begin_section(self) -> None:
        wait_until(lambda: self.on(self.ctrl.intro), "section intro")
        click(self.ctrl.intro.begin)

    def answer_items(self, count: int) -> None:
        item = self.ctrl.item
        for n in range(count):
            wait_until(lambda: self.on(item) and item.view is not None, "item screen")
            assert item.view is not None
            item_id = item.view.item_id
            click(item.option_buttons[n % len(item.option_buttons)])
            wait_until(partial(self.answered, item_id), f"the answer to {item_id}")
            self.confirmed("answers")
            pump(STEP_PAUSE_S)
            index = self.session.state.item_index
            click(item.next)
            wait_until(partial(self.at_item, index + 1), "the next question")
            self.confirmed("answers")
            pump(STEP_PAUSE_S)

    def answered(self, item_id: str) -> bool:
        return item_id in self.session.state.answers

    def at_item(self, index: int) -> bool:
        return self.session.state.item_index == index

    def hand_in_section(self) -> None:
        click(self.ctrl.item.finish)
        wait_until(lambda: self.on(self.ctrl.review), "review screen")
        click(self.ctrl.review.submit)
        click(self.ctrl.review.yes)

    def confirmed(self, phase: str) -> None:
        state = self.session.state
        paper = "".join(state.makalah.values())
        emit(event="confirmed", phase=phase, answers=len(state.answers),
             answered=sorted(state.answers),
             item_index=state.item_index, confirmed_chars=len(plain_text(paper).rstrip("\n")),
             time_left_ms=self.time_left_ms(), event_mono_ms=state.last_mono_ms,
             seq=state.last_seq, hash=state.final_hash)

    def type_paper(self, text: str, item_id: str) -> None:
        """Types `text` at the end of the paper without waiting for saves, reporting every
        save that lands, as the candidate's typing goes on."""
        editor = self.ctrl.makalah.editor
        saved = self.session.state.makalah.get(item_id, "")
        QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        for paragraph, part in enumerate(text.split("\n\n")):
            if paragraph:
                QTest.keyClick(editor, Qt.Key.Key_Return)
            for start in range(0, len(part), CHUNK):
                QTest.keyClicks(editor, part[start:start + CHUNK])
                pump(KEY_PAUSE_S)
                now = self.session.state.makalah.get(item_id, "")
                if now != saved:
                    saved = now
                    self.confirmed("makalah")

    def to_makalah(self) -> str:
        for _ in range(2):  # the two question sections go in unfinished
            self.hand_in_section()
            self.begin_section()
        makalah = self.ctrl.makalah
        wait_until(lambda: self.on(makalah) and makalah.view is not None, "makalah screen")
        makalah.editor.setFocus()
        return str(makalah.view.item_id)

    def report(self) -> None:
        """What the candidate sees right after logging in again."""
        state = self.session.state
        fields: dict[str, Any] = {
            "screen": self.screen_name(),
            "time_left_ms": self.session.remaining_ms(),
            "resumed_left_ms": self.time_left_ms(),
            "item_index": state.item_index,
            "answers": dict(state.answers),
        }
        if self.on(self.ctrl.item):
            fields.update(self.shown_item())
            fields["clock"] = self.ctrl.item.clock.text()
        if self.on(self.ctrl.makalah):
            makalah = self.ctrl.makalah
            fields["item_id"] = makalah.view.item_id
            fields["editor_text"] = makalah.stored_text()
            fields["clock"] = makalah.time_label.text() if makalah.time_label.isVisible() else ""
        emit(event="resumed", **fields)

    def shown_item(self) -> dict[str, Any]:
        item = self.ctrl.item
        assert item.view is not None
        checked = [option.key for option, button
                   in zip(item.view.options, item.option_buttons, strict=True)
                   if button.isChecked()]
        return {"item_id": item.view.item_id, "checked": checked,
                "palette": [b.text() for b in item.palette_buttons]}


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="crash_driver", description=__doc__)
    parser.add_argument("mode", choices=("fresh", "resume"))
    parser.add_argument("--number", required=True, help="the candidate's participant number")
    parser.add_argument("--pin", required=True)
    parser.add_argument("--answers", type=int, default=3,
                        help="fresh: questions to answer before the makalah")
    parser.add_argument("--shot", default=None,
                        help="resume: save a screenshot of the screen landed on here")
    add_kiosk_arguments(parser)
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication([])
    ctx, _config = open_context(args)  # exactly what `ujikom kiosk` opens
    ctrl = KioskController(ctx)
    window = show(ctrl, windowed=True)
    window.resize(1366, 768)
    QTest.qWaitForWindowExposed(window)
    candidate = Candidate(ctrl, args.number, args.pin, args.token)
    try:
        candidate.sign_in()
        if args.mode == "fresh":
            candidate.through_rules()
            candidate.answer_items(args.answers)
            item_id = candidate.to_makalah()
            emit(event="makalah", item_id=item_id)
            candidate.type_paper(PAPER, item_id)
        else:
            candidate.report()
            if args.shot:
                window.grab().save(args.shot)
            if candidate.on(ctrl.item) and ctrl.item.prev.isEnabled():
                index = candidate.session.state.item_index
                click(ctrl.item.prev)  # the question before: its answer on the screen
                wait_until(partial(candidate.at_item, index - 1), "the previous question")
                emit(event="shown", **candidate.shown_item())
            if candidate.on(ctrl.makalah):
                item_id = ctrl.makalah.view.item_id
                candidate.type_paper(RESUME_TAIL, item_id)
                ctrl.makalah.flush()
                candidate.confirmed("makalah")
        emit(event="done")
    finally:
        ctrl.close()
        app.processEvents()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
