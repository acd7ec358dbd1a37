"""Two screens for real (Qt's offscreen platform configured with two): the exam fills the
primary one, a cover fills the other, and the extra screen is one incident."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCREENS = {"screens": [
    {"name": "HDMI-1", "x": 0, "y": 0, "width": 1366, "height": 768,
     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    {"name": "DP-2", "x": 1366, "y": 0, "width": 1920, "height": 1080,
     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def test_a_second_screen_gets_a_cover_and_one_incident(tmp_path: Path, shot_dir: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS))
    shot = shot_dir
    env = os.environ | {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    out = subprocess.run([sys.executable, "-m", "tests.kiosk.lockdown.two_screens",
                          str(shot / "cover-second-screen.png")], capture_output=True,
                         text=True, cwd=ROOT, env=env, check=False, timeout=60)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    other = ({"HDMI-1", "DP-2"} - {report["primary"]}).pop()
    assert report["window_screen"] == report["primary"]
    assert report["window_full_screen"] is True
    assert report["covers"] == [[other, True, True]]
    assert report["active"] is True  # a click on the cover hands the keyboard back
    [[kind, evidence]] = report["incidents"]
    assert kind == "extra_screen"
    assert evidence.startswith(f"screen={other} ") and evidence.endswith("screens=2")
