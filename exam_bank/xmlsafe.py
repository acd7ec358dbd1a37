"""Parsing untrusted XML: no entity expansion, no external entities, line numbers kept.

Built on defusedxml's parser (pure-Python ElementTree over expat), so an entity bomb
or an external entity is refused at once with `InputError`, and every element carries
`sourceline` for `FILE:LINE: message` errors.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import cast
from xml.parsers.expat import XMLParserType

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from exam_bank.fsutil import read_at_most
from exam_bank.problems import InputError, Problem

MAX_XML_BYTES = 50 * 1024 * 1024
# Elements inside elements: real items nest a few dozen deep; every reader of the tree
# (sanitising, HTML conversion) recurses, so 100,000 levels would be a RecursionError.
MAX_XML_DEPTH = 256


class LineElement(ET.Element):
    """An element that remembers the line it started on."""

    sourceline: int = 0


class _TooDeep(Exception):
    pass


class _LineTreeBuilder(ET.TreeBuilder):
    def __init__(self) -> None:
        super().__init__(element_factory=LineElement)
        self.expat: XMLParserType | None = None  # set once the parser exists
        self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise _TooDeep()
        elem = super().start(tag, attrs)
        if self.expat is not None and isinstance(elem, LineElement):
            elem.sourceline = self.expat.CurrentLineNumber
        return elem

    def end(self, tag: str) -> ET.Element:
        self.depth -= 1
        return super().end(tag)


def line_children(parent: LineElement) -> list[LineElement]:
    """The child elements of `parent`, each a LineElement as `parse_xml` made them."""
    return [cast(LineElement, el) for el in parent]


def parse_xml(data: bytes, where: str) -> LineElement:
    """The root element of `data`, or InputError naming `where` and the line."""
    if len(data) > MAX_XML_BYTES:
        raise InputError([Problem(where, f"file is larger than {MAX_XML_BYTES // 2**20} MB")])
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except _TooDeep:
        line = getattr(parser.parser, "CurrentLineNumber", None)
        raise InputError([Problem(
            where, f"elements nested more than {MAX_XML_DEPTH} deep: not a real item "
            "(refused before reading further)", line=line)]) from None
    except DefusedXmlException as exc:
        line = getattr(parser.parser, "CurrentLineNumber", None)
        raise InputError([Problem(
            where, f"refused: the file declares entities or external references "
            f"({type(exc).__name__}); Ujikom does not expand them", line=line)]) from None
    except LookupError:  # expat asks Python for a codec the file names; none exists
        raise InputError([_encoding_problem(data, where) or Problem(
            where, "declares an encoding Python does not know", line=1)]) from None
    except ET.ParseError as exc:
        line, _col = exc.position
        raise InputError([_encoding_problem(data, where) or Problem(
            where, f"not well-formed XML: {_expat_message(exc)}", line=line)]) from None
    return cast(LineElement, root)  # the builder's element_factory made every element


_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def _encoding_problem(data: bytes, where: str) -> Problem | None:
    """Name the real cause when a file is not in the encoding it claims (UTF-8 by default):
    expat only says "not well-formed (invalid token)"."""
    m = _DECLARED_ENCODING.match(data)
    encoding = m.group(1).decode("ascii") if m else "utf-8"
    try:
        data.decode(encoding)
    except LookupError:
        return Problem(where, f"unknown encoding {encoding!r} declared", line=1)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Problem(where, f"not {encoding.upper()} (byte 0x{data[exc.start]:02X}); save "
                       "the file as UTF-8", line=line)
    return None


def parse_xml_file(path: Path) -> LineElement:
    data = read_at_most(path, MAX_XML_BYTES)  # never more than the cap read into memory
    if data is None:
        raise InputError([Problem(str(path), f"file is larger than {MAX_XML_BYTES // 2**20} "
                                             "MB")])
    return parse_xml(data, str(path))


def _expat_message(exc: ET.ParseError) -> str:
    text = str(exc)
    return text.split(":", 1)[0] if ":" in text else text


def local_name(tag: str) -> str:
    """`{namespace}name` → `name`: QTI 2.1 and 3.0 differ in namespace, not in shape."""
    return tag.rsplit("}", 1)[-1]
