"""The lab day from a shell, beside a running `ujikom proctor serve` (or the console):

    ujikom proctor control --dir LAB --session S1 SEAT_OR_NUMBER ACTION [--reason R]
                           [--minutes N] [--text T] [--kiosk K] [--by NAME]
    ujikom proctor status --dir LAB --session S1 [--json]
    ujikom proctor berita-acara --dir LAB --session S1 --package P --key K --trust A.pub
                                (--template | --from ba.toml [--pdf OUT])

`control` and `status` talk to the running server over its local socket
(`proctor.control_socket`); every console control has its twin here, with the reason
the console requires. `berita-acara` reads the replica itself (the server may run or not):
`--template` prints the form pre-filled from the day's record, `--from` fills it in,
checks it as the console's form does, keeps it as the draft `proctor seal` reads, and
renders the PDF.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exam_bank.cliutil import ExitCode
from exam_bank.ids import KioskId, ParticipantNo
from exam_bank.roster.model import normalise_participant_no
from exam_bank.wire.control import ControlAction, ControlCommand

if TYPE_CHECKING:
    from proctor.room import Room, RoomSnapshot
    from proctor.service import ProctorService

ROOM = ("all", "room", "semua")
MOVE = "move"
QUIT_CODE = "quit_code"
SESSION_ACTIONS = ("open", "close", "new_token", "enroll_code")
SEAT_ACTIONS = (*(str(a) for a in ControlAction), MOVE, QUIT_CODE)
ACTIONS = (*SEAT_ACTIONS, *SESSION_ACTIONS)
# An extra audit trail of moves and quit codes (the record itself is the replica's).
ACTIONS_LOG = "console-actions.jsonl"


def add_day_commands(commands: Any, state_args: Any, exam_args: Any) -> None:
    control = commands.add_parser(
        "control", help="a console control from the shell (the server must be running)",
        description="Send a proctor control to a seat, a participant or the whole room "
        "(all), through the running server on --dir.")
    state_args(control)
    control.add_argument("--session", required=True, help="the session the server runs")
    control.add_argument("target", help="a seat (A07), a participant number, or 'all'")
    control.add_argument("action", type=lambda s: s.replace("-", "_"),
                         help=f"one of: {', '.join(ACTIONS)}")
    control.add_argument("--reason", default="", help="why (required, as on the console)")
    control.add_argument("--by", default=None, help="the proctor's name (default: the "
                         "lab's proctor)")
    control.add_argument("--minutes", type=int, default=None,
                         help="extend: minutes to add; read-aloud: extra minutes (optional)")
    control.add_argument("--text", default=None, help="message: the text to show")
    control.add_argument("--kiosk", default=None, help="move: the spare PC's kiosk id")
    control.set_defaults(handler=cmd_control)

    status = commands.add_parser("status", help="the room at a glance (server running)")
    state_args(status)
    status.add_argument("--session", required=True, help="the session the server runs")
    status.add_argument("--json", action="store_true", help="print JSON for scripts")
    status.set_defaults(handler=cmd_status)

    ba = commands.add_parser("berita-acara", help="the berita acara from a file: "
                             "--template prints it pre-filled, --from fills it in")
    state_args(ba)
    exam_args(ba)
    which = ba.add_mutually_exclusive_group(required=True)
    which.add_argument("--template", action="store_true",
                       help="print the form, pre-filled from the day's record")
    which.add_argument("--from", dest="source", type=Path, help="the filled-in form")
    ba.add_argument("--pdf", type=Path, default=None,
                    help="where to write the PDF (default: LAB/berita-acara-EXAM-SESSION.pdf)")
    ba.set_defaults(handler=cmd_berita_acara)


# -- the server's side ------------------------------------------------------------------------

def room_request(service: ProctorService, room: Room | None,
                 request: dict[str, Any], state_dir: Path) -> dict[str, Any] | None:
    """The requests that need the room: ``control`` (a target and an action, as typed)
    and ``room`` (the status); None for any other request."""
    match request.get("do"):
        case "control":
            return _control(service, room, request, state_dir)
        case "room":
            if room is None:
                return {"ok": False, "error": "this server keeps no room view"}
            from proctor.room import monotonic_ms

            snap = room.snapshot(monotonic_ms())
            return {"ok": True, "session_open": service.session_open, "token": service.token,
                    **room_json(snap, service)}
    return None


def _control(service: ProctorService, room: Room | None, request: dict[str, Any],
             state_dir: Path) -> dict[str, Any]:
    action = str(request.get("action", ""))
    target = str(request.get("target", ""))
    reason, by = str(request.get("reason") or ""), str(request.get("by") or "")
    if action not in ACTIONS:
        return {"ok": False, "error": f"action: unknown {action!r} (one of {', '.join(ACTIONS)})"}
    if action in SESSION_ACTIONS:
        if target.lower() not in ROOM:
            return {"ok": False, "error": f"{action} is for the whole room: target 'all'"}
        return _session_action(service, action, reason, by)
    participant: ParticipantNo | None = None
    if target.lower() not in ROOM:
        if room is None:
            return {"ok": False, "error": "this server keeps no room view"}
        participant = _find(room, target)
        if participant is None:
            return {"ok": False, "error": f"target: no seat or participant {target!r} in "
                    "this session"}
    if action in (MOVE, QUIT_CODE):
        return _logged_action(service, action, participant, request, state_dir)
    command = ControlCommand(ControlAction(action), reason.strip(), by.strip(),
                             (participant,) if participant else (),
                             request.get("minutes"), request.get("text"))
    problems = command.problems()
    if problems:
        return {"ok": False, "error": "; ".join(f"{f}: {m}" for f, m in problems)}
    service.send(command)
    return {"ok": True, "participant_no": participant, "action": action}


def _session_action(service: ProctorService, action: str, reason: str,
                    by: str) -> dict[str, Any]:
    match action:
        case "open":
            from proctor.preflight import PreflightRefused

            try:
                service.open_session(reason, by)
            except PreflightRefused as refused:
                return {"ok": False, "error": str(refused),
                        "failing": [r.to_json() for r in refused.failing]}
            return {"ok": True, "token": service.token}
        case "close":
            service.close_session(by, reason)
            return {"ok": True}
        case "new_token":
            return {"ok": True, "token": service.new_token(by, reason)}
    return {"ok": True, "code": service.enrollment_code(by, reason)}


def _logged_action(service: ProctorService, action: str, participant: ParticipantNo | None,
                   request: dict[str, Any], state_dir: Path) -> dict[str, Any]:
    """Moves and quit codes, which are not commands to a candidate: each needs a reason
    and a name; the server keeps each in the record (the replica), and it is logged
    beside the console's as an extra audit trail."""
    reason = str(request.get("reason") or "").strip()
    by = str(request.get("by") or "").strip()
    kiosk = str(request.get("kiosk") or "").strip()
    missing = [name for name, value in (("reason", reason), ("by", by)) if not value]
    if action == MOVE and participant is None:
        return {"ok": False, "error": "move: name the candidate (a seat or number)"}
    if action == MOVE and not kiosk:
        missing.append("kiosk")
    if missing:
        return {"ok": False, "error": "; ".join(f"{m}: required" for m in missing)}
    reply: dict[str, Any] = {"ok": True, "participant_no": participant}
    if action == MOVE:
        assert participant is not None
        try:  # an unknown or busy PC, as the console offers only free enrolled ones
            service.authorize_move(participant, KioskId(kiosk), by, reason)
        except ValueError as exc:
            return {"ok": False, "error": str(exc)}
    else:
        reply["quit_code"] = service.quit_code(participant, by, reason)
    # Whose session: one lab folder serves every session of an exam in turn.
    line = {"at": dt.datetime.now().isoformat(timespec="seconds"),
            "session": service.session_id, "action": action,
            "participant_no": participant, "kiosk_id": kiosk or None, "reason": reason,
            "by": by}
    state_dir.mkdir(parents=True, exist_ok=True)
    with (state_dir / ACTIONS_LOG).open("a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return reply


def _find(room: Room, target: str) -> ParticipantNo | None:
    """The participant at seat `target`, or numbered `target`."""
    from proctor.room import monotonic_ms

    snap = room.snapshot(monotonic_ms())
    wanted = normalise_participant_no(target)
    for line in snap.attendance:
        if line.seat.upper() == target.upper() or normalise_participant_no(
                line.participant_no) == wanted:
            return ParticipantNo(line.participant_no)
    return None


def room_json(snap: RoomSnapshot, service: ProctorService | None = None) -> dict[str, Any]:
    """The room at a glance, for `proctor status --json`."""
    pending: dict[str, int] = {}
    for line in snap.commands:
        if str(line.status) == "pending":
            pending[line.participant_no] = pending.get(line.participant_no, 0) + 1
    return {
        "session": snap.session_id, "exam": snap.exam_id, "room": snap.room,
        "attendance": {str(k): v for k, v in snap.counts().items()},
        "seats": [{"seat": v.seat, "participant_no": v.participant_no, "name": v.name,
                   "status": str(v.status), "phase": str(v.phase) if v.phase else None,
                   "section": v.section_title or None, "answered": v.answered,
                   "total": v.total, "time_left_ms": v.time_left_ms, "paused": v.paused,
                   "locked": v.locked, "hand_raised": v.hand_raised,
                   "incidents": v.incidents, "pending_commands": v.pending_commands,
                   "problem": v.problem, "kiosk_id": v.kiosk_id}
                  for v in snap.seats],
        "incidents": len(snap.incidents),
        "pending_commands": sum(pending.values()),
        **({"preflight": preflight_json(service),
            "held": [h.to_json() for h in service.held_logins()]}
           if service is not None else {}),
    }


def preflight_json(service: ProctorService) -> dict[str, Any]:
    """Each kiosk's `ujikom doctor` report as the server last received it (the console's
    PC check)."""
    reports, summary = service.preflight()
    return {"passed": summary.passed, "warned": summary.warned, "failed": summary.failed,
            "missing": list(summary.missing), "seats": [r.to_json() for r in reports]}


# -- the shell's side -------------------------------------------------------------------------

def _ask(args: argparse.Namespace, request: dict[str, Any]) -> dict[str, Any]:
    from exam_bank.problems import InputError, Problem
    from proctor.control_socket import ControlError, ask, socket_path

    try:
        answer = ask(socket_path(args.dir), {**request, "session": args.session})
    except ControlError as exc:
        raise InputError([Problem(str(args.dir), str(exc).split(": ", 1)[-1],
                                  field="--dir")]) from None
    return answer


def cmd_control(args: argparse.Namespace) -> int:
    from proctor.lab import read_info

    by = args.by if args.by is not None else read_info(args.dir).proctor_name
    answer = _ask(args, {"do": "control", "target": args.target, "action": args.action,
                         "reason": args.reason, "by": by, "minutes": args.minutes,
                         "text": args.text, "kiosk": args.kiosk})
    if not answer.get("ok"):
        print(f"{args.dir}: {answer.get('error', 'refused')}", file=sys.stderr)
        for seat in answer.get("failing", []):
            print(f"  {json.dumps(seat, ensure_ascii=False)}", file=sys.stderr)
        return ExitCode.INPUT_ERROR
    extra = {k: v for k, v in answer.items() if k not in ("ok", "action", "participant_no")}
    who = answer.get("participant_no") or "all"
    print(f"{args.action} -> {who}: sent" + "".join(f"; {k}: {v}" for k, v in extra.items()))
    if args.action in (str(a) for a in ControlAction):
        print("(pending until the candidate's kiosk applies it: ujikom proctor status)",
              file=sys.stderr)
    if "quit_code" in answer:  # where the code goes: the exit dialog at the seat
        print("(at the kiosk press Ctrl+Alt+Shift+K and type the code)", file=sys.stderr)
    return ExitCode.OK


def cmd_status(args: argparse.Namespace) -> int:
    answer = _ask(args, {"do": "room"})
    if not answer.get("ok"):
        print(f"{args.dir}: {answer.get('error', 'refused')}", file=sys.stderr)
        return ExitCode.INPUT_ERROR
    answer.pop("ok")
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return ExitCode.OK
    counts = answer["attendance"]
    print(f"{answer['exam']} session {answer['session']}, room {answer['room']}: "
          f"{'open' if answer['session_open'] else 'closed'}, token {answer['token']}")
    print(f"present {counts.get('present', 0) + counts.get('late', 0)}, absent "
          f"{counts.get('absent', 0)}, not yet {counts.get('not_yet', 0)}; "
          f"{answer['incidents']} incident(s), {answer['pending_commands']} command(s) "
          "pending")
    check = answer.get("preflight")
    if check is not None:
        failing = [f"{s['seat'] or '?'} ({s['kiosk_id']})" for s in check["seats"]
                   if s["status"] == "fail"]
        print(f"PC check: {check['passed']} pass, {check['warned']} warn, {check['failed']} "
              f"fail{': ' + ', '.join(failing) if failing else ''}; "
              f"{len(check['missing'])} connected without a report")
    for line in held_lines(answer.get("held", [])):
        print(line)
    for seat in answer["seats"]:
        flags = [name for name in ("paused", "locked", "hand_raised") if seat[name]]
        if seat["pending_commands"]:
            flags.append(f"{seat['pending_commands']} pending")
        left = seat["time_left_ms"]
        clock = f"{left // 60000}:{left // 1000 % 60:02d}" if left is not None else ""
        print(f"{'!' if seat['problem'] else ' '} {seat['seat']:<5} "
              f"{seat['participant_no'] or '-':<14} {seat['status']:<8} "
              f"{seat['phase'] or '-':<17} {seat['answered']:>3}/{seat['total']:<3} "
              f"{clock:>7} {' '.join(flags)}")
    return ExitCode.OK


def held_lines(held: list[dict[str, Any]]) -> list[str]:
    """The held first logins the server lists, worded from their reason codes."""
    from proctor.held import HeldLogin

    lines = []
    for data in held:
        h = HeldLogin.from_json(data)
        lines.append(f"held login: {h.participant_no} on {h.kiosk_id} at seat {h.seat}: "
                     f"{h.why} (ujikom proctor decide ... --participant {h.participant_no} "
                     f"--login-on {h.kiosk_id} --accept|--reject --reason ...)")
    return lines


def cmd_berita_acara(args: argparse.Namespace) -> int:
    from proctor import berita_acara
    from proctor.ba_file import read_form, template
    from proctor.lab import open_lab
    from proctor.opening import open_exam, open_replica, proctor_passphrase
    from proctor.room import Room
    from proctor.seal import draft_path, load_minutes, session_record

    lab = open_lab(args.dir, proctor_passphrase(args))
    package, exam_key, package_digest = open_exam(args)
    replica = open_replica(lab, exam_key.exam_id, package_digest, args.session)
    try:
        record = session_record(lab, package, replica, args.session)
    finally:
        replica.close()
    room = Room(package, args.session)
    draft = draft_path(lab, package, args.session)
    base, ignored = load_minutes(lab, package, args.session)
    if ignored:  # another exam's draft under the old name: never this one's berita acara
        print(f"warning: {ignored}", file=sys.stderr)
    if base is None:
        base = berita_acara.from_snapshot(room.snapshot(0), agency=room.agency)
    base = replace(berita_acara.with_record(base, record), exam_id=package.blueprint.exam.id)
    if not base.proctor1.name:  # the lab's proctor, as `proctor init` named them
        base = replace(base, proctor1=berita_acara.Signer(lab.info.proctor_name,
                                                          base.proctor1.nip))
    if args.template:
        sys.stdout.write(template(base))
        return ExitCode.OK
    report = read_form(args.source, base, dt.date.today())  # NIPs checked against today
    pdf = args.pdf or berita_acara.pdf_file(lab.dir, package.blueprint.exam.id, args.session)
    berita_acara.save_draft(report, draft)
    berita_acara.render_pdf(report, pdf)
    print(f"berita acara of {args.session}: {pdf} (draft kept in {draft} for "
          "`ujikom proctor seal`)")
    return ExitCode.OK
