"""How complete the reports' data is, said on every report: which sessions are imported
of those the roster plans, who sat, who was absent, who is not imported yet, and a
session that ran on another day than scheduled. While anything is missing every page
says SEMENTARA (provisional): a ranking from one session of three decides nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from exam_bank.ids import ParticipantNo
from exam_bank.roster.cards import tanggal_indonesia
from exam_bank.roster.model import Roster

ABSENT, NOT_IMPORTED = "absent", "not_imported"
STATUS_WORDS = {ABSENT: "Tidak hadir", NOT_IMPORTED: "Belum diimpor"}


@dataclass(frozen=True)
class Missing:
    """A candidate with no result: absent from their session, or their session is not
    imported yet. Listed in the rankings, never ranked."""

    participant_no: ParticipantNo
    name: str
    nip: str
    position_code: str
    session_id: str
    status: str  # ABSENT or NOT_IMPORTED

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class Completeness:
    sessions: tuple[str, ...]  # the roster's sessions, in order
    imported: tuple[str, ...]  # of those, the ones with results in the store
    present: int
    absent: int
    not_imported: int
    off_schedule: tuple[str, ...] = ()  # a sentence per session that ran off its date

    @property
    def complete(self) -> bool:
        return set(self.sessions) <= set(self.imported)

    def line(self) -> str:
        """"Kelengkapan data: 1 dari 3 sesi diimpor (S1); 4 peserta hadir, ...". """
        which = f" ({', '.join(self.imported)})" if self.imported else ""
        return (f"Kelengkapan data: {len(self.imported)} dari {len(self.sessions)} sesi "
                f"diimpor{which}; {self.present} peserta hadir, {self.absent} tidak hadir, "
                f"{self.not_imported} belum diimpor.")

    def banner(self) -> str:
        """What every page says while data is missing; "" when complete."""
        if self.complete:
            return ""
        return (f"SEMENTARA — baru {len(self.imported)} dari {len(self.sessions)} sesi "
                "diimpor; jangan diusulkan sebelum semua sesi diimpor")


def completeness(roster: Roster, results: Iterable[Mapping[str, object]],
                 started: Mapping[str, dt.date] | None = None
                 ) -> tuple[Completeness, tuple[Missing, ...]]:
    """From the roster and the stored results (`participant_no`, `status`, `session_id`
    per candidate): the completeness and every candidate without a result. `started`:
    the day each imported session actually ran (its first event, lab time)."""
    by_no = {str(r["participant_no"]): r for r in results}
    imported = [s for s in roster.sessions if any(
        str(r.get("session_id")) == s for r in by_no.values())]
    missing: list[Missing] = []
    present = 0
    for c in roster.candidates:
        row = by_no.get(c.participant_no)
        if row is not None and row.get("status") != ABSENT:
            present += 1
            continue
        status = ABSENT if c.session in imported else NOT_IMPORTED
        missing.append(Missing(c.participant_no, c.name, c.nip, c.position, c.session,
                               status))
    notes = []
    for sid, day in (started or {}).items():
        sitting = roster.sessions.get(sid)
        if sitting is not None and sitting.date != day:
            notes.append(f"Sesi {sid} dijadwalkan {tanggal_indonesia(sitting.date)}, "
                         f"tetapi dilaksanakan {tanggal_indonesia(day)}.")
    return (Completeness(tuple(roster.sessions), tuple(imported), present,
                         sum(m.status == ABSENT for m in missing),
                         sum(m.status == NOT_IMPORTED for m in missing), tuple(notes)),
            tuple(missing))
