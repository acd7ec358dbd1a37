"""Shared fixtures. Nothing here writes into the repository: everything goes to tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
