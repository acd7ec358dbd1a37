"""Views every report shares: rankings per position and the 9-box grid, plus the
Indonesian number and date formats the committee reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from exam_bank.reports.model import ReportCandidate, ReportExam
from exam_bank.roster.cards import BULAN, tanggal_indonesia
from exam_bank.scoring.ranking import PositionRanking, RankInput, RankStatus, rank_position


def rankings(exam: ReportExam, candidates: Sequence[ReportCandidate]
             ) -> dict[str, PositionRanking]:
    """Every position of the exam (also those nobody sat for), ranked."""
    by_position: dict[str, list[RankInput]] = {code: [] for code in exam.positions}
    for c in candidates:
        if c.position_code not in by_position:
            raise ValueError(f"candidate {c.participant_no}: position {c.position_code!r} "
                             "is not one of the exam's positions")
        by_position[c.position_code].append(RankInput(c.participant_no, c.score,
                                                      c.makalah_final))
    return {code: rank_position(items, exam.scoring, makalah_required=exam.makalah_required)
            for code, items in by_position.items()}


@dataclass(frozen=True)
class NineBoxGrid:
    """Candidates by box 1-9 (each box in ranking-free participant order), and those
    that cannot be placed because their SKP or potential is missing."""

    boxes: dict[int, tuple[ReportCandidate, ...]]
    unplaced: tuple[ReportCandidate, ...]


def nine_box_grid(candidates: Sequence[ReportCandidate]) -> NineBoxGrid:
    ordered = sorted(candidates, key=lambda c: c.participant_no)
    boxes = {b: tuple(c for c in ordered if c.score.nine_box == b) for b in range(1, 10)}
    return NineBoxGrid(boxes, tuple(c for c in ordered if c.score.nine_box is None))


STATUS_NOTES = {
    RankStatus.RANKED: "",
    RankStatus.MAKALAH_PENDING: "Makalah belum dinilai",
    RankStatus.NOT_SCORED: "Belum ada nilai kompetensi",
}


def angka(value: float | None, digits: int = 2) -> str:
    """Indonesian decimal: 82,35; "–" for a missing value."""
    if value is None:
        return "–"
    # Half up on the decimal as written (82,345 → 82,35), as people round by hand;
    # binary floats would otherwise round some halves down.
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    text = f"{rounded:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def tanggal(date: dt.date) -> str:
    """"Selasa, 8 Desember 2026"."""
    return tanggal_indonesia(date)


def waktu(moment: dt.datetime) -> str:
    """"8 Desember 2026 pukul 10.42"."""
    return (f"{moment.day} {BULAN[moment.month - 1]} {moment.year} pukul "
            f"{moment.strftime('%H.%M')}")
