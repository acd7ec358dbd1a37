"""The `ujikom` command line: one entry point, a subcommand per role."""

from __future__ import annotations


def version() -> str:
    """The installed distribution's version (the frozen app carries its metadata too)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("ujikom")
    except PackageNotFoundError:  # a bare source tree, never installed
        return "0+unknown"
