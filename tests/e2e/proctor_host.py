"""A proctor process for the e2e tests: H5a's `LabServer` on its replica, driven on stdin.

    python tests/e2e/proctor_host.py STATE PACKAGE KEYFILE [PORT]

Passphrases come from UJIKOM_PROCTOR_PASSPHRASE and UJIKOM_EXAM_KEY_PASSPHRASE; the lab
is made in STATE on first start and reopened (replica and all) on a restart. Prints one
JSON line ``{"event": "listening", "port": ..., "enroll_port": ...}``, then answers one
JSON line per JSON request on stdin: ``{"op": "code"}``, ``{"op": "authorize_move",
"participant_no", "kiosk_id"}``, ``{"op": "send", "action", "reason", "by", ...}``,
``{"op": "log", "participant_no"}`` (the stored hashes), ``{"op": "incidents"}``.
It stands in for the console a person would use; the server code is the real one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from exam_bank.crypto.examkey import read_exam_key
from exam_bank.wire.control import ControlAction, ControlCommand
from proctor.lab import LAB_FILE, init_lab, open_lab
from proctor.replica import Replica
from proctor.server import ExamSession, LabServer
from proctor.service import NullRoom, ServerThread


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str]) -> int:
    state, package, key_file = Path(argv[0]), Path(argv[1]), Path(argv[2])
    port = int(argv[3]) if len(argv) > 3 else 0
    passphrase = os.environ["UJIKOM_PROCTOR_PASSPHRASE"].encode()
    if not (state / LAB_FILE).exists():
        init_lab(state, "Lab E2E", "Pengawas", passphrase, hosts=["127.0.0.1"],
                 scrypt_n=2**10)
    lab = open_lab(state, passphrase)
    exam_key = read_exam_key(key_file, os.environ["UJIKOM_EXAM_KEY_PASSPHRASE"].encode())
    replica = Replica.open(lab.replica_path, lab.replica_key, exam_key.exam_id)
    exam = ExamSession(exam_key.exam_id, "S1", _digest(package), exam_key.key)

    def make() -> LabServer:
        return LabServer(lab, replica, exam, NullRoom())

    thread = ServerThread(make, "127.0.0.1", port, 0)
    server = thread.start()
    thread.call(server.open_session)
    print(json.dumps({"event": "listening", "port": server.port,
                      "enroll_port": server.enroll_port, "token": server.session.token}),
          flush=True)
    for line in sys.stdin:
        request: dict[str, Any] = json.loads(line)
        op = request.pop("op")
        answer: dict[str, Any] = {"op": op}
        if op == "code":
            answer["code"] = thread.call(server.issue_code)
        elif op == "authorize_move":
            thread.call(server.authorize_move, request["participant_no"], request["kiosk_id"])
        elif op == "send":
            command = ControlCommand(ControlAction(request["action"]), request["reason"],
                                     request["by"], tuple(request.get("participants", ())),
                                     request.get("minutes"), request.get("text"))
            answer["id"] = thread.call(server.send, command)
        elif op == "log":
            events = thread.call(replica.events, request["participant_no"])
            answer["hashes"] = [e.hash for e in events]
        elif op == "incidents":
            answer["kinds"] = [i.kind for i in thread.call(replica.incidents)]
        elif op == "quit":
            break
        print(json.dumps(answer), flush=True)
    thread.stop()
    replica.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
