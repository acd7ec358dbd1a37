"""The receipt a candidate keeps: the log's final hash, and a short code to read aloud."""

from __future__ import annotations

from dataclasses import dataclass

from exam_bank.results.receipt import short_code


@dataclass(frozen=True)
class Receipt:
    final_hash: str  # hex SHA-256 of the last event: proves which log was submitted
    short_code: str  # e.g. ABCD-EFGH-IJ: the first 10 base32 characters, grouped


def receipt_for(final_hash: str) -> Receipt:
    """The code is shared with the results store, which looks submissions up by it."""
    return Receipt(final_hash, short_code(final_hash))
