"""The competencies an item can measure: BKN's managerial and socio-cultural set,
plus whatever an agency adds in its bank's `bank.toml`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class CompetencyGroup(StrEnum):
    MANAGERIAL = "manajerial"
    SOCIO_CULTURAL = "sosial_kultural"
    TECHNICAL = "teknis"
    POTENTIAL = "potensi"


@dataclass(frozen=True)
class Competency:
    key: str
    name: str
    group: CompetencyGroup


BKN_COMPETENCIES: tuple[Competency, ...] = (
    Competency("integritas", "Integritas", CompetencyGroup.MANAGERIAL),
    Competency("kerja_sama", "Kerja Sama", CompetencyGroup.MANAGERIAL),
    Competency("komunikasi", "Komunikasi", CompetencyGroup.MANAGERIAL),
    Competency("orientasi_pada_hasil", "Orientasi pada Hasil", CompetencyGroup.MANAGERIAL),
    Competency("pelayanan_publik", "Pelayanan Publik", CompetencyGroup.MANAGERIAL),
    Competency(
        "pengembangan_diri",
        "Pengembangan Diri dan Orang Lain",
        CompetencyGroup.MANAGERIAL,
    ),
    Competency("mengelola_perubahan", "Mengelola Perubahan", CompetencyGroup.MANAGERIAL),
    Competency("pengambilan_keputusan", "Pengambilan Keputusan", CompetencyGroup.MANAGERIAL),
    Competency("perekat_bangsa", "Perekat Bangsa", CompetencyGroup.SOCIO_CULTURAL),
)

LEVELS = range(1, 6)  # Permenpan 38/2017: levels 1-5


class CompetencyCatalog:
    """Known competencies by key: BKN's nine plus an agency's additions."""

    def __init__(self, extra: tuple[Competency, ...] = ()):
        self._by_key = {c.key: c for c in (*BKN_COMPETENCIES, *extra)}

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str) -> Competency:
        return self._by_key[key]

    def __iter__(self) -> Iterator[Competency]:
        return iter(self._by_key.values())

    def keys(self) -> list[str]:
        return list(self._by_key)

    def closest(self, written: str) -> str | None:
        """The key a mistyped competency most likely meant (by key or name), or None."""
        from difflib import get_close_matches

        spelled = {c.key: c.key for c in self} | {c.name.lower(): c.key for c in self}
        found = get_close_matches(written.strip().lower(), list(spelled), n=1, cutoff=0.6)
        return spelled[found[0]] if found else None


DEFAULT_CATALOG = CompetencyCatalog()
