"""Zip bombs made cheaply: a deflate stream of gigabytes of zeros built from one
compressed 64 MiB block repeated (a full flush makes each block stand alone), so a
4 MB file that claims 4.3 GB costs a test half a second, not a minute."""

from __future__ import annotations

import io
import zipfile
import zlib

from exam_bank.bundle.ziparchive import Deflated, zip_parts

BLOCK = 64 * 2**20
GB_4_3 = 0xFFFFFFFF - 2**20  # 4.29 GB: what a zip without zip64 holds at most


def zeros_deflated(size: int = GB_4_3) -> Deflated:
    """A raw deflate stream of `size` zero bytes (CRC not computed: a bomb is refused by
    its directory, before a CRC could ever be checked)."""
    full, rest = divmod(size, BLOCK)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = packer.compress(bytes(BLOCK)) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    end = tail.compress(bytes(rest)) + tail.flush()
    return Deflated(block * full + end, size, 0)


def with_member(zip_bytes: bytes, name: str, member: bytes | Deflated) -> bytes:
    """`zip_bytes` with `name` replaced (or added) by `member`."""
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        members: dict[str, bytes | Deflated] = {n: z.read(n) for n in z.namelist()}
    members[name] = member
    return b"".join(zip_parts(members))
