"""Items as plain dicts: the shape of the bank's TOML files and of exam packages.

`item_to_dict` leaves out fields at their default so files stay short and diffs small;
`item_from_dict` reads one back, reporting each bad field instead of raising.
"""

from __future__ import annotations

from dataclasses import fields
from enum import StrEnum
from typing import Any, TypeVar, cast

from exam_bank.items.kinds import kind_of
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
    RubricCriterion,
)

_ITEM_DEFAULTS = {f.name: f.default for f in fields(Item) if f.default is not f.default_factory}
_T = TypeVar("_T")
_D = TypeVar("_D")
_LIKERT_DEFAULT = LikertSpec(scale="")  # its points and labels are the defaults
_MAKALAH_DEFAULT = MakalahSpec(case_material="", instructions="")


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def item_to_dict(item: Item) -> dict[str, Any]:
    d: dict[str, Any] = {"id": item.id, "type": str(item.type)}
    for name in ("competency", "level", "topic", "author", "review", "reviewed_by",
                 "reviewed_on"):
        value = getattr(item, name)
        if value != _ITEM_DEFAULTS.get(name) or name in ("competency", "level"):
            d[name] = str(value) if name == "review" else value
    if item.tags:
        d["tags"] = list(item.tags)
    d["stem"] = item.stem
    if item.media:
        d["media"] = list(item.media)
    d |= kind_of(item.type).encode(item)
    if item.options:
        d["options"] = [
            {"id": o.id, "text": o.text, "weight": _num(o.weight)}
            | ({"correct": True} if o.correct else {})
            for o in item.options
        ]
    if item.likert:
        lk = item.likert
        d["likert"] = {"scale": lk.scale}
        if lk.reverse:
            d["likert"]["reverse"] = True
        if lk.points != _LIKERT_DEFAULT.points or lk.labels != _LIKERT_DEFAULT.labels:
            d["likert"]["points"] = lk.points
            d["likert"]["labels"] = list(lk.labels)
    if item.makalah:
        m = item.makalah
        d["makalah"] = {
            "case_material": m.case_material,
            "instructions": m.instructions,
            "time_limit_min": m.time_limit_min,
            "word_min": m.word_min,
            "word_max": m.word_max,
            "rubric": [
                {"id": c.id, "title": c.title, "description": c.description,
                 "max_score": _num(c.max_score), "weight": _num(c.weight)}
                for c in m.rubric
            ],
        }
    return d


class _Reader:
    """Reads typed fields out of one item's dict, collecting (field, message) pairs."""

    def __init__(self, data: dict[str, Any], prefix: str = ""):
        self.data = data
        self.prefix = prefix
        self.errors: list[tuple[str, str]] = []

    def _get(self, key: str, kind: type[_T], default: _D, required: bool) -> _T | _D:
        if key not in self.data:
            if required:
                self.errors.append((self.prefix + key, "missing"))
            return default
        value = self.data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return cast(_T, float(value))
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            self.errors.append((self.prefix + key,
                                f"must be {kind.__name__}, not {type(value).__name__}"))
            return default
        return value

    def text(self, key: str, default: str = "", required: bool = False) -> str:
        return self._get(key, str, default, required)

    def integer(self, key: str, default: int = 0, required: bool = False) -> int:
        return self._get(key, int, default, required)

    def number(self, key: str, default: float = 0.0) -> float:
        return self._get(key, float, default, False)

    def flag(self, key: str, default: bool = False) -> bool:
        return self._get(key, bool, default, False)

    def array(self, key: str) -> list[Any]:
        empty: list[Any] = []
        return self._get(key, list, empty, False)

    def table(self, key: str) -> dict[str, Any] | None:
        return self._get(key, dict, None, False)

    def enum(self, key: str, enum: type[StrEnum], default: Any, required: bool = False) -> Any:
        raw = self.text(key, "", required)
        if not raw:
            return default
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            self.errors.append((self.prefix + key, f"{raw!r} is not one of: {allowed}"))
            return default

    def unknown_keys(self, known: set[str]) -> None:
        for key in self.data:
            if key not in known:
                self.errors.append((self.prefix + key, "unknown field"))


_ITEM_KEYS = {
    "id", "type", "stem", "competency", "level", "topic", "author", "review", "reviewed_by",
    "reviewed_on", "media",
    "options", "points", "mr_scoring", "likert", "makalah", "tags",
}


def item_from_dict(data: dict[str, Any]) -> tuple[Item | None, list[tuple[str, str]]]:
    """An item and the problems found reading it; the item is None if any were found."""
    r = _Reader(data)
    r.unknown_keys(_ITEM_KEYS)
    item_type = r.enum("type", ItemType, ItemType.MC, required=True)
    options = []
    for n, raw in enumerate(r.array("options"), start=1):
        if not isinstance(raw, dict):
            r.errors.append((f"options[{n}]", "must be a table"))
            continue
        o = _Reader(raw, f"options[{n}].")
        o.unknown_keys({"id", "text", "weight", "correct"})
        correct = o.flag("correct")
        weight = o.number("weight", 1.0 if correct else 0.0)
        options.append(Option(OptionId(o.text("id", required=True)),
                              o.text("text", required=True), weight, correct))
        r.errors.extend(o.errors)
    likert = None
    if (lk := r.table("likert")) is not None:
        lr = _Reader(lk, "likert.")
        lr.unknown_keys({"scale", "reverse", "points", "labels"})
        points = lr.integer("points", _LIKERT_DEFAULT.points)
        labels = lr.array("labels") or (
            list(_LIKERT_DEFAULT.labels) if points == _LIKERT_DEFAULT.points else []
        )
        likert = LikertSpec(lr.text("scale", required=True), lr.flag("reverse"), points,
                            tuple(str(x) for x in labels))
        r.errors.extend(lr.errors)
    makalah = None
    if (mk := r.table("makalah")) is not None:
        mr = _Reader(mk, "makalah.")
        mr.unknown_keys({"case_material", "instructions", "time_limit_min", "word_min",
                         "word_max", "rubric"})
        rubric = []
        for n, raw in enumerate(mr.array("rubric"), start=1):
            if not isinstance(raw, dict):
                r.errors.append((f"makalah.rubric[{n}]", "must be a table"))
                continue
            cr = _Reader(raw, f"makalah.rubric[{n}].")
            cr.unknown_keys({"id", "title", "description", "max_score", "weight"})
            rubric.append(RubricCriterion(
                cr.text("id", required=True), cr.text("title", required=True),
                cr.text("description"), cr.number("max_score", 5.0), cr.number("weight", 1.0)))
            r.errors.extend(cr.errors)
        makalah = MakalahSpec(mr.text("case_material"), mr.text("instructions", required=True),
                              mr.integer("time_limit_min", _MAKALAH_DEFAULT.time_limit_min),
                              mr.integer("word_min"), mr.integer("word_max"), tuple(rubric))
        r.errors.extend(mr.errors)
    item = Item(
        id=ItemId(r.text("id", required=True)),
        type=item_type,
        stem=r.text("stem", required=kind_of(item_type).stem_required),
        competency=r.text("competency", required=True),
        level=r.integer("level", 3),
        topic=r.text("topic"),
        author=r.text("author"),
        review=r.enum("review", ReviewStatus, ReviewStatus.DRAFT),
        reviewed_by=r.text("reviewed_by"),
        reviewed_on=r.text("reviewed_on"),
        media=tuple(str(m) for m in r.array("media")),
        options=tuple(options),
        points=r.number("points", 1.0),
        mr_scoring=r.enum("mr_scoring", MrScoring, MrScoring.ALL_OR_NOTHING),
        likert=likert,
        makalah=makalah,
        tags=tuple(str(t) for t in r.array("tags")),
    )
    if r.errors:
        return None, r.errors
    return item, []
