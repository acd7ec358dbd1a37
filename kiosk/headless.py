"""A kiosk without Qt: the engine, the store and the proctor link, with a scripted candidate.

For the multi-process tests, the demo and the lab benchmark::

    python -m kiosk.headless --config kiosk.toml --package exam.ujikom \\
        --trust authority.pub --script script.json

The script (JSON) is one candidate: ``participant_no``, ``pin``, and optionally
``pace_ms`` (pause between actions, default 50), ``makalah_text`` (typed into every
makalah item, ``makalah_chunk`` characters per revision, default 40), ``hold_ms`` (wait
before submitting each section), ``submit`` (default true) and ``sync_timeout_s``.
The candidate answers every item (the first shown option; MR: the first; Likert: the
middle point), types the makalah, submits each section then the exam, and waits until
the proctor holds the whole log. The run picks up wherever the log is, so a candidate
resumed on this kiosk (a restart or a move) carries on from the same item.

Every step prints one JSON line (``{"event": ..., ...}``) on stdout; exit 0 once the
submitted log is fully at the proctor. The proctor may go away at any time: the
candidate keeps working on the local store and the link catches up when it returns.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exam_bank.events import Phase, SessionState
from exam_bank.exam_package import ExamPackage
from exam_bank.ids import ParticipantNo
from exam_bank.items.kinds import kind_of
from exam_bank.items.model import ItemType
from kiosk.engine import Session, SystemClock
from kiosk.engine.session import ActionRefused
from kiosk.link import LinkedKiosk, MoveRefused, link_config, open_link
from kiosk.start import open_package

Out = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Script:
    participant_no: ParticipantNo
    pin: str
    pace_ms: int = 50
    makalah_text: str = "Reformasi birokrasi dimulai dari pelayanan publik yang jujur."
    makalah_chunk: int = 40
    hold_ms: int = 0
    submit: bool = True
    sync_timeout_s: float = 60.0
    start_timeout_s: float = 60.0

    @classmethod
    def load(cls, path: Path) -> Script:
        data = json.loads(Path(path).read_text("utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: a script is a JSON object")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"{path}: unknown field(s) {', '.join(unknown)}")
        for name in ("participant_no", "pin"):
            if not isinstance(data.get(name), str):
                raise ValueError(f"{path}: {name}: required, a string")
        return cls(**data)


def print_line(record: dict[str, Any]) -> None:
    print(json.dumps(record, sort_keys=True, default=str), flush=True)


def summary(session: Session) -> dict[str, Any]:
    """What a test compares across kiosks: where the candidate is and what is kept."""
    state = session.state
    section = state.section
    return {"phase": str(state.phase), "section_index": state.section_index,
            "item_index": state.item_index, "answers": len(state.answers),
            "makalah_chars": sum(len(t) for t in state.makalah.values()),
            "time_left_ms": state.remaining_of(section.section_id) if section else None,
            "seq": state.last_seq, "hash": session._log.last_hash if session._log else None}


def choose(state: SessionState, item_id: str) -> str | int | list[str] | None:
    """The scripted candidate's answer: deterministic, valid for the item's type."""
    item = state.context.items[item_id]
    section = state.section
    assert section is not None
    options = section.option_orders.get(item_id, tuple(o.id for o in item.options))
    return kind_of(item.type).scripted_answer(item, options)


class Candidate:
    """Plays one script against a session; `step` does one action (or nothing to do)."""

    def __init__(self, session: Session, script: Script, out: Out) -> None:
        self.session = session
        self.script = script
        self.out = out

    def step(self) -> bool:
        """One action; False when the exam is submitted (or the script stops short)."""
        s = self.session
        state = s.state
        if state.phase == Phase.SUBMITTED:
            return False
        if state.paused or state.locked:
            return True  # wait for the proctor
        if state.phase == Phase.IDENTITY:
            s.confirm_identity()
        elif state.phase == Phase.RULES:
            s.acknowledge_rules()
        elif state.phase == Phase.BETWEEN_SECTIONS:
            s.start_section()
            self.out({"event": "section", **summary(s)})
        elif state.phase == Phase.IN_SECTION:
            return self._in_section(state)
        return True

    def _in_section(self, state: SessionState) -> bool:
        s = self.session
        section = state.section
        assert section is not None
        for index in range(state.item_index, len(section.item_ids)):
            item_id = section.item_ids[index]
            item = state.context.items[item_id]
            if item.type == ItemType.MAKALAH:
                text = state.makalah.get(item_id, "")
                target = self.script.makalah_text
                if text == target or not target.startswith(text):
                    continue
                if index != state.item_index:
                    s.go_to(index)
                    return True
                s.makalah_changed(item_id, target[:len(text) + self.script.makalah_chunk])
                self.out({"event": "typed", "item": item_id, **summary(s)})
                return True
            if item_id in state.answers:
                continue
            if index != state.item_index:
                s.go_to(index)
                return True
            answer = choose(state, item_id)
            assert answer is not None
            s.answer(item_id, answer)
            self.out({"event": "answered", "item": item_id, **summary(s)})
            return True
        if not self.script.submit:
            return False
        if self.script.hold_ms:
            time.sleep(self.script.hold_ms / 1000)
        last = state.section_index == len(state.context.form.sections) - 1
        if last:
            s.submit_exam()
            self.out({"event": "submitted", **summary(s)})
            return False
        s.submit_section()
        return True


def _wait_open(kiosk: LinkedKiosk, timeout: float, out: Out) -> None:
    """As the kiosk app waits (`kiosk.start.wait_for_proctor`), but a scripted lab may
    start its kiosks before the proctor: no shorter wait for an answer."""
    from kiosk.start import wait_for_proctor

    said: list[str] = []

    def waiting(why: str) -> None:
        if not said:
            out({"event": "waiting", "why": why})
            said.append(why)

    wait_for_proctor(kiosk, f"{kiosk.link.host}:{kiosk.link.port}", timeout, None, waiting)


def run(kiosk: LinkedKiosk, package_for: Callable[[LinkedKiosk], ExamPackage], script: Script,
        out: Out = print_line) -> int:
    """Plays `script` on a linked kiosk; 0 when the submitted log is all at the proctor.
    `package_for` opens the exam package once the welcome gave the exam key."""
    _wait_open(kiosk, script.start_timeout_s, out)
    out({"event": "welcome", "kiosk": kiosk.link.kiosk_id})
    package = package_for(kiosk)
    deadline = time.monotonic() + script.start_timeout_s
    while True:
        try:
            session = kiosk.open_session(package, script.participant_no)
            break
        except MoveRefused as exc:
            out({"event": "move_refused", "why": str(exc)})
            if time.monotonic() > deadline:
                return 1
            time.sleep(0.5)
    token = kiosk.token or ""
    result = session.login(script.participant_no, script.pin, token, token)
    out({"event": "login", "reason": str(result.reason),
         **(summary(session) if result.ok else {})})
    if not result.ok:
        return 1
    kiosk.use(session)
    candidate = Candidate(session, script, out)
    pace = script.pace_ms / 1000
    def drain() -> None:
        for done in kiosk.drain():
            out({"event": "command", "id": done.command_id, "outcome": str(done.outcome)})

    while True:
        drain()
        tick = session.tick()
        if tick.timed_out:
            out({"event": "time_up", "section": tick.timed_out, **summary(session)})
        try:
            going = candidate.step()
        except ActionRefused as exc:
            out({"event": "refused", "why": str(exc)})
            going = True
        drain()  # every command applied is said, or a paused script looks hung
        if not going:
            break
        time.sleep(pace)
    return _wait_synced(kiosk, session, script.sync_timeout_s, out)


def _wait_synced(kiosk: LinkedKiosk, session: Session, timeout: float, out: Out) -> int:
    last = session.state.last_seq
    deadline = time.monotonic() + timeout
    no = session.participant_no or ""
    while True:
        status = kiosk.status
        if no in status.forked:  # the proctor holds another log: a person must look
            out({"event": "forked", "why": status.forked[no], **summary(session)})
            return 1
        if status.acked.get(no, 0) >= last:
            break
        kiosk.drain()
        if time.monotonic() > deadline:
            out({"event": "unsynced", "acked": kiosk.status.acked, **summary(session)})
            return 1
        time.sleep(0.05)
    out({"event": "synced", **summary(session)})
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from exam_bank.crypto.authority import load_authority_public
    from kiosk.config import load_config
    from kiosk.link.setup import check_enrollment

    parser = argparse.ArgumentParser(prog="python -m kiosk.headless", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True, type=Path, help="kiosk.toml with [proctor]")
    parser.add_argument("--package", required=True, type=Path)
    parser.add_argument("--trust", required=True, type=Path, action="append")
    parser.add_argument("--script", required=True, type=Path)
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
        link = link_config(config.proctor, str(args.config), args.config.parent,
                           config.proctor_lines)
        check_enrollment(config.proctor, str(args.config), args.config.parent)
        script = Script.load(args.script)
        trusted = [load_authority_public(p) for p in args.trust]
        kiosk = open_link(link, SystemClock())
    except Exception as exc:  # a clear line, never a traceback
        print_line({"event": "error", "why": str(exc)})
        return 3
    try:
        return run(kiosk, lambda k: open_package(k, args.package, trusted), script)
    except Exception as exc:
        print_line({"event": "error", "why": f"{type(exc).__name__}: {exc}"})
        return 1
    finally:
        kiosk.close()


if __name__ == "__main__":
    sys.exit(main())
