"""One small connection wrapper over SQLite (a file) and PostgreSQL (psycopg 3).

The store writes its SQL once with `?` placeholders; for PostgreSQL they become `%s`
(no statement of the store contains a literal `?`). Transactions are explicit so a whole
bundle import commits or leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from exam_bank.cliutil import role_extra
from exam_bank.fsutil import create_private
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


def connect(target: str | Path, key: bytes | None = None) -> Db:
    """`postgresql://…` (or `postgres://…`) opens PostgreSQL; anything else is a SQLite
    file path, created (owner-only) if missing and encrypted with SQLCipher under `key`
    (`exam_bank.results.storekey`)."""
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
    if is_plain_sqlite(path):
        raise InputError([Problem(text, "an unencrypted results store (made by an earlier "
                                  "Ujikom): encrypt it once with `ujikom bank encrypt-store "
                                  f"--store {text}`; nothing was changed")])
    if key is None:
        raise InputError([Problem(text, "a SQLite results store is encrypted: its key is "
                                  "needed (the office passphrase)")])
    create_private(path)  # owner-only before SQLite writes a byte (its WAL follows suit)
    try:
        conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError:
            conn.close()
            raise InputError([Problem(text, "this key does not open the results store (a "
                                      "key file of another store?); nothing was changed")]
                             ) from None
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlcipher.Error as exc:
        raise InputError([Problem(text, f"not a usable results store: {exc}")]) from None
    return Db(conn, "sqlite", text)


def is_plain_sqlite(path: Path) -> bool:
    """An unencrypted SQLite file (SQLCipher files start with random bytes)."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def encrypt_plain_store(path: Path, key: bytes) -> None:
    """Turn an unencrypted SQLite store into a SQLCipher one under `key`, in place: the
    encrypted copy is written and synced beside it, then renamed over it (a crash leaves
    one or the other), and the plain file's WAL and shared-memory files are removed."""
    tmp = path.with_name(f".{path.name}.encrypting")
    tmp.unlink(missing_ok=True)
    create_private(tmp)
    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(tmp),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _redact(url: str) -> str:
    """A URL fit for messages: a password in it is never printed."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
