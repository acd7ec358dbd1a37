"""Word count and plain text of a stored makalah."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exam_bank.makalah import (
    RangeStatus,
    count_words,
    plain_text,
    range_status,
    word_count,
)
from tests.exam_bank.makalah.test_doc import SAMPLE


def test_word_count_counts_visible_words_only() -> None:
    # markup, list markers, table pipes and the separator row are not words
    assert word_count(SAMPLE) == 18  # 2 + 7 + 3 + 5 (table) + 1
    assert word_count("**satu** *dua* <u>tiga</u>") == 3
    assert word_count("e-KTP 2026 — dan / atau") == 4  # a lone dash or slash is no word
    assert word_count("") == 0


@given(st.text(max_size=40))
def test_count_words_is_runs_holding_a_letter_or_digit(plain: str) -> None:
    assert count_words(plain) == sum(1 for run in plain.split()
                                     if any(c.isalnum() for c in run))


def test_words_split_by_markup_are_still_one_word() -> None:
    assert word_count("ke**tebal**an") == 1


def test_plain_text_reads_like_the_paper() -> None:
    assert plain_text(SAMPLE) == (
        "Latar belakang\n==============\n\n"
        "Layanan belum terhubung, miring dan garis bawah.\n\n"
        "1. Satu\n    • sub\n2. Dua\n\n"
        "Indikator\t2025\nSKM\t78,1 / naik\n\n"
        "Akhir.\n")
    assert plain_text("") == ""


def test_range_status() -> None:
    assert range_status(10, None, None) is RangeStatus.NONE
    assert range_status(10, 0, 0) is RangeStatus.NONE
    assert range_status(799, 800, 1500) is RangeStatus.UNDER
    assert range_status(800, 800, 1500) is RangeStatus.WITHIN
    assert range_status(1500, 800, 1500) is RangeStatus.WITHIN
    assert range_status(1501, 800, 1500) is RangeStatus.OVER
    assert range_status(5000, 800, None) is RangeStatus.WITHIN
    assert range_status(5, None, 4) is RangeStatus.OVER
