"""One font module for every PDF: cards and reports share a family, the paper has italics."""

from __future__ import annotations

from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from exam_bank.pdffonts import card_fonts, paper_fonts


def test_cards_and_reports_embed_one_truetype_family() -> None:
    fonts = card_fonts()
    assert card_fonts() is fonts  # registered once per process
    for name in (fonts.regular, fonts.bold):
        assert isinstance(pdfmetrics.getFont(name), TTFont)  # embedded, not a base-14 font
    # Accented names draw from the font itself (Latin-1 at least, even in the fallback).
    face = pdfmetrics.getFont(fonts.regular).face
    assert all(ord(ch) in face.charToGlyph for ch in "Ñoño Hélène")


def test_the_paper_keeps_the_candidate_s_italics() -> None:
    fonts = paper_fonts()
    assert tt2ps(fonts.regular, 0, 1) == "Makalah-Italic"
    assert tt2ps(fonts.regular, 1, 1) == "Makalah-BoldItalic"
    assert isinstance(pdfmetrics.getFont(fonts.bold), TTFont)
