"""Personal data at rest: the SQLite results store is SQLCipher under a
key wrapped with the office passphrase, and it, its key and everything written from it
are owner-only whatever the umask."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from exam_bank.problems import InputError
from exam_bank.results.store import open_store
from exam_bank.results.storekey import key_path
from tests.cli.labkit import ujikom
from tests.conftest import STORE_PASS
from tests.exam_bank.results.conftest import Central

N = 2**10


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)  # the most careless setting: every file would be world-readable
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_is_encrypted_and_owner_only(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "hasil.db"
    with open_store(path, STORE_PASS, scrypt_n=N) as store:
        store.db.execute("CREATE TABLE probe (name TEXT)")
        store.db.execute("INSERT INTO probe VALUES ('Ni Luh Putu Ayu Sri Dewi')")
    files = [p for p in tmp_path.iterdir()]
    assert key_path(path) in files
    for f in files:
        assert _mode(f) == 0o600, (f, oct(_mode(f)))
        assert b"Ni Luh Putu" not in f.read_bytes()
        assert not f.read_bytes().startswith(b"SQLite format 3")
    with open_store(path, STORE_PASS) as store:  # the key file holds the scrypt cost
        assert store.db.one("SELECT name FROM probe") == ("Ni Luh Putu Ayu Sri Dewi",)
    with pytest.raises(InputError, match="wrong passphrase"):
        open_store(path, b"not the passphrase")
    with pytest.raises(InputError, match="passphrase"):
        open_store(path)
    key_path(path).rename(tmp_path / "elsewhere")
    with pytest.raises(InputError, match="missing"):
        open_store(path, STORE_PASS)


def test_a_plain_store_is_refused_then_encrypted_in_place(tmp_path: Path, capsys) -> None:
    path = tmp_path / "lama.db"
    plain = sqlite3.connect(path)
    plain.execute("PRAGMA user_version = 7")
    plain.execute("CREATE TABLE probe (name TEXT)")
    plain.execute("INSERT INTO probe VALUES ('Drs. H. Ahmad Maruf')")
    plain.commit()
    plain.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="encrypt-store"):
        open_store(path, STORE_PASS)
    assert path.read_bytes() == before  # refused: nothing changed
    assert ujikom("bank", "encrypt-store", "--store", path) == 0
    assert b"Ahmad" not in path.read_bytes() and _mode(key_path(path)) == 0o600
    import sqlcipher3.dbapi2 as sqlcipher

    from exam_bank.results.storekey import read_store_key

    conn = sqlcipher.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{read_store_key(path, STORE_PASS).hex()}'\"")
    assert conn.execute("SELECT name FROM probe").fetchall() == [("Drs. H. Ahmad Maruf",)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
    conn.close()
    assert ujikom("bank", "encrypt-store", "--store", path) == 1  # only once


def test_everything_written_from_the_store_is_owner_only(
        central: Central, tmp_path: Path, open_umask: None) -> None:
    store = str(tmp_path / "office" / "hasil.db")
    (tmp_path / "office").mkdir()
    bundle = tmp_path / "s1.p7m"
    bundle.write_bytes(central.seal(central.results()))
    assert ujikom("bank", "import-results", bundle, *central.import_args(store)) == 0
    assert ujikom("bank", "grading", "export", "--store", store, "--out",
                  tmp_path / "penilaian", "--assessor", "Ani", "--assessor", "Budi") == 0
    assert ujikom("bank", "report", "--store", store, "--package", central.lab.package,
                  "--key", central.lab.key, "--trust-authority", central.lab.trust,
                  "--out", tmp_path / "office") == 0
    assert (tmp_path / "office" / "laporan" / "peringkat.xlsx").exists()
    written = [p for p in (tmp_path / "office").rglob("*")]
    written += [tmp_path / "penilaian", *(tmp_path / "penilaian").rglob("*")]
    assert len(written) > 6
    for path in written:
        want = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == want, (path, oct(_mode(path)))
