"""The standing fault and attack suite at full length: kill -9 and power-loss
loops over the kiosk's engine and store, a chaotic kiosk-proctor link, the resource attacks
at the issue's scale, and the role attacks. Reports what was tried and what got through.

The suite's pieces live in `tests/faults/` (the CI runs them short); sizes here come from
the environment: UJIKOM_BENCH_KILLS (200), UJIKOM_BENCH_COPIES (100),
UJIKOM_BENCH_ANSWERS (500), UJIKOM_BENCH_FLOOD (250 connections of 4 MiB).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import Report
from exam_bank.ids import KioskId, SessionId

DESCRIPTION = "kill -9, power loss, chaotic link, floods and forged bundles: nothing lost, " \
              "nothing accepted"


def _env(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def _crashes(root: Path) -> dict[str, Any]:
    from tests.faults.crashkit import kill_loop, power_loss

    (root / "kills").mkdir()
    (root / "power").mkdir()
    kills = kill_loop(root / "kills", _env("UJIKOM_BENCH_KILLS", 200))
    power = power_loss(root / "power", _env("UJIKOM_BENCH_COPIES", 100))
    return {"kills": kills.kills, "kill_events_confirmed": kills.confirmed,
            "kill_events_checked": kills.checked, "kill_events_lost": kills.lost,
            "power_copies": power.copies, "power_events_confirmed": power.confirmed,
            "power_events_checked": power.checked, "power_events_lost": power.lost,
            "stores_broken": len(kills.broken) + len(power.broken)}


def _link(root: Path) -> dict[str, Any]:
    from proctor.lab import init_lab
    from proctor.replica import Replica
    from proctor.server import ExamSession, LabServer
    from proctor.service import NullRoom, ServerThread
    from tests.faults.test_link_chaos import run_chaos
    from tests.kiosk.engine.kit import EXAM

    lab = init_lab(root / "proctor", "Lab", "Pengawas", b"proctor-passphrase", scrypt_n=2**10)
    replica = Replica.open(lab.replica_path, lab.replica_key, EXAM)
    exam = ExamSession(EXAM, SessionId("S1"), "0" * 64, secrets.token_bytes(32))
    thread = ServerThread(lambda: LabServer(lab, replica, exam, NullRoom()), "127.0.0.1", 0,
                          None)
    server = thread.start()
    thread.call(server.open_session)
    try:
        figures = run_chaos(lab, thread, server, root / "kiosk",
                            answers=_env("UJIKOM_BENCH_ANSWERS", 500))
    finally:
        thread.stop()
        replica.close()
    return {"link_events_confirmed": figures["confirmed"],
            "link_events_lost": figures["lost"],
            "link_events_at_proctor": figures["at_proctor"],
            "link_reconnections": figures.get("connections", 0) - 1,
            "link_faults": sum(figures.get(k, 0) for k in
                               ("dropped", "half_closed", "reordered", "delayed"))}


def _resources(root: Path) -> tuple[dict[str, Any], dict[str, Any], list[tuple[int, int]]]:
    from exam_bank.wire import enroll
    from tests.faults import attacks
    from tests.faults.attacks import Tally, attacker
    from tests.faults.labproc import SCRYPT_N, LabProcess

    tallies: list[tuple[int, int]] = []
    with LabProcess(root / "lab") as lab:
        kiosk = attacks.lab_kiosk(lab.state, "pc-01")
        rogue = attacks.lab_kiosk(lab.state, "pc-66")
        quiet_welcome = statistics.median(
            asyncio.run(attacks.welcome_time(lab.port, kiosk)) for _ in range(5))
        flood = _env("UJIKOM_BENCH_FLOOD", 250)
        lab.ask("trace")
        base = lab.ask("memory")
        with lab.peak_rss() as peak:
            frame_tally = asyncio.run(attacks.frame_flood(lab.enroll_port, lab.port, rogue,
                                                          flood, flood // 5))
        time.sleep(2)
        after = lab.ask("memory")
        lab.ask("untrace")  # the welcome times below are measured as without it
        tallies.append((frame_tally.tried, frame_tally.accepted))
        hs_tally, welcomes = asyncio.run(attacks.handshake_flood(lab.port, kiosk, 150, 4, 100))
        tallies.append((hs_tally.tried, hs_tally.accepted))
        code = lab.ask("code")

        async def codes() -> tuple[Tally, bool]:
            tally = Tally()
            for _ in range(25):
                tally.add(await attacks.wrong_code(lab.enroll_port, attacker(60)))
            _key, request = enroll.make_request(KioskId("pc-30"), code, scrypt_n=SCRYPT_N)
            reply = await attacks.enroll_once(lab.enroll_port, request)
            return tally, isinstance(reply, enroll.EnrollReply)

        code_tally, enrolled = asyncio.run(codes())
        tallies.append((code_tally.tried, code_tally.accepted))
        incidents = lab.ask("incidents")
    metrics = {"flood_connections": frame_tally.tried,
               "flood_peak_rss_growth_mb": round((peak.peak - base["rss"]) / 2**20, 1),
               "flood_rss_after_mb": round((after["rss"] - base["rss"]) / 2**20, 1),
               "flood_python_peak_mb": round(after["peak"] / 2**20, 1),
               "flood_python_kept_mb": round((after["held"] - base["held"]) / 2**20, 2),
               "failed_handshakes": hs_tally.tried,
               "welcome_during_handshake_flood_s": round(statistics.median(welcomes), 3)
               if welcomes else None,
               "wrong_codes": code_tally.tried, "enrollment_still_works": enrolled,
               "incident_lines": len(incidents),
               "refusals_counted": sum(int(i["count"]) for i in incidents)}
    baseline = {"proctor_rss_mb": round(base["rss"] / 2**20, 1),
                "quiet_welcome_s": round(quiet_welcome, 3)}
    return metrics, baseline, tallies


def _roles() -> tuple[int, int]:
    """Forged reseals signed by each non-seal key of the lab: (tried, accepted)."""
    from tests.faults.roleattacks import forged_reseals

    tally = forged_reseals()
    return tally.tried, tally.accepted


def run() -> Report:
    with tempfile.TemporaryDirectory(prefix="ujikom-faults-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        crashes = _crashes(root)
        link = _link(root)
        resources, baseline, tallies = _resources(root)
        role_tried, role_accepted = _roles()
        seconds = time.perf_counter() - start
    tried = sum(t for t, _a in tallies) + role_tried
    accepted = sum(a for _t, a in tallies) + role_accepted
    lost = (crashes["kill_events_lost"] + crashes["power_events_lost"]
            + link["link_events_lost"])
    metrics = {"kills": crashes["kills"],
               "events_confirmed": crashes["kill_events_confirmed"]
               + crashes["power_events_confirmed"] + link["link_events_confirmed"],
               "events_lost": lost, "attacks_tried": tried, "attacks_refused": tried - accepted,
               "attacks_accepted": accepted, **crashes, **link, **resources,
               "role_attacks_tried": role_tried, "role_attacks_accepted": role_accepted,
               "seconds": round(seconds, 1)}
    ratio = {"flood_peak_rss_growth": round(resources["flood_peak_rss_growth_mb"]
                                            / baseline["proctor_rss_mb"], 2),
             "welcome_under_flood": round(resources["welcome_during_handshake_flood_s"]
                                          / baseline["quiet_welcome_s"], 1)
             if resources["welcome_during_handshake_flood_s"] and baseline["quiet_welcome_s"]
             else 0.0}
    baseline["approach"] = ("the same proctor process before any attack: its memory, and a "
                            "kiosk's welcome with nobody attacking")
    return Report("faults", metrics, baseline, ratio)
