"""A kiosk set up wrong says at once what is wrong and what to do (Indonesian for the
candidate, English for the technician), instead of waiting two minutes and blaming the
session: the README's enroll line and kiosk.example.toml work as written."""

from __future__ import annotations

import argparse
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from exam_bank.problems import InputError
from kiosk import start
from kiosk.cli import add_kiosk_arguments, cannot_start
from kiosk.config import load_config
from kiosk.link import link_config
from kiosk.link.config import KEY_PASSPHRASE_ENV
from kiosk.link.enroll import add_enroll_arguments, run_enroll
from kiosk.link.setup import SetupFault
from proctor.lab import init_lab
from proctor.replica import Replica
from proctor.server import ExamSession, LabServer
from proctor.service import NullRoom, ServerThread

ROOT = Path(__file__).resolve().parents[3]
PASS = "kiosk-key-passphrase"


def _server(folder: Path) -> tuple[ServerThread, LabServer, Replica]:
    lab = init_lab(folder, "Lab", "Pengawas", b"proctor-passphrase", scrypt_n=2**10)
    replica = Replica.open(lab.replica_path, lab.replica_key, "EXAM-1")
    exam = ExamSession("EXAM-1", "S1", "0" * 64, secrets.token_bytes(32))
    thread = ServerThread(lambda: LabServer(lab, replica, exam, NullRoom()), "127.0.0.1", 0,
                          0)
    return thread, thread.start(), replica


@pytest.fixture
def lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
        ) -> Iterator[tuple[ServerThread, LabServer]]:
    monkeypatch.setenv(KEY_PASSPHRASE_ENV, PASS)
    thread, srv, replica = _server(tmp_path / "proctor")
    yield thread, srv
    thread.stop()
    replica.close()


def _enroll(srv: LabServer, thread: ServerThread, folder: Path,
            capsys: pytest.CaptureFixture[str]) -> str:
    """The README's line: ujikom kiosk enroll --proctor … --code … --kiosk-id PC-07 --dir …"""
    parser = argparse.ArgumentParser()
    add_enroll_arguments(parser)
    code = thread.call(srv.issue_code)
    assert run_enroll(parser.parse_args([
        "--proctor", f"127.0.0.1:{srv.enroll_port}", "--code", code, "--kiosk-id", "PC-07",
        "--dir", str(folder)])) == 0
    return capsys.readouterr().out


class _Done:
    def __init__(self, took: float, fault: SetupFault) -> None:
        self.took, self.fault = took, fault


def _fault(config: Path, package: Path) -> _Done:
    """`ujikom kiosk --config …` up to the login screen: the fault it stops with, and
    how long it took to say so."""
    parser = argparse.ArgumentParser()
    add_kiosk_arguments(parser)
    args = parser.parse_args(["--config", str(config), "--package", str(package),
                              "--trust", str(package)])
    began = time.monotonic()
    with pytest.raises(SetupFault) as caught:
        start.linked_context(args, load_config(config), [])
    return _Done(time.monotonic() - began, caught.value)


def test_the_printed_table_works_and_a_kiosk_id_off_its_certificate_is_named_at_once(
        lab: tuple[ServerThread, LabServer], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    thread, srv = lab
    out = _enroll(srv, thread, tmp_path / "kiosk", capsys)
    # The table's address is the enrollment port minus one (it once said 7443 whatever
    # port the kiosk enrolled through); this test's server has its ports at random.
    assert f'address = "127.0.0.1:{srv.enroll_port - 1}"' in out
    table = out[out.index("[proctor]"):].replace(f":{srv.enroll_port - 1}", f":{srv.port}")
    config = tmp_path / "kiosk.toml"
    config.write_text(table, "utf-8")
    settings = link_config(load_config(config).proctor, str(config), tmp_path)
    assert settings.kiosk_id == "PC-07" and settings.port == srv.port
    config.write_text(table.replace('"PC-07"', '"PC-08"'), "utf-8")
    done = _fault(config, tmp_path / "exam.ujikom")
    assert done.took < 5
    assert "PC-08" in done.fault.en and 'kiosk_id = "PC-07"' in done.fault.en
    assert "Ubah kiosk_id menjadi \"PC-07\"" in done.fault.idn
    text = cannot_start(done.fault)
    assert text.startswith("Ujian belum dapat dimulai di komputer ini: kiosk_id di")


def test_another_labs_proctor_and_an_absent_one_are_named_not_waited_for(
        lab: tuple[ServerThread, LabServer], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    thread, srv = lab
    out = _enroll(srv, thread, tmp_path / "kiosk", capsys)
    table = out[out.index("[proctor]"):]
    other, other_srv, other_replica = _server(tmp_path / "other-lab")
    try:  # the address of another lab's proctor: it is not this lab's, said at once
        config = tmp_path / "kiosk.toml"
        config.write_text(table.replace(f":{srv.enroll_port - 1}", f":{other_srv.port}"),
                          "utf-8")
        done = _fault(config, tmp_path / "exam.ujikom")
        assert done.took < 10 and "not this lab's proctor" in done.fault.en
        assert "bukan pengawas lab ini" in done.fault.idn
    finally:
        other.stop()
        other_replica.close()
    monkeypatch.setattr(start, "REACH_S", 1.0)
    nobody = table.replace(f"127.0.0.1:{srv.enroll_port - 1}", "127.0.0.1:9")
    config.write_text(nobody, "utf-8")
    done = _fault(config, tmp_path / "exam.ujikom")
    assert done.took < 10 and "Cannot reach the proctor at 127.0.0.1:9" in done.fault.en
    assert "tidak dapat dihubungi" in done.fault.idn


def test_the_example_config_links_and_an_empty_proctor_table_names_what_is_missing(
        tmp_path: Path) -> None:
    example = load_config(ROOT / "kiosk" / "lockdown" / "kiosk.example.toml")
    settings = link_config(example.proctor, "kiosk.example.toml", tmp_path)
    assert (settings.kiosk_id, settings.seat, settings.port) == ("PC-07", "A07", 7443)
    assert str(settings.cert) == "/var/lib/ujikom-kiosk/kiosk.crt"
    empty = tmp_path / "kiosk.toml"
    empty.write_text("[proctor]\n", "utf-8")
    parser = argparse.ArgumentParser()
    add_kiosk_arguments(parser)
    from exam_bank.crypto.authority import PUBLIC_FILE, create_authority

    create_authority(tmp_path / "authority", "BKPSDM Uji", b"authority-passphrase",
                     scrypt_n=2**10)
    args = parser.parse_args(["--config", str(empty), "--package", str(empty),
                              "--trust", str(tmp_path / "authority" / PUBLIC_FILE)])
    with pytest.raises((InputError, ValueError)) as caught:
        start.open_context(args)
    text = str(caught.value)
    assert "--key is required" not in text and "proctor.address" in text


def test_a_proctor_of_the_previous_protocol_version_is_named_at_once(
        lab: tuple[ServerThread, LabServer], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from exam_bank.wire.protocol import PROTOCOL_VERSION
    from proctor import server

    thread, srv = lab
    out = _enroll(srv, thread, tmp_path / "kiosk", capsys)
    config = tmp_path / "kiosk.toml"
    table = out[out.index("[proctor]"):]
    config.write_text(table.replace(f":{srv.enroll_port - 1}", f":{srv.port}"), "utf-8")
    # The proctor still runs the version before this one (it refuses as version 1 did).
    monkeypatch.setattr(server, "PROTOCOL_VERSION", PROTOCOL_VERSION - 1)
    done = _fault(config, tmp_path / "exam.ujikom")
    assert done.took < 5
    assert (f"Kiosk ini memakai protokol versi {PROTOCOL_VERSION}, sedangkan PC pengawas "
            f"memakai versi {PROTOCOL_VERSION - 1}") in done.fault.idn
    assert f"the proctor version {PROTOCOL_VERSION - 1}" in done.fault.en
    assert cannot_start(done.fault).startswith("Ujian belum dapat dimulai di komputer ini: "
                                               "Kiosk ini memakai protokol versi")
