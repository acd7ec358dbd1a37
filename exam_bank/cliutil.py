"""What every Ujikom command line shares: exit codes, error reporting, JSON output and the
one passphrase reader (the bank's, the proctor's and the kiosk's commands all use it)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from enum import IntEnum
from pathlib import Path
from typing import Any

from exam_bank.problems import InputError, Problem

MIN_TYPED_PASSPHRASE = 8  # a new passphrase typed at the terminal

# The libraries only some roles install (pyproject.toml's extras), by top-level module.
ROLE_EXTRAS = {"PySide6": "kiosk,proctor", "shiboken6": "kiosk,proctor",
               "sqlcipher3": "kiosk,proctor", "psycopg": "office"}


class ExitCode(IntEnum):
    OK = 0
    INPUT_ERROR = 1
    USAGE = 2
    CANNOT_START = 3  # the kiosk could not open its exam (package, key, store)


@contextlib.contextmanager
def report_errors() -> Iterator[None]:
    """Turn InputError into `FILE:LINE: message` lines on stderr (no traceback)."""
    try:
        yield
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''}; nothing was changed.",
              file=sys.stderr)
    except KeyboardInterrupt:
        print("interrupted; nothing was changed.", file=sys.stderr)


def print_json(data: Any) -> None:
    """`data` as indented JSON on stdout, for `--json` scripts."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def role_extra(module: str, role: str = "") -> str | None:
    """What to install for `module` when this machine's install left it out, e.g.
    ``ujikom[office]`` (`role`'s own extra when it is one of them); None for a module no
    extra provides (a real bug)."""
    extras = ROLE_EXTRAS.get(module.split(".")[0])
    if extras is None:
        return None
    return f"ujikom[{role if role in extras.split(',') else extras}]"


def _input_error(where: str, message: str) -> Exception:
    return InputError([Problem(where, message)])


def read_passphrase(env_var: str, file: str | Path | None, prompt: str | None = None, *,
                    confirm: bool = False, env: Mapping[str, str] | None = None,
                    flag: str = "--passphrase-file",
                    error: Callable[[str, str], Exception] = _input_error) -> bytes:
    """A passphrase from `file` (its first line), else the environment variable `env_var`,
    else typed at the terminal (only with a `prompt`, and only when there is one).

    A problem raises `error(where, message)`: InputError by default, so a command prints
    `FILE: message`; the kiosk passes its own error type. A typed passphrase has at least
    `MIN_TYPED_PASSPHRASE` characters; `confirm` asks twice (a new passphrase).
    """
    if file is not None and str(file):
        where = str(file)
        try:
            lines = Path(file).read_bytes().splitlines()
        except OSError as exc:
            raise error(where, f"cannot read the passphrase file: {exc.strerror}") from None
        if not lines or not lines[0]:
            raise error(where, "the passphrase file is empty")
        return lines[0]
    value = (os.environ if env is None else env).get(env_var)
    if value:
        return value.encode()
    if prompt is None or not sys.stdin.isatty():
        raise error(env_var, f"no passphrase: set {env_var} or give {flag}")
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Ulangi / repeat: ") != first:
        raise error("passphrase", "the two entries differ")
    if len(first) < MIN_TYPED_PASSPHRASE:
        raise error("passphrase", f"use at least {MIN_TYPED_PASSPHRASE} characters")
    return first.encode()
