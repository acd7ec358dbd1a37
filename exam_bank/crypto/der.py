"""A small strict DER reader and writer (definite, minimal lengths; nothing trailing), for
the few structures Ujikom frames itself: the CMS around a sealed bundle
(`exam_bank.bundle.cms`) and the MAC of a PKCS#12 file (`exam_bank.crypto.p12`).
Every flaw raises `DerError`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

INTEGER, OCTET_STRING, OID, SEQUENCE, SET = 0x02, 0x04, 0x06, 0x30, 0x31
CTX0 = 0xA0  # [0] constructed
CTX0_PRIM = 0x80  # [0] primitive


class DerError(Exception):
    """The bytes are not the DER structure expected; the message says where."""


def oid(dotted: str) -> bytes:
    """DER content bytes of an OBJECT IDENTIFIER, so OIDs read as text where used."""
    parts = [int(p) for p in dotted.split(".")]
    out = bytearray()
    for n in [parts[0] * 40 + parts[1], *parts[2:]]:
        chunk = [n & 0x7F]
        n >>= 7
        while n:
            chunk.append(0x80 | (n & 0x7F))
            n >>= 7
        out.extend(reversed(chunk))
    return bytes(out)


def header(tag: int, length: int) -> bytes:
    """A DER tag and definite, minimal length."""
    if length < 0x80:
        return bytes([tag, length])
    size = (length.bit_length() + 7) // 8
    return bytes([tag, 0x80 | size]) + length.to_bytes(size, "big")


def tlv(tag: int, content: bytes) -> bytes:
    return header(tag, len(content)) + content


@dataclass(frozen=True)
class Node:
    tag: int
    start: int  # first byte of the tag
    body: int  # first content byte
    end: int  # one past the last content byte

    def raw(self, data: bytes) -> bytes:
        return data[self.start : self.end]

    def content(self, data: bytes) -> bytes:
        return data[self.body : self.end]


def read(data: bytes, pos: int, limit: int) -> Node:
    """One TLV at `pos`, strict DER, not running past `limit`."""
    start = pos
    if pos + 2 > limit:
        raise DerError("truncated DER")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise DerError("unexpected high-number DER tag")
    first = data[pos + 1]
    pos += 2
    if first < 0x80:
        length = first
    elif first == 0x80:
        raise DerError("indefinite length is not DER")
    else:
        count = first & 0x7F
        if count > 4 or pos + count > limit:
            raise DerError("truncated or oversized DER length")
        length = int.from_bytes(data[pos : pos + count], "big")
        if data[pos] == 0 or length < 0x80:
            raise DerError("non-minimal DER length")
        pos += count
    if pos + length > limit:
        raise DerError("truncated DER")
    return Node(tag, start, pos, pos + length)


def kids(data: bytes, node: Node) -> list[Node]:
    """The elements inside a constructed node, which must fill it exactly."""
    if not node.tag & 0x20:
        raise DerError("expected a constructed DER element")
    out: list[Node] = []
    pos = node.body
    while pos < node.end:
        kid = read(data, pos, node.end)
        out.append(kid)
        pos = kid.end
    return out


def whole(data: bytes, tag: int, what: str) -> Node:
    node = read(data, 0, len(data))
    if node.tag != tag or node.end != len(data):
        raise DerError(f"{what} is not a single DER element")
    return node


def expect(node: Node, tag: int, what: str) -> Node:
    if node.tag != tag:
        raise DerError(f"unexpected structure at {what}")
    return node


def shape(data: bytes, node: Node, tags: Sequence[int], what: str) -> list[Node]:
    found = kids(data, node)
    if [k.tag for k in found] != list(tags):
        raise DerError(f"unexpected structure at {what}")
    return found
