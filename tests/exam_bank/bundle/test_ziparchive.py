"""The bundle's zip writer: any zip reader opens what it writes, members deflated ahead
of time included, and the same members always give the same bytes."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_bank.bundle.ziparchive import LIMIT, Deflated, deflate, inflate, zip_parts

LOG = b"".join(b'{"seq":%d,"type":"makalah_revision"}\n' % n for n in range(2000))


def _zip(members: dict[str, bytes | Deflated]) -> bytes:
    return b"".join(zip_parts(members))


def test_stored_and_predeflated_members_open_in_zipfile_and_unzip(tmp_path: Path) -> None:
    members: dict[str, bytes | Deflated] = {
        "manifest.json": b'{"format":"ujikom-results-1"}', "logs/P1.jsonl": deflate(LOG),
        "makalah/P1-MK1.txt": "Pelayanan **publik** yang cepat — é.".encode(),
        "empty.json": b""}
    data = _zip(members)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every CRC-32 checks out
        assert archive.namelist() == sorted(members)
        assert archive.read("logs/P1.jsonl") == LOG
        assert archive.read("makalah/P1-MK1.txt") == members["makalah/P1-MK1.txt"]
        info = {i.filename: i for i in archive.infolist()}
        assert info["logs/P1.jsonl"].compress_type == zipfile.ZIP_DEFLATED
        assert info["logs/P1.jsonl"].compress_size < len(LOG) / 4
        assert info["manifest.json"].compress_type == zipfile.ZIP_STORED
        assert info["manifest.json"].date_time == (1980, 1, 1, 0, 0, 0)
    path = tmp_path / "bundle.zip"
    path.write_bytes(data)
    checked = subprocess.run(["unzip", "-t", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No errors detected" in checked.stdout
    assert _zip(dict(reversed(members.items()))) == data  # order given does not matter


def test_a_member_that_does_not_match_its_crc_is_caught_by_the_reader() -> None:
    packed = deflate(LOG)
    wrong = Deflated(packed.data, packed.size, packed.crc ^ 1)
    with zipfile.ZipFile(io.BytesIO(_zip({"logs/P1.jsonl": wrong}))) as archive, \
            pytest.raises(zipfile.BadZipFile, match="CRC"):
        archive.read("logs/P1.jsonl")


def test_more_than_a_zip_without_zip64_holds_is_refused_clearly() -> None:
    huge = Deflated(b"\x03\x00", LIMIT, 0)  # says 4 GiB
    with pytest.raises(ValueError, match="4 GiB"):
        zip_parts({"logs/P1.jsonl": huge})


NAMES = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9._/-]{0,30}[A-Za-z0-9])?", fullmatch=True)


@settings(max_examples=40)
@given(st.dictionaries(NAMES, st.tuples(st.binary(max_size=3000), st.booleans()), max_size=8))
def test_any_members_come_back_as_they_went_in(members: dict[str, tuple[bytes, bool]]
                                               ) -> None:
    given_members: dict[str, bytes | Deflated] = {
        name: deflate(data) if packed else data for name, (data, packed) in members.items()}
    with zipfile.ZipFile(io.BytesIO(_zip(given_members))) as archive:
        assert archive.testzip() is None
        assert {n: archive.read(n) for n in archive.namelist()} == {
            n: d for n, (d, _p) in members.items()}
    for data, packed in members.values():
        if packed:
            assert inflate(deflate(data)) == data
