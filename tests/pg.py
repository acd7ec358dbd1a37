"""A throw-away PostgreSQL server on a Unix socket in a temp dir, for tests and benchmarks
(not part of the installed package: it may `apt-get install postgresql` as root).

`initdb` refuses to run as root, so as root the server runs as the `postgres` user (via
`runuser`); it listens on no TCP port at all. Durability is off (fsync, full-page writes,
synchronous commit): nothing here outlives the run.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path


class PostgresUnavailable(Exception):
    """Why no server could be started."""


def pg_binaries() -> tuple[str, str] | None:
    for folder in [None, *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]:
        initdb = shutil.which("initdb", path=folder)
        pg_ctl = shutil.which("pg_ctl", path=folder)
        if initdb and pg_ctl:
            return initdb, pg_ctl
    return None


def install_postgres() -> None:
    """apt-get install postgresql when we are root; PostgresUnavailable otherwise."""
    if os.geteuid() != 0:
        raise PostgresUnavailable("initdb/pg_ctl not found and not root, so cannot "
                                  "apt-get install postgresql")
    if shutil.which("apt-get") is None:
        raise PostgresUnavailable("initdb/pg_ctl not found and no apt-get to install them")
    done = subprocess.run(["apt-get", "install", "-y", "postgresql"], capture_output=True,
                          text=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if done.returncode != 0:
        raise PostgresUnavailable(f"apt-get install -y postgresql failed: {done.stderr[-500:]}")


@contextlib.contextmanager
def throwaway_postgres(install: bool = True) -> Iterator[str]:
    """A URL to the new server's `postgres` database; the server is gone afterwards."""
    bins = pg_binaries()
    if bins is None and install:
        install_postgres()
        bins = pg_binaries()
    if bins is None:
        raise PostgresUnavailable("initdb/pg_ctl not found")
    initdb, pg_ctl = bins
    root = Path(tempfile.mkdtemp(prefix="ujikom-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = root / "data"
    try:
        for argv in (
            [initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"],
            [pg_ctl, "-D", str(data), "-w", "-l", str(root / "log"), "-o",
             f"-c listen_addresses='' -k {root} -c fsync=off -c full_page_writes=off "
             "-c synchronous_commit=off", "start"],
        ):
            done = subprocess.run([*as_user, *argv], capture_output=True, text=True)
            if done.returncode != 0:
                raise PostgresUnavailable(f"{Path(argv[0]).name} failed: {done.stderr[-500:]}")
        yield f"postgresql://postgres@/postgres?host={root}"
    finally:
        if data.exists():
            subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                           capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(server: str) -> str:
    """A new empty database on `server`; its URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.replace("/postgres?", f"/{name}?")
