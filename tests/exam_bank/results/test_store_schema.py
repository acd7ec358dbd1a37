"""The store's versioned schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_bank.problems import InputError
from exam_bank.results.migrations import STEPS, current_version
from exam_bank.results.store import open_store
from tests.conftest import STORE_PASS


def test_a_new_store_is_at_the_newest_schema_and_reopening_changes_nothing(
        store_target: str) -> None:
    with open_store(store_target, STORE_PASS) as store:
        assert current_version(store.db) == len(STEPS)
        secret = store.grading_secret()
    with open_store(store_target, STORE_PASS) as store:
        assert current_version(store.db) == len(STEPS)
        assert store.db.one("SELECT COUNT(*) FROM schema_version") == (len(STEPS),)
        assert store.grading_secret() == secret  # blind codes stay stable


def test_a_store_from_a_newer_ujikom_is_refused(store_target: str) -> None:
    with open_store(store_target, STORE_PASS) as store:
        store.db.execute("INSERT INTO schema_version (version) VALUES (?)", (len(STEPS) + 1,))
    with pytest.raises(InputError, match="newer than this Ujikom"):
        open_store(store_target, STORE_PASS)


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match=r"notes\.sqlite"):
        open_store(junk, STORE_PASS)


def test_a_postgres_password_is_never_printed() -> None:
    with pytest.raises(InputError) as err:
        open_store("postgresql://admin:s3cret-pw@127.0.0.1:1/results?connect_timeout=2")
    assert "s3cret-pw" not in str(err.value) and "***" in str(err.value)
