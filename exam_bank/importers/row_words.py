"""The row rules' messages in Indonesian, with the English beside them.

The item rows of every table format (spreadsheet, Word) are checked by one set of rules
written in English; a question writer reads Indonesian first, so each message is put as
``indonesian / english``. Patterns are tried in order, the specific before the general.
"""

from __future__ import annotations

import re

_INDONESIAN: tuple[tuple[str, str], ...] = (
    (r"give the key letter or the weights", "jawaban benar belum diisi"),
    (r"key '(\w)' is not an option letter", r"jawaban benar \1 bukan huruf pilihan A-E"),
    (r"is not an option letter", "jawaban benar bukan huruf pilihan A-E"),
    (r"key letter (\w) has no option text", r"jawaban benar \1 menunjuk pilihan yang kosong"),
    (r"option (\w) is empty but a later option is filled",
     r"pilihan \1 kosong padahal pilihan sesudahnya terisi: isi pilihan mulai A tanpa "
     "lompatan"),
    (r"a weight for option (\w) but no text", r"ada bobot pilihan \1 tetapi teks pilihannya "
     "kosong"),
    (r"is not a number", "bukan angka"),
    (r"option (\w) of a sjt item needs a weight", r"bobot pilihan \1 belum diisi"),
    (r"need different weights", "bobot pilihan harus berbeda-beda"),
    (r"needs a weight", "bobot pilihan belum diisi"),
    (r"needs its key letters", "jawaban benar belum diisi"),
    (r"an mc item has one key", "pilihan ganda hanya punya satu jawaban benar (untuk "
     "beberapa jawaban pakai tipe mr)"),
    (r"unknown competency ('[^']*'); did you mean ('[^']*')",
     r"kompetensi \1 tidak dikenal; maksudnya \2?"),
    (r"unknown competency ('[^']*')", r"kompetensi \1 tidak dikenal"),
    (r"target level must be 1-5", "level harus 1-5"),
    (r"is also used in row (\d+)", r"id ini sudah dipakai di baris \1"),
    (r"must be a whole number", "harus bilangan bulat"),
    (r"write ya or tidak", "isi ya atau tidak"),
    (r"unknown type", "tipe soal tidak dikenal"),
    (r"the type is empty", "tipe soal kosong"),
    (r"the id is empty", "id soal kosong"),
    (r"item id '.*' must be", "id hanya boleh huruf, angka, _ . - (maks. 64)"),
    (r"the question text is empty", "teks soal kosong"),
    (r"unknown status", "status tidak dikenal"),
    (r"is not a date", "bukan tanggal"),
    (r"(\w+) is not used by a (\w+) item", r"kolom \1 tidak dipakai soal \2"),
    (r"the scale name is empty", "nama skala kosong"),
    (r"missing required column ('\w+')", r"kolom wajib \1 tidak ada"),
    (r"is not used by Ujikom; ignored", "kolom tidak dipakai Ujikom, diabaikan"),
    (r"are the same column", "dua kolom untuk hal yang sama"),
    (r"the sheet has a header but no items", "lembar hanya berisi judul kolom, tanpa soal"),
    (r"not found next to the spreadsheet", "berkas gambar tidak ditemukan"),
    (r"is not an image", "bukan berkas gambar"),
    (r"not elsewhere", "gambar harus berada di folder berkas ini"),
    (r"the image is .* at most", "gambar terlalu besar"),
    (r"characters; at most", "teks terlalu panjang"),
    (r"option", "pilihan jawaban bermasalah"),
)
_PATTERNS = tuple((re.compile(english, re.IGNORECASE), indonesian)
                  for english, indonesian in _INDONESIAN)


def bilingual(message: str) -> str:
    """``indonesian / english`` for a row rule's English message (as is if unknown)."""
    if " / " in message:
        return message  # already written in both languages
    for pattern, indonesian in _PATTERNS:
        if found := pattern.search(message):
            return f"{found.expand(indonesian)} / {message}"
    return message
