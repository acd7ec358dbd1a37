"""`kiosk.toml`: the lab PC's kiosk settings, read with errors that name file, line and field.

```toml
[lockdown]
extra_forbidden = ["someapp"]      # adds to the default forbidden programs
# forbidden_processes = [...]      # replaces the defaults entirely
check_interval_s = 3
unlock_code_hash = "$argon2id$..."  # `python -m kiosk.lockdown hash-unlock-code`
allow_vm = false

[proctor]                          # kept raw for the proctor link, which checks it
```

Pure Python (no Qt), so the CLI can read and check a config before Qt starts.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2 import Type, extract_parameters
from argon2.exceptions import InvalidHashError

from exam_bank.problems import Problems
from exam_bank.tomlfile import TomlDoc, read_toml

# Program names (process name or executable basename, case-insensitive, ".exe" ignored).
# `name:arg` matches `name` only when one of its arguments contains `arg`: ffmpeg is
# harmless until it grabs the screen. Exact names, never substrings, so an honest
# program whose name merely contains "zoom" or "obs" raises no alarm.
DEFAULT_FORBIDDEN: tuple[str, ...] = (
    # remote desktop
    "anydesk", "teamviewer", "rustdesk", "vncviewer", "x11vnc", "remmina",
    # screen recorders
    "obs", "obs64", "simplescreenrecorder", "kazam", "vokoscreen", "vokoscreenng",
    "ffmpeg:x11grab", "ffmpeg:kmsgrab", "ffmpeg:gdigrab",
    # chat and meetings
    "zoom", "teams", "ms-teams", "discord", "telegram-desktop", "telegram", "whatsapp",
    "skype", "slack",
    # browsers
    "firefox", "firefox-esr", "chromium", "chromium-browser", "chrome", "google-chrome",
    "msedge", "microsoft-edge", "opera", "brave", "brave-browser",
)

MIN_INTERVAL_S = 1.0
MAX_INTERVAL_S = 60.0
_LOCKDOWN_KEYS = ("forbidden_processes", "extra_forbidden", "check_interval_s",
                  "unlock_code_hash", "allow_vm")
_TABLES = ("lockdown", "proctor")


@dataclass(frozen=True)
class LockdownConfig:
    forbidden_processes: tuple[str, ...] = DEFAULT_FORBIDDEN
    check_interval_s: float = 3.0
    unlock_code_hash: str | None = None  # argon2id PHC string; None: no code set
    allow_vm: bool = False


@dataclass(frozen=True)
class KioskConfig:
    lockdown: LockdownConfig = field(default_factory=LockdownConfig)
    proctor: dict[str, Any] = field(default_factory=dict)  # raw; the link parses it
    source: str | None = None  # the file it came from; None: built-in defaults
    proctor_table: bool = False  # the file has a [proctor] table (even an empty one)
    proctor_lines: dict[str, int] = field(default_factory=dict)  # its settings' lines


def _table_line(doc: TomlDoc, name: str) -> int | None:
    pattern = re.compile(r"^\s*\[\s*" + re.escape(name) + r"\s*\]\s*(#.*)?$")
    for n, line in enumerate(doc.text.splitlines(), 1):
        if pattern.match(line):
            return n
    return None


def _names(value: Any, key: str, problems: Problems, line: int | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                               for v in value):
        problems.add(f"lockdown.{key}: must be a list of program names (strings), "
                     f'e.g. ["anydesk", "ffmpeg:x11grab"]', line=line, field=f"lockdown.{key}")
        return ()
    return tuple(v.strip() for v in value)


def _check_hash(value: Any) -> str | None:
    """Why `value` is not an argon2id hash, or None when it is one."""
    if not isinstance(value, str):
        return "must be a string"
    try:
        params = extract_parameters(value)
    except InvalidHashError:
        return "is not an argon2id hash; make one with `python -m kiosk.lockdown " \
               "hash-unlock-code`"
    return None if params.type is Type.ID else "must be an argon2id hash (not argon2i/d)"


def _lockdown(doc: TomlDoc, table: dict[str, Any], problems: Problems) -> LockdownConfig:
    start = _table_line(doc, "lockdown") or 1

    def line(key: str) -> int | None:
        return doc.key_line(key, start)

    for key in table:
        if key not in _LOCKDOWN_KEYS:
            problems.add(f"lockdown.{key}: unknown setting (known: {', '.join(_LOCKDOWN_KEYS)})",
                         line=line(key), field=f"lockdown.{key}")
    forbidden = DEFAULT_FORBIDDEN
    if "forbidden_processes" in table:
        forbidden = _names(table["forbidden_processes"], "forbidden_processes", problems,
                           line("forbidden_processes"))
    if "extra_forbidden" in table:
        extra = _names(table["extra_forbidden"], "extra_forbidden", problems,
                       line("extra_forbidden"))
        forbidden = forbidden + tuple(n for n in extra if n not in forbidden)
    interval = table.get("check_interval_s", LockdownConfig.check_interval_s)
    if (isinstance(interval, bool) or not isinstance(interval, int | float)
            or not MIN_INTERVAL_S <= interval <= MAX_INTERVAL_S):
        problems.add(f"lockdown.check_interval_s: must be a number of seconds from "
                     f"{MIN_INTERVAL_S:g} to {MAX_INTERVAL_S:g}",
                     line=line("check_interval_s"), field="lockdown.check_interval_s")
        interval = LockdownConfig.check_interval_s
    code_hash = table.get("unlock_code_hash")
    if code_hash is not None and (why := _check_hash(code_hash)):
        problems.add(f"lockdown.unlock_code_hash: {why}", line=line("unlock_code_hash"),
                     field="lockdown.unlock_code_hash")
    allow_vm = table.get("allow_vm", False)
    if not isinstance(allow_vm, bool):
        problems.add("lockdown.allow_vm: must be true or false", line=line("allow_vm"),
                     field="lockdown.allow_vm")
    return LockdownConfig(forbidden, float(interval), code_hash, allow_vm is True)


def config_from_doc(doc: TomlDoc) -> KioskConfig:
    """Checks every setting and raises InputError with all problems at once."""
    problems = Problems(doc.where)
    for key, value in doc.data.items():
        if key not in _TABLES:
            problems.add(f"{key}: unknown table (known: {', '.join(_TABLES)})",
                         line=_table_line(doc, key) or doc.key_line(key), field=key)
        elif not isinstance(value, dict):
            problems.add(f"{key}: must be a table ([{key}])", line=doc.key_line(key),
                         field=key)
    lockdown_table = doc.data.get("lockdown", {})
    lockdown = _lockdown(doc, lockdown_table if isinstance(lockdown_table, dict) else {},
                         problems)
    proctor = doc.data.get("proctor", {})
    problems.raise_if_any()
    return KioskConfig(lockdown, dict(proctor), doc.where, "proctor" in doc.data,
                       _setting_lines(doc, "proctor", proctor))


def _setting_lines(doc: TomlDoc, table: str, settings: dict[str, Any]) -> dict[str, int]:
    """Where each setting of `table` is, for the link's own checks to name the line."""
    start = _table_line(doc, table) or 1
    found = {key: doc.key_line(key, start) for key in settings}
    return {key: line for key, line in found.items() if line is not None}


def load_config(path: Path) -> KioskConfig:
    """Reads and checks `path`; InputError (`FILE:LINE: field: message`) on any problem."""
    return config_from_doc(read_toml(path))


def apply_config_args(parser: argparse.ArgumentParser) -> None:
    """Adds `--config` to the kiosk's parser; read it back with `config_from_args`."""
    parser.add_argument("--config", type=Path, default=None,
                        help="kiosk.toml with [lockdown] and [proctor] settings "
                        "(default: built-in lockdown defaults, no unlock code)")


def config_from_args(args: argparse.Namespace) -> KioskConfig:
    path: Path | None = getattr(args, "config", None)
    return KioskConfig() if path is None else load_config(path)
