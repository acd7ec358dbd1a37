"""The makalah editor screen (see screen.py); the stored form lives in exam_bank.makalah."""

from __future__ import annotations

from kiosk.screens.makalah.screen import MakalahScreen, MakalahView

__all__ = ["MakalahScreen", "MakalahView"]
