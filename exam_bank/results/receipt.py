"""The short receipt code a candidate reads aloud, derived from their log's final hash.

Pure and shared: the kiosk prints it, the results store indexes it, so one function
decides it (kiosk.engine.receipt builds its Receipt on this)."""

from __future__ import annotations

import base64
import re

_CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{2}\Z")


def short_code(final_hash: str) -> str:
    """e.g. ABCD-EFGH-IJ: the first 10 base32 characters of the hash, grouped. Base32
    avoids 0/O and 1/I confusion when the code is copied by hand."""
    code = base64.b32encode(bytes.fromhex(final_hash)).decode("ascii")[:10]
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def normalise_code(text: str) -> str | None:
    """A code as typed (any case, spaces, with or without dashes) in canonical form, or
    None if it cannot be one."""
    raw = re.sub(r"[\s-]", "", text).upper()
    code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    return code if _CODE.match(code) else None
