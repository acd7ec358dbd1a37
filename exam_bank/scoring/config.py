"""The scoring settings of a test: the blueprint's `[scoring]` table (docs/formats.md).

`ScoringConfig` checks itself on construction (ValueError); `scoring_config_from_dict`
reads the hand-written table and reports every bad field at once as an `InputError`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from itertools import pairwise
from typing import Any, Literal, cast

from exam_bank.problems import InputError, Problem

PotentialSource = Literal["jpm", "scales"]
POTENTIAL_SOURCES: tuple[PotentialSource, ...] = ("jpm", "scales")


@dataclass(frozen=True)
class JpmBand:
    """A JPM category: reached when the JPM is at least `min` (percent). `eligible`: a
    candidate in this band meets the requirement (memenuhi syarat) and may be proposed;
    None takes the usual rule, every band but the lowest (`ScoringConfig.eligible`)."""

    code: str
    label: str
    min: float
    eligible: bool | None = None


# The 2020 rule: memenuhi syarat >= 80, masih memenuhi syarat 68-<80, kurang < 68.
DEFAULT_JPM_BANDS: tuple[JpmBand, ...] = (
    JpmBand("MS", "Memenuhi Syarat", 80),
    JpmBand("MMS", "Masih Memenuhi Syarat", 68),
    JpmBand("KMS", "Kurang Memenuhi Syarat", 0),
)


@dataclass(frozen=True)
class ScoringConfig:
    """How responses become levels, a JPM, its band and a 9-box placement.

    `level_cuts`: four percents of a competency's max; below the first is level 1, at or
    above the last is level 5. `jpm_bands`: highest first, the last with min 0.
    `potential_cuts`/`performance_cuts`: low < first <= medium < second <= high.
    """

    level_cuts: tuple[float, ...] = (20, 40, 60, 80)
    jpm_bands: tuple[JpmBand, ...] = DEFAULT_JPM_BANDS
    jpm_cap_at_standard: bool = False
    potential_source: PotentialSource = "jpm"
    potential_cuts: tuple[float, ...] = (70, 90)
    performance_cuts: tuple[float, ...] = (70, 90)

    def __post_init__(self) -> None:
        found = check_scoring_config(self)
        if found:
            raise ValueError("; ".join(f"{name}: {message}" for name, message in found))

    def eligible(self, band: JpmBand | None) -> bool:
        """Whether a JPM in `band` meets the requirement: the band's own `eligible`, else
        every band but the lowest (the 2020 rule: Memenuhi Syarat and Masih Memenuhi
        Syarat meet it, Kurang Memenuhi Syarat does not). One rule for the category, the
        "memenuhi syarat" column and the top three."""
        if band is None:
            return False
        mine = next((b for b in self.jpm_bands if b.code == band.code), band)  # by code
        if mine.eligible is not None:
            return mine.eligible
        return mine.code != self.jpm_bands[-1].code

    @property
    def eligible_bands(self) -> tuple[JpmBand, ...]:
        return tuple(b for b in self.jpm_bands if self.eligible(b))


def _is_number(x: object) -> bool:
    # bool is an int subclass, but `true` is never meant as a percent.
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _check_cuts(name: str, cuts: Sequence[Any], count: int) -> list[tuple[str, str]]:
    if len(cuts) != count:
        return [(name, f"needs exactly {count} cut points, not {len(cuts)}")]
    if not all(_is_number(c) for c in cuts):
        return [(name, "cut points must be numbers")]
    if not all(0 <= c <= 100 for c in cuts):
        return [(name, "cut points must lie in 0..100")]
    if any(a >= b for a, b in pairwise(cuts)):
        return [(name, "cut points must be in ascending order, each larger than the last")]
    return []


def _check_bands(bands: Sequence[JpmBand]) -> list[tuple[str, str]]:
    name = "scoring.jpm_band"
    if not bands:
        return [(name, "needs at least one band (the last with min = 0)")]
    found: list[tuple[str, str]] = []
    for n, band in enumerate(bands, start=1):
        if not isinstance(band.code, str) or not band.code.strip():
            found.append((f"{name}[{n}].code", "the code is empty"))
        if not isinstance(band.label, str) or not band.label.strip():
            found.append((f"{name}[{n}].label", "the label is empty"))
        if not _is_number(band.min) or not 0 <= band.min <= 100:
            found.append((f"{name}[{n}].min", "min must be a number in 0..100"))
    if found:
        return found
    codes = [b.code for b in bands]
    if len(codes) != len(set(codes)):
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        found.append((name, f"band codes repeat: {', '.join(repeated)}"))
    mins = [b.min for b in bands]
    # Strictly descending: a band with the same min as the one above it could never be reached.
    if any(a <= b for a, b in pairwise(mins)):
        found.append((name, "bands must be listed highest first, each min below the last"))
    if mins[-1] != 0:
        found.append((name, "the last band must have min = 0 so every JPM has a band"))
    return found


def check_scoring_config(config: ScoringConfig) -> list[tuple[str, str]]:
    """Everything wrong with a config, as (field, message) pairs; empty when valid."""
    return _check_values({f.name: getattr(config, f.name) for f in fields(config)})


def _check_values(v: dict[str, Any]) -> list[tuple[str, str]]:
    found = _check_cuts("scoring.level_cuts", v["level_cuts"], 4)
    found += _check_bands(v["jpm_bands"])
    if not isinstance(v["jpm_cap_at_standard"], bool):
        found.append(("scoring.jpm_cap_at_standard", "must be true or false"))
    if v["potential_source"] not in POTENTIAL_SOURCES:
        found.append(("scoring.potential_source",
                      f"{v['potential_source']!r} is not one of: {', '.join(POTENTIAL_SOURCES)}"))
    found += _check_cuts("scoring.potential_cuts", v["potential_cuts"], 2)
    found += _check_cuts("scoring.performance_cuts", v["performance_cuts"], 2)
    return found


_KEYS = ("level_cuts", "jpm_cap_at_standard", "potential_source", "potential_cuts",
         "performance_cuts", "jpm_band")
_BAND_KEYS = ("code", "label", "min", "eligible")
_BAND_REQUIRED = ("code", "label", "min")


def scoring_config_from_dict(data: dict[str, Any], where: str) -> ScoringConfig:
    """Read a blueprint's `[scoring]` table; missing keys take the defaults.

    Raises InputError with one Problem per bad field (field names like
    ``scoring.level_cuts`` or ``scoring.jpm_band[2].min``, bands counted from 1).
    """
    if not isinstance(data, dict):
        raise InputError([Problem(where, "must be a table", field="scoring")])
    found: list[tuple[str, str]] = []
    default = ScoringConfig()
    for key in data:
        if key not in _KEYS:
            found.append((f"scoring.{key}", "unknown field"))

    def cuts(key: str, fallback: tuple[float, ...]) -> tuple[float, ...]:
        if key not in data:
            return fallback
        value = data[key]
        if not isinstance(value, list):
            found.append((f"scoring.{key}", f"must be a list of numbers, not {_kind(value)}"))
            return fallback
        return tuple(value)

    values: dict[str, Any] = {
        "level_cuts": cuts("level_cuts", default.level_cuts),
        "potential_cuts": cuts("potential_cuts", default.potential_cuts),
        "performance_cuts": cuts("performance_cuts", default.performance_cuts),
        "jpm_cap_at_standard": data.get("jpm_cap_at_standard", default.jpm_cap_at_standard),
        "potential_source": data.get("potential_source", default.potential_source),
        "jpm_bands": default.jpm_bands,
    }
    if "jpm_band" in data:
        raw_bands = data["jpm_band"]
        if not isinstance(raw_bands, list):
            found.append(("scoring.jpm_band", "must be an array of [[scoring.jpm_band]] tables"))
        else:
            values["jpm_bands"] = tuple(_read_band(n, raw, found)
                                        for n, raw in enumerate(raw_bands, start=1))
    if not found:
        # The types are right: now the rules (counts, ranges, order), before constructing.
        found = _check_values(values)
    if found:
        raise InputError(Problem(where, message, field=name) for name, message in found)
    return ScoringConfig(**values)


def _kind(value: object) -> str:
    return type(value).__name__


def _read_band(n: int, raw: object, found: list[tuple[str, str]]) -> JpmBand:
    name = f"scoring.jpm_band[{n}]"
    if not isinstance(raw, dict):
        found.append((name, "must be a table"))
        return JpmBand("", "", 0)
    for key in raw:
        if key not in _BAND_KEYS:
            found.append((f"{name}.{key}", "unknown field"))
    for key in _BAND_REQUIRED:
        if key not in raw:
            found.append((f"{name}.{key}", "missing"))
    code, label, low = raw.get("code", ""), raw.get("label", ""), raw.get("min", 0)
    eligible = raw.get("eligible")
    if eligible is not None and not isinstance(eligible, bool):
        found.append((f"{name}.eligible", "must be true or false"))
    for key, value in (("code", code), ("label", label)):
        if not isinstance(value, str):
            found.append((f"{name}.{key}", f"must be str, not {_kind(value)}"))
    if not _is_number(low):
        found.append((f"{name}.min", f"must be a number, not {_kind(low)}"))
    return JpmBand(cast(str, code), cast(str, label), cast(float, low),
                   eligible if isinstance(eligible, bool) else None)


def _num(x: float) -> float | int:
    # Whole numbers go back out as integers so a rewritten blueprint reads as written.
    return int(x) if float(x).is_integer() else float(x)


def scoring_config_to_dict(config: ScoringConfig) -> dict[str, Any]:
    """The `[scoring]` table for a config; `scoring_config_from_dict` reads it back equal."""
    return {
        "level_cuts": [_num(c) for c in config.level_cuts],
        "jpm_cap_at_standard": config.jpm_cap_at_standard,
        "potential_source": config.potential_source,
        "potential_cuts": [_num(c) for c in config.potential_cuts],
        "performance_cuts": [_num(c) for c in config.performance_cuts],
        "jpm_band": [{"code": b.code, "label": b.label, "min": _num(b.min),
                      **({} if b.eligible is None else {"eligible": b.eligible})}
                     for b in config.jpm_bands],
    }
