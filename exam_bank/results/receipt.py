"""The short receipt code a candidate reads aloud, derived from their log's final hash.

Pure and shared: the kiosk prints it, the results store indexes it, so one function
decides it (kiosk.engine.receipt builds its Receipt on this)."""

from __future__ import annotations

import base64
import re

_CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{2}\Z")


def short_code(final_hash: str) -> str:
    """e.g. ABCD-EFGH-IJ: the first 10 base32 characters of the hash, grouped. Base32 has
    no 0, 1 or 8, so a hand-copied 0/1/8 is read back as O, I or L, B."""
    code = base64.b32encode(bytes.fromhex(final_hash)).decode("ascii")[:10]
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


# Digits a code never holds, read as the letters they are mistaken for when a candidate
# copies the code by hand; 1 may be I or L, so it is tried as both (code_candidates).
_LOOK_ALIKES = str.maketrans({"0": "O", "8": "B", "1": "I"})
MAX_CANDIDATES = 64  # 2**6 readings of a code with six ones; more is no longer a code


def normalise_code(text: str) -> str | None:
    """A code as typed (any case, spaces, with or without dashes, 0/8/1 for O/B/I) in
    canonical form, or None if it cannot be one."""
    raw = re.sub(r"[\s-]", "", text).upper().translate(_LOOK_ALIKES)
    code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    return code if _CODE.match(code) else None


def code_candidates(text: str) -> list[str]:
    """Every canonical code the typed text may stand for: a typed 1 is I or L."""
    first = normalise_code(text)
    if first is None:
        return []
    raw = re.sub(r"[\s-]", "", text).upper()
    ones = [n for n, char in enumerate(c for c in raw) if char == "1"]
    out = [first]
    for mask in range(1, min(2 ** len(ones), MAX_CANDIDATES)):
        chars = list(first.replace("-", ""))
        for bit, at in enumerate(ones):
            if mask >> bit & 1:
                chars[at] = "L"
        code = "".join(chars)
        out.append(f"{code[:4]}-{code[4:8]}-{code[8:]}")
    return out
