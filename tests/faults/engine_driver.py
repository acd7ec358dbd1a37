"""The kiosk's session engine and encrypted store, worked as fast as a candidate never
could, for the kill -9 and power-loss loops (`tests.faults.crashkit`).

Run as ``python -m tests.faults.engine_driver STORE``: it opens (or resumes) candidate
P-0001 of the small in-memory package on the real SQLCipher store, then answers and
types makalah text without pause. After every action the engine has confirmed (its
event committed before the call returned, as the screen would show it) it prints one
line ``SEQ HASH`` and flushes. The parent kills or freezes it at random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from exam_bank.events.fold import Phase
from kiosk.engine import Session, SystemClock
from kiosk.store import EventStore
from tests.kiosk.engine.kit import EXAM, PACKAGE, PINS, TOKEN

NUMBER = "P-0001"
KEY = bytes(range(32))


def main(store_path: Path) -> int:
    store = EventStore.open(store_path, KEY, exam_id=EXAM, participant_no=NUMBER)
    session = Session(PACKAGE, store, SystemClock())
    result = session.login(NUMBER, PINS[NUMBER], TOKEN, TOKEN)
    if not result.ok:
        print(f"login refused: {result.reason}", file=sys.stderr)
        return 2
    out = sys.stdout

    def confirmed() -> None:
        last = store.last()
        assert last is not None
        out.write(f"{last.seq} {last.hash}\n")
        out.flush()

    confirmed()
    if session.state.phase == Phase.IDENTITY:
        session.confirm_identity()
        confirmed()
    if session.state.phase == Phase.RULES:
        session.acknowledge_rules()
        confirmed()
    if session.state.phase == Phase.BETWEEN_SECTIONS:
        session.start_section()
        confirmed()
    n = 0
    while True:
        n += 1
        session.answer("mc1", "ABCD"[n % 4])
        confirmed()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
