"""Helpers for driving the real `ujikom` command line in tests."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ujikom.cli import main

SAMPLE = files("exam_bank") / "sample"
BLUEPRINT = "blueprints/selter-jpt-2026.toml"


@dataclass
class Lab:
    root: Path
    bank: Path
    authority: Path
    package: Path
    key: Path
    roster: Path

    @property
    def trust(self) -> str:
        return str(self.authority / "authority.pub")

    @property
    def blueprint(self) -> Path:
        return self.bank / BLUEPRINT


def ujikom(*argv: object) -> int:
    return main([str(a) for a in argv])


