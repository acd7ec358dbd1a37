"""What the proctor's commands open before they act: the proctor's state (its
passphrase), the exam package with its key, and the session's replica. Shared by
`proctor.cli` and `proctor.cli_day`."""

from __future__ import annotations

import argparse
from typing import Any

from exam_bank.cliutil import read_passphrase
from exam_bank.ids import SessionId

EXAM_KEY_ENV = "UJIKOM_EXAM_KEY_PASSPHRASE"


def proctor_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> bytes:
    from proctor.lab import PASSPHRASE_ENV

    return read_passphrase(PASSPHRASE_ENV, args.passphrase_file, "Proctor passphrase: ",
                           confirm=confirm)


def open_exam(args: argparse.Namespace) -> tuple[Any, Any, str]:
    """The exam package the room runs, its key and the package file's SHA-256."""
    import hashlib

    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.crypto.examkey import read_exam_key
    from exam_bank.exam_package import open_exam_package
    from exam_bank.problems import InputError, Problem

    exam_key = read_exam_key(args.key, read_passphrase(EXAM_KEY_ENV, args.key_passphrase_file,
                                                       "Exam key passphrase: "))
    trusted = [load_authority_public(path) for path in args.trust]
    package = open_exam_package(args.package, trusted, exam_key)
    if args.session not in package.roster.sessions:
        raise InputError([Problem(str(args.package), "no such session in the roster (it has "
                                  f"{', '.join(sorted(package.roster.sessions))})",
                                  field="--session")])
    digest = hashlib.sha256()
    with open(args.package, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return package, exam_key, digest.hexdigest()


def open_replica(lab: Any, exam_id: str, package_digest: str, session_id: SessionId) -> Any:
    from exam_bank.problems import InputError, Problem
    from proctor.replica import Replica, ReplicaError

    try:
        replica = Replica.open(lab.replica_path, lab.replica_key, exam_id)
        replica.session(session_id, package_digest)  # refuses another package now
    except ReplicaError as exc:
        raise InputError([Problem(str(lab.replica_path), str(exc).split(": ", 1)[-1])]) \
            from None
    return replica
