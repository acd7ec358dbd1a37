"""The lab's day in `ujikom demo`: a proctor, enrolled kiosks, candidates, the seal, and
the office importing, grading and reporting: every step through the real commands.

Session S1 of the sample roster sits in one lab on this machine (127.0.0.1). The proctor
is `ujikom proctor serve` (`console` with a display: its window opens), the kiosks are
headless scripted candidates (`python -m kiosk.headless`), each enrolled with a one-time
code. With a display, one more candidate's kiosk opens in a window for you to sit.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from exam_bank.cliutil import ExitCode
from exam_bank.ids import KioskId, ParticipantNo, SessionId

if TYPE_CHECKING:
    from exam_bank.wire.control import ControlCommand
    from proctor.held import HeldLogin
    from proctor.room import Room

SESSION = SessionId("S1")
SCRIPTED = 4  # headless candidates; the rest of S1 is absent
SPARE = "PC05"  # the spare PC a candidate moves to when theirs dies
PROCTOR_I, PROCTOR_II = "Sari Dewi, S.Kom.", "Agus Prasetyo, S.E."
WATCHED_PACE_MS = 150  # the candidates the proctor acts on work slowly enough to be seen
PAPER = (
    "# Pendahuluan\n\n"
    "Pelayanan perizinan di Kota Sukamaju masih lambat: rata-rata **21 hari** untuk izin "
    "usaha, padahal standar pelayanan menetapkan 7 hari.\n\n"
    "# Analisis masalah\n\n"
    "1. Berkas diperiksa berulang di tiga meja yang berbeda.\n"
    "2. Sistem daring belum terhubung dengan dinas teknis.\n"
    "3. Pemohon tidak tahu posisi berkasnya.\n\n"
    "# Usulan\n\n"
    "- Satu meja pemeriksaan dengan daftar periksa yang baku.\n"
    "- Integrasi data dengan dinas teknis dalam 6 bulan.\n"
    "- Notifikasi status kepada pemohon melalui pesan singkat.\n\n"
    "Dengan langkah ini waktu layanan dapat turun menjadi *7 hari* dalam satu tahun, "
    "dan kepercayaan masyarakat meningkat.\n"
)


@dataclass(frozen=True)
class Exam:
    package: Path
    key: Path
    trust: Path
    pins: Path


def _python(*argv: str) -> list[str]:
    return [sys.executable, *argv]


def _capture(*argv: str) -> str:
    """A step whose output the demo needs (a one-time code): run as a process."""
    print(f"\n$ ujikom {' '.join(argv)}", flush=True)
    done = subprocess.run(_python("-m", "ujikom.cli", *argv), capture_output=True, text=True,
                          check=False)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise SystemExit(f"demo step failed: ujikom {' '.join(argv)}")
    return done.stdout


def _pins(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {row["no_peserta"]: row["pin"] for row in csv.DictReader(f)}


def _open_package(exam: Exam) -> Any:
    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.crypto.examkey import read_exam_key
    from exam_bank.exam_package import open_exam_package

    key = read_exam_key(exam.key, os.environ["UJIKOM_EXAM_KEY_PASSPHRASE"].encode())
    return open_exam_package(exam.package, [load_authority_public(exam.trust)], key)


def _candidates(package: Any) -> list[str]:
    return [c.participant_no for c in package.roster.candidates_in(SESSION)
            if c.participant_no in package.forms]


def _start_proctor(out: Path, exam: Exam, display: bool) -> tuple[subprocess.Popen[str],
                                                                  dict[str, Any]]:
    role = "console" if display else "serve"
    argv = ["proctor", role, "--dir", str(out / "lab"), "--package", str(exam.package),
            "--key", str(exam.key), "--trust", str(exam.trust), "--session", SESSION,
            "--host", "127.0.0.1", "--port", "0", "--enroll-port", "0", "--open"]
    print(f"\n$ ujikom {' '.join(argv)} &", flush=True)
    argv.append("--control-stdin")  # the proctor's clicks, as JSON lines (`Proctor.ask`)
    proc = subprocess.Popen(_python("-m", "ujikom.cli", *argv), stdout=subprocess.PIPE,
                            stdin=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    try:
        ready = json.loads(line)
    except json.JSONDecodeError:
        proc.kill()
        raise SystemExit(f"the proctor did not start: {line.strip()}") from None
    print(f"  proctor listening on 127.0.0.1:{ready['port']} (enrollment "
          f"{ready['enroll_port']}), session token {ready['token']}")
    return proc, ready


def _enroll(out: Path, ready: dict[str, Any], kiosk_id: str, seat: str,
            run: Callable[..., None]) -> Path:
    code = _capture("proctor", "enroll-code", "--dir", str(out / "lab")).split()[0]
    folder = out / "kiosks" / kiosk_id
    run("kiosk", "enroll", "--proctor", f"127.0.0.1:{ready['enroll_port']}", "--code", code,
         "--dir", str(folder), "--kiosk-id", kiosk_id)
    config = folder / "kiosk.toml"
    config.write_text("[proctor]\n"
                      f'address = "127.0.0.1:{ready["port"]}"\n'
                      f'kiosk_id = "{kiosk_id}"\nseat = "{seat}"\ndir = "."\n', "utf-8")
    return config


def _headless(config: Path, exam: Exam, participant_no: str, pin: str,
              log: IO[str], pace_ms: int = 5) -> subprocess.Popen[str]:
    script = config.parent / f"skrip-{participant_no}.json"
    script.write_text(json.dumps({"participant_no": participant_no, "pin": pin,
                                  "makalah_text": PAPER, "makalah_chunk": 80,
                                  "pace_ms": pace_ms, "sync_timeout_s": 120}), "utf-8")
    return subprocess.Popen(
        _python("-m", "kiosk.headless", "--config", str(config), "--package",
                str(exam.package), "--trust", str(exam.trust), "--script", str(script)),
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)


class Proctor:
    """The proctor's controls, through `proctor serve --control-stdin` (one JSON request
    a line, one JSON reply a line): what the console's buttons do."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        reply: dict[str, Any] = json.loads(self.proc.stdout.readline())
        if not reply.get("ok"):
            raise SystemExit(f"the proctor refused {request}: {reply}")
        return reply

    def send(self, action: str, participant_no: str, reason: str, by: str = PROCTOR_I,
             **extra: Any) -> None:
        print(f"  pengawas {by}: {action} {participant_no} ({reason})", flush=True)
        self.ask({"do": "send", "action": action, "reason": reason, "by": by,
                  "participants": [participant_no], **extra})


def _lines(log: Path) -> list[dict[str, Any]]:
    """The JSON lines a headless kiosk printed so far."""
    out = []
    for line in log.read_text("utf-8", errors="replace").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def _wait_for(log: Path, what: str, count: int = 1, timeout: float = 120) -> None:
    """Until the kiosk has printed `count` lines of event `what`."""
    deadline = time.monotonic() + timeout
    while sum(line.get("event") == what for line in _lines(log)) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"the demo waited in vain for {what!r} in {log}")
        time.sleep(0.1)


def _proctor_day(proctor: Proctor, out: Path, exam: Exam, people: list[str],
                 pins: dict[str, str], kiosks: list[subprocess.Popen[str]],
                 logs: list[IO[str]]) -> None:
    """What a real day has: a pause, extra time, a lock for a phone on the desk, a PC that
    dies and a candidate moved to the spare PC; each command with the proctor's reason."""
    paused, extended, locked, moved = people[:SCRIPTED]
    log_of = {pno: Path(logs[n].name) for n, pno in enumerate(people[:SCRIPTED])}
    print("\n== Proctor: what happens in the room ==")
    _wait_for(log_of[paused], "answered", 3)
    proctor.send("pause", paused, "Peserta izin ke toilet, didampingi pengawas")
    _wait_for(log_of[paused], "command", 1)
    time.sleep(2)
    proctor.send("resume", paused, "Peserta kembali ke tempat duduk")
    _wait_for(log_of[extended], "answered", 3)
    proctor.send("extend", extended, "Layar PC02 mati 10 menit, diganti waktunya",
                 by=PROCTOR_II, minutes=10)
    _wait_for(log_of[locked], "answered", 3)
    proctor.send("lock", locked, "Ada HP di meja")
    _wait_for(log_of[locked], "command", 1)
    time.sleep(2)
    proctor.send("unlock", locked, "HP diserahkan kepada pengawas")
    _wait_for(log_of[moved], "answered", 3)
    index = people.index(moved)
    kiosks[index].kill()  # the PC dies mid-exam
    kiosks[index].wait()
    print(f"  the PC of {moved} dies; the proctor lets them carry on at {SPARE}")
    time.sleep(1)
    proctor.ask({"do": "authorize_move", "participant_no": moved, "kiosk_id": SPARE,
                 "by": PROCTOR_I, "reason": "PC peserta mati, dipindah ke PC cadangan"})
    config = out / "kiosks" / SPARE / "kiosk.toml"
    log = open(config.parent / "kiosk.log", "w", encoding="utf-8")  # noqa: SIM115
    logs.append(log)
    kiosks[index] = _headless(config, exam, moved, pins[moved], log, WATCHED_PACE_MS)


def _berita_acara(out: Path, package: Any) -> None:
    """The proctor's minutes, as the console's form fills them from the room."""
    from proctor import berita_acara
    from proctor.berita_acara import Signer
    from proctor.lab import PASSPHRASE_ENV, open_lab
    from proctor.replica import Replica
    from proctor.room import Room, monotonic_ms

    lab = open_lab(out / "lab", os.environ[PASSPHRASE_ENV].encode())
    room = Room(package, SESSION)
    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        for pno in rep.participants():
            room.replicated(pno, rep.events(pno))
        for inc in rep.incidents(SESSION):
            # At their own time, as the server re-feeds them (`LabServer.start`).
            room.incident(inc.seat, inc.participant_no, inc.kind, inc.evidence, inc.wall)
            if inc.count > 1:
                room.incident_repeated(inc.kind, inc.evidence, inc.count,
                                       inc.last_wall or inc.wall)
        for action in rep.actions(SESSION):
            room.action(action)
    report = berita_acara.from_snapshot(room.snapshot(monotonic_ms()),
                                        agency=package.blueprint.exam.agency,
                                        record=room.day_record())
    report = dataclasses.replace(
        report, notes="Ujian berjalan tertib. Demo Ujikom.",
        proctor1=Signer(PROCTOR_I, "198503122010012002"),
        proctor2=Signer(PROCTOR_II, "198707082011011003"),
        head=Signer("Dra. Rina Marlina, M.Si.", "197001151995032001"),
        witness=Signer("Drs. H. Bambang Sutrisno", "196805121994031005"))
    berita_acara.save_draft(report, berita_acara.draft_file(lab.dir, package.blueprint.exam.id,
                                                            SESSION))
    print(f"  berita acara filled in: {report.present} present, {report.absent} absent")
    _console_picture(room, lab.dir, out / "layar-pengawas.png")


class _ClosedSession:
    """The console's service once the session is over: the picture sends no command."""

    token = "------"

    def _over(self) -> NoReturn:
        raise RuntimeError("the session is over")

    def send(self, command: ControlCommand) -> None:
        self._over()

    def new_token(self, by: str = "", reason: str = "") -> str:
        self._over()

    def enrollment_code(self, by: str = "", reason: str = "") -> str:
        self._over()

    def authorize_move(self, participant_no: ParticipantNo, kiosk_id: KioskId,
                       by: str = "", reason: str = "") -> None:
        self._over()

    def quit_code(self, participant_no: ParticipantNo | None = None, by: str = "",
                  reason: str = "") -> str:
        self._over()

    def decide_login(self, participant_no: ParticipantNo, kiosk_id: KioskId, accept: bool,
                     reason: str, by: str) -> None:
        self._over()

    def held_logins(self) -> list[HeldLogin]:
        return []  # nobody waits at a closed session


def _console_picture(room: Room, state_dir: Path, path: Path) -> None:
    """The proctor's console at the end of the session, as a picture in demo-out."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtWidgets import QApplication

    from proctor.console.window import ConsoleWindow

    app = QApplication.instance() or QApplication([])
    window = ConsoleWindow(room, _ClosedSession(), state_dir)
    window.resize(1366, 768)
    window.show()
    window.refresh()
    app.processEvents()
    window.grab().save(str(path))
    # Gone, not just hidden: its refresh timer must not go on firing in this process (the
    # in-process demo test is followed by other tests).
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print(f"  the console at the end of the session: {path}")


def _fill_sheet(sheet_path: Path, assessor: str) -> None:
    """An assessor's marks in every grading sheet (one per makalah prompt)."""
    import random

    from openpyxl import load_workbook

    from exam_bank.results.grading import RUBRIC_SHEET, SHEET

    book = load_workbook(sheet_path)
    top = {(row[0], row[1]): _points(row[4]) for row in book[RUBRIC_SHEET].iter_rows(
        min_row=2, values_only=True)}
    rng = random.Random(assessor)
    for sheet in book.worksheets:
        if not sheet.title.startswith(SHEET):
            continue
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            item = row[1].value
            for cell, name in zip(row, header, strict=False):
                if (item, name) in top:
                    mark = top[(item, name)]
                    cell.value = max(1, round(mark * rng.uniform(0.55, 0.9)))
    book.save(sheet_path)


def _points(cell: object) -> float:
    """A criterion's top mark as the rubric sheet gives it (4 where it gives none)."""
    return float(cell) if isinstance(cell, int | float) and cell > 0 else 4.0


def _grade(out: Path, store: Path, run: Callable[..., None]) -> None:
    """Two assessors grade every paper blind (the sheets name codes, not candidates); a
    third grades the papers on which the two differ too much."""
    folder = out / "penilaian"
    run("bank", "grading", "export", "--store", str(store), "--out", str(folder),
        "--assessor", "Asesor A", "--assessor", "Asesor B")
    for assessor in ("Asesor A", "Asesor B"):
        sheet_path = folder / assessor.replace(" ", "_") / "penilaian.xlsx"
        _fill_sheet(sheet_path, assessor)
        run("bank", "grading", "import", str(sheet_path), "--assessor", assessor,
            "--store", str(store))
    third = out / "penilaian-ketiga"
    run("bank", "grading", "export", "--store", str(store), "--out", str(third),
        "--third", "Asesor C")
    sheet_path = third / "Asesor_C" / "penilaian.xlsx"
    if any(third.glob("Asesor_C/*.txt")):
        _fill_sheet(sheet_path, "Asesor C")
        run("bank", "grading", "import", str(sheet_path), "--assessor", "Asesor C",
            "--store", str(store))
    run("bank", "grading", "status", "--store", str(store))


def run_lab_day(out: Path, exam: Exam, display: bool, run: Callable[..., None]) -> int:
    """The lab's day, then the office's import; `run` is one `ujikom` step (step_runner)."""
    print("\n== Lab: the proctor's PC ==")
    run("proctor", "init", "--dir", str(out / "lab"), "--lab",
         "Lab CAT BKPSDM Kota Sukamaju", "--proctor", "Sari Dewi, S.Kom.", "--host",
         "127.0.0.1")
    print("\n== Office: the admin's certificate, given to the lab before the day ==")
    run("bank", "admin", "init", str(out / "admin"), "--name", "Admin BKPSDM Kota Sukamaju")

    package = _open_package(exam)
    people = _candidates(package)
    pins = _pins(exam.pins)
    proctor, ready = _start_proctor(out, exam, display)
    kiosks: list[subprocess.Popen[str]] = []
    logs: list[IO[str]] = []
    try:
        print("\n== Lab: enrolling the kiosks (one-time codes) ==")
        # PC01-PC04 for the scripted candidates, PC05 the spare, PC06 for you (display).
        # Each PC stands at the seat the roster plans for the candidate who sits at it: a
        # first login away from the seat plan waits for the proctor's approval.
        plan = {c.participant_no: c.seat for c in package.roster.candidates_in(SESSION)}
        sitters = {n: people[n] for n in range(min(SCRIPTED, len(people)))}
        if len(people) > SCRIPTED:
            sitters[SCRIPTED + 1] = people[SCRIPTED]
        configs = [_enroll(out, ready, f"PC{n + 1:02d}",
                           plan.get(sitters.get(n, ""), "") or f"PC{n + 1:02d}", run)
                   for n in range(SCRIPTED + 2)]
        print(f"\n== Candidates of session {SESSION} sit the exam ==")
        for config, pno in zip(configs, people[:SCRIPTED], strict=False):
            log = open(config.parent / "kiosk.log", "w", encoding="utf-8")  # noqa: SIM115
            logs.append(log)
            kiosks.append(_headless(config, exam, pno, pins[pno], log, WATCHED_PACE_MS))
            print(f"  {config.parent.name}: {pno} (scripted, log in {log.name})")
        _proctor_day(Proctor(proctor), out, exam, people, pins, kiosks, logs)
        if display and len(people) > SCRIPTED:
            _sit_yourself(out, exam, configs[-1], people[SCRIPTED], pins[people[SCRIPTED]],
                          ready["token"])
        for kiosk in kiosks:
            if kiosk.wait(timeout=600) != 0:
                raise SystemExit(f"a scripted kiosk failed: see {out / 'kiosks'}/*/kiosk.log")
        print(f"  {len(kiosks)} scripted candidates submitted; every log is at the proctor")
        _berita_acara(out, package)
    finally:
        for kiosk in kiosks:
            if kiosk.poll() is None:
                kiosk.kill()
        for opened in logs:
            opened.close()
        proctor.terminate()
        proctor.wait(30)
        for pipe in (proctor.stdout, proctor.stdin):
            if pipe is not None:
                pipe.close()

    print("\n== Lab: sealing the session for the office ==")
    bundle = out / f"hasil-{SESSION}.p7m"
    run("proctor", "seal", "--dir", str(out / "lab"), "--package", str(exam.package),
         "--key", str(exam.key), "--trust", str(exam.trust), "--session", SESSION,
         "--admin-cert", str(out / "admin" / "admin.pem"), "--out", str(bundle))
    _openssl_check(out, bundle)

    print("\n== Office: import, blind grading, reports ==")
    store = out / "hasil.db"
    run("bank", "import-results", str(bundle), "--store", str(store), "--admin-cert",
         str(out / "admin" / "admin.pem"), "--admin-key", str(out / "admin" / "admin.p12"),
         "--trust", str(out / "lab" / "ca.pem"), "--package", str(exam.package), "--key",
         str(exam.key), "--trust-authority", str(exam.trust))
    _grade(out, store, run)
    run("bank", "report", "--store", str(store), "--package", str(exam.package), "--key",
         str(exam.key), "--trust-authority", str(exam.trust), "--out", str(out))
    return ExitCode.OK


def _openssl_check(out: Path, bundle: Path) -> None:
    """What anyone can do with stock OpenSSL: decrypt as the admin, verify the proctor."""
    import shutil

    if shutil.which("openssl") is None:
        print("  (openssl is not installed: skipping the stock-OpenSSL check)")
        return
    signed, content = out / f"{bundle.stem}.signed.der", out / f"{bundle.stem}.zip"
    steps: Sequence[list[str]] = (
        ["openssl", "cms", "-decrypt", "-inform", "DER", "-in", str(bundle), "-inkey",
         str(out / "admin" / "admin.p12"), "-passin", "env:UJIKOM_ADMIN_PASSPHRASE",
         "-recip", str(out / "admin" / "admin.pem"), "-out", str(signed)],
        ["openssl", "cms", "-verify", "-inform", "DER", "-in", str(signed), "-CAfile",
         str(out / "lab" / "ca.pem"), "-purpose", "smimesign", "-out", str(content)],
    )
    for argv in steps:
        print(f"\n$ {' '.join(argv)}", flush=True)
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        print(f"  {done.stderr.strip() or 'ok'}")
        if done.returncode != 0:
            raise SystemExit("stock OpenSSL could not open the sealed bundle")
    signed.unlink()


def _sit_yourself(out: Path, exam: Exam, config: Path, participant_no: str, pin: str,
                  token: str) -> None:
    """With a display: a kiosk window for you, as one more candidate of the session."""
    print("\n== Your turn: a kiosk window opens ==\n"
          f"  Nomor peserta: {participant_no}\n  PIN: {pin}\n  Token: {token}\n"
          "  Close the window (or submit and close) to let the demo carry on.")
    argv = ["kiosk", "--config", str(config), "--package", str(exam.package), "--trust",
            str(exam.trust), "--windowed"]
    print(f"\n$ ujikom {' '.join(argv)}", flush=True)
    subprocess.run(_python("-m", "ujikom.cli", *argv), check=False)
    time.sleep(1)  # the link's last batch
