"""What the server and the kiosks record reaches the Indonesian console as words, never as
codes or English system text: every incident code, the reasons a login is held and the
reasons a log is questioned are worded through Qt Linguist."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel

from exam_bank.record.actions import ActionKind
from exam_bank.record.words import ACTION_WORDS, INCIDENT_WORDS
from exam_bank.wire.protocol import ErrorCode
from kiosk.lockdown.detectors import Kind
from proctor.console.held_logins import HeldLoginsBanner
from proctor.console.seal_panel import SealPanel
from proctor.console.translations import Translations
from proctor.console.words import Words
from proctor.held import HeldLogin, HoldCode, HoldReason, hold_reasons
from proctor.questioned import QuestionCode, Questioned, questioned_logs
from proctor.room import IncidentEntry

ROOT = Path(__file__).resolve().parents[3]
# Where a call records an incident, and which argument is its code.
_KIND_ARG = {"_incident": 2, "add_incident": 2, "_refusal": 1, "_Refused": 2}


def _recorded_kinds() -> set[str]:
    """Every incident code written as a literal where proctor code records one."""
    kinds: set[str] = set()
    for path in (ROOT / "proctor").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            index = _KIND_ARG.get(name)
            if index is None or len(node.args) <= index:
                continue
            kinds |= _literals(node.args[index])
    return kinds


def _literals(node: ast.AST) -> set[str]:
    """The whole string literals an expression can give (`a if c else b`), not the pieces
    of an f-string (those codes are checked from their own lists below)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.JoinedStr):
        return set()
    return set().union(*(_literals(child) for child in ast.iter_child_nodes(node)))


def test_every_incident_code_recorded_has_official_and_console_words(
        qapp: Any, english: Translations) -> None:
    recorded = _recorded_kinds()
    assert {"login_held", "version", "tls_refused"} <= recorded  # it scans
    lockdown = {v for k, v in vars(Kind).items() if k.isupper()}
    kinds = recorded | lockdown | {f"kiosk_{c}" for c in ErrorCode} | {
        f"chain_{k}" for k in ("fork", "gap", "edited", "broken_link")}
    assert kinds <= set(INCIDENT_WORDS), "a code without berita acara words"
    words = Words()
    english.use("en")
    in_english = {kind: words.incident_kind(kind) for kind in INCIDENT_WORDS}
    english.use("id")
    assert words.incident_kind("something_new") == "Kejadian teknis lain (something_new)"
    # the proctor's own actions show in the same feed (`Room.action`)
    actions = {str(k) for k in ActionKind}
    assert actions <= set(ACTION_WORDS), "an action without berita acara words"
    english.use("en")
    in_english |= {kind: words.incident_kind(kind) for kind in actions}
    english.use("id")
    for kind in sorted(set(INCIDENT_WORDS) | actions):
        said = words.incident_kind(kind)
        assert kind not in said and not said.startswith("Kejadian teknis lain"), kind
        assert said != in_english[kind], f"{kind}: not translated"


def test_an_incident_line_in_indonesian_keeps_english_evidence_to_the_tooltip(
        qapp: Any, english: Translations) -> None:
    entry = IncidentEntry("08:15:03", "A7", None, "version", "10.0.0.7:5123: protocol "
                          "version 1; this proctor speaks 2", "server", 20, "08:16:10")
    english.use("id")
    words = Words()
    line = words.incident_line(entry, english=False)
    assert line == ("08:15:03 A7 \u2014 PC dengan protokol versi 1 ditolak: PC pengawas ini "
                    "memakai versi 2, 20 kali sampai 08:16:10")  # both versions named
    assert "protocol version 1; this proctor speaks 2" in words.incident_detail(entry)
    english.use("en")
    assert words.incident_line(entry, english=True).endswith(
        "20 times until 08:16:10\n10.0.0.7:5123: protocol version 1; this proctor speaks 2")


def test_a_proctor_action_in_the_feed_shows_who_and_why_in_indonesian(
        qapp: Any, english: Translations) -> None:
    from exam_bank.record.actions import ProctorAction
    from proctor.room import Room
    from tests.proctor.console.roomkit import package

    room = Room(package(), "S1")
    room.action(ProctorAction("2026-12-08T01:15:03+00:00", ActionKind.MOVE_AUTHORIZED,
                              "Sari Dewi", "PC A3 mati", "SLT-0003", "A3", "pc-09", "C01"))
    [entry] = room.snapshot(0).incidents
    english.use("id")
    line = Words().incident_line(entry, english=False)
    assert line.endswith("A3 SLT-0003 \u2014 Pindah ke PC cadangan disetujui\n"
                         "Sari Dewi: PC A3 mati"), line


def test_held_login_reasons_are_codes_worded_by_the_console(
        qtbot: Any, english: Translations) -> None:
    reasons = hold_reasons("SLT-0001", "Z9", "A1", ["SLT-0002"])  # type: ignore[arg-type]
    assert [r.code for r in reasons] == [HoldCode.OFF_PLAN, HoldCode.KIOSK_BUSY]
    held = HeldLogin("SLT-0001", "pc-77", "Z9", reasons)  # type: ignore[arg-type]
    assert HeldLogin.from_json(held.to_json()) == held  # the control socket's form
    assert held.to_json()["reasons"] == [
        {"code": "off_plan", "planned": "A1", "seat": "Z9"},
        {"code": "kiosk_busy", "others": ["SLT-0002"]}]
    assert held.why == ("the seat plan puts SLT-0001 at A1, this kiosk is at Z9; kiosk pc-77 "
                        "already speaks for SLT-0002, who has not submitted")  # for the log
    banner = HeldLoginsBanner()
    qtbot.addWidget(banner)
    english.use("id")
    assert banner.describe(held, "A1") == (
        "SLT-0001 di PC pc-77 kursi Z9: menurut denah kursi tempatnya di A1, PC ini di Z9; "
        "PC ini masih dipakai SLT-0002 yang belum mengumpulkan")
    busy = HeldLogin("SLT-0003", "pc-77", "C3",  # type: ignore[arg-type]
                     hold_reasons("SLT-0003", "C3", "C3", ["SLT-0002"]))  # type: ignore[arg-type]
    assert banner.describe(busy, "C3") == ("SLT-0003 di PC pc-77 kursi C3 (denah kursi: C3): "
                                           "PC ini masih dipakai SLT-0002 yang belum "
                                           "mengumpulkan")
    assert hold_reasons("SLT-0001", "A1", "A1", []) == ()  # at the planned seat: no hold
    assert hold_reasons("SLT-0001", "A1", None, []) == ()  # no seat plan
    assert HoldReason.from_json({"code": "off_plan", "planned": "A1", "seat": "B2"}).seat == "B2"


class _Waiting:
    """A sealer with questioned logs waiting (a seal panel needs no more to word them)."""

    session_id = "S1"

    def __init__(self, waiting: list[Questioned]) -> None:
        self._waiting = waiting

    def sealings(self) -> list[dict[str, Any]]:
        return []

    def waiting(self) -> list[Questioned]:
        return self._waiting


def test_questioned_log_reasons_are_codes_worded_by_the_seal_panel(
        qtbot: Any, english: Translations, tmp_path: Path) -> None:
    found = questioned_logs({"P1": 12, "P2": 30}, ["P1"], {"P2": "A2"},  # type: ignore[arg-type]
                            {"P1": ("PC66", "Z1"), "P2": ("PC09", "B3")}, [])
    assert [(q.code, q.events) for q in found] == [(QuestionCode.ABSENT, 12),
                                                   (QuestionCode.OFF_PLAN, 30)]
    assert "absent" in found[0].why and "PC66" in found[0].why  # English, for the shell
    english.use("id")
    panel = SealPanel(_Waiting(found), tmp_path)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    rows = [panel.question(q) for q, _accept, _reject in panel.questioned_rows]
    assert rows == [
        "P1: berita acara mencatatnya tidak hadir, tetapi ada 12 catatan miliknya dari PC "
        "PC66 di kursi Z1",
        "P2: lognya dimulai di PC PC09 di kursi B3, menurut denah kursi tempatnya di A2, dan "
        "login itu belum disetujui pengawas"]
    shown = [label.text() for label in panel.questioned.findChildren(QLabel)]
    assert rows[0] in shown and rows[1] in shown


def test_a_logged_incident_in_the_timeline_is_worded_not_coded(
        qapp: Any, english: Translations) -> None:
    english.use("id")
    words = Words()
    assert words.event_text("incident", {"kind": "removable_drive",
                                         "note": "/dev/sdb1 KINGSTON DT"}) == (
        "Kejadian: Media lepasan (flashdisk) terpasang")  # the PC's evidence stays out
    assert words.event_text("incident", {"kind": "other", "note": "HP berbunyi",
                                         "by": "Bu Ani"}).endswith("\u2014 HP berbunyi")
