"""The exam-package container: round trip, inspection without the key, refusals."""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
import zipfile
from datetime import UTC, datetime

import pytest

from exam_bank.crypto.examkey import ExamKey, key_id, new_exam_key
from exam_bank.package import container
from exam_bank.package.container import open_package, read_header, write_package
from exam_bank.problems import InputError


def test_round_trip(package, authority, exam_key, kit):
    opened = open_package(package, [authority.public], exam_key)
    assert opened.files == kit.SAMPLE_FILES
    header = opened.header
    assert header.exam_id == kit.EXAM
    assert header.signed_by == authority.public
    assert header.key_id == exam_key.key_id
    # Raw key bytes open it as well as an ExamKey does.
    assert open_package(package, [authority.public], exam_key.key).files == kit.SAMPLE_FILES


def test_inspect_without_the_key(package, authority, exam_key, kit):
    header = read_header(package)
    assert header.signed_by is None
    assert (header.exam_id, header.title, header.agency) == (
        kit.EXAM, "Seleksi CPNS 2025", "BKPP Kota Contoh")
    assert header.sessions == [{"id": "S1", "starts": "2025-03-01T08:00+07:00", "seats": 40}]
    assert header.counts == {"forms": 1, "items": 1, "candidates": 1, "media": 1}
    assert header.public == {"language": "id"}
    assert header.authority_fingerprint == authority.public.fingerprint
    assert header.key_id == exam_key.key_id
    assert header.created_at.tzinfo is not None
    assert abs((datetime.now(UTC) - header.created_at).total_seconds()) < 60

    raw_header, payload, _ = kit.split(package.read_bytes())
    assert header.header_sha256 == hashlib.sha256(raw_header).hexdigest()
    assert header.payload_sha256 == hashlib.sha256(payload).hexdigest()
    assert header.payload_size == len(payload)

    verified = read_header(package, [authority.public])
    assert verified.signed_by == authority.public
    summary = verified.to_dict()
    json.dumps(summary)
    assert summary["signature"] == {"verified": True, "authority": "BKN Pusat"}
    assert summary["exam"]["id"] == kit.EXAM


def test_writer_returns_what_the_reader_sees(tmp_path, authority, exam_key, kit):
    moment = datetime(2025, 2, 1, 3, 4, 5, tzinfo=UTC)
    written = write_package(tmp_path / "p", exam_id=kit.EXAM, files={"a": b"1"},
                            signer=authority.private, exam_key=exam_key, created_at=moment)
    read = read_header(tmp_path / "p")
    assert written.to_dict() == read.to_dict()
    assert read.created_at == moment


def test_package_holds_no_plaintext(package, kit):
    raw = package.read_bytes()
    assert kit.ITEM_TEXT.encode() not in raw
    assert b"ZEBRA-7731" not in raw
    assert b"Siti Aminah" not in raw
    for name, content in kit.SAMPLE_FILES.items():
        assert name.encode() not in raw
        assert content[:24] not in raw
    assert b"PK\x03\x04" not in raw  # the inner zip is not visible either


def test_unknown_authority_is_refused(package, exam_key, authority, kit):
    stranger = kit.make_authority("Someone Else").public
    for trusted in ([stranger], []):
        with pytest.raises(InputError, match="signed by an unknown authority SHA256:") as info:
            read_header(package, trusted)
        assert authority.public.fingerprint in str(info.value)
        assert str(package) in str(info.value)
        with pytest.raises(InputError, match="unknown authority"):
            open_package(package, trusted, exam_key)


def test_any_trusted_authority_will_do(package, authority, exam_key, kit):
    trusted = [kit.make_authority("Old").public, authority.public]
    assert read_header(package, trusted).signed_by == authority.public
    assert open_package(package, trusted, exam_key).files == kit.SAMPLE_FILES


def test_wrong_key_is_refused(package, authority, kit):
    with pytest.raises(InputError, match="wrong key: this package needs key"):
        open_package(package, [authority.public], new_exam_key())
    with pytest.raises(InputError, match="wrong key"):
        open_package(package, [authority.public], ExamKey.of(kit.EXAM, new_exam_key()))
    with pytest.raises(InputError, match="wrong key: an exam key is 32 bytes"):
        open_package(package, [authority.public], b"too short")


def test_key_for_another_exam_is_refused(package, authority, kit):
    other = ExamKey.of("CPNS-2025-BKPP-02", new_exam_key())
    with pytest.raises(InputError,
                       match=f"this key is for exam CPNS-2025-BKPP-02, not {kit.EXAM}"):
        open_package(package, [authority.public], other)


def test_signature_is_checked_before_the_key(package, authority, kit):
    raw = bytearray(package.read_bytes())
    raw[-100] ^= 1  # inside the payload
    package.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="signature does not match: the file was altered"):
        open_package(package, [authority.public], new_exam_key())


def test_header_and_payload_cannot_be_mixed(tmp_path, authority, exam_key, kit):
    paths = []
    for n in (1, 2):
        paths.append(tmp_path / f"p{n}")
        write_package(paths[-1], exam_id=kit.EXAM, files={"n": str(n).encode()},
                      signer=authority.private, exam_key=exam_key, title=f"Form {n}")
    h1, _, s1 = kit.split(paths[0].read_bytes())
    _, p2, _ = kit.split(paths[1].read_bytes())
    mixed = tmp_path / "mixed"
    mixed.write_bytes(kit.frame(h1, p2, s1))
    with pytest.raises(InputError, match="signature does not match"):
        open_package(mixed, [authority.public], exam_key)
    # Even re-signed by the authority itself, the AAD keeps header and payload paired.
    signature = authority.private.sign(container.SIGNATURE_LABEL + hashlib.sha256(h1).digest()
                                       + hashlib.sha256(p2).digest())
    mixed.write_bytes(kit.frame(h1, p2, signature))
    with pytest.raises(InputError, match="cannot decrypt: wrong key or altered payload"):
        open_package(mixed, [authority.public], exam_key)


def test_overwrite_is_atomic_and_leaves_no_temp_files(package, authority, exam_key, kit):
    write_package(package, exam_id=kit.EXAM, files={"new": b"x"}, signer=authority.private,
                  exam_key=exam_key)
    assert open_package(package, [authority.public], exam_key).files == {"new": b"x"}
    assert [p.name for p in package.parent.iterdir()] == [package.name]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"../escape": b""}, "'..'"),
        ({"a/./b": b""}, "'.'"),
        ({"/etc/passwd": b""}, "relative"),
        ({"C:/x": b""}, "':'"),
        ({"a\\b": b""}, "'\\'"),
        ({"": b""}, "non-empty"),
        ({"folder/": b""}, "empty"),
        ({"bad\nname": b""}, "control characters"),
        ({"Soal.txt": b"", "soal.TXT": b""}, "differs only in case"),
        ({"media": b"", "media/a.png": b""}, "both a file and a folder"),
        ({"x": "text, not bytes"}, "must be bytes"),
        ({f"f{i}": b"" for i in range(container.MAX_FILES + 1)}, "more than a package holds"),
    ],
)
def test_writer_refuses_bad_files(tmp_path, authority, exam_key, kit, files, message):
    out = tmp_path / "p"
    with pytest.raises(InputError, match=re.escape(message)):
        write_package(out, exam_id=kit.EXAM, files=files, signer=authority.private,
                      exam_key=exam_key)
    assert not any(tmp_path.iterdir())


def test_writer_refuses_bad_header_data(tmp_path, authority, exam_key, kit):
    def build(**extra):
        args = {"exam_id": kit.EXAM, "files": {}, "signer": authority.private,
                "exam_key": exam_key}
        write_package(tmp_path / "p", **(args | extra))

    with pytest.raises(InputError, match="not CPNS"):
        build(exam_id="CPNS-OTHER")
    with pytest.raises(InputError, match="exam id"):
        build(exam_id="", exam_key=new_exam_key())
    with pytest.raises(InputError, match="plain JSON"):
        build(public={"when": datetime.now(UTC)})
    with pytest.raises(InputError, match="plain JSON"):
        build(public={"x": float("nan")})
    with pytest.raises(InputError, match="counts"):
        build(counts={"items": -1})
    with pytest.raises(InputError, match="more than 1048576"):
        build(public={"big": "x" * container.MAX_HEADER})
    with pytest.raises(ValueError, match="timezone"):
        build(created_at=datetime(2025, 1, 1))
    assert not any(tmp_path.iterdir())


def test_failed_write_keeps_the_old_package(package, authority, exam_key, kit):
    before = package.read_bytes()
    with pytest.raises(InputError):
        write_package(package, exam_id=kit.EXAM, files={"../x": b""},
                      signer=authority.private, exam_key=exam_key)
    assert package.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"hello, world", "not an Ujikom exam package"),
        (b"PK\x03\x04" + bytes(100), "not an Ujikom exam package"),
        (container.MAGIC[:5], "truncated"),
        (container.MAGIC + b"\x02" + bytes(40), "container version 2 is not supported"),
        (container.MAGIC + b"\x01" + b"HEAD" + (2**40).to_bytes(8, "big"), "more than 1048576"),
        (container.MAGIC + b"\x01" + b"DATA" + bytes(8), "expected header.json"),
    ],
)
def test_not_a_package(tmp_path, authority, content, message):
    path = tmp_path / "thing.ujikom"
    path.write_bytes(content)
    for read in (lambda: read_header(path), lambda: read_header(path, [authority.public])):
        with pytest.raises(InputError, match=re.escape(message)) as info:
            read()
        assert info.value.problems[0].where == str(path)


def test_missing_file(tmp_path, authority, exam_key):
    with pytest.raises(InputError, match="cannot read"):
        open_package(tmp_path / "nope", [authority.public], exam_key)


def test_truncated_package_is_a_clear_error(package, authority, exam_key):
    raw = package.read_bytes()
    package.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(InputError, match="truncated") as info:
        open_package(package, [authority.public], exam_key)
    assert str(package) in str(info.value)


def test_trailing_bytes_are_refused(package, authority):
    package.write_bytes(package.read_bytes() + b"\n")
    with pytest.raises(InputError, match="unexpected bytes after the signature"):
        read_header(package, [authority.public])


def _rewrite_header(package, kit, authority, change) -> None:
    header, payload, _ = kit.split(package.read_bytes())
    data = json.loads(header)
    change(data)
    new = json.dumps(data).encode()
    signature = authority.private.sign(container.SIGNATURE_LABEL + hashlib.sha256(new).digest()
                                       + hashlib.sha256(payload).digest())
    package.write_bytes(kit.frame(new, payload, signature))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(format=2), "format"),
        (lambda d: d.update(kind="zip"), "kind"),
        (lambda d: d["exam"].update(id=""), "exam.id"),
        (lambda d: d["exam"].update(title="\x1b[2J"), "exam.title"),
        (lambda d: d.update(created_at="yesterday"), "created_at"),
        (lambda d: d.update(created_at="2025-01-01T08:00:00+07:00"), "created_at"),
        (lambda d: d.update(sessions={"S1": 1}), "sessions"),
        (lambda d: d.update(counts={"items": "many"}), "counts"),
        (lambda d: d.update(public=[]), "public"),
        (lambda d: d["exam_key"].update(key_id="nope"), "exam_key.key_id"),
        (lambda d: d["payload"].update(nonce="AAAA"), "payload.nonce"),
        (lambda d: d["payload"].update(cipher="DES"), "payload.cipher"),
        (lambda d: d["authority"].update(fingerprint="me"), "authority.fingerprint"),
    ],
)
def test_bad_header_fields_are_named(package, kit, authority, change, field):
    """Even a correctly signed header is checked field by field."""
    _rewrite_header(package, kit, authority, change)
    with pytest.raises(InputError) as info:
        read_header(package, [authority.public])
    assert field in [p.field for p in info.value.problems]


def test_header_must_name_its_signer(package, kit, authority):
    other = kit.make_authority().public.fingerprint
    _rewrite_header(package, kit, authority,
                    lambda d: d["authority"].update(fingerprint=other))
    with pytest.raises(InputError, match="the header names authority"):
        read_header(package, [authority.public])


def _inner_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of one case
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("inner", "message"),
    [
        (b"not a zip at all", "not a readable zip file"),
        (_inner_zip([("../../etc/cron.d/x", b"boom")]), "'..'"),
        (_inner_zip([("/abs", b"")]), "relative"),
        (_inner_zip([("dir/", b"")]), "empty"),
        (_inner_zip([("a", b"1"), ("A", b"2")]), "differs only in case"),
        (_inner_zip([("a", b"1"), ("a", b"2")]), "appears twice"),
        (_inner_zip([(f"f{i}", b"") for i in range(container.MAX_FILES + 1)]),
         "more than 10000"),
    ],
)
def test_authentic_but_malformed_contents_are_refused(package, kit, authority, exam_key,
                                                      inner, message):
    """Defence in depth: limits hold even for content the authority signed."""
    header, _, _ = kit.split(package.read_bytes())
    package.write_bytes(kit.seal(header, inner, exam_key.key, authority.private))
    with pytest.raises(InputError, match=re.escape(message)) as info:
        open_package(package, [authority.public], exam_key)
    assert str(package) in str(info.value)


def test_key_id_is_public_but_not_the_key(package, exam_key):
    raw = package.read_bytes()
    assert key_id(exam_key.key).encode() in raw
    assert exam_key.key not in raw and exam_key.key.hex().encode() not in raw


def test_open_always_checks_the_signature(package, exam_key):
    with pytest.raises(TypeError):
        open_package(package, None, exam_key)  # type: ignore[arg-type]


def test_writer_refuses_sessions_that_are_not_objects(tmp_path, authority, exam_key, kit):
    with pytest.raises(InputError, match="plain JSON"):
        write_package(tmp_path / "p", exam_id=kit.EXAM, files={}, signer=authority.private,
                      exam_key=exam_key, sessions=["S1"])  # type: ignore[list-item]
    assert not any(tmp_path.iterdir())
