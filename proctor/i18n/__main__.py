"""`python -m proctor.i18n`: re-extract and compile the console's translations."""

from __future__ import annotations

from proctor.i18n import regenerate

regenerate()
