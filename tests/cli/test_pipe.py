"""A command's output piped to a reader that stops early (`… | head`)."""

from __future__ import annotations

import subprocess
import sys

from tests.cli.labkit import SAMPLE


def test_output_piped_to_a_reader_that_left_ends_without_a_traceback() -> None:
    """`ujikom proctor status --dir lab --session S1 | head` printed a BrokenPipeError
    traceback once head had its lines. The reader here leaves before the first line."""
    with subprocess.Popen(
            [sys.executable, "-c", "import sys; from ujikom.cli import main; sys.exit(main())",
             "bank", "list", "--bank", str(SAMPLE / "bank"), "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # like head: gone before the command writes
        err = proc.stderr.read().decode()
        proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert proc.returncode != 0  # the output did not reach anyone: no success
