"""Item importers: the files staff actually have, turned into bank items.

`read_items` picks the importer from the file itself (extension, then the XML root),
so `ujikom bank import` takes any supported file without a format flag.
"""

from __future__ import annotations

from pathlib import Path

from exam_bank.competencies import DEFAULT_CATALOG, CompetencyCatalog
from exam_bank.importers.base import ImportResult
from exam_bank.problems import InputError, Problem

SUPPORTED = ("QTI 2.1/3.0 (.xml, .zip), Moodle XML (.xml), spreadsheet (.xlsx, .csv), "
             "Word tables (.docx)")


def read_items(path: Path, *, competency: str | None = None, topic: str | None = None,
               level: int | None = None,
               catalog: CompetencyCatalog = DEFAULT_CATALOG,
               skip_unsupported: bool = False, blueprint_draft: bool = False) -> ImportResult:
    """Read one item file of any supported format; InputError lists every problem.

    `catalog` is the bank's: an agency's own competencies are valid in its files.
    `skip_unsupported` leaves out (and lists) QTI/Moodle items of types Ujikom does not
    deliver instead of refusing the file. `blueprint_draft` reads a QTI package's
    assessment test into the result's `draft`.
    """
    if path.is_dir():
        # An unzipped content package (as a tool exports it, or as unpacked by hand).
        if not (path / "imsmanifest.xml").is_file():
            raise InputError([Problem(str(path), "a folder is read only as an unzipped QTI "
                                      "content package, and it has no imsmanifest.xml")])
        path = path / "imsmanifest.xml"
    if not path.is_file():
        raise InputError([Problem(str(path), "no such file")])
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx"):
        from exam_bank.importers.spreadsheet import read_spreadsheet

        return _with_topic(read_spreadsheet(path, catalog=catalog), topic)
    if suffix == ".docx":
        from exam_bank.importers.word import read_word

        return _with_topic(read_word(path, competency=competency, level=level,
                                     catalog=catalog), topic)
    if suffix == ".zip":
        from exam_bank.importers.qti import read_qti

        return read_qti(path, competency=competency, topic=topic, catalog=catalog,
                        skip_unsupported=skip_unsupported, blueprint_draft=blueprint_draft)
    if suffix == ".xml":
        with path.open("rb") as f:  # the head only: the file may be huge (or sparse)
            head = f.read(4096).decode("utf-8", "replace")
        if "<quiz" in head:
            from exam_bank.importers.moodle import read_moodle

            return _with_topic(read_moodle(path, competency=competency, catalog=catalog,
                                           skip_unsupported=skip_unsupported), topic)
        from exam_bank.importers.qti import read_qti

        return read_qti(path, competency=competency, topic=topic, catalog=catalog,
                        skip_unsupported=skip_unsupported, blueprint_draft=blueprint_draft)
    raise InputError([Problem(str(path), f"unknown item file type {suffix!r}; "
                              f"supported: {SUPPORTED}")])


def _with_topic(result: ImportResult, topic: str | None) -> ImportResult:
    """An explicit --topic wins over what the file says, for every item."""
    if topic is None:
        return result
    from dataclasses import replace

    result.items = [replace(i, topic=topic) for i in result.items]
    return result
