"""`ujikom kiosk enroll --proctor HOST:PORT --code CODE --dir KIOSKDIR`: make this PC a kiosk.

Writes into KIOSKDIR the kiosk's private key (wrapped under the kiosk passphrase, never in
the clear), its certificate and the lab CA, once the proctor's reply proved it knows the
one-time code (`exam_bank.wire.enroll`). Refuses to overwrite an enrolled kiosk.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import socket
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from exam_bank.cliutil import ExitCode, read_passphrase
from exam_bank.crypto._files import write_new_file
from exam_bank.ids import KioskId
from exam_bank.problems import InputError
from exam_bank.wire.enroll import (
    ENROLL_MESSAGES,
    EnrollError,
    EnrollReply,
    check_reply,
    make_request,
)
from exam_bank.wire.protocol import Error, ProtocolError, read_message, write_message
from exam_bank.wire.tls import enrollment_client_context, write_key_file
from kiosk.link.config import (
    CA_FILE,
    CERT_FILE,
    KEY_FILE,
    KEY_PASSPHRASE_ENV,
    LinkConfigError,
    link_config_error,
    parse_address,
)

TIMEOUT_S = 30.0


def default_kiosk_id() -> str:
    name = re.sub(r"[^A-Za-z0-9._-]", "-", socket.gethostname())[:64].strip("-._")
    return name or "kiosk"


def add_enroll_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--proctor", required=True, help="HOST:PORT of the proctor's "
                        "enrollment listener (shown with the code)")
    parser.add_argument("--code", required=True, help="the one-time code on the proctor's screen")
    parser.add_argument("--dir", required=True, type=Path, help="folder for this kiosk's "
                        "key, certificate and the lab CA")
    parser.add_argument("--kiosk-id", default=None, help="this kiosk's name (default: the "
                        "host name)")
    parser.add_argument("--passphrase-file", type=Path, default=None, help="file whose first "
                        f"line wraps the kiosk key (default: env {KEY_PASSPHRASE_ENV})")


async def enroll(host: str, port: int, code: str, kiosk_id: KioskId, folder: Path,
                 passphrase: bytes, *, scrypt_n: int | None = None) -> Path:
    """Enrolls with the proctor and writes the three files; the certificate's path."""
    folder = Path(folder)
    for name in (KEY_FILE, CERT_FILE, CA_FILE):
        if (folder / name).exists():
            raise EnrollError(f"{folder / name} exists: this kiosk is already enrolled "
                              "(use another --dir to enroll again)")
    _check_writable(folder)  # before the one-time code is spent at the proctor
    extra = {} if scrypt_n is None else {"scrypt_n": scrypt_n}
    key, request = make_request(kiosk_id, code, **extra)
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=enrollment_client_context()), TIMEOUT_S)
        try:
            await write_message(writer, request)
            reply = await asyncio.wait_for(read_message(reader, registry=ENROLL_MESSAGES),
                                           TIMEOUT_S)
        finally:
            writer.close()
            with contextlib.suppress(Exception):  # the proctor may have closed first
                await asyncio.wait_for(writer.wait_closed(), 2)
    except (OSError, TimeoutError) as exc:
        raise ProctorUnreachable(f"cannot reach the proctor at {host}:{port}: "
                                 f"{exc or type(exc).__name__}") from None
    if isinstance(reply, Error):
        raise EnrollError(f"the proctor refused: {reply.message}")
    if not isinstance(reply, EnrollReply):
        raise EnrollError(f"unexpected answer {reply.TYPE!r} from the proctor")
    cert, ca = check_reply(code, request, reply, key, **extra)
    pem = serialization.Encoding.PEM
    try:
        write_key_file(folder / KEY_FILE, key, kiosk_id, passphrase)
        write_new_file(folder / CA_FILE, ca.public_bytes(pem), 0o644)
        write_new_file(folder / CERT_FILE, cert.public_bytes(pem), 0o644)
    except OSError as exc:
        raise EnrollError(f"{exc.filename or folder}: cannot write the kiosk's files: "
                          f"{exc.strerror or exc}; ask the proctor for a new code") from None
    return folder / CERT_FILE


class ProctorUnreachable(Exception):
    """The proctor's enrollment port did not answer (nothing was sent or spent)."""


def _check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".ujikom-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise EnrollError(f"{folder}: cannot write the kiosk's files there: "
                          f"{exc.strerror or exc} (choose another --dir)") from None


def run_enroll(args: argparse.Namespace) -> int:
    """The subcommand: a clear message and an exit code, never a traceback."""
    try:
        host, port = parse_address(args.proctor)
    except ValueError as exc:
        print(f"--proctor: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    kiosk_id = KioskId(args.kiosk_id or default_kiosk_id())
    try:
        passphrase = read_passphrase(KEY_PASSPHRASE_ENV, args.passphrase_file,
                                     error=link_config_error)
        cert = asyncio.run(enroll(host, port, args.code, kiosk_id, args.dir, passphrase))
    except (EnrollError, LinkConfigError, InputError, ProtocolError, ValueError) as exc:
        print(f"enrollment failed: {exc}", file=sys.stderr)
        return ExitCode.INPUT_ERROR
    except ProctorUnreachable as exc:
        print(f"enrollment failed: {exc}", file=sys.stderr)
        return ExitCode.INPUT_ERROR
    print(f"enrolled as {kiosk_id}: {cert}")
    print(proctor_table(host, port, kiosk_id, args.dir))
    return 0


def proctor_table(host: str, enroll_port: int, kiosk_id: str, folder: Path) -> str:
    """The `[proctor]` table of kiosk.toml for what was just enrolled: kiosk_id must be
    the certificate's, or the kiosk is refused (and says so at start). The lab port is the
    enrollment port minus one, as `proctor serve` opens them unless told otherwise (the
    table once said 7443 whatever port the kiosk had enrolled through)."""
    return ("# kiosk.toml (see kiosk/lockdown/kiosk.example.toml); set the seat:\n"
            "[proctor]\n"
            f'address = "{host}:{enroll_port - 1}"   # the lab port: the enrollment port '
            "minus one, unless the proctor was started with --enroll-port\n"
            f'kiosk_id = "{kiosk_id}"\n'
            'seat = "A07"   # this PC\'s seat in the roster\'s seat plan (kursi)\n'
            f'dir = "{Path(folder).resolve()}"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ujikom kiosk enroll", description=__doc__)
    add_enroll_arguments(parser)
    return run_enroll(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
