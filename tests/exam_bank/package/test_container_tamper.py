"""Any change to a package is refused; any set of files survives the trip."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exam_bank.crypto.examkey import ExamKey, new_exam_key
from exam_bank.package.container import open_package, read_header, write_package
from exam_bank.problems import InputError


@pytest.mark.parametrize("mask", [0x01, 0x80, 0xFF])
def test_every_byte_changed_is_refused(package, authority, exam_key, kit, mask):
    original = package.read_bytes()
    header, payload, _ = kit.split(original)
    assert len(original) < 3000  # small enough to try every position
    assert len(header) > 500 and len(payload) > 300  # every region is really exercised
    for position in range(len(original)):
        changed = bytearray(original)
        changed[position] ^= mask
        package.write_bytes(bytes(changed))
        with pytest.raises(InputError):
            open_package(package, [authority.public], exam_key)
        if mask == 0x01:
            with pytest.raises(InputError):
                read_header(package, [authority.public])


def test_random_byte_values_are_refused(package, authority, exam_key):
    original = package.read_bytes()
    rng = random.Random(20250301)
    for _ in range(1500):
        position = rng.randrange(len(original))
        changed = bytearray(original)
        changed[position] = (changed[position] + rng.randrange(1, 256)) % 256
        package.write_bytes(bytes(changed))
        with pytest.raises(InputError):
            open_package(package, [authority.public], exam_key)


def test_every_truncation_is_refused(package, authority, exam_key):
    original = package.read_bytes()
    for length in range(len(original)):
        package.write_bytes(original[:length])
        with pytest.raises(InputError) as info:
            open_package(package, [authority.public], exam_key)
        assert str(package) in str(info.value)
        if length > 12:
            assert "truncated" in str(info.value)


def test_inserted_or_deleted_byte_is_refused(package, authority, exam_key):
    original = package.read_bytes()
    for position in range(0, len(original), 7):
        for changed in (original[:position] + b"\0" + original[position:],
                        original[:position] + original[position + 1:]):
            package.write_bytes(changed)
            with pytest.raises(InputError):
                open_package(package, [authority.public], exam_key)


_part = st.text(alphabet=string.ascii_letters + string.digits + "-_ .éü日本",
                min_size=1, max_size=12).filter(lambda s: s not in (".", ".."))
_name = st.lists(_part, min_size=1, max_size=3).map("/".join)


def _usable(names: list[str]) -> bool:
    """No two names equal ignoring case, and no name is also another's folder."""
    folded = [n.casefold() for n in names]
    folders = {"/".join(n.split("/")[:i]) for n in folded for i in range(1, n.count("/") + 1)}
    return len(set(folded)) == len(folded) and not folders & set(folded)


_files = st.dictionaries(_name, st.binary(max_size=2000), max_size=12).filter(
    lambda d: _usable(list(d)))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory, kit):
    authority = kit.make_authority()
    return tmp_path_factory.mktemp("roundtrip") / "p.ujikom", authority


@settings(max_examples=75, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=_files, exam_id=st.text(string.ascii_letters + string.digits + "-", min_size=1,
                                     max_size=40),
       public=st.dictionaries(st.text(max_size=10), st.integers() | st.text(max_size=20),
                              max_size=4))
def test_any_files_round_trip(scratch, files, exam_id, public):
    path, authority = scratch
    key = ExamKey.of(exam_id, new_exam_key())
    write_package(path, exam_id=exam_id, files=files, signer=authority.private,
                  exam_key=key, public=public)
    opened = open_package(path, [authority.public], key)
    assert opened.files == files
    assert list(opened.files) == list(files)  # order is kept too
    assert opened.header.public == public
    assert opened.header.exam_id == exam_id
