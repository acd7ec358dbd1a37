"""Fixtures for the results store: a real exam package built through the CLI, a lab PKI
with PEM files, sealed bundles of real candidate logs, and a real PostgreSQL server.

PostgreSQL: one server per test session on a Unix socket in a temp dir. If `initdb` and
`pg_ctl` are missing and we are root, `apt-get install -y postgresql` fetches them. If
PostgreSQL cannot be had, the postgres-parametrized tests FAIL saying why; set
UJIKOM_NO_POSTGRES=1 to deselect them instead (the run says so at the end).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from exam_bank.bundle.certs import cert_pem
from exam_bank.bundle.sealed import CandidateResult, SessionResults, build_bundle
from exam_bank.crypto.authority import load_authority_public
from exam_bank.crypto.examkey import read_exam_key
from exam_bank.exam_package import ExamPackage, open_exam_package
from exam_bank.results.importer import package_digest
from exam_bank.results.synthetic import candidate_events
from tests.cli.labkit import Lab, build_lab
from tests.exam_bank.results.sealkit import Pki
from tests.pg import PostgresUnavailable, fresh_database, throwaway_postgres

ADMIN_PASS = "admin-test-passphrase"
NO_PG = os.environ.get("UJIKOM_NO_POSTGRES") == "1"
_deselected: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not NO_PG:
        return
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("store_kind") == "postgres":
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
        _deselected.extend(i.nodeid for i in drop)


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if _deselected:
        terminalreporter.write_line(
            f"UJIKOM_NO_POSTGRES=1: {len(_deselected)} PostgreSQL store tests deselected "
            "(they did NOT run)", yellow=True)


# --- PostgreSQL --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A URL to a throw-away PostgreSQL server's `postgres` database."""
    try:
        with throwaway_postgres(install=True) as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL store tests need a server: {exc}. "
                    "Set UJIKOM_NO_POSTGRES=1 to deselect them.")


@pytest.fixture(params=["sqlite", "postgres"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_target(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if store_kind == "postgres":
        return fresh_database(request.getfixturevalue("pg_server"))
    return str(tmp_path / "results.sqlite")


# --- a real package, PKI files and sealed bundles ----------------------------------------


@dataclasses.dataclass
class Central:
    lab: Lab
    package: ExamPackage
    digest: str
    pki: Pki
    admin_cert: Path
    admin_key: Path
    lab_ca: Path
    rogue_ca: Path

    def import_args(self, store: str) -> list[object]:
        return ["--store", store, "--admin-cert", self.admin_cert, "--admin-key",
                self.admin_key, "--trust", self.lab_ca, "--package", self.lab.package,
                "--key", self.lab.key, "--trust-authority", self.lab.trust]

    def results(self, session: str = "S1", revisions: int = 15, **kw: object) -> SessionResults:
        cands = []
        for c in self.package.roster.candidates_in(session):
            events = candidate_events(self.package.header.exam_id,
                                      self.package.forms[c.participant_no], self.package.items,
                                      makalah_revisions=revisions)
            cands.append(CandidateResult(c.participant_no, events))
        args: dict[str, object] = {
            "exam_id": self.package.header.exam_id, "package_digest": self.digest,
            "session": session, "room": "Ruang 1", "proctors": ["Bu Rina"],
            "candidates": cands, "berita_acara_pdf": b"%PDF-1.4 BA\n%%EOF\n",
            "sealed_at": "2026-12-08T06:40:00+00:00"}
        args.update(kw)
        return SessionResults(**args)  # type: ignore[arg-type]

    def seal(self, results: SessionResults, signer=None) -> bytes:  # type: ignore[no-untyped-def]
        return build_bundle(results, **self.pki.seal_args(signer))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    mp = pytest.MonkeyPatch()
    mp.setenv("UJIKOM_AUTHORITY_PASSPHRASE", "authority-test-passphrase")
    mp.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", "exam-key-test-passphrase")
    mp.setenv("UJIKOM_ADMIN_PASSPHRASE", ADMIN_PASS)
    root = tmp_path_factory.mktemp("central")
    lab, _pins = build_lab(root)
    package = open_exam_package(lab.package, [load_authority_public(Path(lab.trust))],
                                read_exam_key(lab.key, b"exam-key-test-passphrase"))
    pki = Pki()
    pem = root / "pki"
    pem.mkdir()
    (pem / "admin.pem").write_bytes(cert_pem(pki.admin.cert))
    (pem / "admin.key").write_bytes(pki.admin.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(ADMIN_PASS.encode())))
    (pem / "labca.pem").write_bytes(cert_pem(pki.ca.cert))
    (pem / "rogueca.pem").write_bytes(cert_pem(pki.other_ca.cert))
    yield Central(lab, package, package_digest(lab.package), pki, pem / "admin.pem",
                  pem / "admin.key", pem / "labca.pem", pem / "rogueca.pem")
    mp.undo()
