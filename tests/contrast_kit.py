"""WCAG 2.x contrast for Qt style sheets: every rule's text colour against the background
it is drawn on (≥ 4.5:1), and every control's border against the page around it (≥ 3:1,
non-text contrast, WCAG 1.4.11). Shared by the kiosk's and the proctor console's tests."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

NAMED = {"white": "#ffffff", "black": "#000000"}
TEXT_MIN = 4.5
NON_TEXT_MIN = 3.0
# Controls whose outline tells where to click or type (and state rings on any control).
CONTROLS = ("QPushButton", "QLineEdit", "QSpinBox", "QComboBox", "QTextEdit",
            "QPlainTextEdit", "QToolButton", "QRadioButton", "QCheckBox", "QDateEdit",
            "QTimeEdit", "QFrame#tile", "QFrame#option")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\b(?:white|black)\b")


@dataclass(frozen=True)
class Pair:
    selector: str
    kind: str  # "text" or "border"
    fore: str
    back: str

    @property
    def ratio(self) -> float:
        return contrast(self.fore, self.back)

    @property
    def minimum(self) -> float:
        return TEXT_MIN if self.kind == "text" else NON_TEXT_MIN

    def __str__(self) -> str:
        return (f"{self.selector}: {self.kind} {self.fore} on {self.back} "
                f"{self.ratio:.2f}:1 < {self.minimum}:1")


def hex6(colour: str) -> str:
    colour = NAMED.get(colour.lower(), colour.lower())
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def luminance(colour: str) -> float:
    value = hex6(colour)
    channels = [int(value[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) per selector, comments dropped."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    out = []
    for selectors, body in _RULE.findall(sheet):
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                decls[name.strip().lower()] = value.strip()
        for selector in selectors.split(","):
            out.append((" ".join(selector.split()), decls))
    return out


def _colour(value: str | None) -> str | None:
    if not value or "transparent" in value:
        return None
    found = _COLOUR.search(value)
    return hex6(found.group(0)) if found else None


def pairs(sheet: str, pages: Iterable[str], containers: Mapping[str, str] | None = None,
          informative_disabled: Iterable[str] = (), decorative: Iterable[str] = ()
          ) -> list[Pair]:
    """Every text and control-border pair of `sheet`. A rule without a background of its
    own is drawn on its container's (a selector naming one of `containers`) or on any of
    the `pages`. Disabled controls are exempt (WCAG), except `informative_disabled`
    selectors, which still carry meaning (a palette that only shows state); `decorative`
    selectors (separator lines) are not checked."""
    containers = containers or {}
    own_back: dict[str, str] = {}
    found: list[Pair] = []
    parsed = rules(sheet)
    for selector, decls in parsed:
        back = _colour(decls.get("background") or decls.get("background-color"))
        if back:
            own_back[selector] = back
    for selector, decls in parsed:
        if ":disabled" in selector and not any(s in selector for s in informative_disabled):
            continue
        if any(d in selector for d in decorative):  # a separator line, not information
            continue
        base = selector.split(":")[0].split("[")[0].split("::")[0]
        behind = [own_back[selector]] if selector in own_back else \
            [own_back[base]] if base in own_back else \
            [c for name, c in containers.items() if name in selector] or list(pages)
        around = [c for name, c in containers.items() if name in selector] or list(pages)
        fore = _colour(decls.get("color"))
        if fore:
            found += [Pair(selector, "text", fore, b) for b in behind]
        border = _colour(decls.get("border-color")) or _colour(decls.get("border"))
        is_control = any(c in selector for c in CONTROLS) or ":focus" in selector
        if border and is_control and "::indicator" not in selector:
            # a border the colour of what is behind it only keeps the size steady
            found += [Pair(selector, "border", border, b) for b in around
                      if border not in (b, own_back.get(selector))]
    return found


def failing(found: Iterable[Pair]) -> list[str]:
    return [str(p) for p in found if p.ratio < p.minimum]
