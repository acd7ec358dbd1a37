"""Shared fixtures: the sample's 54 scored candidates, and PDF text via poppler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from exam_bank.reports.model import ReportCandidate, ReportExam
from tests.exam_bank.reports.sampledata import sample_report

POPPLER_MISSING = ("poppler-utils is not installed: these tests read the PDFs back with "
                   "pdftotext/pdfinfo. Install it: apt-get install -y poppler-utils")


@pytest.fixture(scope="session")
def sample() -> tuple[ReportExam, list[ReportCandidate]]:
    return sample_report()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(POPPLER_MISSING)
    return path


def pdf_text(data: bytes | Path, *, layout: bool = True) -> str:
    """The PDF's text: in reading layout (pdftotext -layout, table rows on one line), or
    in drawing order, where a wrapped table cell's lines stay together."""
    args = [_tool("pdftotext"), *(["-layout"] if layout else []), "-enc", "UTF-8"]
    if isinstance(data, Path):
        out = subprocess.run([*args, str(data), "-"], capture_output=True, check=True)
    else:
        out = subprocess.run([*args, "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pdf_pages(data: bytes) -> int:
    out = subprocess.run([_tool("pdfinfo"), "-"], input=data, capture_output=True, check=True)
    for line in out.stdout.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo printed no page count")


def page_texts(data: bytes) -> list[str]:
    """Text per page (pdftotext separates pages with a form feed)."""
    return pdf_text(data).split("\f")[:pdf_pages(data)]
