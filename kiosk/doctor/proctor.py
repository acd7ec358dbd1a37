"""The doctor's short visit to the proctor: compare clocks, hand over the report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exam_bank.preflight import Report


@dataclass
class ProctorProbe:
    offset_ms: int | None
    problem: tuple[str, str] | None

    @classmethod
    def connect(cls, proctor: dict[str, Any], where: str, base: Path) -> ProctorProbe:
        return cls(None, ("pengawas belum dihubungi oleh doctor", "the doctor does not contact "
                          "the proctor yet"))

    def send(self, report: Report) -> None:
        """Nothing to send to yet."""
