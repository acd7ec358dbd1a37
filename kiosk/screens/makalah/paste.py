"""The paste rule, without Qt: text may come in only from inside the exam.

A paste is allowed when it is something the candidate copied or cut in the editor in this
sitting (kept as fingerprints, not text), or a quote of the case material or prompt.
Comparison ignores whitespace differences, since Qt's clipboard text and a document's
plain text break lines and table cells differently.
"""

from __future__ import annotations

import hashlib


def normalized(text: str) -> str:
    return " ".join(text.split())


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()


class PasteGuard:
    def __init__(self) -> None:
        self._copied: set[str] = set()
        self._sources: tuple[str, ...] = ()

    def set_sources(self, *texts: str) -> None:
        """The texts the candidate may quote (the case material and the prompt)."""
        self._sources = tuple(normalized(t) for t in texts if t.strip())

    def remember_copy(self, text: str) -> str:
        key = fingerprint(text)
        self._copied.add(key)
        return key

    def is_own_copy(self, text: str) -> bool:
        return fingerprint(text) in self._copied

    def allows(self, text: str) -> bool:
        flat = normalized(text)
        if not flat:
            return True  # only whitespace: nothing from outside gets in
        return self.is_own_copy(text) or any(flat in source for source in self._sources)
