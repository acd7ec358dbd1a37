"""The rules that flag an item for the committee, each with its reason in words.

Reasons are Indonesian: they are printed in the committee's report as they stand. The
thresholds are the usual classical-test-theory rules of thumb (Ebel & Frisbie 1991 for
discrimination; see docs/analysis.md) and all live in `AnalysisConfig`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from exam_bank.analysis.classical import ItemStats
from exam_bank.analysis.dif import DifResult
from exam_bank.analysis.likert import LikertItem, ScaleStats

GROUP_NAMES = {"gender": "jenis kelamin", "agency": "instansi", "region": "wilayah"}


@dataclass(frozen=True)
class AnalysisConfig:
    min_item_rest: float = 0.20  # corrected item–rest r below this: weak discrimination
    easy_above: float = 0.95  # mc/mr p-value above this: nearly everyone right
    hard_below: float = 0.15  # mc/mr p-value below this: nearly everyone wrong
    sjt_key_min: float = 0.30  # r(option weight, upper − lower share) below this
    reverse_raw_max: float = 0.0  # a reverse-keyed item's raw r with its scale above this
    min_alpha: float = 0.60  # a scale's alpha below this is reported as weak
    min_n: int = 10  # fewer candidates than this: statistics shown, no flags
    dif_min_group: int = 30  # candidates per group before DIF is computed
    margin: float = 15.0  # makalah grades further apart need a third grading

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Flag:
    code: str
    reason: str  # Indonesian, for the committee


def _r(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def choice_flags(s: ItemStats, config: AnalysisConfig) -> list[Flag]:
    if s.n < config.min_n:
        return []
    flags = []
    r = s.r_item_rest
    if r is None:
        flags.append(Flag("no_variance", "Tidak membedakan sama sekali: semua peserta "
                          "memperoleh skor yang sama pada butir ini."))
    elif r < 0:
        flags.append(Flag("negative_discrimination", f"Daya beda negatif: korelasi "
                          f"butir–sisa {_r(r)}; peserta berskor total tinggi justru lebih "
                          "rendah skornya pada butir ini (periksa kunci)."))
    elif r < config.min_item_rest:
        flags.append(Flag("low_discrimination", f"Daya beda rendah: korelasi butir–sisa "
                          f"{_r(r)} (di bawah {_r(config.min_item_rest)})."))
    if s.type in ("mc", "mr") and not math.isnan(s.difficulty):
        if s.difficulty > config.easy_above:
            flags.append(Flag("too_easy", f"Terlalu mudah: {_pct(s.difficulty)} peserta "
                              "menjawab benar."))
        elif s.difficulty < config.hard_below:
            flags.append(Flag("too_hard", f"Terlalu sulit: hanya {_pct(s.difficulty)} "
                              "peserta menjawab benar."))
    if s.type == "mc":
        for o in s.options:
            if not o.keyed and o.upper > o.lower:
                flags.append(Flag("distractor_upper", f"Pengecoh {o.option} lebih banyak "
                                  f"dipilih kelompok atas ({_pct(o.upper)}) daripada "
                                  f"kelompok bawah ({_pct(o.lower)})."))
    if s.type == "sjt" and s.options:
        k = s.key_agreement
        favourite = max(s.options, key=lambda o: o.upper)
        if k is None or k < config.sjt_key_min:
            said = "tidak dapat dihitung" if k is None else _r(k)
            flags.append(Flag("sjt_key", f"Kunci SJT diragukan: bobot opsi tidak sejalan "
                              f"dengan pilihan kelompok atas (r = {said}); opsi yang paling "
                              f"banyak dipilih kelompok atas, {favourite.option}, berbobot "
                              f"{favourite.weight:g}."))
    return flags


def likert_flags(item: LikertItem, config: AnalysisConfig) -> list[Flag]:
    if item.n < config.min_n:
        return []
    flags = []
    raw = item.r_raw_rest
    if item.reverse and raw is not None and raw > config.reverse_raw_max:
        flags.append(Flag("reverse_suspect", f"Kunci terbalik diragukan: sebelum dibalik, "
                          f"jawaban butir ini sudah searah dengan skala (r = {_r(raw)})."))
    r = item.r_item_rest
    if r is None:
        flags.append(Flag("no_variance", "Tidak membedakan sama sekali: semua peserta "
                          "memilih titik yang sama."))
    elif r < 0 and not item.reverse:
        flags.append(Flag("reverse_missing", f"Berlawanan arah dengan skala (r = {_r(r)}): "
                          "mungkin seharusnya berkunci terbalik."))
    elif r < config.min_item_rest and not any(f.code == "reverse_suspect" for f in flags):
        flags.append(Flag("low_discrimination", f"Korelasi butir–sisa skala rendah: {_r(r)} "
                          f"(di bawah {_r(config.min_item_rest)})."))
    return flags


def dif_flags(results: list[DifResult]) -> list[Flag]:
    flags = []
    for d in results:
        if d.mh.ets_class != "C" or d.mh.delta is None:
            continue
        favoured = d.reference if d.mh.delta < 0 else d.focal
        flags.append(Flag("dif_c", f"DIF kategori C menurut {GROUP_NAMES.get(d.field, d.field)} "
                          f"(Δ MH = {_r(d.mh.delta)}): butir menguntungkan kelompok "
                          f"{favoured} pada kemampuan yang setara."))
    return flags


def scale_note(scale: ScaleStats, config: AnalysisConfig) -> str:
    if scale.alpha is None:
        return "Reliabilitas tidak dapat dihitung (data terlalu sedikit)."
    if scale.alpha < config.min_alpha:
        return (f"Reliabilitas rendah: alpha {_r(scale.alpha)} (di bawah "
                f"{_r(config.min_alpha)}).")
    return ""
