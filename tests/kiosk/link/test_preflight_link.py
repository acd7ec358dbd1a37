"""The kiosk's start-up preflight goes to the proctor over the link, and again after a
reconnect (a restarted proctor learns every seat's preflight anew)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from exam_bank.preflight import Check, Report, Status
from exam_bank.wire.protocol import Preflight
from kiosk.config import KioskConfig
from kiosk.doctor.proctor import message, preflight_at_start
from kiosk.link.client import LinkError
from kiosk.lockdown.detectors import ScreenInfo
from tests.kiosk.link.conftest import KioskFactory, wait_for
from tests.kiosk.link.fakeproctor import FakeProctor

SCREEN = [ScreenInfo("HDMI-A-1", "1920x1080+0+0")]


def test_the_start_up_preflight_reaches_the_proctor_and_is_sent_again_after_a_reconnect(
        proctor: FakeProctor, make_kiosk: KioskFactory, tmp_path: Path) -> None:
    kiosk = make_kiosk("PC07", "A07")
    kiosk.start(10)
    asked: dict[str, object] = {}

    def make(data: Path, **kw: object) -> Report:
        asked.update(kw, data=data)
        return Report("lab1-pc07", "PC07", "A07", "2026-12-07T07:00:00+07:00", "0.1.0",
                      (Check("screens", Status.PASS, "Satu layar", "One screen"),))

    config = KioskConfig(proctor={"address": "127.0.0.1:1", "kiosk_id": "PC07",
                                  "seat": "A07", "dir": str(tmp_path / "enrolled")},
                         source=str(tmp_path / "kiosk.toml"))
    preflight_at_start(kiosk, config, SCREEN, make=make).join(10)
    assert asked["screens"] == SCREEN  # what Qt saw, not guessed again
    assert asked["data"] == tmp_path / "enrolled" / "data"
    assert asked["clock_problem"] is not None  # this fake proctor sends no clock

    def sent() -> list[Preflight]:
        return [m for m in proctor.received if isinstance(m, Preflight)]

    wait_for(lambda: len(sent()) == 1)
    assert sent()[0].checks[0].detail_en == "One screen"
    connects = kiosk.status.connects
    proctor.drop_connections()
    wait_for(lambda: kiosk.status.connects > connects and len(sent()) == 2)


def test_a_preflight_finished_after_the_kiosk_quit_is_dropped_quietly(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    """The doctor runs beside the starting kiosk; when the kiosk quits first (a quick
    start-and-quit), the report finds the link's loop closed: the future says so, and no
    traceback reaches the kiosk's stderr (it once did, from the doctor's thread)."""
    kiosk = make_kiosk("PC07", "A07")
    kiosk.start(10)
    kiosk.link.stop()
    report = Report("lab1-pc07", "PC07", "A07", "2026-12-07T07:00:00+07:00", "0.1.0",
                    (Check("screens", Status.PASS, "Satu layar", "One screen"),))
    done = kiosk.link.set_preflight(message(report))
    with pytest.raises(LinkError, match="stopped"):
        done.result(5)


def test_closing_the_kiosk_waits_for_its_start_up_preflight(
        proctor: FakeProctor, make_kiosk: KioskFactory, tmp_path: Path) -> None:
    """The doctor's thread once ran on past the kiosk's quit into the interpreter's
    shutdown, where a thread still writing to stderr aborts the process (SIGABRT, seen in
    the e2e GUI kiosk on a loaded machine). Closing the kiosk now waits for it."""
    kiosk = make_kiosk("PC07", "A07")
    kiosk.start(10)
    started = threading.Event()

    def make(data: Path, **kw: object) -> Report:
        started.set()
        time.sleep(0.5)  # a doctor still measuring the disk when the kiosk quits
        return Report("lab1-pc07", "PC07", "A07", "2026-12-07T07:00:00+07:00", "0.1.0",
                      (Check("screens", Status.PASS, "Satu layar", "One screen"),))

    config = KioskConfig(proctor={"address": "127.0.0.1:1", "kiosk_id": "PC07",
                                  "seat": "A07", "dir": str(tmp_path / "enrolled")},
                         source=str(tmp_path / "kiosk.toml"))
    thread = preflight_at_start(kiosk, config, SCREEN, make=make)
    assert started.wait(5)
    kiosk.close()
    assert not thread.is_alive()
