"""The receipt a candidate keeps: the log's final hash, and a short code to read aloud."""

from __future__ import annotations

import base64
from dataclasses import dataclass


@dataclass(frozen=True)
class Receipt:
    final_hash: str  # hex SHA-256 of the last event: proves which log was submitted
    short_code: str  # e.g. ABCD-EFGH-IJ: the first 10 base32 characters, grouped


def receipt_for(final_hash: str) -> Receipt:
    """Base32 avoids 0/O and 1/I confusion when the code is copied by hand."""
    code = base64.b32encode(bytes.fromhex(final_hash)).decode("ascii")[:10]
    return Receipt(final_hash, f"{code[:4]}-{code[4:8]}-{code[8:]}")
