"""The lembar telaah prints every picture an item shows, the attached ones (a
spreadsheet's image column) after the stem as the kiosk shows them."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank.competencies import DEFAULT_CATALOG
from exam_bank.exporters.review import Entry, write_review_docx, write_review_pdf
from tests.exam_bank.mediakit import OPTION_PICTURE, STEM_PICTURE, picture_items, picture_media


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: apt-get install -y poppler-utils")
    return path


def test_attached_and_shown_pictures_are_printed(tmp_path: Path) -> None:
    mc = picture_items()[0]
    attached = replace(mc, stem="Perhatikan denah pada gambar.", media=mc.media)
    assert STEM_PICTURE not in attached.stem  # listed in media, shown by no text
    pdf = tmp_path / "telaah.pdf"
    write_review_pdf(pdf, [Entry(attached, "items/umum.toml:1")], picture_media(),
                     DEFAULT_CATALOG, "Bank")
    listing = subprocess.run([tool("pdfimages"), "-list", str(pdf)], check=True,
                             capture_output=True, text=True).stdout.splitlines()[2:]
    sizes = sorted((row.split()[3], row.split()[4]) for row in listing)
    assert sizes == [("120", "60"), ("240", "120")]  # the option's and the attached one


def test_the_word_review_carries_the_attached_picture(tmp_path: Path) -> None:
    from docx import Document

    mc = picture_items()[0]
    attached = replace(mc, stem="Perhatikan denah pada gambar.")
    out = tmp_path / "telaah.docx"
    write_review_docx(out, [Entry(attached, "items/umum.toml:1")], picture_media(),
                      DEFAULT_CATALOG, "Bank")
    blobs = {rel.target_part.blob for rel in Document(str(out)).part.rels.values()
             if "image" in rel.reltype}
    assert blobs == {picture_media()[STEM_PICTURE], picture_media()[OPTION_PICTURE]}
