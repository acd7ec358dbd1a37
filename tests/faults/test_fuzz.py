"""Hypothesis fuzzing of everything that comes from outside: wire frames, enrollment
frames, exam packages, sealed bundles and every importer. A hostile input may be refused,
never answered with a traceback: the only exceptions allowed are the project's own
(ProtocolError, InputError), and the inputs are read-only files in a scratch folder."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_bank.problems import InputError
from exam_bank.wire import enroll
from exam_bank.wire import protocol as P

FIXTURES = Path(__file__).parents[1] / "fixtures"
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def mutated(original: bytes) -> st.SearchStrategy[bytes]:
    """`original` with a few bytes flipped, cut short, or a run inserted."""
    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = bytearray(original)
        for _ in range(draw(st.integers(1, 8))):
            kind = draw(st.sampled_from(["flip", "cut", "insert"]))
            if not data:
                break
            at = draw(st.integers(0, len(data) - 1))
            if kind == "flip":
                data[at] ^= draw(st.integers(1, 255))
            elif kind == "cut":
                del data[at:at + draw(st.integers(1, 64))]
            else:
                data[at:at] = draw(st.binary(min_size=1, max_size=32))
        return bytes(data)
    return build()


def only_own_errors(call: Callable[[], object]) -> None:
    with contextlib.suppress(InputError, P.ProtocolError, enroll.EnrollError):
        call()


# -- the wire -----------------------------------------------------------------------------

HELLO = P.encode_message(P.Hello(1, "pc-01", "A1", "0f" * 16, ("P-0001",)))[4:]
REQUEST = P.encode_message(enroll.make_request("pc-01", "7K2QM-XF0AB", scrypt_n=2**4)[1])[4:]


@FUZZ
@given(st.one_of(st.binary(max_size=2048), mutated(HELLO)))
def test_wire_frames(body: bytes) -> None:
    only_own_errors(lambda: P.decode_message(body))


@FUZZ
@given(st.one_of(st.binary(max_size=2048), mutated(REQUEST)))
def test_enrollment_frames(body: bytes) -> None:
    def decode() -> None:
        message = P.decode_message(body, enroll.ENROLL_MESSAGES)
        if isinstance(message, enroll.EnrollRequest):
            enroll.match_code(message, [], scrypt_n=2**4)
    only_own_errors(decode)


@FUZZ
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                    max_leaves=20),
       st.sampled_from(sorted(P.MESSAGES)))
def test_wire_messages_field_by_field(value: object, kind: str) -> None:
    fields = list(P.MESSAGES[kind].FIELDS) or ["x"]
    only_own_errors(lambda: P.message_from_wire({"type": kind, fields[0]: value}))


# -- packages and bundles -------------------------------------------------------------------


@pytest.fixture(scope="module")
def package_kit(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, object, object]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from exam_bank.crypto.authority import AuthorityPublic
    from exam_bank.crypto.examkey import ExamKey, new_exam_key
    from exam_bank.package.container import write_package

    private = Ed25519PrivateKey.generate()
    key = ExamKey.of("FUZZ-1", new_exam_key())
    path = tmp_path_factory.mktemp("pkg") / "exam.ujikom"
    write_package(path, exam_id="FUZZ-1", files={"items/a.toml": b"id = 'a'\n" * 20},
                  signer=private, exam_key=key, title="Uji", agency="BKPSDM",
                  sessions=[{"id": "S1", "starts": "2026-03-01T08:00+07:00", "seats": 4}])
    return path.read_bytes(), AuthorityPublic.of("BKN", private.public_key()), key


@FUZZ
@given(data=st.data())
def test_exam_packages(package_kit: tuple[bytes, object, object], data: st.DataObject) -> None:
    from exam_bank.package.container import open_package

    original, public, key = package_kit
    blob = data.draw(mutated(original))
    with tempfile.TemporaryDirectory(prefix="trust-res-") as folder:
        path = Path(folder) / "exam.ujikom"
        path.write_bytes(blob)
        only_own_errors(lambda: open_package(path, [public], key))  # type: ignore[list-item, arg-type]


@pytest.fixture(scope="module")
def bundle_kit() -> tuple[bytes, object]:
    from exam_bank.bundle.sealed import CandidateResult, SessionResults, build_bundle
    from tests.exam_bank.results.sealkit import DIGEST, EXAM, Pki, events

    pki = Pki()
    results = SessionResults(EXAM, DIGEST, "S1", "Lab", ["Bu Rina"],
                             [CandidateResult("SLT-0001", events("SLT-0001", revisions=2))],
                             b"%PDF-1.4\n%%EOF\n", sealed_at="2026-12-08T10:05:00+00:00")
    return build_bundle(results, **pki.seal_args()), pki


@FUZZ
@given(data=st.data())
def test_sealed_bundles(bundle_kit: tuple[bytes, object], data: st.DataObject) -> None:
    from exam_bank.bundle.sealed import open_bundle

    original, pki = bundle_kit
    blob = data.draw(mutated(original))
    only_own_errors(lambda: open_bundle(blob, **pki.open_args(),  # type: ignore[attr-defined]
                                        where="hasil.p7m"))


# -- importers --------------------------------------------------------------------------------


def _import_file(name: str, blob: bytes, read: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory(prefix="trust-res-") as folder:
        path = Path(folder) / name
        path.write_bytes(blob)
        path.chmod(0o400)  # an importer reads; nothing may be written beside it
        only_own_errors(lambda: read(path))
        assert sorted(p.name for p in Path(folder).iterdir()) == [name]


def _qti_zip() -> bytes:
    out = io.BytesIO()
    root = FIXTURES / "qti" / "qti3-basic-item-player"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(root.rglob("*")):
            if f.is_file():
                z.write(f, f.relative_to(root).as_posix())
    return out.getvalue()


def _readers() -> dict[str, tuple[str, bytes, Callable[[Path], object]]]:
    from exam_bank.importers.moodle import read_moodle
    from exam_bank.importers.qti import read_qti
    from exam_bank.importers.spreadsheet import read_spreadsheet
    from exam_bank.tabular import read_xlsx_sheets

    sheet = FIXTURES / "spreadsheet"
    return {
        "csv": ("soal.csv", (sheet / "soal_excel_id.csv").read_bytes(), read_spreadsheet),
        "xlsx": ("soal.xlsx", (sheet / "soal_libreoffice.xlsx").read_bytes(), read_spreadsheet),
        "penilaian": ("penilaian.xlsx", (sheet / "soal_libreoffice.xlsx").read_bytes(),
                      read_xlsx_sheets),
        "moodle": ("q.xml", (FIXTURES / "moodle" / "multichoice_testquestion.moodle.xml")
                   .read_bytes(), lambda p: read_moodle(p, competency="integritas")),
        "qti": ("choice.xml", (FIXTURES / "qti" / "qti3-basic-item-player" / "items" /
                               "choice.xml").read_bytes(),
                lambda p: read_qti(p, competency="integritas")),
        "qti-zip": ("paket.zip", _qti_zip(), lambda p: read_qti(p, competency="integritas")),
    }


READERS = _readers()


@pytest.mark.parametrize("kind", sorted(READERS))
def test_importers(kind: str) -> None:
    name, original, read = READERS[kind]

    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.one_of(mutated(original), st.binary(max_size=512)))
    def fuzz(blob: bytes) -> None:
        _import_file(name, blob, read)
    fuzz()


def test_roster_folders() -> None:
    from exam_bank.roster.read import read_roster

    original = (FIXTURES / "roster" / "good" / "peserta.csv").read_bytes()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated(original))
    def fuzz(blob: bytes) -> None:
        with tempfile.TemporaryDirectory(prefix="trust-res-") as folder:
            roster = Path(folder) / "roster"
            shutil.copytree(FIXTURES / "roster" / "good", roster)
            (roster / "peserta.csv").write_bytes(blob)
            only_own_errors(lambda: read_roster(roster))
    fuzz()


# -- key files and configuration -------------------------------------------------------------


@pytest.fixture(scope="module")
def key_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from exam_bank.crypto.examkey import new_exam_key, write_exam_key

    folder = tmp_path_factory.mktemp("keys")
    write_exam_key(folder / "exam.ujikey", "FUZZ-1", new_exam_key(), b"passphrase",
                   scrypt_n=2**4)
    return {"exam": (folder / "exam.ujikey").read_bytes()}


@FUZZ
@given(data=st.data())
def test_exam_key_files(key_files: dict[str, bytes], data: st.DataObject) -> None:
    from exam_bank.crypto.examkey import read_exam_key

    blob = data.draw(mutated(key_files["exam"]))
    _import_file("exam.ujikey", blob, lambda p: read_exam_key(p, b"passphrase"))


@FUZZ
@given(mutated((Path(__file__).parents[2] / "exam_bank" / "sample" / "bank" / "blueprints" /
                "selter-jpt-2026.toml").read_bytes()))
def test_blueprints(blob: bytes) -> None:
    from exam_bank.blueprint.read import read_blueprint

    _import_file("cetak.toml", blob, read_blueprint)
