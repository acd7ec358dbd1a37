"""Page furniture every Ujikom PDF shares: pages that know how many there are, so each
footer can say "Halaman x dari N", and running lines clipped to their room."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

Decorate = Callable[[Canvas, int, int], None]  # (canvas, page number, total pages)


def numbered_canvas(decorate: Decorate) -> type[Canvas]:
    """A canvas class that holds its pages until the end, then calls `decorate` on each
    with its number and the total (reportlab learns the total only after the last page)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own reset

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.saveState()
                decorate(self, number, total)
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


def clip(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
