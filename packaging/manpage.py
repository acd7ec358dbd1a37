"""`ujikom.1` from the command line's own --help texts: every subcommand's help, so the
manual page can never drift from what `ujikom ... --help` says.

    python packaging/manpage.py VERSION > ujikom.1
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ujikom.cli import build_parser

SEE_ALSO = ("ujikom-kiosk-enable(8), ujikom-kiosk-disable(8), cage(1), nft(8); "
            "/usr/share/doc/ujikom-common/lab-setup.md")


def _roff(text: str) -> str:
    lines = []
    for line in text.splitlines():
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def _walk(parser: argparse.ArgumentParser, path: list[str]) -> list[tuple[str, str]]:
    found = [(" ".join(path), parser.format_help())]
    for action in parser._actions:  # argparse keeps subcommands here and nowhere public
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _walk(sub, [*path, name])
    return found


def manpage(version: str, today: dt.date | None = None) -> str:
    parser = build_parser()
    when = (today or dt.date.today()).isoformat()
    out = [f'.TH UJIKOM 1 "{when}" "ujikom {version}" "Ujikom"',
           ".SH NAME", "ujikom \\- offline computer-assisted competency testing: exam bank, "
           "candidate kiosk, proctor console, lab PC preflight",
           ".SH SYNOPSIS", ".B ujikom", "[\\-\\-version] ROLE ...",
           ".SH DESCRIPTION", _roff(parser.description or ""),
           "Each command below is shown with its own \\fB\\-\\-help\\fR text."]
    for name, text in _walk(parser, ["ujikom"]):
        out += [".SH " + name.upper() if name == "ujikom" else f'.SS "{name}"', ".nf",
                _roff(text), ".fi"]
    out += [".SH EXIT STATUS", "0 on success; 1 for bad input (named as FILE:LINE: message). "
            "\\fBujikom doctor\\fR: 0 pass, 1 warn, 2 fail, 3 unusable kiosk.toml.",
            ".SH SEE ALSO", SEE_ALSO]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(manpage(sys.argv[1] if len(sys.argv) > 1 else "0"))
