"""`python -m kiosk.lockdown hash-unlock-code`: reads a code on stdin, prints the
`unlock_code_hash = "..."` line for kiosk.toml's [lockdown] table."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kiosk.lockdown.unlock import MIN_LENGTH, hash_unlock_code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.lockdown", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("hash-unlock-code", help="hash the proctor's unlock code read from stdin "
                   f"(first line; at least {MIN_LENGTH} characters, 10+ recommended)")
    parser.parse_args(argv)
    code = sys.stdin.readline().rstrip("\r\n")
    try:
        line = f'unlock_code_hash = "{hash_unlock_code(code)}"'
    except ValueError as exc:
        print(f"stdin: {exc}", file=sys.stderr)  # not on screen
        return 2
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
