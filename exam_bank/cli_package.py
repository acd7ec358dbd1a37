"""`ujikom bank authority|roster|build|inspect|score`: from a bank to a sealed exam package."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from exam_bank.cliutil import ExitCode, print_json, read_passphrase
from exam_bank.examzone import DEFAULT_ZONE, ZONES
from exam_bank.ids import ParticipantNo
from exam_bank.problems import InputError, Problem

AUTHORITY_ENV = "UJIKOM_AUTHORITY_PASSPHRASE"
EXAM_KEY_ENV = "UJIKOM_EXAM_KEY_PASSPHRASE"


def cmd_authority_init(args: argparse.Namespace) -> int:
    from exam_bank.crypto.authority import create_authority

    secret = read_passphrase(AUTHORITY_ENV, args.passphrase_file,
                        "Passphrase kunci otoritas / authority key passphrase: ", confirm=True)
    public = create_authority(args.folder, args.name, secret)
    print(f"created the exam-bank authority {public.name!r} in {args.folder}\n"
          f"  fingerprint {public.fingerprint}\n"
          f"  give {args.folder / 'authority.pub'} to every lab; keep authority.key here")
    return ExitCode.OK


def cmd_roster(args: argparse.Namespace) -> int:
    from exam_bank.blueprint.read import read_blueprint
    from exam_bank.fsutil import private_dir
    from exam_bank.items.bank import load_bank
    from exam_bank.roster.cards import write_exam_cards
    from exam_bank.roster.model import save_roster
    from exam_bank.roster.pins import register
    from exam_bank.roster.read import read_roster

    bank = load_bank(args.bank)
    blueprint = read_blueprint(args.blueprint)
    roster_path = args.out / "roster.json"
    cards_path = args.out / "kartu-peserta.pdf"
    if roster_path.exists() and not args.replace:
        raise InputError([Problem(str(roster_path), "a roster is already registered here; "
                                  "new PINs would void the printed cards (use --replace)")])
    roster, pins = register(read_roster(args.source, bank.catalog))
    private_dir(args.out)  # the roster and the exam cards with their PINs
    write_exam_cards(cards_path, roster, pins, exam_title=blueprint.exam.title,
                     agency=blueprint.exam.agency)
    save_roster(roster, roster_path)
    if args.pins_out is not None:
        _write_pins(args.pins_out, roster, pins)
    print(f"registered {len(roster.candidates)} candidates for {len(roster.positions)} "
          f"positions in {len(roster.sessions)} sessions\n"
          f"  {roster_path} (PINs stored only as argon2id hashes)\n"
          f"  {cards_path} (exam cards with the PINs: print, then delete the file)")
    return ExitCode.OK


def _write_pins(path: Path, roster: Any, pins: dict[str, str]) -> None:
    """The PINs as CSV for an agency that prints its own cards (mail merge); owner-only."""
    import csv
    import io

    from exam_bank.cellsafe import csv_text
    from exam_bank.fsutil import atomic_write

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["no_peserta", "nama", "sesi", "kursi", "pin"])
    for c in roster.candidates:
        writer.writerow([csv_text(v) for v in (c.participant_no, c.name, c.session, c.seat,
                                               pins[c.participant_no])])
    atomic_write(path, ("\ufeff" + text.getvalue()).encode("utf-8"), 0o600)
    print(f"  {path} (the PINs for your own card template: print, then delete the file)")


def cmd_build(args: argparse.Namespace) -> int:
    from exam_bank.blueprint.read import read_blueprint
    from exam_bank.crypto.authority import load_authority
    from exam_bank.crypto.examkey import new_exam_key, write_exam_key
    from exam_bank.exam_package import build_exam_package
    from exam_bank.items.bank import load_bank
    from exam_bank.roster.model import load_roster

    bank = load_bank(args.bank)
    blueprint = read_blueprint(args.blueprint)
    roster = load_roster(args.roster)
    key_out = args.key_out or args.out.with_suffix(".ujikey")
    for path in (args.out, key_out):
        if path.exists():
            raise InputError([Problem(str(path), "already exists; a package and its key are "
                                      "never overwritten")])
    public, signer = load_authority(
        args.authority, read_passphrase(AUTHORITY_ENV, args.authority_passphrase_file,
                                   "Passphrase kunci otoritas / authority key passphrase: "))
    key_secret = read_passphrase(EXAM_KEY_ENV, args.key_passphrase_file,
                            "Passphrase baru untuk kunci ujian / new exam key passphrase: ",
                            confirm=True)
    exam_key = new_exam_key()
    header = build_exam_package(args.out, bank=bank, blueprint=blueprint, roster=roster,
                                signer=signer, exam_key=exam_key)
    write_exam_key(key_out, blueprint.exam.id, exam_key, key_secret)
    print(f"built {args.out}\n  exam {header.exam_id}: {header.counts}\n"
          f"  signed by {public.name} ({public.fingerprint})\n"
          f"  exam key {header.key_id} in {key_out}: deliver it separately from the package")
    return ExitCode.OK


def cmd_inspect(args: argparse.Namespace) -> int:
    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.package.container import read_header

    trusted = [load_authority_public(p) for p in args.trust] if args.trust else None
    header = read_header(args.package, trusted)
    data: dict[str, Any] = header.to_dict()
    if args.key:
        if not trusted:
            raise InputError([Problem("--trust", "opening a package needs the authority's "
                                      "public key, to check the signature first")])
        data["contents"] = _contents(args, trusted)
    if args.json:
        print_json(data)
        return ExitCode.OK
    _print_inspection(data)
    return ExitCode.OK


def _contents(args: argparse.Namespace, trusted: list[Any]) -> dict[str, Any]:
    from collections import Counter

    from exam_bank.crypto.examkey import read_exam_key
    from exam_bank.exam_package import open_exam_package

    key = read_exam_key(args.key, read_passphrase(EXAM_KEY_ENV, args.key_passphrase_file,
                                             "Passphrase kunci ujian / exam key passphrase: "))
    package = open_exam_package(args.package, trusted, key)
    by_competency = Counter(i.competency for i in package.items.values())
    by_type = Counter(str(i.type) for i in package.items.values())
    return {
        "items": len(package.items),
        "items_by_type": dict(sorted(by_type.items())),
        "items_by_competency": dict(sorted(by_competency.items())),
        "media": sorted(package.media),
        "positions": {p.code: p.name for p in package.roster.positions.values()},
        "candidates": [
            {"participant_no": c.participant_no, "name": c.name, "position": c.position,
             "session": c.session, "seat": c.seat,
             "form_items": sum(len(s.item_ids) for s in package.forms[c.participant_no].sections)}
            for c in package.roster.candidates
        ],
    }


def _print_inspection(data: dict[str, Any]) -> None:
    sig = data["signature"]
    print(f"Exam package {data['exam']['id']}: {data['exam']['title']}")
    print(f"  agency      {data['exam']['agency']}")
    print(f"  created     {data['created_at']}")
    print(f"  signed by   {data['authority_fingerprint']}"
          + (f" — verified: {sig['authority']}" if sig["verified"]
             else " — NOT verified (pass --trust authority.pub)"))
    print(f"  exam key    {data['key_id']}")
    print(f"  payload     {data['payload_size']} bytes, sha256 {data['payload_sha256']}")
    print("  counts      " + ", ".join(f"{k} {v}" for k, v in data["counts"].items()))
    for s in data.get("public", {}).get("sections", []):
        print(f"  section     {s['id']}: {s['title']} ({s['kind']}, {s['time_limit_min']} min)")
    zone = data.get("public", {}).get("timezone") or DEFAULT_ZONE  # older packages: WIB
    for s in data["sessions"]:
        print(f"  session     {s['id']}: {s['date']} {s['start']}-{s['end'] or ''} "
              f"{ZONES.get(zone, zone)} {s['site']}, {s['room']} — "
              f"{s['candidates']} candidates")
    contents = data.get("contents")
    if contents:
        print(f"  items       {contents['items']} by type {contents['items_by_type']}")
        print(f"  competency  {contents['items_by_competency']}")
        print(f"  media       {len(contents['media'])} files")
        for c in contents["candidates"]:
            print(f"  candidate   {c['participant_no']}  {c['session']}/{c['seat']:<4} "
                  f"{c['position']:<10} {c['name']}")


def cmd_score(args: argparse.Namespace) -> int:
    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.crypto.examkey import read_exam_key
    from exam_bank.exam_package import open_exam_package, score_participant

    trusted = [load_authority_public(p) for p in args.trust]
    key = read_exam_key(args.key, read_passphrase(EXAM_KEY_ENV, args.key_passphrase_file,
                                             "Passphrase kunci ujian / exam key passphrase: "))
    package = open_exam_package(args.package, trusted, key)
    answers = read_responses(args.responses)
    results = {}
    for participant_no, responses in answers.items():
        if participant_no not in package.forms:
            raise InputError([Problem(str(args.responses), f"participant {participant_no!r} "
                                      "is not on this exam's roster")])
        try:
            results[participant_no] = score_participant(
                package, ParticipantNo(participant_no), responses).to_dict()
        except ValueError as exc:
            raise InputError([Problem(str(args.responses), f"{participant_no}: {exc}")]) \
                from None
    if args.json:
        print_json(results)
        return ExitCode.OK
    for participant_no, score in results.items():
        position = package.roster.candidate(participant_no).position
        band = score.get("jpm_band") or {}
        jpm = "—" if score.get("jpm") is None else f"{score['jpm']:6.2f}"
        box = score.get("nine_box") or "— (no SKP)"
        print(f"{participant_no}  {position:<10} JPM {jpm} {band.get('code', ''):<4} "
              f"9-box {box}")
    return ExitCode.OK


def read_responses(path: Path) -> dict[str, dict[str, Any]]:
    """`{participant_no: {item_id: "A" | ["A","C"] | 4 | null}}` as scorer responses."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError([Problem(str(path), f"not a readable JSON file: {exc}")]) from None
    if not isinstance(data, dict):
        raise InputError([Problem(str(path), "expected an object keyed by participant number")])
    out: dict[str, dict[str, Any]] = {}
    for pno, answers in data.items():
        if not isinstance(answers, dict):
            raise InputError([Problem(str(path), f"{pno}: expected an object of answers")])
        out[pno] = {item: frozenset(v) if isinstance(v, list) else v
                    for item, v in answers.items()}
    return out


ADMIN_ENV = "UJIKOM_ADMIN_PASSPHRASE"


def cmd_admin_init(args: argparse.Namespace) -> int:
    from exam_bank.bundle.admin import init_admin

    secret = read_passphrase(ADMIN_ENV, args.passphrase_file, "Admin passphrase: ", confirm=True)
    cert, key = init_admin(args.folder, args.name, secret)
    print(f"admin identity for {args.name}:\n"
          f"  {cert} (give it to every lab: ujikom proctor seal --admin-cert)\n"
          f"  {key} (the key, encrypted under your passphrase: keep it here)")
    return ExitCode.OK


def add_package_commands(sub: Any) -> None:
    p = sub.add_parser("admin", help="the admin's certificate that labs seal results for")
    asub = p.add_subparsers(dest="admin_command", required=True, metavar="COMMAND")
    a = asub.add_parser("init", help="create the admin certificate and encrypted key")
    a.add_argument("folder", type=Path, help="where admin.pem and admin.p12 are written")
    a.add_argument("--name", required=True, help="e.g. 'Admin BKPSDM Kota Sukamaju'")
    a.add_argument("--passphrase-file", help=f"else ${ADMIN_ENV} or a prompt")
    a.set_defaults(handler=cmd_admin_init)

    p = sub.add_parser("authority", help="the exam-bank authority's signing key")
    asub = p.add_subparsers(dest="authority_command", required=True, metavar="COMMAND")
    a = asub.add_parser("init", help="create the authority key pair (once per agency)")
    a.add_argument("folder", type=Path, help="where authority.key and .pub are written")
    a.add_argument("--name", required=True, help="e.g. 'BKPSDM Kota Sukamaju'")
    a.add_argument("--passphrase-file", help=f"else ${AUTHORITY_ENV} or a prompt")
    a.set_defaults(handler=cmd_authority_init)

    p = sub.add_parser("roster", help="register a roster: PINs, exam cards PDF, roster.json")
    p.add_argument("source", type=Path, help="an XLSX workbook or a folder of CSV files")
    p.add_argument("--bank", default=".", type=Path,
                   help="the item bank folder (default: the current folder)")
    p.add_argument("--blueprint", required=True, type=Path, help="for the exam's title")
    p.add_argument("--out", required=True, type=Path, help="folder for roster.json and cards")
    p.add_argument("--replace", action="store_true", help="replace a registered roster")
    p.add_argument("--pins-out", type=Path,
                   help="also write the PINs to this CSV (for printing your own cards)")
    p.set_defaults(handler=cmd_roster)

    p = sub.add_parser("build", help="build a signed, encrypted exam package")
    p.add_argument("--bank", default=".", type=Path,
                   help="the item bank folder (default: the current folder)")
    p.add_argument("--blueprint", required=True, type=Path,
                   help="the blueprint (.toml) the package is built from")
    p.add_argument("--roster", required=True, type=Path, help="roster.json from `bank roster`")
    p.add_argument("--authority", required=True, type=Path, help="folder of authority.key/.pub")
    p.add_argument("--out", required=True, type=Path, help="the package file to write")
    p.add_argument("--key-out", type=Path, help="exam key file (default: OUT.ujikey)")
    p.add_argument("--authority-passphrase-file",
                   help=f"the authority key's passphrase (else ${AUTHORITY_ENV} or a prompt)")
    p.add_argument("--key-passphrase-file", help=f"else ${EXAM_KEY_ENV} or a prompt")
    p.set_defaults(handler=cmd_build)

    p = sub.add_parser("inspect", help="show what a package is; more with its key")
    p.add_argument("package", type=Path, help="the exam package (.ujikom)")
    p.add_argument("--trust", type=Path, action="append", help="authority.pub to verify against")
    p.add_argument("--key", type=Path, help="the exam key file, to look inside")
    p.add_argument("--key-passphrase-file",
                   help=f"the exam key's passphrase (else ${EXAM_KEY_ENV} or a prompt)")
    p.add_argument("--json", action="store_true", help="print JSON, for scripts")
    p.set_defaults(handler=cmd_inspect)

    p = sub.add_parser("score", help="score candidates' responses against a package")
    p.add_argument("package", type=Path, help="the exam package (.ujikom)")
    p.add_argument("--trust", type=Path, action="append", required=True,
                   help="authority.pub to verify against (repeatable)")
    p.add_argument("--key", type=Path, required=True, help="the exam key file (.ujikey)")
    p.add_argument("--key-passphrase-file",
                   help=f"the exam key's passphrase (else ${EXAM_KEY_ENV} or a prompt)")
    p.add_argument("--responses", type=Path, required=True,
                   help='JSON: {"participant_no": {"item_id": "A" | ["A","C"] | 4 | null}}')
    p.add_argument("--json", action="store_true", help="print JSON, for scripts")
    p.set_defaults(handler=cmd_score)

