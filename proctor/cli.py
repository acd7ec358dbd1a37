"""`ujikom proctor …`: lab setup, the headless lab server, enrollment codes, the console.

    ujikom proctor init --dir STATE --lab NAME --proctor NAME [--host ADDR ...]
    ujikom proctor serve --dir STATE --package P --key K --trust A.pub --session S1
                         [--host 0.0.0.0] [--port 7443] [--enroll-port 7444] [--open]
                         [--ready-file F] [--control-stdin] [--beacon [ADDRESS]]
    ujikom proctor enroll-code --dir STATE [--minutes 15]
    ujikom proctor kiosks --dir STATE [--json]
    ujikom proctor console ... (the same options as serve, with the proctor's window)
    ujikom proctor control --dir STATE --session S1 SEAT_OR_NUMBER|all ACTION --reason R
    ujikom proctor status --dir STATE --session S1 [--json]
    ujikom proctor berita-acara --dir STATE --session S1 --package P --key K --trust A.pub
                                (--template | --from ba.toml)
    ujikom proctor seal ...

`control` and `status` talk to the running `serve` (or console) through its local socket
STATE/control.sock (`proctor.control_socket`); see `proctor.cli_day`.

The proctor passphrase comes from ``--passphrase-file`` or ``UJIKOM_PROCTOR_PASSPHRASE``
(or is asked for on a terminal); the exam key's from ``--key-passphrase-file`` or
``UJIKOM_EXAM_KEY_PASSPHRASE``. ``serve`` prints one JSON line when it listens
(``{"ready": true, "port": ..., "enroll_port": ..., ...}``, also written to
``--ready-file``) and runs until SIGINT/SIGTERM. With ``--control-stdin`` it reads one
JSON request a line on stdin and answers each with one JSON line on stdout, for scripts
and the end-to-end tests::

    {"do": "open"} | {"do": "close"} | {"do": "new_token"} | {"do": "enroll_code"}
    {"do": "quit_code"} | {"do": "status"} | {"do": "preflight"} | {"do": "commands"}
    {"do": "open", "reason": "PC A07: second monitor is the room's projector", "by": "Sari"}

    {"do": "authorize_move", "participant_no": "P001", "kiosk_id": "pc-09"}
    {"do": "send", "action": "pause", "reason": "...", "by": "...",
     "participants": ["P001"], "minutes": null, "text": null}
    {"do": "control", "target": "A07", "action": "extend", "reason": "...", "by": "...",
     "minutes": 10}  |  {"do": "room"}     (what `proctor control` / `status` send)

``open`` is refused (``"failing": [...]``) while a kiosk's preflight (`ujikom doctor`)
fails, unless a ``reason`` is given. ``open``, ``close``, ``new_token``, ``enroll_code``,
``quit_code`` (which needs ``reason`` and ``by``, and may name a ``participant_no``),
``authorize_move``, ``decide_login`` and ``decide_log`` take ``by`` and ``reason``: each
is kept in the record (`exam_bank.record.actions`) and printed in the berita acara.

Nothing here imports Qt unless the console runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exam_bank.cliutil import ExitCode
from exam_bank.ids import KioskId, ParticipantNo
from proctor.opening import EXAM_KEY_ENV, open_exam, open_replica, proctor_passphrase

if TYPE_CHECKING:
    from proctor.held import HeldLogin
    from proctor.service import ProctorService, ServerThread

DEFAULT_PORT = 7443


def add_proctor_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="make the lab CA and the proctor's certificates")
    _state_args(init)
    init.add_argument("--lab", required=True, help="the lab's name, e.g. 'Lab CAT BKPP Kota'")
    init.add_argument("--proctor", required=True, help="the proctor's (pengawas) name")
    init.add_argument("--host", action="append", default=[],
                      help="an address kiosks may use for this PC (repeatable); kiosks "
                      "always accept the lab-wide name too")
    init.set_defaults(handler=cmd_init)

    for name, help_text in (("serve", "run the lab server without a window"),
                            ("console", "run the lab server with the proctor's console")):
        serve = commands.add_parser(name, help=help_text)
        _state_args(serve)
        _exam_args(serve)
        serve.add_argument("--host", default="0.0.0.0", help="address to listen on")
        serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                           help=f"the lab port (default {DEFAULT_PORT}; 0: any free port)")
        serve.add_argument("--enroll-port", type=int, default=None,
                           help="the enrollment port (default: the lab port + 1; 0: any)")
        serve.add_argument("--open", action="store_true",
                           help="open the session now (release the exam key to kiosks)")
        serve.add_argument("--ready-file", type=Path, default=None,
                           help="write the ready JSON here once listening")
        serve.add_argument("--control-stdin", action="store_true",
                           help="take JSON requests on stdin, one a line")
        serve.add_argument("--beacon", nargs="?", const="255.255.255.255", default=None,
                           metavar="ADDRESS",
                           help="announce this proctor on the LAN by UDP broadcast (to "
                           "ADDRESS, default 255.255.255.255) so kiosks find it")
        if name == "console":
            serve.add_argument("--exit-when-ready", action="store_true",
                               help="quit once the window is up (smoke tests, start time)")
        serve.set_defaults(handler=cmd_serve if name == "serve" else cmd_console)

    seal = commands.add_parser("seal", help="seal the session's results (logs, makalah, "
                               "berita acara) for the admin's office")
    _state_args(seal)
    _exam_args(seal)
    seal.add_argument("--admin-cert", required=True, type=Path, action="append",
                      help="the certificate of an admin who may open the bundle (repeatable)")
    seal.add_argument("--out", required=True, type=Path, help="the sealed bundle to write")
    seal.set_defaults(handler=cmd_seal)

    decide = commands.add_parser(
        "decide", help="accept or reject a log the room did not vouch for (a candidate the "
        "berita acara marks absent, a seat off the plan), or a held login (--login-on)")
    _state_args(decide)
    _exam_args(decide)
    decide.add_argument("--participant", required=True, help="the participant number")
    verdict = decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true", help="accept it")
    verdict.add_argument("--reject", action="store_true", help="reject it")
    decide.add_argument("--reason", required=True,
                        help="why (it goes into the berita acara and the sealed bundle)")
    decide.add_argument("--by", default=None, help="the proctor deciding (default: the "
                        "lab's proctor)")
    decide.add_argument("--login-on", default=None, metavar="KIOSK",
                        help="decide the candidate's held first login on this kiosk instead "
                        "(a running server lets the kiosk send again)")
    decide.set_defaults(handler=cmd_decide)

    from proctor.cli_day import add_day_commands

    add_day_commands(commands, _state_args, _exam_args)

    kiosks = commands.add_parser("kiosks", help="the kiosks enrolled in this lab")
    _state_args(kiosks)
    kiosks.add_argument("--json", action="store_true", help="print JSON for scripts")
    kiosks.set_defaults(handler=cmd_kiosks)

    code = commands.add_parser("enroll-code",
                               help="a one-time code to enroll a kiosk (the server must use "
                               "this state folder)")
    _state_args(code)
    code.add_argument("--minutes", type=int, default=15, help="how long the code is valid")
    code.set_defaults(handler=cmd_enroll_code)


def _exam_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--package", required=True, type=Path, help="the exam package")
    p.add_argument("--key", required=True, type=Path, help="the exam key file")
    p.add_argument("--key-passphrase-file", default=None,
                   help=f"the exam key's passphrase (else ${EXAM_KEY_ENV})")
    p.add_argument("--trust", required=True, type=Path, action="append",
                   help="the exam-bank authority's public key (repeatable)")
    p.add_argument("--session", required=True, help="the roster session, e.g. S1")


def _state_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dir", required=True, type=Path, help="the proctor's state folder")
    p.add_argument("--passphrase-file", default=None,
                   help="file holding the proctor passphrase (else $UJIKOM_PROCTOR_PASSPHRASE)")


def cmd_init(args: argparse.Namespace) -> int:
    from proctor.lab import init_lab

    lab = init_lab(args.dir, args.lab, args.proctor, proctor_passphrase(args, confirm=True),
                   hosts=args.host)
    print(f"Lab {lab.info.lab_name!r} made in {lab.dir}")
    print(f"  CA fingerprint (SHA-256): {lab.info.ca_fingerprint}")
    print("  Next: ujikom proctor serve --dir ... ; enroll kiosks with "
          "`ujikom proctor enroll-code`.")
    return ExitCode.OK


def cmd_kiosks(args: argparse.Namespace) -> int:
    """Enrolled kiosks from the certificates kept in STATE/kiosks (no passphrase needed:
    they are public)."""
    from exam_bank.wire.tls import read_cert
    from proctor.lab import read_info

    read_info(args.dir)  # a lab folder, or a clear error
    rows = []
    for path in sorted((args.dir / "kiosks").glob("*.pem")):
        cert = read_cert(path)
        rows.append({"kiosk_id": path.stem, "serial": format(cert.serial_number, "x"),
                     "enrolled": cert.not_valid_before_utc.isoformat(timespec="seconds"),
                     "valid_until": cert.not_valid_after_utc.isoformat(timespec="seconds")})
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print("no kiosk enrolled yet (ujikom proctor enroll-code, then enroll on the kiosk)")
    else:
        for row in rows:
            print(f"{row['kiosk_id']:<24} enrolled {row['enrolled']}  "
                  f"valid until {row['valid_until']}")
    return ExitCode.OK


def cmd_enroll_code(args: argparse.Namespace) -> int:
    import time

    from exam_bank.wire.enroll import new_code, normalise_code
    from proctor.lab import open_lab
    from proctor.replica import Replica

    if not 1 <= args.minutes <= 24 * 60:
        print("--minutes must be 1 to 1440", file=sys.stderr)
        return ExitCode.USAGE
    lab = open_lab(args.dir, proctor_passphrase(args))
    code = new_code()
    with Replica.open(lab.replica_path, lab.replica_key, "") as replica:
        replica.add_code(normalise_code(code), time.time() + args.minutes * 60)
    print(code)
    print(f"(valid {args.minutes} min, once; type it on the kiosk: ujikom kiosk enroll ...)",
          file=sys.stderr)
    return ExitCode.OK


def _start(args: argparse.Namespace, room_for: Any = None) -> tuple[ServerThread, Any]:
    """Open everything `serve` needs and start the server thread; (thread, the session's
    `SessionSealer`, which also holds the package)."""
    from exam_bank.problems import InputError, Problem
    from exam_bank.roster.model import normalise_participant_no
    from proctor.lab import open_lab
    from proctor.prepared import Preparer
    from proctor.seal import SessionSealer
    from proctor.server import ExamSession, LabServer
    from proctor.service import NullRoom, ServerThread

    lab = open_lab(args.dir, proctor_passphrase(args))
    package, exam_key, package_digest = open_exam(args)
    participants = frozenset(normalise_participant_no(c.participant_no)
                             for c in package.roster.candidates_in(args.session))
    # The roster's seats are the seat plan: a candidate's first login at another seat
    # waits for the proctor.
    seats = {normalise_participant_no(c.participant_no): c.seat
             for c in package.roster.candidates_in(args.session) if c.seat}
    exam = ExamSession(exam_key.exam_id, args.session, package_digest, exam_key.key,
                       participants, seats,
                       package.blueprint.exam.accommodation_extra_minutes)
    replica = open_replica(lab, exam_key.exam_id, package_digest, args.session)
    room = room_for(package) if room_for is not None else NullRoom()
    enroll_port = args.enroll_port
    if enroll_port is None:
        enroll_port = args.port + 1 if args.port else 0
    from exam_bank.wire.discovery import BEACON_PORT

    beacon_to = None if args.beacon is None else (args.beacon, BEACON_PORT)
    preparer = Preparer(lab.dir, lab.replica_path, lab.replica_key, package)
    thread = ServerThread(lambda: LabServer(lab, replica, exam, room,
                                            on_submitted=preparer.submitted),
                          args.host, args.port, enroll_port, beacon_to)

    def stopped() -> None:  # after the loop is done with them
        preparer.close()
        replica.close()

    thread.on_stop = stopped
    try:
        thread.start()
    except OSError as exc:  # the port is taken, or the address is not this PC's
        raise InputError([Problem(f"{args.host}:{args.port}", "cannot listen here: "
                                  f"{exc.strerror or exc}", field="--port")]) from None
    return thread, SessionSealer(lab, package, package_digest, args.session,
                                 on_action=room.action)


def cmd_decide(args: argparse.Namespace) -> int:
    """The twin of the console's decision on a questioned log or a held login."""
    from exam_bank.problems import InputError, Problem
    from exam_bank.record.actions import ActionKind, ProctorAction
    from exam_bank.roster.model import normalise_participant_no
    from proctor.lab import open_lab
    from proctor.seal import decide_log, load_minutes, questioned
    from proctor.server import login_subject

    lab = open_lab(args.dir, proctor_passphrase(args))
    if args.by is None:  # the record names who decided: the lab's proctor
        args.by = lab.info.proctor_name
    package, exam_key, package_digest = open_exam(args)
    pno = normalise_participant_no(args.participant)
    if package.roster.find(pno) is None or package.roster.candidate(pno).session != \
            args.session:
        raise InputError([Problem(str(args.package), f"{pno} is not in session "
                                  f"{args.session}", field="--participant")])
    if not args.reason.strip():
        raise InputError([Problem("--reason", "a decision needs a reason (it goes into the "
                                  "berita acara)")])
    held = _decided_by_the_server(args, pno) if args.login_on else None
    if held is not None:
        because = f" (it was held: {held.why})" if held.why else ""
        print(f"{pno}: login on {args.login_on} "
              f"{'approved' if args.accept else 'refused'}{because}")
        return ExitCode.OK
    replica = open_replica(lab, exam_key.exam_id, package_digest, args.session)
    try:
        if args.login_on:
            # No server running: the decision waits in the replica; the kiosk's next send
            # is answered by it.
            decision = replica.decide(pno, login_subject(args.login_on), args.accept,
                                      args.reason, args.by)
            replica.add_action(args.session, ProctorAction(
                decision.wall, ActionKind.LOGIN_APPROVED if args.accept
                else ActionKind.LOGIN_REFUSED, decision.by, decision.reason, pno,
                pc=args.login_on, detail=f"held login on kiosk {args.login_on}: decided "
                "with no server running"))
            print(f"{pno}: login on {args.login_on} "
                  f"{'approved' if args.accept else 'refused'}")
            return ExitCode.OK
        report, _ignored = load_minutes(lab, package, args.session)
        absentees = report.absentees if report is not None else ()
        found = [q for q in questioned(replica, package, args.session,
                                       [a.participant_no for a in absentees])
                 if q.participant_no == pno]
        why = found[0].why if found else ""
        # Through the running server when there is one: its room (the console's berita
        # acara form) shows the decision at once.
        if not _log_decided_by_the_server(args, pno, why):
            decide_log(replica, args.session, pno, args.accept, args.reason, args.by, why)
        print(f"{pno}: log {'accepted' if args.accept else 'rejected (sealed as absent)'}"
              + ("" if found else " (it was not questioned)"))
    finally:
        replica.close()
    return ExitCode.OK


def _decided_by_the_server(args: argparse.Namespace, pno: ParticipantNo) -> HeldLogin | None:
    """A held login decided through the running server (which lets the kiosk send again
    at once): what was held and why (no reasons when it was not held); None when no
    server runs on --dir."""
    from exam_bank.problems import InputError, Problem
    from proctor.control_socket import ControlError, ask, socket_path
    from proctor.held import HeldLogin

    try:
        listed = ask(socket_path(args.dir), {"do": "held_logins", "session": args.session})
        held = next((h for h in (HeldLogin.from_json(d) for d in listed.get("held", ()))
                     if h.participant_no == pno and h.kiosk_id == args.login_on),
                    HeldLogin(pno, KioskId(args.login_on), "", ()))
        answer = ask(socket_path(args.dir), {
            "do": "decide_login", "session": args.session, "participant_no": pno,
            "kiosk_id": args.login_on, "accept": bool(args.accept), "reason": args.reason,
            "by": args.by})
    except ControlError:
        return None
    if not answer.get("ok"):
        raise InputError([Problem(str(args.dir), str(answer.get("error", "refused")),
                                  field="--login-on")])
    return held


def _log_decided_by_the_server(args: argparse.Namespace, pno: ParticipantNo, why: str
                               ) -> bool:
    """A questioned log decided through the running server, whose room (the console's
    berita acara form) then shows it at once; False when no server runs on --dir."""
    from exam_bank.problems import InputError, Problem
    from proctor.control_socket import ControlError, ask, socket_path

    try:
        answer = ask(socket_path(args.dir), {
            "do": "decide_log", "session": args.session, "participant_no": pno, "why": why,
            "accept": bool(args.accept), "reason": args.reason, "by": args.by})
    except ControlError:
        return False
    if not answer.get("ok"):
        raise InputError([Problem(str(args.dir), str(answer.get("error", "refused")),
                                  field="--participant")])
    return True


def _ready(service: ProctorService, args: argparse.Namespace) -> dict[str, Any]:
    port, enroll_port = service.address
    return {"ready": True, "port": port, "enroll_port": enroll_port,
            "session": args.session, "session_open": service.session_open,
            "token": service.token}


def cmd_serve(args: argparse.Namespace) -> int:
    import signal
    import threading

    from exam_bank.fsutil import atomic_write
    from proctor.room import Room
    from proctor.service import ProctorService

    thread, sealer = _start(args, room_for=lambda package: Room(package, args.session))
    service = ProctorService(thread)
    control = _control_socket(service, args)
    try:
        if args.open:  # the record names who opened it: the lab's proctor
            service.open_session(by=sealer.lab.info.proctor_name)
        # The handlers before the ready line: whoever reads it may stop us at once.
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        ready = json.dumps(_ready(service, args))
        if args.ready_file is not None:  # before the line: whoever reads it may look
            atomic_write(args.ready_file, ready.encode() + b"\n")
        print(ready, flush=True)
        if args.control_stdin:
            reader = threading.Thread(target=_control_loop, args=(service, stop, args.dir),
                                      daemon=True)
            reader.start()
        stop.wait()
    finally:
        control.close()
        thread.stop()
    return ExitCode.OK


def _control_socket(service: ProctorService, args: argparse.Namespace) -> Any:
    """The local channel `proctor control` and `proctor status` use, started."""
    from exam_bank.problems import InputError, Problem
    from proctor.control_socket import ControlSocket

    control = ControlSocket(args.dir, lambda request: control_request(
        service, request, args.dir))
    try:
        control.start()
    except OSError as exc:
        raise InputError([Problem(str(control.path), str(exc).split(": ", 1)[-1],
                                  field="--dir")]) from None
    return control


def _control_loop(service: ProctorService, stop: Any, state_dir: Path) -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = control_request(service, json.loads(line), state_dir)
        except Exception as exc:  # a bad request is answered, never fatal
            reply = {"ok": False, "error": str(exc)}
        print(json.dumps(reply), flush=True)
    stop.set()  # stdin closed: the script that drives us is gone


def control_request(service: ProctorService, request: dict[str, Any],
                    state_dir: Path | None = None) -> dict[str, Any]:
    """Carry out one `--control-stdin` (or control socket) request; the reply object."""
    from exam_bank.wire.control import ControlAction, ControlCommand
    from proctor.cli_day import room_request

    session = request.get("session")
    if session is not None and session != service.session_id:
        return {"ok": False, "error": f"--session: the server runs session "
                f"{service.session_id}, not {session}"}
    answer = room_request(service, service.room, request, state_dir or Path.cwd())
    if answer is not None:
        return answer
    match request.get("do"):
        case "ping":
            return {"ok": True}
        case "open":
            from proctor.preflight import PreflightRefused

            try:
                service.open_session(str(request.get("reason") or ""),
                                     str(request.get("by") or ""))
            except PreflightRefused as refused:
                return {"ok": False, "error": str(refused),
                        "failing": [r.to_json() for r in refused.failing]}
            return {"ok": True, "token": service.token}
        case "preflight":
            reports, summary = service.preflight()
            return {"ok": True, "passed": summary.passed, "warned": summary.warned,
                    "failed": summary.failed, "missing": list(summary.missing),
                    "seats": [r.to_json() for r in reports]}
        case "close":
            service.close_session(*_who_why(request))
            return {"ok": True}
        case "new_token":
            return {"ok": True, "token": service.new_token(*_who_why(request))}
        case "enroll_code":
            return {"ok": True, "code": service.enrollment_code(*_who_why(request))}
        case "quit_code":  # ValueError (answered as an error) without a reason and a name
            who = request.get("participant_no")
            return {"ok": True, "quit_code": service.quit_code(
                ParticipantNo(str(who)) if who else None, *_who_why(request))}
        case "status":
            return {"ok": True, "session_open": service.session_open, "token": service.token}
        case "commands":
            return {"ok": True, "commands": [command_json(line) for line in service.commands()]}
        case "authorize_move":
            service.authorize_move(ParticipantNo(str(request["participant_no"])),
                                   KioskId(str(request["kiosk_id"])),
                                   str(request.get("by") or ""),
                                   str(request.get("reason") or ""))
            return {"ok": True}
        case "held_logins":
            return {"ok": True, "held": [h.to_json() for h in service.held_logins()]}
        case "decide_login":
            service.decide_login(ParticipantNo(str(request["participant_no"])),
                                 KioskId(str(request["kiosk_id"])),
                                 bool(request["accept"]), str(request.get("reason") or ""),
                                 str(request.get("by") or ""))
            return {"ok": True}
        case "decide_log":
            service.decide_log(ParticipantNo(str(request["participant_no"])),
                               bool(request["accept"]), str(request.get("reason") or ""),
                               str(request.get("by") or ""), str(request.get("why") or ""))
            return {"ok": True}
        case "send":
            command = ControlCommand(ControlAction(request["action"]), request.get("reason", ""),
                                     request.get("by", ""),
                                     tuple(request.get("participants") or ()),
                                     request.get("minutes"), request.get("text"))
            service.send(command)
            return {"ok": True}
    return {"ok": False, "error": f"unknown request {request.get('do')!r}"}


def _who_why(request: dict[str, Any]) -> tuple[str, str]:
    """A request's proctor name and reason ("" when not given)."""
    return str(request.get("by") or ""), str(request.get("reason") or "")


def command_json(line: Any) -> dict[str, Any]:
    """A `proctor.commands.CommandLine` for scripts."""
    command = line.command
    return {"id": line.command_id, "sent": line.sent, "participant_no": line.participant_no,
            "action": str(command.action), "reason": command.reason, "by": command.by,
            "minutes": command.minutes, "text": command.text, "status": str(line.status),
            "note": line.note}


def cmd_seal(args: argparse.Namespace) -> int:
    """Seal the session from the replica. Run it with the server stopped or running: it
    only reads the replica."""
    from exam_bank.wire.tls import read_cert
    from proctor.lab import open_lab
    from proctor.seal import seal_session

    lab = open_lab(args.dir, proctor_passphrase(args))
    package, exam_key, package_digest = open_exam(args)
    admins = [read_cert(path) for path in args.admin_cert]
    replica = open_replica(lab, exam_key.exam_id, package_digest, args.session)
    try:
        sealed = seal_session(lab, replica, package, package_digest, args.session, admins,
                              args.out)
    finally:
        replica.close()
    print(f"sealed {args.session}: {sealed.candidates} candidates ({sealed.submitted} "
          f"submitted), sealing #{sealed.sequence}, digest {sealed.digest} -> {sealed.path}")
    if sealed.receipt is not None:
        print(f"sealing receipt to print and sign: {sealed.receipt}")
    return ExitCode.OK


def cmd_console(args: argparse.Namespace) -> int:
    """The server with the proctor's window (`proctor.console`). With
    ``--exit-when-ready`` it prints the ready JSON once the window is up and quits: a
    smoke test and start-time hook, as for the kiosk."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from proctor.console.app import open_console
    from proctor.room import Room
    from proctor.service import ProctorService

    app = QApplication.instance() or QApplication([])
    try:
        thread, sealer = _start(args, room_for=lambda package: Room(package, args.session))
    except Exception as exc:
        # Started from the lab's menu there is no shell to read: the proctor reads why in
        # words (the detail behind "Details"); the shell still gets the usual stderr line.
        if not args.exit_when_ready and QApplication.platformName() != "offscreen":
            from proctor.console.failure_words import start_failure
            from proctor.console.translations import Translations
            from proctor.console.window import SETTINGS, _read_settings

            language = _read_settings(args.dir / SETTINGS).get("language", "id")
            Translations().use(str(language))  # the language the proctor last chose
            start_failure(exc).exec()
        raise
    control = None
    try:
        service = ProctorService(thread)
        control = _control_socket(service, args)
        if args.open:
            service.open_session(by=sealer.lab.info.proctor_name)
        server = thread.server
        assert server is not None
        window = open_console(server.room, service, args.dir,  # type: ignore[arg-type]
                              sealer=sealer, preflight=service)
        ready = json.dumps(_ready(service, args))
        if args.ready_file is not None:
            from exam_bank.fsutil import atomic_write

            atomic_write(args.ready_file, ready.encode() + b"\n")
        print(ready, flush=True)
        if args.control_stdin:  # the demo drives the console as it drives `serve`
            import threading

            threading.Thread(target=_control_loop,
                             args=(service, threading.Event(), args.dir), daemon=True).start()
        if args.exit_when_ready:
            QTimer.singleShot(0, app.quit)
        code = int(app.exec())
        window.close()
        return code
    finally:
        if control is not None:
            control.close()
        thread.stop()


def main(argv: list[str] | None = None) -> int:
    from exam_bank.cliutil import report_errors

    parser = argparse.ArgumentParser(prog="ujikom proctor", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_proctor_commands(parser)
    args = parser.parse_args(argv)
    with report_errors():
        return int(args.handler(args))
    return int(ExitCode.INPUT_ERROR)
