"""The spreadsheet staff keep their items in: one row per item, CSV or XLSX.

`write_template` makes an empty workbook (or CSV) with the columns below, examples and
instructions; `read_spreadsheet` reads one back; `write_rows` writes items as such a CSV.

Columns (headers are case-insensitive; English aliases in brackets; * required):

====================  ===============================================================
id* [item_id]         letters, digits, ``_ . -``; unique in the file and the bank
tipe* [type]          ``mc`` (also ``pg``), ``mr`` (``pgk``), ``sjt``, ``likert``,
                      ``makalah``
kompetensi* [competency]  a competency key (``integritas``) or name (``Kerja Sama``)
level [tingkat]       target level 1-5; blank: 3
topik [topic], penulis [author], tag [tags] (comma separated)
status [review]       draft | reviewed | approved | retired; blank: draft
ditelaah_oleh [reviewed_by, penelaah]  who gave that status in the telaah soal
tanggal_telaah [reviewed_on]  the day of the telaah: ``2026-11-20``, ``20-11-2026``,
                      ``20/11/2026`` or an Excel date
soal* [stem, question]  the question; for ``makalah`` the instructions
opsi_a..opsi_e [option_a..option_e]  option texts; option ids are A..E
bobot_a..bobot_e [weight_a..weight_e]  option weights; ``2,5`` and ``2.5`` both accepted
kunci [key]           key letters: ``B`` (mc) or ``A,C`` (mr)
poin [points]         mr without weights (all-or-nothing): points for a full answer; 1
skala [scale], terbalik [reverse]  likert: scale name; ya/tidak
kasus [case_material], waktu_menit [time_limit_min], kata_min [word_min],
kata_max [word_max]   makalah: case text, minutes (240), word range (0: none)
gambar [image, media] image file(s) beside the spreadsheet, separated by ``;``
====================  ===============================================================

Scoring per type: ``mc`` takes the key (weight 1) or weights, or both; ``mr`` needs the
key and is all-or-nothing, or ``partial`` when weights are given; ``sjt`` needs a weight
for every option and no key; ``likert`` uses the default five-point labels. A makalah's
rubric and other likert scales are edited in the bank's TOML afterwards.

Text cells are plain text (a blank line starts a new paragraph). A cell containing tags
of the rich-text subset (``<b>``, ``<p>``...) or character references (``&lt;``) is read
as HTML, so a question that shows a literal ``<b>`` is written ``&lt;b&gt;``.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from exam_bank.cellsafe import append_row, csv_text
from exam_bank.competencies import DEFAULT_CATALOG, CompetencyCatalog
from exam_bank.importers.base import ImportResult
from exam_bank.importers.examples import EXAMPLE_ROWS, SKIPPED, is_example
from exam_bank.importers.row_words import bilingual
from exam_bank.items.limits import image_problem
from exam_bank.items.media import with_shown_media
from exam_bank.items.model import (
    Item,
    ItemId,
    ItemType,
    LikertSpec,
    MakalahSpec,
    MrScoring,
    Option,
    OptionId,
    ReviewStatus,
)
from exam_bank.items.richtext import from_plain_text, looks_like_html, sanitize
from exam_bank.items.validate import (
    check_item,
    competency_problem,
    is_iso_date,
    level_problem,
)
from exam_bank.problems import InputError, Problem
from exam_bank.tabular import Row, Table, read_csv, read_xlsx_sheets

LETTERS = "ABCDE"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"})
SHEET = "soal"


@dataclass(frozen=True)
class Column:
    name: str  # the Indonesian header the template writes
    aliases: tuple[str, ...]
    required: bool
    help: str  # for the "petunjuk" sheet
    width: int = 14


COLUMNS: tuple[Column, ...] = (
    Column("id", ("item_id",), True, "Kode unik soal: huruf, angka, _ . - (maks. 64). Id "
           "berawalan CONTOH- menandai baris contoh: tidak diimpor.", 16),
    Column("tipe", ("type",), True, "mc (pilihan ganda, juga 'pg'), mr (jawaban ganda, "
           "'pgk'), sjt, likert, makalah.", 9),
    Column("kompetensi", ("competency",), True, "Kunci kompetensi, mis. integritas, "
           "kerja_sama (lihat lembar daftar), atau namanya.", 20),
    Column("level", ("tingkat",), False, "Level sasaran 1-5; kosong = 3.", 7),
    Column("topik", ("topic",), False, "Topik bebas, mis. gratifikasi.", 16),
    Column("penulis", ("author",), False, "Nama penyusun soal.", 16),
    Column("status", ("review",), False, "draft, reviewed, approved, retired; kosong = "
           "draft. Hanya soal approved yang diujikan.", 11),
    Column("ditelaah_oleh", ("reviewed_by", "penelaah", "reviewer"), False, "Nama penelaah "
           "yang memberi status (telaah soal); kosong bila belum ditelaah.", 18),
    Column("tanggal_telaah", ("reviewed_on", "review_date"), False, "Tanggal telaah: "
           "2026-11-20 atau 20-11-2026; kosong bila belum ditelaah.", 15),
    Column("tag", ("tags",), False, "Label tambahan, dipisah koma, mis. tkp, 2026.", 12),
    Column("soal", ("stem", "question"), True, "Teks soal. Untuk makalah: petunjuk "
           "penulisan. Baris kosong = paragraf baru.", 50),
    *(Column(f"opsi_{c.lower()}", (f"option_{c.lower()}",), False,
             f"Teks pilihan {c} (mc, mr, sjt).", 30) for c in LETTERS),
    *(Column(f"bobot_{c.lower()}", (f"weight_{c.lower()}",), False,
             f"Bobot pilihan {c}; wajib untuk sjt (1-5). Koma desimal boleh: 2,5.", 9)
      for c in LETTERS),
    Column("kunci", ("key",), False, "Huruf kunci: B (mc) atau A,C (mr). Kosong untuk sjt.",
           8),
    Column("poin", ("points",), False, "mr tanpa bobot: nilai jawaban benar lengkap; "
           "kosong = 1.", 7),
    Column("skala", ("scale",), False, "likert: nama skala, mis. kecerdasan_emosional.", 18),
    Column("terbalik", ("reverse",), False, "likert: ya bila pernyataan negatif "
           "(skor dibalik); kosong = tidak.", 9),
    Column("kasus", ("case_material",), False, "makalah: teks kasus yang dibahas.", 30),
    Column("waktu_menit", ("time_limit_min",), False, "makalah: batas waktu menit; "
           "kosong = 240.", 12),
    Column("kata_min", ("word_min",), False, "makalah: jumlah kata minimal.", 9),
    Column("kata_max", ("word_max",), False, "makalah: jumlah kata maksimal; 0 = bebas.", 9),
    Column("gambar", ("image", "media"), False, "Nama berkas gambar di folder yang sama "
           "dengan berkas ini; beberapa dipisah ;.", 18),
)
_BY_NAME = {c.name: c for c in COLUMNS}

TYPE_NAMES = {"mc": ItemType.MC, "pg": ItemType.MC, "pilihan_ganda": ItemType.MC,
              "mr": ItemType.MR, "pgk": ItemType.MR, "pilihan_ganda_kompleks": ItemType.MR,
              "sjt": ItemType.SJT, "likert": ItemType.LIKERT, "makalah": ItemType.MAKALAH}
REVIEW_NAMES = {"draft": ReviewStatus.DRAFT, "draf": ReviewStatus.DRAFT,
                "reviewed": ReviewStatus.REVIEWED, "ditelaah": ReviewStatus.REVIEWED,
                "approved": ReviewStatus.APPROVED, "disetujui": ReviewStatus.APPROVED,
                "retired": ReviewStatus.RETIRED, "pensiun": ReviewStatus.RETIRED}
YES = frozenset({"ya", "y", "yes", "true", "benar", "1"})
NO = frozenset({"tidak", "no", "n", "false", "salah", "0", ""})

# Which column to blame for each field check_item names.
_FIELD_COLUMN = {
    "id": "id", "stem": "soal", "competency": "kompetensi", "level": "level",
    "options": "opsi_a", "points": "poin", "likert": "skala", "likert.scale": "skala",
    "likert.points": "skala", "likert.labels": "skala", "makalah": "soal",
    "makalah.instructions": "soal", "makalah.time_limit_min": "waktu_menit",
    "makalah.word_max": "kata_max", "makalah.rubric": "soal",
    "reviewed_by": "ditelaah_oleh", "reviewed_on": "tanggal_telaah",
}

# ---------------------------------------------------------------- reading


@dataclass
class _Sheet:
    """A table plus which of its headers stands for each canonical column."""

    table: Table
    headers: dict[str, str]  # canonical column name -> header as found
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Word cells hold pictures inline (their media already collected); CSV/XLSX cells cannot.
    allow_images: bool = False

    def has(self, column: str) -> bool:
        return column in self.headers

    def get(self, row: Row, column: str) -> str:
        header = self.headers.get(column)
        return row.values.get(header, "").strip() if header else ""

    def bad(self, row: Row | None, column: str | None, message: str) -> None:
        header = self.headers.get(column) if column else None
        self.problems.append(self.table.problem(message, row, header))

    def warn(self, row: Row | None, column: str | None, message: str) -> None:
        header = self.headers.get(column) if column else None
        self.warnings.append(self.table.problem(message, row, header))


def read_spreadsheet(path: Path, *,
                     catalog: CompetencyCatalog = DEFAULT_CATALOG) -> ImportResult:
    """Every item of a CSV or XLSX item sheet, or InputError naming each bad cell."""
    sheet = _columns(_load_table(path))
    if sheet.problems:
        raise InputError(sheet.problems)
    items: list[Item] = []
    media: dict[str, bytes] = {}
    first_row: dict[str, int] = {}
    examples: list[Problem] = []
    for row in sheet.table.rows:
        if is_example(sheet.get(row, "id"), sheet.get(row, "soal")):
            examples.append(sheet.table.problem(f"{SKIPPED} ({sheet.get(row, 'id')})", row,
                                                sheet.headers.get("id")))
            continue
        item = _read_row(sheet, row, catalog, path.parent, media)
        if item is None:
            continue
        if item.id in first_row:
            sheet.bad(row, "id", f"id {item.id!r} is also used in row {first_row[item.id]}")
        else:
            first_row[item.id] = row.number
        items.append(item)
    if not sheet.table.rows:
        sheet.bad(None, None, "the sheet has a header but no items")
    if sheet.problems:
        raise InputError(sheet.problems)
    return ImportResult(sheet.table.where, items, media, sheet.warnings,
                        examples=examples)


@dataclass
class ItemSheet(Table):
    """The item sheet: each problem placed in Indonesian, the message in both languages."""

    def problem(self, message: str, row: Row | None = None,
                header: str | None = None) -> Problem:
        found = super().problem(bilingual(message), row, header)
        file, sheet = self.where, ""
        if self.where.endswith("]") and "[" in self.where:
            file, _, sheet = self.where[:-1].rpartition("[")
        parts = [f"lembar {sheet}"] if sheet else []
        if row is not None:
            parts.append(f"baris {row.number}")
        if header:
            letter = self.columns.get(header)
            parts.append(f"kolom {header}" + (f" ({letter})" if letter else ""))
        return replace(found, place=f"{file}: {', '.join(parts)}" if parts else file)


def _load_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _as_item_sheet(read_csv(path))
    if suffix in (".xlsx", ".xlsm"):
        sheets = read_xlsx_sheets(path)
        if not sheets:
            raise InputError([Problem(str(path), "the workbook has no sheets")])
        return _as_item_sheet(sheets.get(SHEET) or next(iter(sheets.values())))
    raise InputError([Problem(str(path), f"{suffix or 'no extension'}: save the sheet as "
                                         ".xlsx or as CSV UTF-8")])


def _as_item_sheet(table: Table) -> ItemSheet:
    return ItemSheet(table.where, table.headers, table.rows, table.columns)


def _columns(table: Table) -> _Sheet:
    """Match the headers to the columns: aliases, duplicates, unknown and missing ones."""
    sheet = _Sheet(table, {})
    lookup = {alias: c.name for c in COLUMNS for alias in (c.name, *c.aliases)}
    for header in table.headers:
        if not header:
            continue
        name = lookup.get(header)
        if name is None:
            sheet.warnings.append(table.problem(f"column {header!r} is not used by Ujikom; "
                                                "ignored", None, header))
        elif name in sheet.headers:
            sheet.problems.append(table.problem(
                f"columns {sheet.headers[name]!r} and {header!r} are the same column",
                None, header))
        else:
            sheet.headers[name] = header
    for c in COLUMNS:
        if c.required and c.name not in sheet.headers:
            aliases = f" [{', '.join(c.aliases)}]" if c.aliases else ""
            sheet.problems.append(table.problem(f"missing required column {c.name!r}{aliases}"))
    return sheet


def _read_row(sheet: _Sheet, row: Row, catalog: CompetencyCatalog, folder: Path,
              media: dict[str, bytes]) -> Item | None:
    before = len(sheet.problems)
    item_id = sheet.get(row, "id")
    if not item_id:
        sheet.bad(row, "id", "the id is empty")
    item_type = _item_type(sheet, row)
    competency = _competency(sheet.get(row, "kompetensi"), catalog)
    level = _integer(sheet, row, "level", 3)
    review = _review(sheet, row)
    if item_type is None:
        _check_row_basics(sheet, row, competency, level, catalog)
        return None
    _check_columns_fit_type(sheet, row, item_type)
    text = sheet.get(row, "soal")
    stem = _cell_html(sheet, row, "soal", text)
    options = _options(sheet, row, item_type)
    item = Item(
        id=ItemId(item_id), type=item_type,
        stem="" if item_type == ItemType.MAKALAH else stem,
        competency=competency, level=level, topic=sheet.get(row, "topik"),
        author=sheet.get(row, "penulis"), review=review,
        reviewed_by=" ".join(sheet.get(row, "ditelaah_oleh").split()),
        reviewed_on=_review_date(sheet, row),
        media=_media(sheet, row, item_id, folder, media),
        options=options, points=_points(sheet, row),
        mr_scoring=_mr_scoring(sheet, row, item_type),
        likert=_likert(sheet, row) if item_type == ItemType.LIKERT else None,
        makalah=_makalah(sheet, row, stem) if item_type == ItemType.MAKALAH else None,
        tags=tuple(t.strip() for t in sheet.get(row, "tag").split(",") if t.strip()),
    )
    if len(sheet.problems) > before:
        _check_row_basics(sheet, row, competency, level, catalog)
        return None
    item = with_shown_media(item)  # pictures in a (Word) cell's text travel with the item
    for field_name, message in check_item(item, catalog):
        sheet.bad(row, _FIELD_COLUMN.get(field_name), message)
    return item if len(sheet.problems) == before else None


def _check_row_basics(sheet: _Sheet, row: Row, competency: str, level: int,
                      catalog: CompetencyCatalog) -> None:
    """Competency and level of a row refused for something else: every problem at once."""
    if sheet.get(row, "kompetensi") and (problem := competency_problem(competency, catalog)):
        sheet.bad(row, "kompetensi", problem)
    if problem := level_problem(level):
        sheet.bad(row, "level", problem)


def _item_type(sheet: _Sheet, row: Row) -> ItemType | None:
    raw = sheet.get(row, "tipe")
    item_type = TYPE_NAMES.get(_key(raw))
    if item_type is None:
        sheet.bad(row, "tipe", f"unknown type {raw!r}: use mc, mr, sjt, likert or makalah"
                  if raw else "the type is empty: use mc, mr, sjt, likert or makalah")
    return item_type


def _competency(raw: str, catalog: CompetencyCatalog) -> str:
    """A key as given, or the key of a competency given by name ("Kerja Sama")."""
    key = _key(raw)
    if key in catalog:
        return key
    by_name = {_key(c.name): c.key for c in catalog}
    return by_name.get(key, raw)  # unknown ones are reported by check_item, as written


def _review(sheet: _Sheet, row: Row) -> ReviewStatus:
    raw = sheet.get(row, "status")
    if not raw:
        return ReviewStatus.DRAFT
    status = REVIEW_NAMES.get(_key(raw))
    if status is None:
        sheet.bad(row, "status", f"unknown status {raw!r}: use draft, reviewed, approved "
                  "or retired")
        return ReviewStatus.DRAFT
    return status


def _review_date(sheet: _Sheet, row: Row) -> str:
    """The telaah date as YYYY-MM-DD: ISO, Indonesian day-month-year, or an Excel date."""
    raw = sheet.get(row, "tanggal_telaah").strip()
    if not raw:
        return ""
    iso = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:T00:00(?::00)?)?", raw)
    dmy = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", raw)
    text = iso.group(1) if iso else (
        f"{dmy.group(3)}-{int(dmy.group(2)):02d}-{int(dmy.group(1)):02d}" if dmy else raw)
    if not is_iso_date(text):
        sheet.bad(row, "tanggal_telaah", f"{raw!r} is not a date: write 2026-11-20 or "
                  "20-11-2026")
        return ""
    return text


# Columns that belong to one type only, and the types they belong to.
_TYPE_COLUMNS: dict[str, tuple[ItemType, ...]] = {
    "kunci": (ItemType.MC, ItemType.MR), "poin": (ItemType.MR,),
    "skala": (ItemType.LIKERT,), "terbalik": (ItemType.LIKERT,),
    "kasus": (ItemType.MAKALAH,), "waktu_menit": (ItemType.MAKALAH,),
    "kata_min": (ItemType.MAKALAH,), "kata_max": (ItemType.MAKALAH,),
}


def _check_columns_fit_type(sheet: _Sheet, row: Row, item_type: ItemType) -> None:
    """A value in a column the type does not use is a mistake, not something to drop."""
    for column, types in _TYPE_COLUMNS.items():
        if sheet.get(row, column) and item_type not in types:
            sheet.bad(row, column, f"{column} is not used by a {item_type} item "
                      f"(only by {', '.join(types)})")


def _options(sheet: _Sheet, row: Row, item_type: ItemType) -> tuple[Option, ...]:
    texts = {c: sheet.get(row, f"opsi_{c.lower()}") for c in LETTERS}
    weights = {c: _number(sheet, row, f"bobot_{c.lower()}", None) for c in LETTERS}
    for c in LETTERS:
        if weights[c] is not None and not texts[c]:
            sheet.bad(row, f"bobot_{c.lower()}", f"a weight for option {c} but no text in "
                      f"opsi_{c.lower()}")
    given = [c for c in LETTERS if texts[c]]
    if given and given != list(LETTERS[:len(given)]):
        missing = next(c for c in LETTERS if not texts[c])
        sheet.bad(row, f"opsi_{missing.lower()}", f"option {missing} is empty but a later "
                  "option is filled: fill the options from A without gaps")
    key = _key_letters(sheet, row, set(given))
    weighted = any(w is not None for w in weights.values())
    if item_type == ItemType.SJT:
        for c in given:
            if weights[c] is None:
                sheet.bad(row, f"bobot_{c.lower()}", f"option {c} of a sjt item needs a weight")
    elif item_type == ItemType.MC:
        if len(key) > 1:
            sheet.bad(row, "kunci", "an mc item has one key; use tipe mr for several")
        if not key and not weighted and given:
            sheet.bad(row, "kunci", "give the key letter or the weights of the options")
    elif item_type == ItemType.MR and not key and given:
        sheet.bad(row, "kunci", "an mr item needs its key letters, e.g. A,C")
    return tuple(
        Option(OptionId(c), _cell_html(sheet, row, f"opsi_{c.lower()}", texts[c]),
               _weight(weights[c], c in key, weighted), c in key)
        for c in given)


def _points(sheet: _Sheet, row: Row) -> float:
    value = _number(sheet, row, "poin", None)
    return 1.0 if value is None else value


def _weight(given: float | None, keyed: bool, weighted: bool) -> float:
    if weighted:
        return given if given is not None else 0.0
    return 1.0 if keyed else 0.0


def _key_letters(sheet: _Sheet, row: Row, options: set[str]) -> list[str]:
    raw = sheet.get(row, "kunci").upper()
    letters: list[str] = []
    for token in re.split(r"[\s,;/]+", raw):
        # "AC" as well as "A,C"; "A." and "(A)" as answer keys are often written
        letters.extend(re.sub(r"[().\[\]]", "", token))
    for letter in letters:
        if letter not in LETTERS:
            sheet.bad(row, "kunci", f"key {letter!r} is not an option letter A-E")
        elif letter not in options:
            sheet.bad(row, "kunci", f"key letter {letter} has no option text in "
                      f"opsi_{letter.lower()}")
    return [c for c in LETTERS if c in letters]


def _mr_scoring(sheet: _Sheet, row: Row, item_type: ItemType) -> MrScoring:
    weighted = any(sheet.get(row, f"bobot_{c.lower()}") for c in LETTERS)
    if item_type == ItemType.MR and weighted:
        if sheet.get(row, "poin"):
            sheet.bad(row, "poin", "poin is for mr items without weights; with weights the "
                      "score is the sum of the chosen weights")
        return MrScoring.PARTIAL
    return MrScoring.ALL_OR_NOTHING


def _likert(sheet: _Sheet, row: Row) -> LikertSpec:
    raw = sheet.get(row, "terbalik").lower()
    if raw not in YES | NO:
        sheet.bad(row, "terbalik", f"{raw!r}: write ya or tidak")
    return LikertSpec(scale=sheet.get(row, "skala"), reverse=raw in YES)


def _makalah(sheet: _Sheet, row: Row, instructions: str) -> MakalahSpec:
    return MakalahSpec(
        case_material=_cell_html(sheet, row, "kasus", sheet.get(row, "kasus")),
        instructions=instructions,
        time_limit_min=_integer(sheet, row, "waktu_menit", 240),
        word_min=_integer(sheet, row, "kata_min", 0),
        word_max=_integer(sheet, row, "kata_max", 0))


def _media(sheet: _Sheet, row: Row, item_id: str, folder: Path,
           media: dict[str, bytes]) -> tuple[str, ...]:
    names = [n.strip() for n in sheet.get(row, "gambar").split(";") if n.strip()]
    found = []
    for name in names:
        parts = PurePath(name.replace("\\", "/")).parts
        if PurePath(name).is_absolute() or ".." in parts or (parts and ":" in parts[0]):
            # a hostile sheet must not read files outside its own folder
            sheet.bad(row, "gambar", f"{name!r}: name a picture in the spreadsheet's folder "
                      "or below it, not elsewhere")
            continue
        if PurePath(name).suffix.lower() not in IMAGE_SUFFIXES:
            sheet.bad(row, "gambar", f"{name!r} is not an image "
                      f"({', '.join(sorted(IMAGE_SUFFIXES))})")
            continue
        try:
            too_big = image_problem((folder / name).stat().st_size)  # before reading it
            if too_big:
                sheet.bad(row, "gambar", f"item {item_id!r}: {name!r}: {too_big}")
                continue
            data = (folder / name).read_bytes()
        except OSError:
            sheet.bad(row, "gambar", f"image {name!r} not found next to the spreadsheet "
                      f"(in {folder})")
            continue
        media_name = f"{item_id}/{PurePath(name).name}"
        media[media_name] = data
        found.append(media_name)
    return tuple(found)


def _cell_html(sheet: _Sheet, row: Row, column: str, text: str) -> str:
    """A text cell in the rich-text subset: plain text, or HTML if it looks like HTML."""
    if not looks_like_html(text):
        return from_plain_text(text)
    cleaned = sanitize(text)
    for change in cleaned.changes:
        sheet.warn(row, column, change)
    if cleaned.images and not sheet.allow_images:
        sheet.bad(row, column, "images in text are not supported here: put the file name "
                  "in the gambar column")
    return cleaned.html


def _number(sheet: _Sheet, row: Row, column: str, default: float | None, *,
            grouped: bool = False) -> float | None:
    raw = sheet.get(row, column)
    if not raw:
        return default
    value = parse_number(raw, grouped=grouped)
    if value is None:
        sheet.bad(row, column, f"{raw!r} is not a number")
        return default
    return value


def _integer(sheet: _Sheet, row: Row, column: str, default: int) -> int:
    value = _number(sheet, row, column, None, grouped=True)
    if value is None:
        return default
    if not value.is_integer():
        sheet.bad(row, column, f"{sheet.get(row, column)!r} must be a whole number")
        return default
    return int(value)


_ID_GROUPED = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")  # 1.500 or 1.234,5


def parse_number(text: str, *, grouped: bool = False) -> float | None:
    """``2,5`` (Indonesian decimal comma) or ``2.5``; None if not a finite number.

    With `grouped`, ``1.500`` is Indonesian digit grouping (1500): right for whole-number
    columns such as word counts, where 1.5 makes no sense; a weight ``1.234`` stays 1.234.
    """
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if grouped and _ID_GROUPED.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


# ---------------------------------------------------------------- writing


def write_template(path: Path, *, catalog: CompetencyCatalog = DEFAULT_CATALOG) -> None:
    """An empty item sheet with example rows: XLSX for ``.xlsx``, UTF-8 CSV for ``.csv``."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx_template(path, catalog)
    elif suffix == ".csv":
        _write_csv(path, [c.name for c in COLUMNS], list(EXAMPLE_ROWS))
    else:
        raise InputError([Problem(str(path), "the template is written as .xlsx or .csv")])


def write_rows(path: Path, items: Iterable[Item]) -> None:
    """`items` as a CSV `read_spreadsheet` reads back to the same items.

    Media are written as bare file names: copy the files next to the CSV. Raises
    ValueError for an item the sheet cannot hold (more than five options, a rubric,
    a non-default likert scale).
    """
    _write_csv(path, [c.name for c in COLUMNS], [item_row(item) for item in items])


def item_row(item: Item) -> dict[str, str]:
    """One item as a row of the sheet, keyed by column name."""
    _check_fits(item)
    row = {"id": item.id, "tipe": str(item.type), "kompetensi": item.competency,
           "level": str(item.level), "topik": item.topic, "penulis": item.author,
           "status": str(item.review), "ditelaah_oleh": item.reviewed_by,
           "tanggal_telaah": item.reviewed_on, "tag": ", ".join(item.tags),
           "gambar": "; ".join(PurePath(m).name for m in item.media)}
    row["soal"] = html_to_cell(item.makalah.instructions if item.makalah else item.stem)
    weighted = item.type == ItemType.SJT or (
        item.type == ItemType.MC and any(o.weight != (1.0 if o.correct else 0.0)
                                         for o in item.options)) or (
        item.type == ItemType.MR and item.mr_scoring == MrScoring.PARTIAL)
    for opt in item.options:
        row[f"opsi_{opt.id.lower()}"] = html_to_cell(opt.text)
        if weighted:
            row[f"bobot_{opt.id.lower()}"] = _format_number(opt.weight)
    row["kunci"] = ",".join(o.id for o in item.options if o.correct)
    if item.type == ItemType.MR and item.mr_scoring == MrScoring.ALL_OR_NOTHING:
        row["poin"] = _format_number(item.points)
    if item.likert:
        row["skala"] = item.likert.scale
        row["terbalik"] = "ya" if item.likert.reverse else "tidak"
    if item.makalah:
        m = item.makalah
        row |= {"kasus": html_to_cell(m.case_material), "waktu_menit": str(m.time_limit_min),
                "kata_min": str(m.word_min), "kata_max": str(m.word_max)}
    return row


def _check_fits(item: Item) -> None:
    ids = [o.id for o in item.options]
    if ids != list(LETTERS[:len(ids)]):
        raise ValueError(f"{item.id}: option ids must be A, B, ... (at most five), not {ids}")
    if item.points != 1.0 and not (item.type == ItemType.MR
                                   and item.mr_scoring == MrScoring.ALL_OR_NOTHING):
        raise ValueError(f"{item.id}: points other than 1 fit only an all-or-nothing mr item")
    if item.type == ItemType.MAKALAH and item.stem:
        raise ValueError(f"{item.id}: a makalah's stem does not fit (soal is its instructions)")
    if item.makalah and item.makalah.rubric:
        raise ValueError(f"{item.id}: a rubric does not fit in the sheet")
    if item.likert and item.likert != LikertSpec(item.likert.scale, item.likert.reverse):
        raise ValueError(f"{item.id}: only the default five-point likert scale fits")
    if item.type == ItemType.MR and item.mr_scoring == MrScoring.ALL_OR_NOTHING and any(
            o.weight != (1.0 if o.correct else 0.0) for o in item.options):
        raise ValueError(f"{item.id}: all-or-nothing mr options weigh 1 (key) or 0")


def html_to_cell(text: str) -> str:
    """Subset HTML as the cell a person would type: plain text when that reads back."""
    if text.startswith("<p>") and text.endswith("</p>"):
        paragraphs = text[3:-4].split("</p><p>")
        plain = "\n\n".join(html.unescape(p.replace("<br>", "\n")) for p in paragraphs)
    else:
        plain = html.unescape(text.replace("<br>", "\n"))
    if from_plain_text(plain) == text and not looks_like_html(plain):
        return plain
    return text  # read back as HTML: it has tags or character references


def _format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    # BOM and ";" as Excel in an Indonesian locale expects them; read_csv takes both.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow([csv_text(name) for name in header])
        for row in rows:
            writer.writerow([csv_text(row.get(name, "")) for name in header])


def _write_xlsx_template(path: Path, catalog: CompetencyCatalog) -> None:
    from openpyxl import Workbook  # slow to import; only the XLSX template needs it
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook holds one sheet; `active` may be None
    sheet.title = SHEET
    append_row(sheet, [c.name for c in COLUMNS])
    for example in EXAMPLE_ROWS:
        append_row(sheet, [_xlsx_value(example.get(c.name, "")) for c in COLUMNS])
    bold, fill = Font(name="Calibri", bold=True), PatternFill("solid", fgColor="DDEBF7")
    for n, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=n)
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    example_font = Font(name="Calibri", italic=True, color="595959")
    example_fill = PatternFill("solid", fgColor="EDEDED")
    for row, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font, cell.fill = example_font, example_fill  # greyed: only an example
        # Not every program grows a row to fit wrapped text; make room for the examples.
        sheet.row_dimensions[row].height = 64
        sheet.cell(row=row, column=1).comment = Comment(
            EXAMPLE_NOTE, "Ujikom", width=260, height=90)
    sheet.freeze_panes = "A2"
    _add_typing_checks(sheet, {c.name: get_column_letter(n)
                               for n, c in enumerate(COLUMNS, start=1)})

    lists = book.create_sheet("daftar")
    _write_lists(lists, catalog)
    column_of = {c.name: get_column_letter(n) for n, c in enumerate(COLUMNS, start=1)}
    for list_column, (list_name, strict) in enumerate(
            [("tipe", True), ("kompetensi", False), ("status", True), ("terbalik", True)],
            start=1):
        count = len(_LIST_VALUES[list_name](catalog))
        letter = get_column_letter(list_column)
        validation = DataValidation(
            type="list", formula1=f"daftar!${letter}$2:${letter}${count + 1}",
            allow_blank=True, showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            error="Pilih dari daftar." if strict else "Bukan kompetensi BKN; pastikan "
            "sudah ditambahkan di bank.toml.")
        validation.add(f"{column_of[list_name]}2:{column_of[list_name]}1000")
        sheet.add_data_validation(validation)

    guide = book.create_sheet("petunjuk")
    append_row(guide, ["kolom", "wajib", "isi", "alias"])
    for column in COLUMNS:
        append_row(guide, [column.name, "ya" if column.required else "", column.help,
                           ", ".join(column.aliases)])
    append_row(guide, [])
    for note in GUIDE_NOTES:
        append_row(guide, ["catatan", "", note, ""])
    for cell in guide[1]:
        cell.font, cell.fill = bold, fill
    widths = (14, 7, 90, 30)
    for row, cells in enumerate(guide.iter_rows(min_row=2), start=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # Rows do not grow to fit wrapped text by themselves: give each its lines.
        lines = max(-(-len(str(c.value or "")) // int(w * 0.95))
                    for c, w in zip(cells, widths, strict=True))
        guide.row_dimensions[row].height = 15 * max(1, lines)
    for letter, width in zip("ABCD", widths, strict=True):
        guide.column_dimensions[letter].width = width
    guide.freeze_panes = "A2"
    for printed in (sheet, guide):  # printed landscape; the guide one page wide
        printed.page_setup.orientation = "landscape"
    guide.sheet_properties.pageSetUpPr.fitToPage = True
    guide.page_setup.fitToWidth, guide.page_setup.fitToHeight = 1, 0
    book.move_sheet("petunjuk", offset=-1)  # soal, petunjuk, daftar
    book.save(path)


EXAMPLE_NOTE = ("Baris contoh (id berawalan CONTOH-): tidak diimpor. Tulis soal Anda di "
                "baris kosong di bawahnya; baris contoh boleh dibiarkan atau dihapus.")
GUIDE_NOTES = (
    "Satu baris = satu soal. Isi mulai baris kosong pertama di bawah baris contoh.",
    "Baris abu-abu yang id-nya berawalan CONTOH- hanya contoh: tidak pernah masuk bank "
    "soal, dan laporan impor menyebutnya 'baris contoh dilewati'.",
    "Kolom tipe, kompetensi, level, status, terbalik dan kunci diperiksa saat diketik: "
    "kunci harus huruf pilihan (A-E) yang teksnya sudah diisi.",
    "Berkas yang punya kesalahan ditolak seluruhnya; pesan kesalahan menyebut baris dan "
    "kolomnya, dan bank soal tidak berubah.",
)


def _add_typing_checks(sheet, column_of: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Level 1-5 and a key that names filled options, refused as they are typed.

    A key that is not an option is the writer's commonest mistake; the import would
    refuse it too, but only after the whole sheet is written.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    level = DataValidation(type="whole", operator="between", formula1="1", formula2="5",
                           allow_blank=True, showErrorMessage=True, errorStyle="stop",
                           errorTitle="Level", error="Level sasaran: bilangan bulat 1-5.")
    level.add(f"{column_of['level']}2:{column_of['level']}1000")
    sheet.add_data_validation(level)
    key = column_of["kunci"]
    # Excel forbids array constants in a validation formula: one test per letter.
    filled = ",".join(f'OR(ISERROR(SEARCH("{c}",{key}2)),{column_of["opsi_" + c.lower()]}2<>"")'
                      for c in LETTERS)
    formula = f"AND(CODE(UPPER({key}2))>=65,CODE(UPPER({key}2))<=69,{filled})"
    check = DataValidation(type="custom", formula1=formula, allow_blank=True,
                           showErrorMessage=True, errorStyle="stop", errorTitle="Kunci",
                           error="Kunci harus huruf pilihan A-E yang teksnya sudah diisi "
                           "(opsi_a ... opsi_e), mis. B atau A,C.")
    check.add(f"{key}2:{key}1000")
    sheet.add_data_validation(check)


_LIST_VALUES: dict[str, Callable[[CompetencyCatalog], list[str]]] = {
    "tipe": lambda _c: ["mc", "mr", "sjt", "likert", "makalah"],
    "kompetensi": lambda c: c.keys(),
    "status": lambda _c: [s.value for s in ReviewStatus],
    "terbalik": lambda _c: ["ya", "tidak"],
}


def _write_lists(sheet, catalog: CompetencyCatalog) -> None:  # type: ignore[no-untyped-def]
    """The allowed values, one list per column, for the data validations to point at."""
    columns = [_LIST_VALUES[name](catalog) for name in _LIST_VALUES]
    append_row(sheet, list(_LIST_VALUES))
    for n in range(max(len(c) for c in columns)):
        append_row(sheet, [c[n] if n < len(c) else None for c in columns])
    sheet.sheet_state = "hidden"


def _xlsx_value(text: str) -> str | int:
    """Numbers as numbers, so Excel does not flag them as 'number stored as text'."""
    return int(text) if text.isdigit() else text
