"""The templates' example rows: shown to question writers, never imported.

Each template (XLSX, CSV, Word) carries one filled example per item type so a writer
sees what goes where. An example row is marked — its id starts with ``CONTOH-`` (the
spreadsheet), or its NO cell says ``CONTOH`` (Word) — and still holds the template's own
question. Such a row is skipped on import and named in the import report, so a writer who
keeps the examples does not find them in the bank as drafts. A marked row whose question
was rewritten is the writer's own item and is read as any other row; the mark is in the
id/NO column, never the text, so a question that says "contoh" imports as written.
"""

from __future__ import annotations

import re

MARK = "CONTOH"
SKIPPED = "baris contoh dilewati / example row skipped"

EXAMPLE_ROWS: tuple[dict[str, str], ...] = (
    {"id": "CONTOH-SJT-001", "tipe": "sjt", "kompetensi": "integritas", "level": "3",
     "topik": "gratifikasi", "penulis": "Tim Penyusun", "status": "draft", "tag": "tkp",
     "soal": "Setelah proyeknya selesai, seorang rekanan menawarkan tiket liburan untuk "
             "keluarga Anda. Apa yang Anda lakukan?",
     "opsi_a": "Menolak dengan sopan dan melaporkan tawaran itu ke UPG.",
     "opsi_b": "Menolak tanpa melaporkan karena tidak ada yang dirugikan.",
     "opsi_c": "Menerima, lalu diserahkan ke kantor.",
     "opsi_d": "Meminta pendapat atasan terlebih dahulu.",
     "opsi_e": "Menerima karena proyek sudah selesai.",
     "bobot_a": "5", "bobot_b": "3", "bobot_c": "2", "bobot_d": "4", "bobot_e": "1"},
    {"id": "CONTOH-PG-001", "tipe": "mc", "kompetensi": "perekat_bangsa", "level": "2",
     "topik": "wawasan kebangsaan", "penulis": "Tim Penyusun", "status": "draft",
     "soal": "Semboyan Bhinneka Tunggal Ika tertulis pada ...",
     "opsi_a": "Pembukaan UUD 1945", "opsi_b": "Lambang negara Garuda Pancasila",
     "opsi_c": "Teks Proklamasi", "opsi_d": "Sumpah Pemuda", "kunci": "B"},
    {"id": "CONTOH-LIK-001", "tipe": "likert", "kompetensi": "kerja_sama", "level": "3",
     "topik": "kerja tim", "penulis": "Tim Penyusun", "status": "draft",
     "soal": "Saya lebih suka menyelesaikan pekerjaan sendiri daripada bersama tim.",
     "skala": "orientasi_tim", "terbalik": "ya"},
)


_MARKED = re.compile(r"contoh(?:[-_ .].*)?", re.IGNORECASE | re.DOTALL)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


_STEMS = frozenset(_normal(row["soal"]) for row in EXAMPLE_ROWS)


def is_marked(marker: str) -> bool:
    """An id or NO that says "this row is an example": ``CONTOH``, ``CONTOH-PG-001``."""
    return bool(_MARKED.fullmatch(marker.strip()))


def is_example(marker: str, question: str) -> bool:
    """A marked row that still holds one of the templates' example questions (plain text)."""
    return is_marked(marker) and _normal(question) in _STEMS
