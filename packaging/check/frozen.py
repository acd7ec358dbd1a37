"""The frozen application answers without Python installed: `--version` and a doctor
report with every check (part of `make package-check`).

    python packaging/check/frozen.py dist/app/ujikom/ujikom
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile

CHECKS = {"disk", "write_speed", "clock", "screens", "network", "removable", "vm",
          "remote_access", "fonts", "opengl", "enrollment"}


def main(app: str) -> int:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}  # no venv, no PYTHONPATH
    version = subprocess.run([app, "--version"], capture_output=True, text=True, env=env,
                             check=True, timeout=60).stdout.strip()
    assert version.startswith("ujikom "), version
    with tempfile.TemporaryDirectory(prefix="packaging-frozen-") as data:
        out = subprocess.run([app, "doctor", "--json", "--data", data], capture_output=True,
                             text=True, env=env, timeout=120, check=False)
    report = json.loads(out.stdout)
    assert {c["check"] for c in report["checks"]} == CHECKS, report
    assert out.returncode == {"pass": 0, "warn": 1, "fail": 2}[report["status"]]
    # Qt inside the folder: the locked screen comes up offscreen and goes.
    qt = subprocess.run([app, "kiosk", "--exit-when-ready", "locked"], capture_output=True,
                        text=True, env={**env, "QT_QPA_PLATFORM": "offscreen"}, timeout=60,
                        check=False)
    assert qt.returncode == 0, qt.stderr
    # (SQLCipher inside the folder: the headless lab that `make package-check` runs next.)
    print(f"frozen app: {version}; Qt starts; doctor {report['status']} (exit {out.returncode}), "
          f"{len(report['checks'])} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
