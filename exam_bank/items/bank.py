"""The item bank on disk: a folder of TOML files an admin can read, diff and review.

Layout (see docs/formats.md): ``bank.toml``, ``items/*.toml`` holding ``[[item]]``
tables, ``media/`` for images, ``blueprints/`` for test designs. Loading checks every
item and reports every problem as ``FILE:LINE: message``; adding items is
all-or-nothing and never rewrites what an admin wrote by hand (new items are appended).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from exam_bank.competencies import Competency, CompetencyCatalog, CompetencyGroup
from exam_bank.fsutil import atomic_write
from exam_bank.items.codec import item_from_dict, item_to_dict
from exam_bank.items.limits import image_problem
from exam_bank.items.media import image_data_problem, safe_media_name
from exam_bank.items.model import Item
from exam_bank.items.validate import check_item
from exam_bank.problems import InputError, Problem
from exam_bank.tomlfile import TomlDoc, read_toml

BANK_FILE = "bank.toml"
ITEMS_DIR = "items"
MEDIA_DIR = "media"
BLUEPRINTS_DIR = "blueprints"


@dataclass(frozen=True)
class ItemSource:
    file: str  # path relative to the bank folder
    line: int


@dataclass
class Bank:
    root: Path
    name: str
    catalog: CompetencyCatalog
    items: dict[str, Item] = field(default_factory=dict)
    sources: dict[str, ItemSource] = field(default_factory=dict)

    def media_path(self, name: str) -> Path:
        return self.root / MEDIA_DIR / name

    def read_media(self, names: Iterable[str]) -> dict[str, bytes]:
        return {n: self.media_path(n).read_bytes() for n in names}


def init_bank(root: Path, name: str) -> None:
    """Create an empty bank folder; refuses to touch an existing one."""
    if (root / BANK_FILE).exists():
        raise InputError([Problem(str(root / BANK_FILE), "a bank already exists here")])
    for sub in (ITEMS_DIR, MEDIA_DIR, BLUEPRINTS_DIR):
        (root / sub).mkdir(parents=True, exist_ok=True)
    atomic_write(root / BANK_FILE, tomli_w.dumps({"bank": {"name": name}}).encode())


def load_bank(root: Path) -> Bank:
    """Read and check the whole bank; InputError lists every problem found."""
    problems: list[Problem] = []
    name, catalog = _read_bank_file(root, problems)
    bank = Bank(root, name, catalog)
    for path in sorted((root / ITEMS_DIR).glob("*.toml")):
        rel = path.relative_to(root).as_posix()
        try:
            doc = read_toml(path, rel)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for item, line in _items_in(doc, catalog, problems):
            if item.id in bank.items:
                first = bank.sources[item.id]
                problems.append(Problem(rel, f"item id {item.id!r} is already used at "
                                        f"{first.file}:{first.line}", line=line))
                continue
            missing = [m for m in item.media if not bank.media_path(m).is_file()]
            if missing:
                problems.append(Problem(rel, f"item {item.id!r}: media not found in "
                                        f"{MEDIA_DIR}/: {', '.join(missing)}", line=line))
            for name in set(item.media) - set(missing):
                too_big = image_problem(bank.media_path(name).stat().st_size)
                if too_big:
                    problems.append(Problem(rel, f"item {item.id!r}: media {name!r}: "
                                            f"{too_big}", line=line))
            bank.items[item.id] = item
            bank.sources[item.id] = ItemSource(rel, line)
    if problems:
        raise InputError(problems)
    return bank


def _read_bank_file(root: Path, problems: list[Problem]) -> tuple[str, CompetencyCatalog]:
    path = root / BANK_FILE
    if not path.is_file():
        # "." is what a command without --bank reads: name the folder it looked in.
        raise InputError([Problem(str(path), f"{root.resolve()} is not an item bank: "
                                  "bank.toml is missing (give the bank's folder with "
                                  "--bank, or create one with `ujikom bank init`)")])
    doc = read_toml(path, BANK_FILE)
    name = str(doc.data.get("bank", {}).get("name", root.name))
    extra = []
    lines = doc.header_lines("competency")
    for n, raw in enumerate(doc.data.get("competency", [])):
        line = lines[n] if n < len(lines) else None
        try:
            extra.append(Competency(str(raw["key"]), str(raw.get("name", raw["key"])),
                                    CompetencyGroup(raw.get("group", "teknis"))))
        except (KeyError, ValueError, TypeError) as exc:
            problems.append(Problem(BANK_FILE, f"competency: bad or missing {exc}", line=line))
    return name, CompetencyCatalog(tuple(extra))


def _items_in(doc: TomlDoc, catalog: CompetencyCatalog,
              problems: list[Problem]) -> Iterable[tuple[Item, int]]:
    raw_items = doc.data.get("item", [])
    unknown = sorted(set(doc.data) - {"item"})
    if unknown:
        problems.append(Problem(doc.where, f"unknown top-level keys: {', '.join(unknown)} "
                                "(items are [[item]] tables)", line=1))
    if not isinstance(raw_items, list):
        problems.append(Problem(doc.where, "'item' must be written as [[item]] tables"))
        return
    lines = doc.header_lines("item")
    for n, raw in enumerate(raw_items):
        line = lines[n] if n < len(lines) else 1
        item, errors = item_from_dict(raw)
        if item is not None:
            errors = check_item(item, catalog)
        label = f"item {raw.get('id', f'#{n + 1}')!r}"
        for field_name, message in errors:
            problems.append(Problem(doc.where, f"{label}: {field_name}: {message}", line=line))
        if item is not None and not errors:
            yield item, line


def items_to_toml(items: Iterable[Item], comment: str = "") -> str:
    """`[[item]]` tables as an admin would write them (long text as multi-line strings)."""
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    body = tomli_w.dumps({"item": [item_to_dict(i) for i in items]}, multiline_strings=True)
    return head + body


def check_new_items(bank: Bank, items: Iterable[Item], media: Mapping[str, bytes],
                    source: str) -> list[Problem]:
    """Everything that would stop `add_items` storing these items in this bank."""
    items = list(items)
    problems: list[Problem] = []
    for item in items:
        if item.id in bank.items:
            first = bank.sources[item.id]
            problems.append(Problem(source, f"item id {item.id!r} is already in the bank "
                                    f"({first.file}:{first.line})", field=item.id))
        for field_name, message in check_item(item, bank.catalog):
            problems.append(Problem(source, f"item {item.id!r}: {field_name}: {message}"))
    users = {m: item.id for item in items for m in item.media}
    for item in items:
        missing = [m for m in item.media if m not in media and not bank.media_path(m).is_file()]
        if missing:
            problems.append(Problem(source, f"item {item.id!r}: picture not in the file nor "
                                    f"in the bank's {MEDIA_DIR}/: {', '.join(missing)}",
                                    field=item.id))
    for name, data in media.items():
        unreadable = image_data_problem(data)
        if unreadable:
            owner = f"item {users[name]!r}: " if name in users else ""
            problems.append(Problem(source, f"{owner}media {name!r}: {unreadable}"))
        if not safe_media_name(name):
            problems.append(Problem(source, f"media name {name!r} is not a safe relative path"))
        elif bank.media_path(name).exists() and bank.media_path(name).read_bytes() != data:
            problems.append(Problem(source, f"media {name!r} already exists with other content"))
    return problems


def add_items(bank: Bank, items: Iterable[Item], media: Mapping[str, bytes],
              source: str) -> list[Path]:
    """Store new items (and their media) in the bank, or nothing at all.

    Items are grouped by topic into ``items/<topic>.toml``, appended after what is
    there. Any clash with the bank (an id already used, a media file that differs,
    an unknown competency) raises InputError before a single byte is written.
    """
    items = list(items)
    problems = check_new_items(bank, items, media, source)
    if problems:
        raise InputError(problems)
    by_file: dict[Path, list[Item]] = {}
    for item in items:
        by_file.setdefault(bank.root / ITEMS_DIR / f"{_slug(item.topic)}.toml", []).append(item)
    written = []
    for path, group in by_file.items():
        old = path.read_text("utf-8") if path.exists() else ""
        sep = "\n" if old and not old.endswith("\n\n") else ""
        new = old + sep + items_to_toml(group, f"Imported from {Path(source).name}")
        atomic_write(path, new.encode("utf-8"))
        written.append(path)
    for name, data in media.items():
        atomic_write(bank.media_path(name), data)
    for item in items:
        bank.items[item.id] = item
    return written


def _slug(topic: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")
    return slug or "umum"
