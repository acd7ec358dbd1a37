"""Process pools for CPU-bound work (scoring at import, preparing papers at the proctor)
whose workers never outlive the process that started them.

Workers are started by a fork server (or spawned where there is none), never forked from
the caller: the caller may hold database connections, TLS sockets and threads that a
forked child must not inherit. A `ProcessPoolExecutor` worker whose parent is killed
(SIGKILL, a crash) would otherwise wait forever, holding the parent's stdout and stderr
open; here each worker checks once a second that the process that made the pool is
still there and leaves when it is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import psutil

PARENT_CHECK_S = 1.0


def available_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_pool(workers: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of `workers` processes; `initializer(*initargs)` runs once in each."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods
                                          else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                               initargs=(os.getpid(), initializer, initargs))


def _start(owner: int, initializer: Callable[..., None] | None,
           initargs: tuple[Any, ...]) -> None:
    # The process that made the pool, not the worker's parent: a fork server's workers
    # keep it alive (each holds its "alive" pipe), so it never leaves before them.
    try:
        born = psutil.Process(owner).create_time()
    except psutil.NoSuchProcess:
        os._exit(0)
    threading.Thread(target=_leave_with, args=(owner, born), name="leave-with-owner",
                     daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _leave_with(owner: int, born: float) -> None:
    while True:
        time.sleep(PARENT_CHECK_S)
        try:
            alive = psutil.Process(owner).create_time() == born  # not a reused pid
        except psutil.NoSuchProcess:
            alive = False
        if not alive:
            os._exit(0)  # nothing to clean up: the work died with its owner
