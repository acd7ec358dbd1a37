"""The kiosk session for real, without a monitor: a proctor (the frozen app) opens a
session, a kiosk is enrolled, and cage runs /usr/lib/ujikom/kiosk-session exactly as
ujikom-kiosk.service does, on wlroots' headless backend; grim takes the screenshots
(the login screen; the locked screen when no exam package is there). A person looks at
them: dist/check/kiosk-session.png and kiosk-locked.png.

    python packaging/check/session.py dist/app/ujikom/ujikom dist/check

Needs cage and grim (Debian packages; installed when missing and root).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SESSION_SCRIPT = ROOT / "packaging/linux/kiosk/kiosk-session"
PASS = {"UJIKOM_AUTHORITY_PASSPHRASE": "authority-session-check",
        "UJIKOM_EXAM_KEY_PASSPHRASE": "exam-key-session-check",
        "UJIKOM_PROCTOR_PASSPHRASE": "proctor-session-check"}
KIOSK_PASS = "kiosk-session-check"
# cage refuses to run as root; the kiosk runs as its own user, as ujikom-kiosk.service
# runs it as ujikom-kiosk.
USER = "ujikom-check"


def kiosk_user() -> list[str]:
    """The command prefix that runs as the unprivileged check user (made if missing)."""
    if os.geteuid() != 0:
        return []
    if subprocess.run(["id", USER], capture_output=True, check=False).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", USER], check=True)
    return ["runuser", "-u", USER, "--"]


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True,
                       stdout=subprocess.DEVNULL)
    elif missing:
        sys.exit(f"session check needs: {' '.join(missing)} (Debian packages)")


def proctor(app: str, work: Path, lab: object) -> tuple[subprocess.Popen[str], dict]:
    state = work / "lab"
    env = os.environ | PASS
    subprocess.run([app, "proctor", "init", "--dir", str(state), "--lab", "Lab Uji",
                    "--proctor", "Bu Sari", "--host", "127.0.0.1"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    proc = subprocess.Popen(
        [app, "proctor", "serve", "--dir", str(state), "--package", str(lab.package),
         "--key", str(lab.key), "--trust", lab.trust, "--session", "S1", "--host",
         "127.0.0.1", "--port", "0", "--enroll-port", "0", "--open", "--control-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    ready = json.loads(proc.stdout.readline())
    assert ready.get("ready"), ready
    return proc, ready


def ask(proc: subprocess.Popen[str], **request: object) -> dict:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps(request) + "\n")
    proc.stdin.flush()
    return dict(json.loads(proc.stdout.readline()))


def kiosk_files(app: str, work: Path, lab: object, ready: dict, code: str,
                package: Path | None) -> Path:
    """What the technician sets up on a kiosk PC: enrolled, kiosk.toml, session conf."""
    enrolled = work / "enrolled"
    (work / "kiosk.pass").write_text(KIOSK_PASS + "\n")
    subprocess.run([app, "kiosk", "enroll", "--proctor", f"127.0.0.1:{ready['enroll_port']}",
                    "--code", code, "--dir", str(enrolled), "--kiosk-id", "LAB1-PC07",
                    "--passphrase-file", str(work / "kiosk.pass")], check=True,
                   stdout=subprocess.DEVNULL)
    toml = work / "kiosk.toml"
    toml.write_text(
        "[lockdown]\nallow_vm = true\n\n[proctor]\n"
        f'address = "127.0.0.1:{ready["port"]}"\nkiosk_id = "LAB1-PC07"\nseat = "A07"\n'
        f'dir = "{enrolled}"\ndata = "{work / "data"}"\n'
        f'passphrase_file = "{work / "kiosk.pass"}"\n')
    conf = work / "kiosk-session.conf"
    conf.write_text(f'KIOSK_TOML="{toml}"\nPACKAGE="{package or ""}"\n'
                    f'TRUST="{lab.trust}"\nKIOSK_LANG=id\n')
    return conf


def shoot(app: str, conf: Path, runtime: Path, out: Path, wait_s: float,
          until: object = None) -> subprocess.Popen[bytes]:
    """cage + the session script, headless; the screenshot once `until()` holds (or after
    `wait_s`). Returns cage, still running."""
    env = os.environ | {
        "WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman",
        "WLR_HEADLESS_OUTPUTS": "1", "XDG_RUNTIME_DIR": str(runtime),
        "XDG_SESSION_TYPE": "wayland", "QT_QPA_PLATFORM": "wayland",
        "UJIKOM_KIOSK_SESSION_CONF": str(conf), "UJIKOM_BIN": app}
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    for stale in runtime.glob("wayland-*"):  # a cage that was stopped leaves its socket
        stale.unlink()
    before: set[Path] = set()
    with open(out.with_suffix(".log"), "wb") as log:  # cage keeps its own copy of the fd
        cage = subprocess.Popen([*kiosk_user(), "env", *(f"{k}={v}" for k, v in env.items()
                                                     if k.startswith(("WLR_", "XDG_", "QT_",
                                                                      "UJIKOM_"))),
                             # -r -r (180 degrees): on the headless backend cage scans a
                             # full-screen window's buffer out directly and grim then
                             # copies a black frame; rotated, cage composes the frame.
                             "cage", "-d", "-r", "-r", "--", "sh", str(SESSION_SCRIPT)],
                            env=env,
                                stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + wait_s
    sockets: list[Path] = []
    while time.monotonic() < deadline:
        sockets = [p for p in runtime.glob("wayland-*") if p not in before
                   and not p.name.endswith(".lock")]
        if sockets and (until is None or until()):  # type: ignore[operator]
            break
        time.sleep(0.5)
    assert sockets, f"cage made no Wayland socket; see {out.with_suffix('.log')}"
    grim_env = {**env, "WAYLAND_DISPLAY": sockets[0].name}
    # Shoot until the picture is more than a black screen and has settled (a window's
    # first frames come a moment after it maps).
    last = -1
    while True:
        subprocess.run([*kiosk_user(), "env", f"XDG_RUNTIME_DIR={runtime}",
                        f"WAYLAND_DISPLAY={sockets[0].name}", "grim", "-"], env=grim_env,
                       check=True, stdout=open(out, "wb"))  # noqa: SIM115
        size = out.stat().st_size
        if (size > 15_000 and abs(size - last) < 200) or time.monotonic() > deadline:
            break
        last = size
        time.sleep(2)
    return cage


def main(app: str, outdir: str) -> int:
    sys.path.insert(0, str(ROOT))
    need("cage", "grim")
    from tests.cli.labkit import build_lab

    out = Path(outdir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    app = str(Path(app).resolve())
    with tempfile.TemporaryDirectory(prefix="packaging-session-") as tmp:
        work = Path(tmp)
        os.environ.update(PASS)
        lab, _ = build_lab(work / "exam")
        runtime = work / "runtime"
        runtime.mkdir(mode=0o700)
        server, ready = proctor(app, work, lab)
        try:
            code = ask(server, do="enroll_code")["code"]
            conf = kiosk_files(app, work, lab, ready, code, lab.package)
            if kiosk_user():  # the kiosk's own files are the kiosk user's, as on a lab PC
                os.chmod(work, 0o755)
                for path in [runtime, work / "enrolled", work / "kiosk.pass"]:
                    subprocess.run(["chown", "-R", USER, str(path)], check=True)
                (work / "data").mkdir()
                subprocess.run(["chown", USER, str(work / "data")], check=True)
                for path in (work / "exam", work / "exam" / "exam", work / "exam" / "authority"):
                    os.chmod(path, 0o755)
                for path in (lab.package, Path(lab.trust)):  # copied in readable on a PC
                    os.chmod(path, 0o644)

            def reported() -> bool:  # the kiosk's start-up preflight reached the proctor
                return bool(ask(server, do="preflight")["seats"])

            cage = shoot(app, conf, runtime, out / "kiosk-session.png", 90, reported)
            seats = ask(server, do="preflight")["seats"]
            cage.terminate()
            cage.wait(10)
            print(f"kiosk session: {out / 'kiosk-session.png'} (preflight at the proctor: "
                  f"{[(s['seat'], s['status']) for s in seats]})")
            conf.write_text(conf.read_text().replace(f'PACKAGE="{lab.package}"',
                                                     f'PACKAGE="{work / "none.ujikom"}"'))
            cage = shoot(app, conf, runtime, out / "kiosk-locked.png", 30)
            cage.terminate()
            cage.wait(10)
            print(f"locked screen: {out / 'kiosk-locked.png'}")
        finally:
            server.terminate()
            server.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
