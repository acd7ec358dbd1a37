"""One small connection wrapper over SQLite (a file) and PostgreSQL (psycopg 3).

The store writes its SQL once with `?` placeholders; for PostgreSQL they become `%s`
(no statement of the store contains a literal `?`). Transactions are explicit so a whole
bundle import commits or leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from exam_bank.cliutil import role_extra
from exam_bank.problems import InputError, Problem


class Db:
    """A connection in autocommit mode; `transaction()` groups statements."""

    def __init__(self, conn: Any, dialect: str, where: str):
        self.conn = conn
        self.dialect = dialect
        self.where = where
        self._depth = 0

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgres" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.dialect == "postgres":
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        else:
            self.conn.executemany(sql, rows)

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            if self.dialect == "postgres":
                with self.conn.transaction():
                    yield
            else:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        self.conn.close()


def connect(target: str | Path) -> Db:
    """`postgresql://…` (or `postgres://…`) opens PostgreSQL; anything else is a SQLite
    file path, created if missing."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            import psycopg
        except ImportError:
            raise InputError([Problem(_redact(text), "PostgreSQL needs the office's extra: "
                                      f"pip install '{role_extra('psycopg')}'")]) from None
        try:
            pg = psycopg.connect(text, autocommit=True)
        except psycopg.Error as exc:
            raise InputError([Problem(_redact(text), f"cannot connect: {exc}")]) from None
        return Db(pg, "postgres", _redact(text))
    path = Path(text)
    if path.parent and not path.parent.exists():
        raise InputError([Problem(text, "its folder does not exist")])
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as exc:
        raise InputError([Problem(text, f"not a usable SQLite results store: {exc}")]) from None
    return Db(conn, "sqlite", text)


def _redact(url: str) -> str:
    """A URL fit for messages: a password in it is never printed."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
