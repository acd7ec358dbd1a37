"""The one way Ujikom opens a zip from outside: XLSX workbooks, QTI packages, exam package
payloads, sealed bundles (and any later zip-based input).

A zip can claim anything and inflate to far more than its size (a 4 MB `penilaian.xlsx`
once unpacked to 4.3 GB). `open_zip` refuses one by its central directory alone, before
a byte is inflated: too many members, a member or the whole larger than its kind's caps,
a member deflated more than its kind's ratio allows (counted only above `RATIO_FLOOR`:
a few KB of blank cells may legitimately compress 1000:1), encrypted members, unknown
compression, unsafe or repeated names. `SafeZip.read` then inflates at most one byte more
than declared, so a lying directory cannot make it inflate more, and turns every damage
(a corrupt deflate stream, a bad CRC, a truncated file) into `ZipRefused` naming the
member. Every limit is a named `ZipLimits` below; callers turn `ZipRefused` into their
own error (InputError, BundleRefused) naming their file.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

MiB = 2**20
RATIO_FLOOR = 1 * MiB  # a member smaller than this unpacked is never a bomb


@dataclass(frozen=True)
class ZipLimits:
    """Caps for one kind of zip input."""

    kind: str  # in messages: "an XLSX workbook"
    members: int
    member_bytes: int
    total_bytes: int
    ratio: int  # uncompressed / compressed, for members above RATIO_FLOOR


# Real workbooks of a few thousand rows are a few MB unpacked and deflate ~10:1.
XLSX = ZipLimits("an XLSX workbook", members=1000, member_bytes=100 * MiB,
                 total_bytes=200 * MiB, ratio=100)
# An item bank is small; deflate rarely passes 20:1 on real content, bombs reach 1000:1.
QTI = ZipLimits("a QTI content package", members=2000, member_bytes=100 * MiB,
                total_bytes=200 * MiB, ratio=100)
# The exam package's own payload (signed and decrypted before it is opened): media make
# it large, and stored (not deflated) members are the norm.
PACKAGE = ZipLimits("an exam package", members=10_000, member_bytes=512 * MiB,
                    total_bytes=2048 * MiB, ratio=200)
# A sealed bundle: a 4-hour log is ~4 MB and deflates ~4:1; PDFs a few MB.
BUNDLE = ZipLimits("a sealed results bundle", members=20_000, member_bytes=512 * MiB,
                   total_bytes=4096 * MiB, ratio=200)
# A .docx (Word) document, should one be imported: text and a few pictures.
DOCX = ZipLimits("a Word document", members=1000, member_bytes=50 * MiB,
                 total_bytes=100 * MiB, ratio=100)

_DRIVE = re.compile(r"^[A-Za-z]:")


class ZipRefused(Exception):
    """A zip refused: `member` names the member at fault (None: the archive itself)."""

    def __init__(self, message: str, member: str | None = None) -> None:
        super().__init__(f"{member}: {message}" if member else message)
        self.message, self.member = message, member


def unsafe_name(name: str) -> bool:
    """An absolute path, a drive letter or a '..' step: never unpacked anywhere."""
    norm = name.replace("\\", "/")
    return norm.startswith("/") or bool(_DRIVE.match(norm)) or ".." in norm.split("/")


def check_directory(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Refuse a zip by its central directory alone (nothing inflated)."""
    if len(infos) > limits.members:
        raise ZipRefused(f"{len(infos)} files in the zip, more than {limits.members} (the "
                         f"most {limits.kind} holds)")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if unsafe_name(name):
            raise ZipRefused("unsafe path in the zip: must be relative, without '..'", name)
        if name in seen:
            raise ZipRefused("appears twice in the archive", name)
        seen.add(name)
        if info.flag_bits & 0x1:
            raise ZipRefused("encrypted members are not accepted", name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ZipRefused(f"unsupported compression method {info.compress_type}", name)
        if (info.file_size > RATIO_FLOOR
                and info.file_size > limits.ratio * max(info.compress_size, 1)):
            raise ZipRefused(f"would unpack from {_mb(info.compress_size)} to "
                             f"{_mb(info.file_size)} (over {limits.ratio}:1): looks like a zip "
                             "bomb, not real content", name)
        if info.file_size > limits.member_bytes:
            raise ZipRefused(f"unpacks to {_mb(info.file_size)}; a member of "
                             f"{limits.kind} may hold at most {_mb(limits.member_bytes)}",
                             name)
        total += info.file_size
        if total > limits.total_bytes:
            raise ZipRefused(f"unpacks to more than {_mb(limits.total_bytes)} (the most "
                             f"{limits.kind} may hold) and is refused")


def _mb(n: int) -> str:
    return f"{n / MiB:.1f} MB" if n < 10 * MiB else f"{n // MiB} MB"


class SafeZip:
    """A zip whose directory passed `limits`; members are read one by one, capped."""

    def __init__(self, archive: zipfile.ZipFile, limits: ZipLimits) -> None:
        self._archive = archive
        self.limits = limits
        self.infos = archive.infolist()
        self._by_name = {i.filename: i for i in self.infos}
        self._read = 0

    def names(self) -> list[str]:
        return [i.filename for i in self.infos]

    def info(self, name: str) -> zipfile.ZipInfo | None:
        return self._by_name.get(name)

    def read(self, name: str) -> bytes:
        """One member's bytes; ZipRefused naming it when it is missing or damaged."""
        info = self._by_name.get(name)
        if info is None or info.is_dir():
            raise ZipRefused("not in the archive", name)
        try:
            with self._archive.open(info) as member:
                data = member.read(info.file_size + 1)  # never past what was declared
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                RuntimeError, NotImplementedError) as exc:
            raise ZipRefused(f"cannot be unpacked: damaged in the archive ({exc})",
                             name) from None
        if len(data) != info.file_size:
            raise ZipRefused("unpacks to a size other than the archive declares", name)
        self._read += len(data)
        if self._read > self.limits.total_bytes:
            raise ZipRefused(f"unpacks to more than {_mb(self.limits.total_bytes)}")
        return data

    def read_all(self) -> dict[str, bytes]:
        return {i.filename: self.read(i.filename) for i in self.infos if not i.is_dir()}

    def verify(self) -> None:
        """Inflate every member once, discarding the bytes (CRC and sizes checked):
        for a zip handed whole to another library (openpyxl)."""
        for info in self.infos:
            if info.is_dir():
                continue
            try:
                with self._archive.open(info) as member:
                    size = 0
                    while chunk := member.read(MiB):
                        size += len(chunk)
                        if size > info.file_size:
                            break
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                    RuntimeError, NotImplementedError) as exc:
                raise ZipRefused(f"cannot be unpacked: damaged in the archive ({exc})",
                                 info.filename) from None
            if size != info.file_size:
                raise ZipRefused("unpacks to a size other than the archive declares",
                                 info.filename)

    def __iter__(self) -> Iterator[zipfile.ZipInfo]:
        return iter(self.infos)

    def close(self) -> None:
        self._archive.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_zip(source: bytes | Path, limits: ZipLimits) -> SafeZip:
    """Open `source` (the zip's bytes, or its file) and check its directory against
    `limits`; ZipRefused when it is not a zip or breaks a limit."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes)
                                  else source)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError) as exc:
        raise ZipRefused(f"not a readable zip file (is it corrupt or truncated?): {exc}") \
            from None
    try:
        check_directory(infos, limits)
    except ZipRefused:
        archive.close()
        raise
    return SafeZip(archive, limits)


def check_zip_file(path: Path, limits: ZipLimits) -> None:
    """Check a zip that another library will open (openpyxl reads XLSX itself): its
    directory against `limits` and every member inflated once within them."""
    with open_zip(path, limits) as archive:
        archive.verify()
