"""The fonts of every PDF Ujikom prints: exam cards and the office's reports in one
condensed family, the makalah paper in a family with italics. TrueType with wide character
coverage, embedded, so any viewer shows names exactly as typed; reportlab's bundled Vera
family is the fallback that always exists. Each family is registered once per process."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
_VERA = Path(reportlab.__file__).parent / "fonts"


@dataclass(frozen=True)
class PdfFonts:
    regular: str
    bold: str
    mono: str


def _first(candidates: Sequence[Sequence[str]]) -> Sequence[str]:
    """The first family whose every file exists (the last candidate always does)."""
    return next(files for files in candidates if all(Path(p).is_file() for p in files))


def _mono(prefix: str, candidates: Sequence[str], fallback: str) -> str:
    path = next((m for m in candidates if Path(m).is_file()), None)
    if path is None:
        return fallback
    pdfmetrics.registerFont(TTFont(f"{prefix}-Mono", path))
    return f"{prefix}-Mono"


@cache
def card_fonts() -> PdfFonts:
    """Exam cards, reports, rankings: a condensed sans (long names fit a card's width)."""
    regular, bold = _first([
        (str(_DEJAVU / "DejaVuSansCondensed.ttf"), str(_DEJAVU / "DejaVuSansCondensed-Bold.ttf")),
        (str(_LIBERATION / "LiberationSans-Regular.ttf"),
         str(_LIBERATION / "LiberationSans-Bold.ttf")),
        ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
        (str(_VERA / "Vera.ttf"), str(_VERA / "VeraBd.ttf")),
    ])
    pdfmetrics.registerFont(TTFont("Kartu", regular))
    pdfmetrics.registerFont(TTFont("Kartu-Bold", bold))
    mono = _mono("Kartu", [str(_DEJAVU / "DejaVuSansMono-Bold.ttf"),
                           str(_LIBERATION / "LiberationMono-Bold.ttf"),
                           "C:/Windows/Fonts/courbd.ttf"], "Courier-Bold")
    return PdfFonts("Kartu", "Kartu-Bold", mono)


@cache
def paper_fonts() -> PdfFonts:
    """The makalah paper: a sans with italics (the candidate's emphasis is kept)."""
    files = _first([
        [str(_DEJAVU / f"DejaVuSans{s}.ttf") for s in ("", "-Bold", "-Oblique", "-BoldOblique")],
        [str(_VERA / f"Vera{s}.ttf") for s in ("", "Bd", "It", "BI")],
    ])
    names = ("Makalah", "Makalah-Bold", "Makalah-Italic", "Makalah-BoldItalic")
    for name, path in zip(names, files, strict=True):
        pdfmetrics.registerFont(TTFont(name, path))
    pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1],
                                  italic=names[2], boldItalic=names[3])
    mono = _mono("Makalah", [str(_DEJAVU / "DejaVuSansMono.ttf")], "Courier")
    return PdfFonts(names[0], names[1], mono)
