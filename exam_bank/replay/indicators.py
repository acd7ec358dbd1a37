"""Process indicators of one paper and the flags they raise, each flag tied to the moment
in the replay it is about. Flags are evidence for the panel, never a verdict; every
threshold is a setting (`ReplayConfig`) and every definition is printed on the page."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from exam_bank.makalah.text import word_count
from exam_bank.replay.timeline import BURST, PASTE_OWN, QUOTE, Revision, Timeline

WARNING_MINUTES = (15, 5, 1)  # the kiosk's time warnings (kiosk.engine.session)
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class ReplayConfig:
    paste_chars: int = 20  # one change inserting this many characters is a paste
    max_cps: float = 20.0  # faster than this (characters a second) nobody types
    idle_s: int = 120  # a pause longer than this is an idle gap, not writing time
    long_idle_min: float = 30.0  # flag an idle gap longer than this
    fast_wpm: float = 60.0  # flag words per active minute above this
    paste_share: float = 0.30  # flag when pastes of own text, quotes and bursts exceed it
    quote_share: float = 0.30  # flag when quotes of the case material exceed it
    late_chars: int = 400  # flag more characters than this written after the last warning

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Indicators:
    words: int
    first_word_ms: int | None
    active_ms: int
    words_per_active_min: float | None
    own_paste_share: float
    quote_share: float
    burst_share: float
    deleted_chars: int
    inserted_chars: int
    deletion_ratio: float | None
    revisions: int
    longest_idle_ms: int
    longest_idle_at_ms: int
    bursts: int
    refused_pastes: int
    focus_losses: int
    last_warning_ms: int | None
    chars_after_warning: int


@dataclass(frozen=True)
class ReplayFlag:
    code: str
    text: str  # Indonesian
    t_ms: int


def warning_moments(timeline: Timeline) -> list[int]:
    """When (section time) the kiosk warned 15, 5 and 1 minutes before the end, as far
    as the section ran, and each proctor message during it."""
    moments = [timeline.budget_ms - m * 60_000 for m in WARNING_MINUTES]
    moments = [m for m in moments if 0 < m <= timeline.worked_ms]
    moments += [m.t_ms for m in timeline.marks if m.type == "message" and not m.before]
    return sorted(moments)


def indicators(timeline: Timeline, config: ReplayConfig) -> Indicators:
    revs = timeline.revisions
    times = [r.t_ms for r in revs]
    gaps = [(b - a, a) for a, b in zip([0, *times], times, strict=False)]
    active = sum(g for g, _ in gaps[1:] if g <= config.idle_s * 1000)
    longest, longest_at = max(gaps, default=(0, 0))
    words = word_count(timeline.final_text)
    final = len(timeline.final_text) or 1
    inserted = sum(len(r.inserted) for r in revs)
    deleted = sum(r.deleted for r in revs)
    warnings = warning_moments(timeline)
    last_warning = warnings[-1] if warnings else None
    return Indicators(
        words=words,
        first_word_ms=next((r.t_ms for r in revs if _WORD.search(r.inserted)), None),
        active_ms=active,
        words_per_active_min=words / (active / 60_000) if active > 0 else None,
        own_paste_share=timeline.origin.count(1) / final,
        quote_share=timeline.origin.count(2) / final,
        burst_share=timeline.origin.count(3) / final,
        deleted_chars=deleted, inserted_chars=inserted,
        deletion_ratio=deleted / inserted if inserted else None,
        revisions=len(revs), longest_idle_ms=longest, longest_idle_at_ms=longest_at,
        bursts=sum(r.kind == BURST for r in revs),
        refused_pastes=sum(m.type == "paste_refused" for m in timeline.marks),
        focus_losses=sum(m.type == "focus_lost" for m in timeline.marks),
        last_warning_ms=last_warning,
        chars_after_warning=(sum(len(r.inserted) for r in revs if r.t_ms > last_warning)
                             if last_warning is not None else 0))


def clock(ms: int) -> str:
    """Section time as h:mm:ss."""
    s = ms // 1000
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


BURST_RUN_MS = 60_000  # bursts closer together than this are one flag


def _burst_flags(timeline: Timeline) -> list[ReplayFlag]:
    """One flag per run of bursts (each within a minute of the one before), linked to
    where the run starts: a pasted-in essay is one event for the panel, not twenty."""
    runs: list[list[Revision]] = []
    for r in (r for r in timeline.revisions if r.kind == BURST):
        if runs and r.t_ms - runs[-1][-1].t_ms <= BURST_RUN_MS:
            runs[-1].append(r)
        else:
            runs.append([r])
    out = []
    for run in runs:
        chars = sum(len(r.inserted) for r in run)
        text = (f"Teks {chars} karakter muncul sekaligus" if len(run) == 1 else
                f"{len(run)} semburan, {chars} karakter, dalam {clock(run[-1].t_ms - run[0].t_ms)}")
        out.append(ReplayFlag("burst", text + " tanpa sumber di dalam ujian (lebih cepat dari "
                              "mengetik).", run[0].t_ms))
    return out


def flags(timeline: Timeline, ind: Indicators, config: ReplayConfig) -> list[ReplayFlag]:
    out = _burst_flags(timeline)
    out += [ReplayFlag("paste_refused", f"Tempel dari luar ujian ditolak ({m.detail}).",
                       m.t_ms) for m in timeline.marks if m.type == "paste_refused"]
    if ind.longest_idle_ms > config.long_idle_min * 60_000:
        out.append(ReplayFlag("long_idle", f"Jeda tanpa menulis {clock(ind.longest_idle_ms)} "
                              f"(lebih dari {config.long_idle_min:g} menit).",
                              ind.longest_idle_at_ms))
    if ind.words_per_active_min is not None and ind.words_per_active_min > config.fast_wpm:
        out.append(ReplayFlag("fast", f"{ind.words_per_active_min:.0f} kata per menit aktif "
                              f"(di atas {config.fast_wpm:g}).", 0))
    pasted = ind.own_paste_share + ind.quote_share + ind.burst_share
    if pasted > config.paste_share:
        first = next((r.t_ms for r in timeline.revisions
                      if r.kind in (PASTE_OWN, QUOTE, BURST)), 0)
        out.append(ReplayFlag("pasted", f"{_pct(pasted)} teks akhir masuk lewat tempel atau "
                              f"kutipan (di atas {_pct(config.paste_share)}).", first))
    if ind.quote_share > config.quote_share:
        first = next((r.t_ms for r in timeline.revisions if r.kind == QUOTE), 0)
        out.append(ReplayFlag("quoted", f"{_pct(ind.quote_share)} teks akhir dikutip dari "
                              "bahan kasus.", first))
    if ind.last_warning_ms is not None and ind.chars_after_warning > config.late_chars:
        out.append(ReplayFlag("late", f"{ind.chars_after_warning} karakter ditulis setelah "
                              "peringatan terakhir.", ind.last_warning_ms))
    return sorted(out, key=lambda f: f.t_ms)
