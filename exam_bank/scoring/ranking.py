"""Ranking the candidates of one position, as the selection committee reads it.

Order (each rule only breaks ties left by the ones before it):

1. **JPM**, highest first: the job-person match is the selection's main measure.
2. **Makalah grade**, highest first: the uji gagasan is the next stage's evidence
   (skipped when the exam has no makalah: everyone counts as equal here).
3. **Worst shortfall**, smallest first: of the competencies below the post's standard,
   the largest gap (standard − attained level); 0 when every standard is reached. Two
   candidates with the same JPM differ in whether one missing competency hides behind
   strengths elsewhere, and the committee prefers the one without a deep hole.
4. **Total shortfall**, smallest first: Σ (standard − level) over competencies below
   standard, for the candidate with fewer gaps of that depth.
5. **Participant number**, ascending: nothing about merit, but stable and checkable,
   so two printouts of the same data always agree.

The **top three** (the names the committee proposes) are the three best ranked among the
candidates who meet the requirement (their JPM band is eligible, `ScoringConfig.eligible`):
a candidate below it is ranked but never proposed.

A candidate whose result is not complete is listed, never silently ranked: with the
JPM missing (nothing scored against the standard) or, when the exam has a makalah,
with no final makalah grade yet. They come after the ranked candidates, in the same
order, with no rank. When such a candidate's JPM could still put them in the top three,
the ranking is *provisional*: the committee should not propose names from it yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from exam_bank.ids import ParticipantNo
from exam_bank.scoring.candidate import CandidateScore
from exam_bank.scoring.config import JpmBand, ScoringConfig

TOP = 3  # names the committee proposes per post to the appointing official

# JPMs are ratios of small integers; rounding keeps float noise from ordering equal ones.
_DIGITS = 9


class RankStatus(StrEnum):
    RANKED = "ranked"
    MAKALAH_PENDING = "makalah_pending"  # listed, not ranked: the paper is not graded yet
    NOT_SCORED = "not_scored"  # listed, not ranked: no JPM against the post's standard


@dataclass(frozen=True)
class RankInput:
    """What ranking needs of one candidate; `makalah` is the final grade 0-100 or None."""

    participant_no: ParticipantNo
    score: CandidateScore
    makalah: float | None = None


@dataclass(frozen=True)
class RankedEntry:
    """One line of a position's ranking; `rank` is None for a listed, unranked candidate."""

    participant_no: ParticipantNo
    rank: int | None
    status: RankStatus
    jpm: float | None
    band: JpmBand | None
    meets_standard: bool
    top: bool
    makalah: float | None
    worst_shortfall: int
    total_shortfall: int


@dataclass(frozen=True)
class PositionRanking:
    """A position's ranking: ranked entries first, then the listed-but-unranked ones."""

    entries: tuple[RankedEntry, ...]
    provisional: bool

    @property
    def ranked(self) -> tuple[RankedEntry, ...]:
        return tuple(e for e in self.entries if e.rank is not None)

    @property
    def unranked(self) -> tuple[RankedEntry, ...]:
        return tuple(e for e in self.entries if e.rank is None)

    @property
    def top(self) -> tuple[RankedEntry, ...]:
        return tuple(e for e in self.entries if e.top)


def shortfalls(score: CandidateScore) -> tuple[int, int]:
    """(worst, total) levels below the standard over the competencies the post sets."""
    gaps = [-c.gap for c in score.competencies if c.gap is not None and c.gap < 0]
    return (max(gaps, default=0), sum(gaps))


def meets_standard(score: CandidateScore, config: ScoringConfig) -> bool:
    """The JPM's band meets the requirement (`ScoringConfig.eligible`): the same rule the
    category states, so "Masih Memenuhi Syarat" never sits beside "memenuhi syarat: no"."""
    return config.eligible(score.jpm_band)


def sort_key(item: RankInput, makalah_required: bool) -> tuple[float, float, int, int, str]:
    """The tie-breaking order of the module docstring, as one ascending sort key."""
    worst, total = shortfalls(item.score)
    jpm = round(item.score.jpm, _DIGITS) if item.score.jpm is not None else -1.0
    grade = item.makalah if makalah_required and item.makalah is not None else -1.0
    return (-jpm, -grade, worst, total, item.participant_no.strip().upper())


def status_of(item: RankInput, makalah_required: bool) -> RankStatus:
    if item.score.jpm is None:
        return RankStatus.NOT_SCORED
    if makalah_required and item.makalah is None:
        return RankStatus.MAKALAH_PENDING
    return RankStatus.RANKED


def rank_position(items: Sequence[RankInput], config: ScoringConfig, *,
                  makalah_required: bool, top: int = TOP) -> PositionRanking:
    """Rank one position's candidates (see the module docstring for the order)."""
    seen: set[str] = set()
    for item in items:
        key = item.participant_no.strip().upper()
        if key in seen:
            raise ValueError(f"participant number {item.participant_no} is listed twice")
        seen.add(key)
        if item.makalah is not None and not 0 <= item.makalah <= 100:
            raise ValueError(f"makalah grade of {item.participant_no} must be 0-100, "
                             f"not {item.makalah}")
    ordered = sorted(items, key=lambda i: sort_key(i, makalah_required))
    ranked = [i for i in ordered if status_of(i, makalah_required) is RankStatus.RANKED]
    waiting = [i for i in ordered if status_of(i, makalah_required) is not RankStatus.RANKED]

    entries = []
    proposed = 0  # the top three are the best ranked among those who meet the requirement
    for n, item in enumerate([*ranked, *waiting], start=1):
        status = status_of(item, makalah_required)
        rank = n if status is RankStatus.RANKED else None
        worst, total = shortfalls(item.score)
        meets = meets_standard(item.score, config)
        in_top = rank is not None and meets and proposed < top
        proposed += in_top
        entries.append(RankedEntry(
            participant_no=item.participant_no, rank=rank, status=status,
            jpm=item.score.jpm, band=item.score.jpm_band,
            meets_standard=meets,
            top=in_top,
            makalah=item.makalah, worst_shortfall=worst, total_shortfall=total))

    def eligible(items: list[RankInput]) -> list[RankInput]:
        return [i for i in items if meets_standard(i.score, config)]

    return PositionRanking(tuple(entries), _provisional(eligible(ranked), eligible(waiting),
                                                        top))


def _provisional(ranked: list[RankInput], waiting: list[RankInput], top: int) -> bool:
    """Could a pending candidate still enter the top? Only their JPM is known, so they
    could if it reaches the last top place's JPM (a makalah grade may break the tie)."""
    pending = [i.score.jpm for i in waiting if i.score.jpm is not None]
    if not pending:
        return False
    if len(ranked) < top:
        return True
    last_jpm = ranked[top - 1].score.jpm
    assert last_jpm is not None  # ranked candidates all have a JPM
    return max(pending) >= last_jpm
