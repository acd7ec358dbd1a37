"""A candidate's whole result: competency levels, scale scores, JPM and its band, 9-box.

Competencies are scored from the choice items (mc, mr, sjt): a blank counts 0 against the
competency's full max, as in CAT. Likert items feed their scales only; a makalah is graded
by assessors and only listed here with max 0.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from exam_bank.competencies import LEVELS
from exam_bank.items.kinds import ScoredBy, kind_of
from exam_bank.items.model import Item
from exam_bank.scoring.config import JpmBand, ScoringConfig
from exam_bank.scoring.items import ItemScore, score_item
from exam_bank.scoring.ninebox import nine_box
from exam_bank.scoring.responses import Response

# Percents are rounded this far before they meet a cut, so float noise in a weight sum
# (0.1 + 0.2) cannot drop a candidate sitting exactly on a cut into the lower level.
_PERCENT_DIGITS = 9


@dataclass(frozen=True)
class CompetencyScore:
    """One competency: raw/max over its choice items, percent 0-100, level 1-5, and the
    position's standard with gap = level - standard (None when the post sets none)."""

    competency: str
    raw: float
    max: float
    percent: float
    level: int
    standard: int | None
    gap: int | None
    items: int
    answered: int

    def to_dict(self) -> dict[str, Any]:
        return {"competency": self.competency, "raw": self.raw, "max": self.max,
                "percent": self.percent, "level": self.level, "standard": self.standard,
                "gap": self.gap, "items": self.items, "answered": self.answered}


@dataclass(frozen=True)
class ScaleScore:
    """One likert scale over its answered items: raw sum, max, mean on 1..points, and
    percent = (raw - answered) / (max - answered) × 100 (0 at the floor, 100 at the top).
    mean and percent are None when no item of the scale was answered."""

    scale: str
    raw: float
    max: float
    mean: float | None
    percent: float | None
    answered: int
    items: int

    def to_dict(self) -> dict[str, Any]:
        return {"scale": self.scale, "raw": self.raw, "max": self.max, "mean": self.mean,
                "percent": self.percent, "answered": self.answered, "items": self.items}


@dataclass(frozen=True)
class CandidateScore:
    """Everything scored for one candidate; `to_dict` is plain JSON for reports and the
    results store."""

    items: tuple[ItemScore, ...]
    competencies: tuple[CompetencyScore, ...]
    scales: tuple[ScaleScore, ...]
    jpm: float | None
    jpm_band: JpmBand | None
    not_assessed: tuple[str, ...]
    potential: float | None
    performance: float | None
    nine_box: int | None

    def competency(self, key: str) -> CompetencyScore:
        for c in self.competencies:
            if c.competency == key:
                return c
        raise KeyError(key)

    def scale(self, name: str) -> ScaleScore:
        for s in self.scales:
            if s.scale == name:
                return s
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        band = self.jpm_band
        return {
            "items": [i.to_dict() for i in self.items],
            "competencies": [c.to_dict() for c in self.competencies],
            "scales": [s.to_dict() for s in self.scales],
            "jpm": self.jpm,
            "jpm_band": None if band is None else {"code": band.code, "label": band.label,
                                                   "min": band.min},
            "not_assessed": list(self.not_assessed),
            "potential": self.potential,
            "performance": self.performance,
            "nine_box": self.nine_box,
        }


def percent_of(raw: float, top: float) -> float:
    """raw as a percent of top, rounded against float noise; 0 when top is 0."""
    if top <= 0:
        return 0.0
    return round(raw * 100 / top, _PERCENT_DIGITS)


def competency_level(percent: float, cuts: Sequence[float]) -> int:
    """Level 1-5: below cuts[0] is 1, at or above cuts[3] is 5; a percent on a cut goes up."""
    return 1 + bisect_right(cuts, percent)


def job_person_match(attained: Mapping[str, int], standard: Mapping[str, int],
                     cap_at_standard: bool = False) -> float | None:
    """JPM = Σ attained / Σ standard × 100 over competencies in both; None if none are.

    With `cap_at_standard`, a level above the standard counts as the standard, so
    strength in one competency cannot hide a gap in another.
    """
    keys = [k for k in standard if k in attained]
    if not keys:
        return None
    got = sum(min(attained[k], standard[k]) if cap_at_standard else attained[k] for k in keys)
    # Integer numerator and denominator: exactly 80 % comes out as exactly 80.0.
    return got * 100 / sum(standard[k] for k in keys)


def jpm_band(jpm: float, bands: Sequence[JpmBand]) -> JpmBand:
    """The first band (highest first) whose min the JPM reaches."""
    for band in bands:
        if jpm >= band.min:
            return band
    raise ValueError(f"JPM {jpm} is below every band")


def score_candidate(items: Sequence[Item], responses: Mapping[str, Response],
                    standard: Mapping[str, int], config: ScoringConfig,
                    performance: float | None = None) -> CandidateScore:
    """Score a candidate's form.

    `items`: the items of the form; `responses`: by item id, a missing id is a blank;
    `standard`: the position's standard level (1-5) per competency key;
    `performance`: 0-100 (e.g. the SKP), which places the candidate on the 9-box.
    """
    ids = {item.id for item in items}
    stray = sorted(set(responses) - ids)
    if stray:
        raise ValueError(f"responses to items not on the form: {', '.join(stray)}")
    for key, level in standard.items():
        if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
            raise ValueError(f"standard level of {key!r} must be 1-5, not {level!r}")

    scored = [(item, score_item(item, responses.get(item.id))) for item in items]
    competencies = _competency_scores(scored, standard, config)
    scales = _scale_scores(scored)

    attained = {c.competency: c.level for c in competencies}
    jpm = job_person_match(attained, standard, config.jpm_cap_at_standard)
    band = None if jpm is None else jpm_band(jpm, config.jpm_bands)

    if config.potential_source == "jpm":
        potential = None if jpm is None else min(jpm, 100.0)
    else:
        percents = [s.percent for s in scales if s.percent is not None]
        potential = math.fsum(percents) / len(percents) if percents else None
    box = None
    if potential is not None and performance is not None:
        box = nine_box(potential, performance, config.potential_cuts, config.performance_cuts)

    return CandidateScore(
        items=tuple(score for _, score in scored),
        competencies=competencies,
        scales=scales,
        jpm=jpm,
        jpm_band=band,
        not_assessed=tuple(k for k in standard if k not in attained),
        potential=potential,
        performance=performance,
        nine_box=box,
    )


def _competency_scores(scored: list[tuple[Item, ItemScore]], standard: Mapping[str, int],
                       config: ScoringConfig) -> tuple[CompetencyScore, ...]:
    groups: dict[str, list[ItemScore]] = {}
    for item, score in scored:
        if kind_of(item.type).scored_by == ScoredBy.COMPETENCY:
            groups.setdefault(item.competency, []).append(score)
    # The position's order first (the roster's columns), then anything else as drawn.
    order = [k for k in standard if k in groups] + [k for k in groups if k not in standard]
    result = []
    for key in order:
        scores = groups[key]
        raw = math.fsum(s.raw for s in scores)
        top = math.fsum(s.max for s in scores)
        percent = percent_of(raw, top)
        level = competency_level(percent, config.level_cuts)
        std = standard.get(key)
        result.append(CompetencyScore(
            competency=key, raw=raw, max=top, percent=percent, level=level, standard=std,
            gap=None if std is None else level - std, items=len(scores),
            answered=sum(s.answered for s in scores)))
    return tuple(result)


def _scale_scores(scored: list[tuple[Item, ItemScore]]) -> tuple[ScaleScore, ...]:
    groups: dict[str, list[ItemScore]] = {}
    for item, score in scored:
        if kind_of(item.type).scored_by == ScoredBy.SCALE and item.likert is not None:
            groups.setdefault(item.likert.scale, []).append(score)
    result = []
    for scale, scores in groups.items():
        # A blank's 0 lies below the scale's floor of 1, so blanks are left out rather
        # than counted: the scale describes what the candidate did answer.
        answered = [s for s in scores if s.answered]
        n = len(answered)
        raw = math.fsum(s.raw for s in answered)
        top = math.fsum(s.max for s in answered)
        result.append(ScaleScore(
            scale=scale, raw=raw, max=top,
            mean=raw / n if n else None,
            percent=percent_of(raw - n, top - n) if n else None,
            answered=n, items=len(scores)))
    return tuple(result)
