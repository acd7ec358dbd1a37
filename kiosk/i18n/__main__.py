"""`python -m kiosk.i18n`: re-extract and compile the kiosk's translations."""

from __future__ import annotations

from kiosk.i18n import regenerate

regenerate()
