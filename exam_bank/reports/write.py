"""Writing the whole report set for an exam into one folder.

Layout under `out_dir`:

    laporan/
      peserta/<no_peserta>.pdf     one candidate report each
      peringkat-<kode_jabatan>.pdf ranking per position (landscape)
      tiga-besar.pdf               every position's top three, for the committee's proposal
      peringkat.csv                ranking of every position, one row a candidate
      kompetensi.csv               level per competency, one row a candidate × competency
      peringkat.xlsx               sheets "Peringkat" and "Kompetensi"
      9-box.pdf / 9-box.csv / 9-box.xlsx

Every file goes through `atomic_write`: a crash leaves the old file or the new one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from exam_bank.fsutil import atomic_write, private_dir
from exam_bank.reports.candidate_pdf import candidate_pdf
from exam_bank.reports.model import ReportCandidate, ReportExam
from exam_bank.reports.ninebox_pdf import ninebox_pdf
from exam_bank.reports.ranking_pdf import ranking_pdf, top_three_pdf
from exam_bank.reports.summary import rankings
from exam_bank.reports.tables import (
    competency_sheet,
    csv_bytes,
    ninebox_sheet,
    ranking_sheet,
    xlsx_bytes,
)

FOLDER = "laporan"
# Reports hold names, NIPs and scores: owner-only, like the roster.
MODE = 0o600


def file_stem(code: str) -> str:
    """A participant number or position code as a safe file name part."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", code.strip()).strip("._")
    if not stem:
        raise ValueError(f"{code!r} cannot name a file")
    return stem


def write_reports(exam: ReportExam, candidates: Sequence[ReportCandidate], out_dir: Path,
                  *, csv_delimiter: str = ";") -> list[Path]:
    """Write the report set (module docstring); returns the files written, in order."""
    by_no: dict[str, ReportCandidate] = {c.participant_no: c for c in candidates}
    if len(by_no) != len(candidates):
        raise ValueError("a participant number appears twice among the candidates")
    ranked = rankings(exam, candidates)
    root = private_dir(out_dir / FOLDER)  # names, NIPs, scores: owner-only
    written: list[Path] = []

    def put(relative: str, data: bytes) -> None:
        path = root / relative
        atomic_write(path, data, mode=MODE)
        written.append(path)

    entries = {e.participant_no: (e, len(r.ranked)) for r in ranked.values() for e in r.entries}
    for c in candidates:
        entry, count = entries[c.participant_no]
        put(f"peserta/{file_stem(c.participant_no)}.pdf", candidate_pdf(exam, c, entry, count))
    for code, ranking in ranked.items():
        put(f"peringkat-{file_stem(code)}.pdf",
            ranking_pdf(exam, exam.positions[code], ranking, by_no))
    put("tiga-besar.pdf", top_three_pdf(exam, ranked, by_no))
    rank_sheet = ranking_sheet(exam, ranked, by_no)
    comp_sheet = competency_sheet(exam, candidates)
    box_sheet = ninebox_sheet(candidates)
    put("peringkat.csv", csv_bytes(rank_sheet, csv_delimiter))
    put("kompetensi.csv", csv_bytes(comp_sheet, csv_delimiter))
    put("peringkat.xlsx", xlsx_bytes([rank_sheet, comp_sheet]))
    put("9-box.pdf", ninebox_pdf(exam, candidates))
    put("9-box.csv", csv_bytes(box_sheet, csv_delimiter))
    put("9-box.xlsx", xlsx_bytes([box_sheet]))
    return written
