"""Reading `blueprints/<exam>.toml`, with every problem reported at its line.

The same validator reads a blueprint back from a package (`blueprint_from_dict`), where
there is no text and so no lines. Unknown keys are errors: a typo such as `shufle_items`
would otherwise silently leave the default in force.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, TypeVar

from exam_bank.blueprint.model import (
    ACCOMMODATION_RANGE,
    NAVIGATIONS,
    SECTION_KINDS,
    TIME_LIMIT_RANGE,
    Blueprint,
    ExamInfo,
    SectionSpec,
    SelectRule,
)
from exam_bank.competencies import LEVELS
from exam_bank.examzone import DEFAULT_ZONE, zone_problem
from exam_bank.items.model import ItemType
from exam_bank.items.validate import ID_PATTERN
from exam_bank.problems import Problems
from exam_bank.tomlfile import TomlDoc, read_toml

_T = TypeVar("_T")

_TOP_KEYS = ("exam", "section", "scoring")
_EXAM_KEYS = ("id", "title", "agency", "accommodation_extra_minutes", "timezone")
_SECTION_KEYS = ("id", "title", "kind", "time_limit_min", "navigation", "shuffle_items",
                 "shuffle_options", "select")
_FILTER_KEYS = ("type", "competency", "levels", "topic", "tags")
_RULE_KEYS = (*_FILTER_KEYS, "count", "items")

# A table header line, `[name]` or `[[name]]`; the name is captured without spaces.
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*\]\]?"
                     r"\s*(#.*)?$")

_ID_RULE = "may only use letters, digits, '_', '.' or '-' (1-64, starting with a letter or digit)"

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a table"}


def read_blueprint(path: Path, where: str | None = None) -> Blueprint:
    """Reads and validates a blueprint file; raises InputError listing every problem."""
    doc = read_toml(path, where)
    return blueprint_from_data(doc.data, doc.where, doc)


def blueprint_from_dict(data: dict[str, Any], where: str = "blueprint") -> Blueprint:
    """A blueprint from `blueprint_to_dict`'s shape (a package's copy); raises InputError
    like `read_blueprint`: one validator serves both."""
    return blueprint_from_data(data, where)


def blueprint_from_data(data: Any, where: str, doc: TomlDoc | None = None) -> Blueprint:
    """Validates parsed blueprint data (TOML shape); `doc`, when given, supplies lines."""
    problems = Problems(where)
    if not isinstance(data, dict):
        problems.add("a blueprint must be a table with [exam] and [[section]]s")
        problems.raise_if_any()
    loc = _Locator(doc, data)
    top = _Table(data, "", problems, loc, 0)
    top.unknown(_TOP_KEYS, table_lines=True)

    exam = _read_exam(data.get("exam"), problems, loc)
    sections = _read_sections(data.get("section"), problems, loc)

    scoring = data.get("scoring", {})
    if not isinstance(scoring, dict):
        problems.add("scoring must be a table: write it as [scoring]",
                     line=loc.key_in_block("scoring", 0))
        scoring = {}
    problems.raise_if_any()
    assert exam is not None  # no problems means the exam was read
    return Blueprint(exam, tuple(sections), scoring)


def _read_exam(raw: Any, problems: Problems, loc: _Locator) -> ExamInfo | None:
    line = loc.table_line("exam")
    if raw is None:
        problems.add("the [exam] table is missing (id, title, agency)")
        return None
    if not isinstance(raw, dict):
        problems.add("exam must be a table: write it as [exam]", line=loc.key_in_block("exam", 0))
        return None
    t = _Table(raw, "exam: ", problems, loc, line)
    t.unknown(_EXAM_KEYS)
    exam_id = t.string("id", required=True)
    if exam_id is not None and not ID_PATTERN.match(exam_id):
        t.fail(f"id {exam_id!r} {_ID_RULE}", "id")
    title = t.string("title", required=True)
    agency = t.string("agency", required=False, allow_empty=True)
    extra = t.integer("accommodation_extra_minutes")
    if extra is not None and extra not in ACCOMMODATION_RANGE:
        t.fail(f"accommodation_extra_minutes must be between {ACCOMMODATION_RANGE.start} and "
               f"{ACCOMMODATION_RANGE.stop - 1} minutes, not {extra}",
               "accommodation_extra_minutes")
        extra = None
    zone = t.string("timezone", required=False)
    if zone is not None and zone_problem(zone):
        t.fail(str(zone_problem(zone)), "timezone")
        zone = None
    if exam_id is None or title is None:
        return None
    return ExamInfo(exam_id, title, agency or "", extra, zone or DEFAULT_ZONE)


def _read_sections(raw: Any, problems: Problems, loc: _Locator) -> list[SectionSpec]:
    if raw is None:
        problems.add("the blueprint has no [[section]]; add at least one")
        return []
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        problems.add("write each section as a [[section]] table (double brackets)",
                     line=loc.table_line("section") or loc.key_in_block("section", 0))
        return []
    if not raw:
        problems.add("the blueprint has no [[section]]; add at least one")
        return []
    sections: list[SectionSpec] = []
    ids_seen: dict[str, int] = {}
    fixed_seen: dict[str, str] = {}  # item id -> where it was first listed
    for s_index, section in enumerate(raw):
        spec = _read_section(section, s_index, problems, loc, ids_seen, fixed_seen)
        if spec is not None:
            sections.append(spec)
    return sections


def _read_section(raw: dict[str, Any], s_index: int, problems: Problems, loc: _Locator,
                  ids_seen: dict[str, int], fixed_seen: dict[str, str]) -> SectionSpec | None:
    line = loc.section_line(s_index)
    sid = raw.get("id")
    label = f"section {sid!r}" if isinstance(sid, str) and sid else f"section {s_index + 1}"
    t = _Table(raw, f"{label}: ", problems, loc, line)
    before = len(problems.items)
    t.unknown(_SECTION_KEYS)

    section_id = t.string("id", required=True)
    if section_id is not None:
        if not ID_PATTERN.match(section_id):
            t.fail(f"id {section_id!r} {_ID_RULE}", "id")
        elif section_id in ids_seen:
            t.fail(f"the id is already used by section {ids_seen[section_id] + 1}; "
                   "section ids must be unique", "id")
        else:
            ids_seen[section_id] = s_index
    title = t.string("title", required=True)
    kind = t.choice("kind", SECTION_KINDS, default="items")
    navigation = t.choice("navigation", NAVIGATIONS, default="free")
    time_limit = t.integer("time_limit_min", required=True)
    if time_limit is not None and time_limit not in TIME_LIMIT_RANGE:
        t.fail(f"time_limit_min must be between {TIME_LIMIT_RANGE.start} and "
               f"{TIME_LIMIT_RANGE.stop - 1} minutes, not {time_limit}", "time_limit_min")
        time_limit = None
    shuffle_items = t.boolean("shuffle_items")
    shuffle_options = t.boolean("shuffle_options")

    rules: list[SelectRule] = []
    selects = raw.get("select")
    if selects is None or selects == []:
        t.fail("no items are selected: add at least one [[section.select]]")
    elif not isinstance(selects, list) or not all(isinstance(r, dict) for r in selects):
        t.fail("write each selection rule as a [[section.select]] table (double brackets)",
               "select")
    else:
        for r_index, rule_raw in enumerate(selects):
            rule = _read_rule(rule_raw, f"{label}: rule {r_index + 1}",
                              f"rule {r_index + 1} of {label}", kind,
                              problems, loc, loc.rule_line(s_index, r_index), fixed_seen)
            if rule is not None:
                rules.append(rule)

    if len(problems.items) > before:
        return None  # its problems are recorded; the blueprint will not be built
    assert section_id and title and kind and navigation and time_limit
    return SectionSpec(section_id, title, kind, time_limit, navigation,  # type: ignore[arg-type]
                       shuffle_items, shuffle_options, tuple(rules))


def _read_rule(raw: dict[str, Any], label: str, name: str, kind: str | None,
               problems: Problems, loc: _Locator, line: int | None,
               fixed_seen: dict[str, str]) -> SelectRule | None:
    """One [[section.select]]; `label` prefixes messages, `name` refers to it in others'."""
    t = _Table(raw, f"{label}: ", problems, loc, line)
    t.unknown(_RULE_KEYS)
    before = len(problems.items)

    if "items" in raw:
        extra = [k for k in (*_FILTER_KEYS, "count") if k in raw]
        if extra:
            t.fail(f"a fixed list (items) is always included whole; remove {', '.join(extra)} "
                   "or put the filters in a rule of their own", extra[0])
        ids = t.str_list("items")
        if ids is not None and not ids:
            t.fail("items is empty; list at least one item id", "items")
        for item_id in ids or ():
            if not ID_PATTERN.match(item_id):
                t.fail(f"item id {item_id!r} {_ID_RULE}", "items")
            elif item_id in fixed_seen:
                where = fixed_seen[item_id]
                t.fail(f"item {item_id!r} is listed twice" if where == name else
                       f"item {item_id!r} is already listed in {where}; an item appears at "
                       "most once on a form", "items")
            else:
                fixed_seen[item_id] = name
        if len(problems.items) > before or not ids:
            return None
        return SelectRule.fixed(ids)

    count = t.integer("count", required=True)
    if count is not None and count < 1:
        t.fail("count must be at least 1", "count")
    item_type = t.choice("type", tuple(str(x) for x in ItemType), default=None)
    if item_type == ItemType.MAKALAH and kind == "items":
        t.fail("an items section cannot draw makalah items; put them in a section with "
               "kind = \"makalah\"", "type")
    elif item_type is not None and item_type != ItemType.MAKALAH and kind == "makalah":
        t.fail(f"a makalah section draws only makalah items, not {item_type}", "type")
    competency = t.string("competency", required=False)
    topic = t.string("topic", required=False)
    levels = t.int_list("levels")
    if levels is not None:
        if not levels:
            t.fail("levels is empty; leave it out to allow every level", "levels")
        for level in levels:
            if level not in LEVELS:
                t.fail(f"levels must be between {LEVELS.start} and {LEVELS.stop - 1}, "
                       f"not {level}", "levels")
    tags = t.str_list("tags")
    for tag in tags or ():
        if not tag.strip():
            t.fail("tags cannot hold an empty tag", "tags")
    if len(problems.items) > before:
        return None
    assert count is not None
    return SelectRule(
        count=count,
        type=ItemType(item_type) if item_type else None,
        competency=competency,
        levels=tuple(sorted(set(levels or ()))),
        topic=topic,
        tags=tuple(dict.fromkeys(tags or ())),  # drop repeats, keep the author's order
    )


class _Locator:
    """Finds the lines of tables and keys in the TOML text; None without text or a match."""

    def __init__(self, doc: TomlDoc | None, data: dict[str, Any]):
        self.doc = doc
        self.headers: list[tuple[int, str, bool]] = []  # (line, name, is array table)
        self.sections: list[int] = []
        self.rules: list[list[int]] = []
        if doc is None:
            return
        for n, text in enumerate(doc.text.splitlines(), 1):
            if m := _HEADER.match(text):
                name = re.sub(r"\s+", "", m.group(2))
                self.headers.append((n, name, m.group(1) == "[["))
        self.sections = [n for n, name, arr in self.headers if arr and name == "section"]
        raw_sections = data.get("section")
        if not isinstance(raw_sections, list) or len(raw_sections) != len(self.sections):
            self.sections = []  # inline tables or odd layout: guessing would mislead
            return
        self.rules = [[] for _ in self.sections]
        for n, name, arr in self.headers:
            if arr and name == "section.select":
                owner = sum(1 for s in self.sections if s < n) - 1
                if owner >= 0:
                    self.rules[owner].append(n)
        for i, raw in enumerate(raw_sections):
            selects = raw.get("select") if isinstance(raw, dict) else None
            if not isinstance(selects, list) or len(selects) != len(self.rules[i]):
                self.rules[i] = []

    def table_line(self, name: str) -> int | None:
        return next((n for n, h, arr in self.headers if h == name and not arr), None)

    def section_line(self, index: int) -> int | None:
        return self.sections[index] if index < len(self.sections) else None

    def rule_line(self, s_index: int, r_index: int) -> int | None:
        if s_index < len(self.rules) and r_index < len(self.rules[s_index]):
            return self.rules[s_index][r_index]
        return self.section_line(s_index)

    def key_in_block(self, key: str, start: int | None) -> int | None:
        """The line assigning `key` between header line `start` (0: top) and the next header."""
        if self.doc is None or start is None:
            return None
        end = next((n for n, _, _ in self.headers if n > start), None)
        found = self.doc.key_line(key, start + 1)
        if found is not None and (end is None or found < end):
            return found
        return start or None


class _Table:
    """Typed access to one table's keys; each problem is recorded with its line."""

    def __init__(self, data: dict[str, Any], context: str, problems: Problems,
                 loc: _Locator, line: int | None):
        self.data = data
        self.context = context
        self.problems = problems
        self.loc = loc
        self.line = line

    def fail(self, message: str, key: str | None = None) -> None:
        line = self.loc.key_in_block(key, self.line) if key else self.line
        self.problems.add(self.context + message, line=line)

    def unknown(self, allowed: tuple[str, ...], table_lines: bool = False) -> None:
        for key in self.data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            line = self.loc.key_in_block(key, self.line)
            if table_lines:
                line = self.loc.table_line(key) or line
            self.problems.add(f"{self.context}unknown key {key!r}{hint}; known keys: "
                              f"{', '.join(allowed)}", line=line)

    def _typed(self, key: str, kind: type[_T], required: bool) -> _T | None:
        if key not in self.data:
            if required:
                self.fail(f"{key} is missing")
            return None
        value = self.data[key]
        # bool is an int in Python, but `count = true` is a mistake, not a 1.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            self.fail(f"{key} must be {_TYPE_NAMES[kind]}, not {_describe(value)}", key)
            return None
        return value

    def string(self, key: str, required: bool, allow_empty: bool = False) -> str | None:
        value = self._typed(key, str, required)
        if value is not None and not allow_empty and not value.strip():
            self.fail(f"{key} is empty", key)
            return None
        return value

    def integer(self, key: str, required: bool = False) -> int | None:
        return self._typed(key, int, required)

    def boolean(self, key: str) -> bool:
        return bool(self._typed(key, bool, False))

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None) -> str | None:
        value = self._typed(key, str, False)
        if key not in self.data:
            return default
        if value not in allowed:
            if value is not None:
                self.fail(f"{key} must be one of {', '.join(map(repr, allowed))}, "
                          f"not {value!r}", key)
            return None
        return value

    def str_list(self, key: str) -> list[str] | None:
        return self._list(key, str, '["A", "B"]')

    def int_list(self, key: str) -> list[int] | None:
        return self._list(key, int, "[3, 4]")

    def _list(self, key: str, kind: type, example: str) -> list[Any] | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if not isinstance(value, list):
            self.fail(f"{key} must be a list such as {example}, not {_describe(value)}", key)
            return None
        bad = [v for v in value if not isinstance(v, kind) or isinstance(v, bool)]
        if bad:
            self.fail(f"{key} must hold only {_TYPE_NAMES[kind]} values, not "
                      f"{_describe(bad[0])}", key)
            return None
        return value


def _describe(value: Any) -> str:
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return name
    return f"{name} ({value!r})"
