"""`ujikom bank import-results|receipt|grading`: sealed bundles into the results store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exam_bank.cliutil import ExitCode, print_json, read_passphrase
from exam_bank.problems import InputError, Problem

if TYPE_CHECKING:
    from exam_bank.results.store import ResultsStore

ADMIN_ENV = "UJIKOM_ADMIN_PASSPHRASE"
EXAM_KEY_ENV = "UJIKOM_EXAM_KEY_PASSPHRASE"
STORE_ENV = "UJIKOM_RESULTS_STORE"
STORE_PASSPHRASE_ENV = "UJIKOM_STORE_PASSPHRASE"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), f"cannot read: {exc.strerror}")]) from None


def load_cert(path: Path) -> Any:
    from cryptography import x509

    from exam_bank.wire.tls import NOT_A_CERT

    try:
        return x509.load_pem_x509_certificate(_read(path))
    except ValueError:
        raise InputError([Problem(str(path), NOT_A_CERT)]) from None


def load_admin(cert_path: Path | None, key_path: Path, passphrase_file: str | None
               ) -> tuple[Any, Any]:
    """(certificate, RSA key) from `bank admin init`'s admin.p12 (PKCS#12, the certificate
    inside; --admin-cert optional) or from a PEM key (encrypted or not) + --admin-cert."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    data = _read(key_path)
    if not data.lstrip().startswith(b"-----"):
        from exam_bank.bundle.admin import load_admin_key

        key, cert = load_admin_key(key_path, read_passphrase(
            ADMIN_ENV, passphrase_file, "Passphrase kunci admin / admin key passphrase: "))
        if cert_path is not None and load_cert(cert_path) != cert:
            raise InputError([Problem(str(cert_path), f"is not the certificate in {key_path}")])
        return cert, key
    if cert_path is None:
        raise InputError([Problem("--admin-cert", "needed with a PEM admin key")])
    secret = None
    if b"ENCRYPTED" in data:
        secret = read_passphrase(ADMIN_ENV, passphrase_file,
                            "Passphrase kunci admin / admin key passphrase: ")
    try:
        pem_key = serialization.load_pem_private_key(data, secret)
    except (ValueError, TypeError) as exc:
        raise InputError([Problem(str(key_path), f"cannot load the admin key (wrong "
                                  f"passphrase?): {exc}")]) from None
    if not isinstance(pem_key, rsa.RSAPrivateKey):
        raise InputError([Problem(str(key_path), "the admin key must be an RSA key")])
    return load_cert(cert_path), pem_key


def open_results(args: argparse.Namespace, create: bool = False) -> ResultsStore:
    """The results store the command names, its key unwrapped with the office passphrase
    (`--store-passphrase-file`, ${STORE_PASSPHRASE_ENV}, or asked; asked twice for a new
    store, whose key it then makes). Only `create` (importing results) makes a new SQLite
    store: for any other command a store that is not there is a mistyped path."""
    from exam_bank.results.store import is_postgres, open_store
    from exam_bank.results.storekey import key_path

    target = _store_target(args)
    passphrase = None
    if not is_postgres(target):
        new = not key_path(Path(target)).exists()
        if new and not create and not Path(target).exists():
            # It made an empty store there and said "0 papers", as if all were well.
            raise InputError([Problem(target, "no results store here (check the path; "
                                      "`ujikom bank import-results` makes one)")])
        passphrase = read_passphrase(
            STORE_PASSPHRASE_ENV, getattr(args, "store_passphrase_file", None),
            "Passphrase penyimpanan hasil / results store passphrase: ", confirm=new,
            flag="--store-passphrase-file")
    return open_store(target, passphrase)


def store_passphrase_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store-passphrase-file", help="first line: the SQLite store's "
                   f"passphrase (else ${STORE_PASSPHRASE_ENV} or a prompt)")


def store_args(p: argparse.ArgumentParser, default: Any = None) -> None:
    """--store and its passphrase file: the results store a command reads or writes
    (`default` SUPPRESS for a subcommand that also takes them before its name)."""
    p.add_argument("--store", default=default,
                   help=f"SQLite file or postgresql:// URL (else ${STORE_ENV})")
    store_passphrase_arg(p)


def package_args(p: argparse.ArgumentParser, *, required: bool = True,
                 default: Any = None, package_help: str = "the exam package file") -> None:
    """--package, --key, --key-passphrase-file, --trust-authority: the signed exam package
    a command reads the results against, and what opens it."""
    p.add_argument("--package", required=required, type=Path, default=default,
                   help=package_help)
    p.add_argument("--key", required=required, type=Path, default=default,
                   help="the exam key file")
    p.add_argument("--key-passphrase-file", default=default,
                   help=f"else ${EXAM_KEY_ENV} or a prompt")
    p.add_argument("--trust-authority", required=required, type=Path, action="append",
                   default=default, help="authority.pub that signed the package")


def _store_target(args: argparse.Namespace) -> str:
    target = args.store or os.environ.get(STORE_ENV)
    if not target:
        raise InputError([Problem("--store", f"give a SQLite file or postgresql:// URL "
                                  f"(or set {STORE_ENV})")])
    return str(target)


def cmd_import_results(args: argparse.Namespace) -> int:
    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.crypto.examkey import read_exam_key
    from exam_bank.exam_package import open_exam_package
    from exam_bank.results.importer import Keys, import_bundles, package_digest

    cert, key = load_admin(args.admin_cert, args.admin_key, args.admin_passphrase_file)
    keys = Keys(cert, key, [load_cert(p) for p in args.trust])
    trusted = [load_authority_public(p) for p in args.trust_authority]
    exam_key = read_exam_key(args.key, read_passphrase(EXAM_KEY_ENV, args.key_passphrase_file,
                                                  "Passphrase kunci ujian / exam key passphrase: "))
    package = open_exam_package(args.package, trusted, exam_key)
    with open_results(args, create=True) as store:
        outcomes = import_bundles(store, args.bundles, keys, package,
                                  package_digest(args.package))
    if args.json:
        print_json([{"bundle": str(p), "outcome": o} for p, o in outcomes])
    else:
        for path, outcome in outcomes:
            print(f"{path}: {outcome}")
    return ExitCode.OK


def cmd_encrypt_store(args: argparse.Namespace) -> int:
    """Encrypt, in place, a SQLite store an earlier Ujikom wrote in the clear."""
    from exam_bank.results.db import encrypt_plain_store, is_plain_sqlite
    from exam_bank.results.store import is_postgres
    from exam_bank.results.storekey import key_path, new_store_key

    target = _store_target(args)
    path = Path(target)
    if is_postgres(target):
        raise InputError([Problem("--store", "a PostgreSQL store is protected by its server; "
                                  "only SQLite files are encrypted")])
    if not is_plain_sqlite(path):
        raise InputError([Problem(target, "not an unencrypted SQLite results store (already "
                                  "encrypted, or not a store); nothing was changed")])
    passphrase = read_passphrase(STORE_PASSPHRASE_ENV, args.store_passphrase_file,
                                 "Passphrase baru / new results store passphrase: ",
                                 confirm=True, flag="--store-passphrase-file")
    key = new_store_key(path, passphrase)
    try:
        encrypt_plain_store(path, key)
    except BaseException:
        key_path(path).unlink(missing_ok=True)
        raise
    print(f"encrypted {path}; its key is in {key_path(path)} (keep both in the same backup)")
    return ExitCode.OK


def cmd_receipt(args: argparse.Namespace) -> int:
    from exam_bank.results.receipt import code_candidates

    candidates = code_candidates(args.code)
    if not candidates:
        raise InputError([Problem("CODE", f"{args.code!r} is not a receipt code "
                                  "(like ABCD-EFGH-IJ)")])
    with open_results(args) as store:  # a hand-copied 1 may be I or L: the one on record
        found = [(c, store.receipt(c)) for c in candidates]
    code, hits = next(((c, h) for c, h in found if h), (candidates[0], []))
    if args.json:
        print_json({"code": code, "on_record": bool(hits),
                     "submissions": [vars(h) for h in hits]})
        return ExitCode.OK if hits else ExitCode.INPUT_ERROR
    if not hits:
        print(f"{code}: NOT on record — no stored submission ends with this receipt")
        return ExitCode.INPUT_ERROR
    for h in hits:
        which = "current" if h.current else "superseded sealing"
        print(f"{code}: on record — {h.participant_no} {h.name}, exam {h.exam_id} session "
              f"{h.session_id}, submitted {h.submitted_at or '(not submitted)'}\n"
              f"  final hash {h.final_hash}, bundle {h.bundle_digest[:12]} ({which})")
    return ExitCode.OK


def cmd_grading_export(args: argparse.Namespace) -> int:
    from exam_bank.results.grading import export_sheets

    with open_results(args) as store:
        counts = export_sheets(store, args.out, args.assessor or [], args.margin, args.third)
    for assessor, n in counts.items():
        print(f"{assessor}: {n} papers in {args.out / assessor.replace(' ', '_')}")
    return ExitCode.OK


def cmd_grading_import(args: argparse.Namespace) -> int:
    from exam_bank.results.grading import import_sheet

    with open_results(args) as store:
        n = import_sheet(store, args.sheet, args.assessor)
    if n == 0:  # it said "stored 0 gradings", as if that were done
        print(f"{args.sheet}: no paper in it has marks yet; nothing was stored. Fill in "
              "each paper's criterion columns, save, and import it again.", file=sys.stderr)
        return ExitCode.INPUT_ERROR
    print(f"stored {n} grading{'s' if n != 1 else ''} by {args.assessor} from {args.sheet}")
    return ExitCode.OK


def cmd_grading_status(args: argparse.Namespace) -> int:
    from collections import Counter

    from exam_bank.results.grading import status

    with open_results(args) as store:
        rows = status(store, args.margin)
    if args.json:
        print_json(rows)
        return ExitCode.OK
    for r in rows:
        final = "" if r["final"] is None else f"  final {r['final']:.2f}"
        grades = ", ".join(f"{a} {g:.1f}" for a, g in r["grades"].items()) or "no grades"
        print(f"{r['code']}  {r['participant_no']:<16} {r['item_id']:<10} {r['state']:<22}"
              f" ({grades}){final}")
    counts = Counter(r["state"] for r in rows)
    print(f"{len(rows)} papers: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return ExitCode.OK


def cmd_results(args: argparse.Namespace) -> int:
    from exam_bank.results.grading import results_with_makalah

    with open_results(args) as store:
        rows = results_with_makalah(store, args.exam, args.margin)
    if args.json:
        print_json(rows)
        return ExitCode.OK
    for r in rows:
        score = r["score"] or {}
        jpm = "—" if score.get("jpm") is None else f"{score['jpm']:6.2f}"
        band = (score.get("jpm_band") or {}).get("code", "")
        papers = ", ".join(f"{item} " + ("—" if m["final"] is None else f"{m['final']:.1f}")
                           for item, m in r["makalah"].items()) or "—"
        print(f"{r['participant_no']:<16} {r['status']:<10} JPM {jpm} {band:<4} "
              f"makalah {papers}  receipt {r['receipt_code']}")
    print(f"{len(rows)} candidates")
    return ExitCode.OK


def _margin(p: argparse.ArgumentParser) -> None:
    from exam_bank.scoring.makalah_grading import DEFAULT_MARGIN

    p.add_argument("--margin", type=float, default=DEFAULT_MARGIN,
                   help="a third grading when two grades differ by more than this many "
                   f"percentage points (default {DEFAULT_MARGIN:g})")


def add_results_commands(sub: Any) -> None:
    p = sub.add_parser("import-results", help="verify, store and score sealed result bundles",
                       description="Every bundle is verified (proctor signature, lab CA, hash "
                       "chains, manifest) before anything is stored; one refused bundle means "
                       "nothing is stored. The same bundle twice is a no-op.")
    p.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE",
                   help="sealed results (.p7m) from the labs")
    store_args(p)
    p.add_argument("--admin-cert", type=Path,
                   help="your admin certificate PEM (optional with admin.p12)")
    p.add_argument("--admin-key", required=True, type=Path,
                   help=f"admin.p12 from `bank admin init`, or a PEM key (passphrase from "
                   f"${ADMIN_ENV} or a prompt)")
    p.add_argument("--admin-passphrase-file",
                   help="the admin.p12 passphrase (else $UJIKOM_ADMIN_PASSPHRASE or a prompt)")
    p.add_argument("--trust", required=True, type=Path, action="append",
                   help="a lab CA certificate PEM (repeat for several labs)")
    package_args(p)
    p.add_argument("--json", action="store_true", help="print JSON, for scripts")
    p.set_defaults(handler=cmd_import_results)

    p = sub.add_parser("encrypt-store", help="encrypt a results store an earlier Ujikom "
                       "wrote in the clear (once)")
    p.add_argument("--store", help=f"the SQLite file (else ${STORE_ENV})")
    store_passphrase_arg(p)
    p.set_defaults(handler=cmd_encrypt_store)

    p = sub.add_parser("receipt", help="is the submission with this receipt code on record?")
    p.add_argument("code", help="the code on the candidate's receipt, e.g. ABCD-EFGH-IJ")
    store_args(p)
    p.add_argument("--json", action="store_true", help="print JSON, for scripts")
    p.set_defaults(handler=cmd_receipt)

    p = sub.add_parser("results", help="each candidate's stored score and makalah grade")
    store_args(p)
    p.add_argument("--exam", help="only this exam id")
    p.add_argument("--json", action="store_true", help="print JSON, for scripts")
    _margin(p)
    p.set_defaults(handler=cmd_results)

    p = sub.add_parser("grading", help="blind double grading of makalah papers")
    gsub = p.add_subparsers(dest="grading_command", required=True, metavar="COMMAND")
    g = gsub.add_parser("export", help="per-assessor XLSX sheets and papers, named by code")
    store_args(g)
    g.add_argument("--out", required=True, type=Path, help="folder for the assessors' folders")
    g.add_argument("--assessor", action="append",
                   help="an assessor's name (repeat; at least two)")
    g.add_argument("--third", action="append",
                   help="an assessor for the papers whose two grades differ by more than "
                   "the margin (repeat to share them; may be given without --assessor)")
    _margin(g)
    g.set_defaults(handler=cmd_grading_export)
    g = gsub.add_parser("import", help="store an assessor's filled-in sheet")
    g.add_argument("sheet", type=Path, help="the assessor's filled-in penilaian.xlsx")
    g.add_argument("--assessor", required=True,
                   help="whose sheet it is, as named at export")
    store_args(g)
    g.set_defaults(handler=cmd_grading_import)
    g = gsub.add_parser("status", help="which papers are final, which need more gradings")
    store_args(g)
    g.add_argument("--json", action="store_true", help="print JSON, for scripts")
    _margin(g)
    g.set_defaults(handler=cmd_grading_status)
