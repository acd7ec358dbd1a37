"""The whole item analysis of one exam: every item's statistics and flags, the Likert
scales, makalah rater agreement and DIF, with the flagged items first."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from exam_bank.analysis.classical import ItemStats, all_item_stats, criterion
from exam_bank.analysis.dif import DifResult, dif_all
from exam_bank.analysis.flags import (
    AnalysisConfig,
    Flag,
    choice_flags,
    dif_flags,
    likert_flags,
    scale_note,
)
from exam_bank.analysis.likert import LikertItem, ScaleStats, scale_stats
from exam_bank.analysis.matrix import ResponseMatrix
from exam_bank.analysis.raters import RaterStats, rater_stats
from exam_bank.items.model import Item


@dataclass(frozen=True)
class ItemReport:
    item_id: str
    type: str
    competency: str  # the competency, or the likert scale
    stats: ItemStats | LikertItem
    flags: tuple[Flag, ...]
    dif: tuple[DifResult, ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


@dataclass(frozen=True)
class Analysis:
    exam_id: str
    session: str | None  # None: every session of the exam
    candidates: int
    items: tuple[ItemReport, ...]  # flagged first, then by id
    scales: tuple[ScaleStats, ...]
    scale_notes: Mapping[str, str]
    raters: RaterStats | None
    dif_fields: tuple[str, ...]  # group fields present on the roster
    config: AnalysisConfig

    @property
    def flagged(self) -> tuple[ItemReport, ...]:
        return tuple(i for i in self.items if i.flagged)

    @property
    def too_few(self) -> tuple[str, ...]:
        """Items seen by fewer candidates than flags need (config.min_n)."""
        return tuple(i.item_id for i in self.items if i.stats.n < self.config.min_n)

    def to_dict(self) -> dict[str, Any]:
        return {"exam_id": self.exam_id, "session": self.session,
                "candidates": self.candidates, "config": self.config.to_dict(),
                "flagged": [i.item_id for i in self.flagged],
                "too_few_candidates": list(self.too_few),
                "items": [_item_dict(i) for i in self.items],
                "scales": [{**_plain(dataclasses.asdict(s)),
                            "note": self.scale_notes.get(s.scale, "")} for s in self.scales],
                "raters": None if self.raters is None else _plain(
                    dataclasses.asdict(self.raters)),
                "dif_fields": list(self.dif_fields)}


def analyse(matrix: ResponseMatrix, exam_id: str, *, session: str | None = None,
            grades: Sequence[Mapping[str, float]] = (),
            config: AnalysisConfig | None = None) -> Analysis:
    config = config or AnalysisConfig()
    crit = criterion(matrix)
    dif_by_item: dict[str, list[DifResult]] = {}
    for d in dif_all(matrix, crit, config.dif_min_group):
        dif_by_item.setdefault(d.item_id, []).append(d)
    by_id: dict[str, Item] = {item.id: item for item in matrix.items}
    reports = []
    for s in all_item_stats(matrix):
        dif = dif_by_item.get(s.item_id, [])
        reports.append(ItemReport(s.item_id, s.type, by_id[s.item_id].competency, s,
                                  tuple(choice_flags(s, config) + dif_flags(dif)),
                                  tuple(dif)))
    scales = scale_stats(matrix)
    for scale in scales:
        for li in scale.items:
            reports.append(ItemReport(li.item_id, "likert", scale.scale, li,
                                      tuple(likert_flags(li, config))))
    reports.sort(key=lambda r: (not r.flagged, r.item_id))
    return Analysis(
        exam_id=exam_id, session=session, candidates=len(matrix.participants),
        items=tuple(reports), scales=tuple(scales),
        scale_notes={s.scale: n for s in scales if (n := scale_note(s, config))},
        raters=rater_stats(grades, config.margin) if grades else None,
        dif_fields=tuple(sorted(matrix.groups)), config=config)


def _item_dict(report: ItemReport) -> dict[str, Any]:
    return {"item_id": report.item_id, "type": report.type,
            "competency": report.competency, "flagged": report.flagged,
            "flags": [{"code": f.code, "reason": f.reason} for f in report.flags],
            "stats": _plain(dataclasses.asdict(report.stats)),
            "dif": [_plain(dataclasses.asdict(d)) for d in report.dif]}


def _plain(value: Any) -> Any:
    """JSON-safe: NaN becomes null, tuples lists, floats rounded to 4 places."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
