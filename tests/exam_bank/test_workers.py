"""Worker pools never outlive the process that started them: a killed proctor server or
import must not leave workers behind holding its output open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import psutil

from exam_bank.workers import process_pool

SCRIPT = textwrap.dedent("""
    import os, sys, time
    from exam_bank.workers import process_pool

    if __name__ == "__main__":
        pool = process_pool(1)
        print(pool.submit(os.getpid).result(), flush=True)
        time.sleep(60)
""")


def _square_plus(n: int) -> int:
    return n * n + OFFSET


OFFSET = 0


def _set_offset(value: int) -> None:
    global OFFSET
    OFFSET = value


def test_workers_run_their_initializer_once_and_return_results() -> None:
    with process_pool(2, _set_offset, (1,)) as pool:
        assert list(pool.map(_square_plus, range(5))) == [1, 2, 5, 10, 17]


def test_a_worker_leaves_when_its_parent_is_killed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "parent.py"
    script.write_text(SCRIPT)
    env = os.environ | {"PYTHONPATH": os.getcwd()}
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                              text=True, env=env)
    assert parent.stdout is not None
    worker = psutil.Process(int(parent.stdout.readline()))
    assert worker.is_running()
    parent.send_signal(signal.SIGKILL)
    parent.wait(10)
    # The worker goes within seconds, and with it the last holder of the output pipe.
    psutil.wait_procs([worker], timeout=10)
    assert not worker.is_running()
    with parent.stdout:
        assert parent.stdout.read() == ""  # EOF: nobody holds the pipe open any more
