"""The shared XML parser: line numbers kept, dangerous and mis-encoded files refused clearly."""

from __future__ import annotations

import time

import pytest

from exam_bank.problems import InputError
from exam_bank.xmlsafe import parse_xml


def test_elements_remember_their_line() -> None:
    root = parse_xml(b"<quiz>\n<question>\n<name/>\n</question>\n</quiz>", "q.xml")
    assert [(e.tag, e.sourceline) for e in root.iter()] == [
        ("quiz", 1), ("question", 2), ("name", 3)]


def test_billion_laughs_is_refused_at_once() -> None:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY l0 "ha">{entities}]><q>&l9;</q>'
    start = time.perf_counter()
    with pytest.raises(InputError, match=r"q\.xml:1: refused"):
        parse_xml(bomb.encode(), "q.xml")
    assert time.perf_counter() - start < 1.0


def test_external_entity_is_never_read() -> None:
    xxe = b'<!DOCTYPE q [<!ENTITY e SYSTEM "file:///etc/passwd">]><q>&e;</q>'
    with pytest.raises(InputError, match="refused") as err:
        parse_xml(xxe, "q.xml")
    assert "root:" not in str(err.value)


def test_latin1_bytes_in_a_utf8_file_are_named_as_an_encoding_problem() -> None:
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<text>caf\xe9</text>\n</quiz>'
    with pytest.raises(InputError, match=r"q.xml:3: not UTF-8 \(byte 0xE9\)"):
        parse_xml(data, "q.xml")


def test_a_declared_latin1_file_is_read() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><q>café</q>'.encode("latin-1")
    assert parse_xml(data, "q.xml").text == "café"


def test_truncated_file_names_the_line() -> None:
    with pytest.raises(InputError, match=r"q.xml:2: not well-formed XML"):
        parse_xml(b"<quiz>\n<question>", "q.xml")
