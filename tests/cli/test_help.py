"""`--help` of every command says what each argument is."""

from __future__ import annotations

import argparse

from ujikom.cli import build_parser


def _unexplained(parser: argparse.ArgumentParser, path: str) -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _unexplained(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction) and not action.help:
            found.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return found


def test_every_argument_of_every_command_has_its_help() -> None:
    """`ujikom bank build --help` listed `--blueprint BLUEPRINT` and `--bank BANK` with no
    word on them, and 24 more arguments of the bank's commands were bare."""
    assert _unexplained(build_parser(), "ujikom") == []
