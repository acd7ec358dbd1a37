"""The receipt code: the kiosk prints what the store indexes."""

from __future__ import annotations

from exam_bank.results.receipt import code_candidates, normalise_code, short_code
from kiosk.engine.receipt import receipt_for

HASH = "0f" * 32


def test_kiosk_receipt_and_store_code_are_one_function() -> None:
    assert receipt_for(HASH).short_code == short_code(HASH) == "B4HQ-6DYP-B4"


def test_codes_are_read_back_however_they_are_typed() -> None:
    assert normalise_code(" b4hq 6dyp b4 ") == "B4HQ-6DYP-B4"
    assert normalise_code("b4hq6dypb4") == "B4HQ-6DYP-B4"
    assert normalise_code("B4HQ-6DYP-B4 ") == "B4HQ-6DYP-B4"
    assert normalise_code("B4HQ-6DYP") is None
    assert normalise_code("B4HQ-6DYP-B9") is None  # 9 is not base32 nor like a letter


def test_look_alike_digits_are_read_as_the_letters_they_stand_for() -> None:
    assert normalise_code("B4HQ-6DYP-80") == "B4HQ-6DYP-BO"  # 8 for B, 0 for O
    assert code_candidates("b4hq-6dyp-b1") == ["B4HQ-6DYP-BI", "B4HQ-6DYP-BL"]
    assert len(code_candidates("1111-1111-11")) == 64  # bounded, however it is typed
    assert code_candidates("nonsense") == []
