"""`ujikom bank …`: the admin's commands. Thin: parse arguments, call the library, print.

Errors in any input are printed to stderr as `FILE:LINE: message` and exit with
`ExitCode.INPUT_ERROR`; list/inspect commands take `--json` for scripts.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from exam_bank.cliutil import ExitCode, print_json
from exam_bank.problems import InputError, Problem

if TYPE_CHECKING:
    from exam_bank.items.bank import Bank
    from exam_bank.items.model import Item


def _bank_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bank", default=".", type=Path,
                   help="the item bank folder (default: the current folder)")


# --- items -------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    from exam_bank.items.bank import init_bank

    init_bank(args.folder, args.name)
    print(f"created an empty item bank in {args.folder}")
    return ExitCode.OK


def cmd_validate(args: argparse.Namespace) -> int:
    from exam_bank.items.bank import BLUEPRINTS_DIR, load_bank

    bank = load_bank(args.bank)
    problems: list[Problem] = []
    blueprints = sorted((args.bank / BLUEPRINTS_DIR).glob("*.toml"))
    if blueprints:
        from exam_bank.blueprint.read import read_blueprint
        from exam_bank.exam_package import check_blueprint_fully

        for path in blueprints:
            try:
                problems += check_blueprint_fully(read_blueprint(path), bank)
            except InputError as exc:
                problems += exc.problems
    if problems:
        raise InputError(problems)
    print(f"{bank.name}: {len(bank.items)} items and {len(blueprints)} blueprint(s) are valid")
    return ExitCode.OK


def cmd_import(args: argparse.Namespace) -> int:
    from exam_bank.importers import read_items
    from exam_bank.importers.base import report_lines
    from exam_bank.items.bank import add_items, check_new_items, load_bank

    bank = load_bank(args.bank)
    results, problems = [], []
    for file in args.files:
        try:
            results.append(read_items(file, competency=args.competency, topic=args.topic,
                                      level=args.level, catalog=bank.catalog,
                                      skip_unsupported=args.skip_unsupported,
                                      blueprint_draft=args.blueprint_draft is not None))
        except InputError as exc:
            problems += exc.problems
    if problems:  # all-or-nothing across every file given
        raise InputError(problems)
    seen: dict[str, str] = {}
    for result in results:
        for item in result.items:
            if item.id in seen:
                problems.append(Problem(result.source, f"item id {item.id!r} also comes "
                                        f"from {seen[item.id]}"))
            seen[item.id] = result.source
    if problems:
        raise InputError(problems)
    report = report_lines(results)
    if report:
        print("import report:")
        print("\n".join(report))
    all_items = [i for r in results for i in r.items]
    media = {k: v for r in results for k, v in r.media.items()}
    source = ", ".join(str(f) for f in args.files)
    drafts = [r.draft for r in results if r.draft is not None]
    if args.blueprint_draft is not None and len(drafts) != 1:
        raise InputError([Problem("--blueprint-draft", "needs exactly one QTI package with "
                                  f"an assessment test among the files; found {len(drafts)}")])
    if not all_items:
        # An untouched template: say so plainly, write nothing, and it is not an error.
        examples = sum(len(r.examples) for r in results)
        print("0 soal diimpor: berkas hanya berisi baris contoh templat; tulis soal di baris "
              "bernomor di bawahnya / no items imported: the file holds only the template's "
              "example rows; write your items in the rows below them" if examples else
              "0 soal diimpor: tidak ada baris soal yang terisi / no items imported: no item "
              "rows are filled in")
        return ExitCode.OK
    if args.dry_run:
        clashes = check_new_items(bank, all_items, media, source)
        if clashes:
            raise InputError(clashes)
        print(f"{len(all_items)} items would be imported (dry run: nothing written)")
        return ExitCode.OK
    written = add_items(bank, all_items, media, source)
    print(f"imported {len(all_items)} items into "
          f"{', '.join(str(p.relative_to(args.bank)) for p in written)}")
    if drafts:
        from exam_bank.fsutil import atomic_write
        from exam_bank.importers.qti_test import draft_toml

        atomic_write(args.blueprint_draft, draft_toml(drafts[0], source))
        print(f"wrote a blueprint draft to {args.blueprint_draft}: complete its selection "
              "rules and scoring, then run `ujikom bank validate`")
    return ExitCode.OK


def cmd_list(args: argparse.Namespace) -> int:
    from exam_bank.items.bank import load_bank
    from exam_bank.items.richtext import to_plain_text

    bank = load_bank(args.bank)
    items = [i for i in bank.items.values()
             if (not args.competency or i.competency == args.competency)
             and (not args.type or i.type == args.type)
             and (not args.review or i.review == args.review)]
    if args.json:
        print_json([{"id": i.id, "type": str(i.type), "competency": i.competency,
                      "level": i.level, "topic": i.topic, "review": str(i.review),
                      "source": f"{bank.sources[i.id].file}:{bank.sources[i.id].line}"}
                     for i in items])
        return ExitCode.OK
    for i in items:
        stem = to_plain_text(i.stem or (i.makalah.instructions if i.makalah else ""))
        stem = stem.replace("\n", " ")
        print(f"{i.id:<16} {i.type:<8} {i.competency:<22} L{i.level} {i.review:<9} "
              f"{stem[:60]}")
    counts = Counter((i.competency, str(i.type)) for i in items)
    print(f"\n{len(items)} items; by competency and type: "
          + ", ".join(f"{c}/{t}={n}" for (c, t), n in sorted(counts.items())))
    return ExitCode.OK


def cmd_template(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() == ".docx":
        from exam_bank.exporters.word import write_template as write_word_template

        write_word_template(args.out)
        print(f"wrote a Word item template to {args.out}")
        print("  baris contoh (NO = CONTOH) tidak diimpor; tulis soal di baris bernomor / "
              "the example rows (NO = CONTOH) are never imported; write in the numbered rows")
        return ExitCode.OK
    from exam_bank.importers.spreadsheet import write_template

    write_template(args.out)
    print(f"wrote a blank item template to {args.out}")
    print("  baris contoh (id CONTOH-...) tidak diimpor; tulis soal di baris di bawahnya / "
          "the example rows (id CONTOH-...) are never imported; write in the rows below")
    return ExitCode.OK


def cmd_export(args: argparse.Namespace) -> int:
    from exam_bank.exporters.qti3 import write_qti3_package
    from exam_bank.items.bank import load_bank

    bank = load_bank(args.bank)
    ids = args.ids or list(bank.items)
    unknown = [i for i in ids if i not in bank.items]
    if unknown:
        raise InputError([Problem("--ids", f"not in the bank: {', '.join(unknown)}")])
    items = [bank.items[i] for i in ids]
    media = bank.read_media(m for i in items for m in i.media)
    if not (args.out or args.docx or args.review or args.sheet):
        raise InputError([Problem("export", "name the file to write: OUT.zip (QTI 3.0), "
                                  "--docx FILE.docx, --sheet FILE.csv|.xlsx or --review "
                                  "FILE.docx|.pdf")])
    if args.sheet:
        from exam_bank.exporters.sheet import write_sheet

        try:
            written = write_sheet(args.sheet, items, media)
        except ValueError as exc:
            raise InputError([Problem(str(args.sheet), str(exc))]) from exc
        print(f"exported {len(items)} items as a spreadsheet to {args.sheet} "
              f"({len(written) - 1} pictures beside it)")
    if args.review:
        _export_review(args.review, bank, items, media)
    if args.docx:
        from exam_bank.exporters.word import write_items

        try:
            write_items(args.docx, items, media)
        except ValueError as exc:
            raise InputError([Problem(str(args.docx), str(exc))]) from exc
        print(f"exported {len(items)} items as Word tables to {args.docx}")
    if args.out:
        write_qti3_package(items, media, args.out)
        print(f"exported {len(items)} items as a QTI 3.0 package to {args.out}")
    return ExitCode.OK


def _export_review(path: Path, bank: Bank, items: list[Item],
                   media: dict[str, bytes]) -> None:
    from exam_bank.exporters.review import Entry, write_review_docx, write_review_pdf

    entries = [Entry(i, f"{bank.sources[i.id].file}:{bank.sources[i.id].line}")
               for i in items]
    suffix = path.suffix.lower()
    if suffix == ".docx":
        write_review_docx(path, entries, media, bank.catalog, bank.name)
    elif suffix == ".pdf":
        write_review_pdf(path, entries, media, bank.catalog, bank.name)
    else:
        raise InputError([Problem(str(path), "the review document is written as .docx "
                                  "or .pdf")])
    print(f"wrote the review document for {len(items)} items to {path}")


def cmd_import_case(args: argparse.Namespace) -> int:
    from exam_bank.importers.word_case import check_case_media, read_case
    from exam_bank.items.bank import load_bank
    from exam_bank.items.rewrite import replace_item

    bank = load_bank(args.bank)
    if args.item not in bank.items:
        raise InputError([Problem("--item", f"{args.item!r} is not in the bank")])
    item, media = read_case(args.file, bank.items[args.item])
    problems = check_case_media(bank, media, str(args.file))
    if problems:
        raise InputError(problems)
    if args.dry_run:
        print(f"{item.id}: case material would be replaced ({len(media)} pictures; dry run: "
              "nothing written)")
        return ExitCode.OK
    replace_item(bank, item, media)
    print(f"{item.id}: case material imported from {args.file} ({len(media)} pictures)")
    return ExitCode.OK


def cmd_review(args: argparse.Namespace) -> int:
    import datetime as dt

    from exam_bank.items.bank import load_bank
    from exam_bank.items.model import ReviewStatus
    from exam_bank.items.review import record_review
    from exam_bank.items.validate import is_iso_date

    if args.date is not None and not is_iso_date(args.date):
        raise InputError([Problem("--date", f"{args.date!r} is not a date YYYY-MM-DD")])
    on = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    item = record_review(load_bank(args.bank), args.item, args.by, ReviewStatus(args.status),
                         on)
    print(f"{item.id}: review = {item.review}, reviewed_by = {item.reviewed_by}, "
          f"reviewed_on = {item.reviewed_on}")
    return ExitCode.OK


def add_bank_commands(bank: argparse.ArgumentParser) -> None:
    sub = bank.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create an empty item bank folder")
    p.add_argument("folder", type=Path, help="the new bank's folder")
    p.add_argument("--name", required=True, help="the bank's name, e.g. the agency")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("validate", help="check every item and blueprint in the bank")
    _bank_arg(p)
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("import", help="import items from QTI, Moodle XML, XLSX, CSV or Word "
                       "(.docx) files",
                       description="Import is all-or-nothing: a file with any error changes "
                       "nothing and every problem is reported.")
    _bank_arg(p)
    p.add_argument("files", nargs="+", type=Path,
                   help="item files: .xlsx, .csv, .docx, QTI (.xml, .zip, folder), Moodle XML")
    p.add_argument("--competency", help="competency for items whose file has none (QTI, "
                   "Moodle, Word tables without a KOMPETENSI column)")
    p.add_argument("--level", type=int, choices=range(1, 6), metavar="1-5",
                   help="level for Word tables without a LEVEL column (default 3)")
    p.add_argument("--topic", help="topic for every imported item")
    p.add_argument("--dry-run", action="store_true",
                   help="check only and print the import report, write nothing")
    p.add_argument("--blueprint-draft", type=Path, metavar="TOML",
                   help="write the QTI package's assessment test (sections, item order, "
                   "time limits) as a blueprint draft to TOML")
    p.add_argument("--skip-unsupported", action="store_true",
                   help="leave out QTI/Moodle items of types Ujikom does not deliver (match, "
                   "gap-match, order, hotspot, text entry; Moodle matching, short answer, "
                   "numerical, cloze, ...), listing each, and import the rest")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("import-case", help="a makalah item's case material (bahan kasus) "
                       "from a Word document")
    _bank_arg(p)
    p.add_argument("file", type=Path, help="the .docx")
    p.add_argument("--item", required=True, help="the makalah item's id")
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.set_defaults(handler=cmd_import_case)

    p = sub.add_parser("review", help="record an item's review status and reviewer "
                       "(telaah soal)")
    _bank_arg(p)
    p.add_argument("item", help="the item id")
    p.add_argument("--by", required=True, help="the reviewer's name")
    p.add_argument("--status", default="reviewed",
                   choices=["draft", "reviewed", "approved", "retired"],
                   help="the new status (default: reviewed)")
    p.add_argument("--date", help="the day of the review, YYYY-MM-DD (default: today)")
    p.set_defaults(handler=cmd_review)

    p = sub.add_parser("list", help="list the bank's items")
    _bank_arg(p)
    p.add_argument("--competency", help="only items of this competency")
    p.add_argument("--type", choices=["mc", "mr", "sjt", "likert", "makalah"],
                   help="only items of this type")
    p.add_argument("--review", choices=["draft", "reviewed", "approved", "retired"],
                   help="only items with this review status")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("template", help="write a blank Excel/CSV/Word item template")
    p.add_argument("out", type=Path, help="file name ending in .xlsx, .csv or .docx")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("export", help="export items as a QTI 3.0 content package or as "
                       "the Word template's tables")
    _bank_arg(p)
    p.add_argument("out", type=Path, nargs="?", help="the QTI .zip to write")
    p.add_argument("--review", type=Path, metavar="FILE.docx|.pdf",
                   help="write the review document (lembar telaah): each item with its "
                   "key or weights, metadata, status and room for notes")
    p.add_argument("--sheet", type=Path, metavar="FILE.csv|.xlsx",
                   help="the items as the spreadsheet template's rows (pictures beside it)")
    p.add_argument("--docx", type=Path, metavar="FILE.docx",
                   help="write the items as the Word template's tables (bank import reads "
                   "them back)")
    p.add_argument("--ids", nargs="*", help="only these items (default: all)")
    p.set_defaults(handler=cmd_export)

    from exam_bank.cli_package import add_package_commands

    add_package_commands(sub)

    from exam_bank.cli_results import add_results_commands

    add_results_commands(sub)

    from exam_bank.cli_report import add_report_command

    add_report_command(sub)

    from exam_bank.cli_analysis import add_analysis_commands

    add_analysis_commands(sub)

    from exam_bank.cli_replay import add_replay_command

    add_replay_command(sub)
