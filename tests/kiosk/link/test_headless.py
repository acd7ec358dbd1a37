"""The headless kiosk plays a whole exam against the proctor, through a dropped link."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from exam_bank.events import EventType, Phase
from kiosk.headless import Script, main, run
from tests.kiosk.engine.kit import PACKAGE, PINS
from tests.kiosk.link.conftest import KioskFactory
from tests.kiosk.link.fakeproctor import FakeProctor

NO = "P-0002"


def test_a_scripted_candidate_takes_the_whole_exam_and_the_proctor_has_it_all(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    lines: list[dict[str, Any]] = []
    dropped = threading.Event()

    def out(line: dict[str, Any]) -> None:
        lines.append(line)
        if line["event"] == "answered" and not dropped.is_set():
            dropped.set()
            proctor.drop_connections()  # mid-section: the candidate carries on

    script = Script(NO, PINS[NO], pace_ms=5, makalah_text="Pelayanan publik " * 8,
                    makalah_chunk=30, sync_timeout_s=20)
    assert run(kiosk, lambda _: PACKAGE, script, out) == 0
    assert lines[-1]["event"] == "synced" and lines[-1]["phase"] == Phase.SUBMITTED
    log = proctor.log(NO)
    assert log[-1].type == EventType.EXAM_SUBMITTED and log[-1].hash == lines[-1]["hash"]
    assert lines[-1]["answers"] == 6 and lines[-1]["makalah_chars"] == len(script.makalah_text)
    assert kiosk.status.connects >= 2 and not proctor.refusals


def test_a_wrong_pin_stops_the_script_with_a_line_not_a_traceback(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    lines: list[dict[str, Any]] = []
    assert run(make_kiosk(), lambda _: PACKAGE, Script(NO, "000000"), lines.append) == 1
    assert lines[-1] == {"event": "login", "reason": "wrong_pin"}
    assert proctor.log(NO) == []


def test_the_command_line_names_a_bad_config_field_without_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[proctor]\naddress = "proctor-pc"\nkiosk_id = "PC1"\nseat = "A1"\n')
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"participant_no": NO, "pin": PINS[NO]}))
    code = main(["--config", str(config), "--package", str(tmp_path / "x.ujikom"),
                 "--trust", str(tmp_path / "a.pub"), "--script", str(script)])
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 3 and line["event"] == "error"
    assert "proctor.address" in line["why"] and "Traceback" not in line["why"]
