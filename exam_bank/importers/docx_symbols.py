"""Characters Word writes as ``<w:sym w:font="Symbol" w:char="F061"/>`` (Insert > Symbol).

Word stores a symbol-font character as its code in that font, often moved into the
private-use area (``F0xx``); the text only means something once mapped back to Unicode.
Symbol follows Adobe's Symbol encoding (Greek letters and mathematical signs); for
Wingdings only the ticks, crosses and boxes question writers use are mapped. Any other
code is reported by the caller, never dropped.
"""

from __future__ import annotations

# Adobe Symbol encoding, the printable codes whose meaning differs from ASCII.
_SYMBOL_UPPER = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"  # A..Z
_SYMBOL_LOWER = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"  # a..z
_SYMBOL: dict[int, str] = {
    **{0x41 + n: c for n, c in enumerate(_SYMBOL_UPPER)},
    **{0x61 + n: c for n, c in enumerate(_SYMBOL_LOWER)},
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴",
    0x5E: "⊥", 0x7E: "∼", 0xA1: "ϒ", 0xA2: "′", 0xA3: "≤", 0xA4: "⁄", 0xA5: "∞",
    0xA6: "ƒ", 0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←",
    0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥",
    0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡",
    0xBB: "≈", 0xBC: "…", 0xC0: "ℵ", 0xC4: "⊗", 0xC5: "⊕", 0xC6: "∅", 0xC7: "∩",
    0xC8: "∪", 0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂", 0xCD: "⊆", 0xCE: "∈",
    0xCF: "∉", 0xD0: "∠", 0xD1: "∇", 0xD5: "∏", 0xD6: "√", 0xD7: "⋅", 0xD8: "¬",
    0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDD: "⇑", 0xDE: "⇒", 0xDF: "⇓",
    0xE0: "◊", 0xE1: "〈", 0xE5: "∑", 0xF1: "〉", 0xF2: "∫",
}
_WINGDINGS: dict[int, str] = {
    0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x9F: "•", 0xA8: "◻", 0xD8: "➢",
    0xE0: "→", 0xE8: "➔", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
}
_FONTS: dict[str, dict[int, str]] = {"symbol": _SYMBOL, "wingdings": _WINGDINGS}


def symbol_text(font: str, code: str) -> str | None:
    """The Unicode text of a ``w:sym``, or None when Ujikom cannot tell what it shows."""
    try:
        value = int(code, 16)
    except ValueError:
        return None
    table = _FONTS.get(font.strip().lower())
    if table is None:
        # A text font: the code is the character itself, unless it points into the
        # private-use area, where only that font knows the picture.
        if 0xE000 <= value <= 0xF8FF or not 0x20 <= value <= 0x10FFFF:
            return None
        return chr(value)
    low = value - 0xF000 if 0xF020 <= value <= 0xF0FF else value
    if table is _SYMBOL and 0x20 <= low < 0x7F and low not in table:
        return chr(low)  # Symbol keeps ASCII digits and punctuation where it does not differ
    return table.get(low)
