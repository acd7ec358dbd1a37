"""Reading hand-written TOML with errors that point at lines.

`tomllib` reports the line of a syntax error but not where a table starts, so
`TomlDoc` also finds the line of each `[[name]]` header: an error in the third
`[[item]]` names the line that table starts on.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exam_bank.problems import InputError, Problem

_SYNTAX_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass
class TomlDoc:
    where: str
    text: str
    data: dict[str, Any]

    def header_lines(self, name: str) -> list[int]:
        """1-based lines of each `[[name]]` header, in file order."""
        pattern = re.compile(r"^\s*\[\[\s*" + re.escape(name) + r"\s*\]\]\s*(#.*)?$")
        return [n for n, line in enumerate(self.text.splitlines(), 1) if pattern.match(line)]

    def key_line(self, key: str, start: int = 1) -> int | None:
        """The first line at or after `start` that assigns `key`."""
        pattern = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
        for n, line in enumerate(self.text.splitlines(), 1):
            if n >= start and pattern.match(line):
                return n
        return None


def read_toml(path: Path, where: str | None = None) -> TomlDoc:
    where = where or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(where, f"cannot read: {exc.strerror}")]) from None
    return parse_toml(raw, where)


def parse_toml(raw: bytes, where: str) -> TomlDoc:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(where, f"not UTF-8 (byte 0x{raw[exc.start]:02X}); "
                                  "save the file as UTF-8", line=line)]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _SYNTAX_LINE.search(message)
        syntax_line = int(m.group(1)) if m else None
        message = _SYNTAX_LINE.sub("", message).strip()
        raise InputError([Problem(where, f"TOML syntax: {message}",
                                  line=syntax_line)]) from None
    return TomlDoc(where, text, data)
