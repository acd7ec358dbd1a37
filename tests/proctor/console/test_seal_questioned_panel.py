"""The seal panel's answer to questioned logs: where sealing refuses because of
a log the room did not vouch for, the proctor accepts or rejects it there, with a reason,
through the same `decide_log` as `ujikom proctor decide --accept|--reject`, and seals."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from PySide6.QtCore import Qt

from exam_bank.bundle.certs import Issued, cert_pem, make_admin, make_lab_ca
from exam_bank.bundle.sealed import open_bundle
from proctor.console.dialogs import CommandDialog, Request
from proctor.console.seal_panel import SealPanel
from proctor.questioned import LOG
from proctor.replica import Replica
from proctor.seal import SessionSealer
from tests.proctor.conftest import Exam
from tests.proctor.test_seal_questioned import _room


@pytest.fixture
def office(tmp_path: Path) -> Issued:
    issued = make_admin(make_lab_ca("Kantor BKPSDM"), "Admin BKPSDM", key_size=2048)
    (tmp_path / "admin.pem").write_bytes(cert_pem(issued.cert))
    return issued


def _driver(qtbot: Any, reasons: list[str]) -> Any:
    """Runs the real dialog as the proctor would: type the next reason, click the button."""
    def ask(dialog: CommandDialog) -> Request | None:
        dialog.reason.setText(reasons.pop(0))
        dialog.by.setText("Budi")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        ask.errors.append(dialog.error.text())  # type: ignore[attr-defined]
        return dialog.request
    ask.errors = []  # type: ignore[attr-defined]
    return ask


def test_the_proctor_rejects_a_questioned_log_on_the_panel_and_seals(
        qtbot: Any, tmp_path: Path, exam: Exam, office: Issued) -> None:
    lab, package, real, ghost = _room(tmp_path, exam)
    digest = hashlib.sha256(exam.package.read_bytes()).hexdigest()
    ask = _driver(qtbot, ["", "peserta tidak hadir; log dari PC66 tidak sah"])
    panel = SealPanel(SessionSealer(lab, package, digest, "S1"), tmp_path / "hasil",
                      str(tmp_path / "admin.pem"), ask=ask)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.questioned.isVisible()
    [(log, _accept, _reject)] = panel.questioned_rows
    assert log.participant_no == ghost and "absent" in log.why and "PC66" in log.why

    qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)  # refused: undecided
    qtbot.waitUntil(lambda: panel.error.isVisible() and not panel.busy, timeout=30_000)
    assert ghost in panel.error.text()
    assert not list((tmp_path / "hasil").glob("*.p7m"))

    # the refusal lists the log again (rows are rebuilt): no reason, nothing decided
    qtbot.mouseClick(panel.questioned_rows[0][2], Qt.MouseButton.LeftButton)
    assert ask.errors[0] and len(panel.sealer.waiting()) == 1
    qtbot.mouseClick(panel.questioned_rows[0][2], Qt.MouseButton.LeftButton)
    assert not panel.questioned.isVisible() and panel.questioned_rows == []
    assert ghost in panel.done.text()

    qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "#1" in panel.done.text() or panel.error.isVisible(),
                    timeout=60_000)
    assert "#1" in panel.done.text() and not panel.error.isVisible(), panel.error.text()
    assert isinstance(office.key, rsa.RSAPrivateKey)
    [sealed] = (tmp_path / "hasil").glob("*.p7m")
    opened = open_bundle(sealed.read_bytes(), office.cert, office.key, [lab.ca.cert])
    assert opened.candidates[ghost].status == "absent"
    assert opened.candidates[real].status == "submitted"
    rejected = [i for i in opened.incidents if i["kind"] == "log_rejected"]
    assert rejected and rejected[0]["by"] == "Budi"
    assert "tidak sah" in rejected[0]["reason"]


def test_accepting_a_questioned_log_on_the_panel_records_the_reason(
        qtbot: Any, tmp_path: Path, exam: Exam) -> None:
    lab, package, _real, ghost = _room(tmp_path, exam)
    digest = hashlib.sha256(exam.package.read_bytes()).hexdigest()
    panel = SealPanel(SessionSealer(lab, package, digest, "S1"), tmp_path / "hasil",
                      ask=_driver(qtbot, ["datang terlambat, duduk di PC cadangan"]))
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.questioned_rows[0][1], Qt.MouseButton.LeftButton)
    assert panel.questioned_rows == []
    with Replica.open(lab.replica_path, lab.replica_key, package.header.exam_id) as rep:
        decision = rep.decision(ghost, LOG)
    assert decision is not None and decision.accepted
    assert (decision.reason, decision.by) == ("datang terlambat, duduk di PC cadangan", "Budi")
