"""One safe-unzip module for every zip from outside."""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank import safezip
from exam_bank.bundle.ziparchive import deflate, zip_parts
from exam_bank.problems import InputError
from exam_bank.safezip import XLSX, ZipRefused, open_zip
from exam_bank.tabular import read_xlsx_sheets
from tests.faults.zipbomb import with_member, zeros_deflated


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def test_every_cap_refuses_by_the_directory_alone() -> None:
    small = replace(XLSX, members=3, member_bytes=100, total_bytes=150)
    with pytest.raises(ZipRefused, match="4 files in the zip, more than 3"):
        open_zip(_zip({f"f{i}": b"x" for i in range(4)}), small)
    with pytest.raises(ZipRefused, match="may hold at most") as big:
        open_zip(_zip({"a": b"x", "big": bytes(101)}), small)
    assert big.value.member == "big"
    with pytest.raises(ZipRefused, match="unpacks to more than"):
        open_zip(_zip({"a": bytes(90), "b": bytes(90)}), small)
    with pytest.raises(ZipRefused, match="zip bomb") as bomb:
        open_zip(_zip({"sheet.xml": bytes(8 * 2**20)}), XLSX)
    assert bomb.value.member == "sheet.xml"
    with pytest.raises(ZipRefused, match="unsafe path"):
        open_zip(_zip({"../evil": b"x"}), XLSX)
    # a few KB of blank cells may compress 1000:1: below the floor the ratio is not held
    assert open_zip(_zip({"blank.xml": bytes(500_000)}), XLSX).read("blank.xml") == \
        bytes(500_000)


def test_a_corrupt_deflated_member_is_named() -> None:
    good = deflate(b"answer " * 5000)
    broken = replace(good, data=good.data[:40] + bytes(40) + good.data[80:])
    data = b"".join(zip_parts({"logs/A.jsonl": b"{}\n", "logs/B.jsonl": broken}))
    with open_zip(data, safezip.BUNDLE) as archive:
        assert archive.read("logs/A.jsonl") == b"{}\n"
        with pytest.raises(ZipRefused, match="cannot be unpacked") as err:
            archive.read("logs/B.jsonl")
    assert err.value.member == "logs/B.jsonl"


def test_a_4_mb_workbook_that_unpacks_to_4_3_gb_is_refused_at_once(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["kode", "nilai"])
    plain = io.BytesIO()
    book.save(plain)
    path = tmp_path / "penilaian.xlsx"
    path.write_bytes(with_member(plain.getvalue(), "xl/worksheets/sheet1.xml",
                                 zeros_deflated()))
    assert path.stat().st_size < 5 * 2**20
    start = time.perf_counter()
    with pytest.raises(InputError) as err:
        read_xlsx_sheets(path)
    assert time.perf_counter() - start < 2
    text = str(err.value)
    assert str(path) in text and "xl/worksheets/sheet1.xml" in text and "zip bomb" in text
