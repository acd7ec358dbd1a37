"""Reading blueprint files: the documented example, and every bad input at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exam_bank.blueprint.model import (
    Blueprint,
    ExamInfo,
    SectionSpec,
    SelectRule,
    blueprint_to_dict,
)
from exam_bank.blueprint.read import blueprint_from_dict, read_blueprint
from exam_bank.items.model import ItemType
from exam_bank.problems import InputError

DOCS = Path(__file__).resolve().parents[3] / "docs" / "formats.md"
WHERE = "blueprints/x.toml"

# Line numbers matter: the cases below name the line each problem must be reported on.
BASE = """\
[exam]
id = "SELTER-2026"
title = "Seleksi Terbuka 2026"
agency = "Pemerintah Kota Contoh"

[[section]]
id = "manajerial"
title = "Manajerial"
kind = "items"
time_limit_min = 60
navigation = "free"
shuffle_items = true
shuffle_options = true

[[section.select]]
type = "sjt"
levels = [3, 4]
count = 3

[[section.select]]
items = ["PB-1", "PB-2"]

[[section]]
id = "makalah"
title = "Makalah"
kind = "makalah"
time_limit_min = 240
[[section.select]]
type = "makalah"
count = 1
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        read_blueprint(write(tmp_path, text), where=WHERE)
    return [str(p) for p in info.value.problems]


def mutate(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def documented_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Blueprint"):]
    match = re.search(r"```toml\n(.*?)```", section, re.S)
    assert match
    return match.group(1)


def test_reads_the_documented_example(tmp_path: Path) -> None:
    bp = read_blueprint(write(tmp_path, documented_example()))
    assert bp.exam == ExamInfo("SELTER-JPT-2026", "Seleksi Terbuka JPT Pratama Kota Contoh 2026",
                               "Pemerintah Kota Contoh", accommodation_extra_minutes=15)
    manajerial, makalah = bp.sections
    assert manajerial == SectionSpec(
        id="manajerial",
        title="Kompetensi Manajerial dan Sosial Kultural",
        kind="items",
        time_limit_min=60,
        navigation="free",
        shuffle_items=True,
        shuffle_options=True,
        rules=(
            SelectRule(count=3, type=ItemType.SJT, competency="integritas", levels=(3, 4)),
            SelectRule(count=2, items=("PB-MC-001", "PB-MC-002")),
        ),
    )
    assert makalah == SectionSpec("makalah", "Uji Gagasan: Makalah", "makalah", 240,
                                  rules=(SelectRule(count=1, type=ItemType.MAKALAH),))
    assert bp.scoring["level_cuts"] == [20, 40, 60, 80]
    assert [b["code"] for b in bp.scoring["jpm_band"]] == ["MS", "MMS", "KMS"]


def test_base_is_valid_and_defaults_apply(tmp_path: Path) -> None:
    bp = read_blueprint(write(tmp_path, BASE))
    makalah = bp.section("makalah")
    assert (makalah.navigation, makalah.shuffle_items, makalah.shuffle_options) == (
        "free", False, False)
    assert bp.scoring == {}


def test_normalises_levels_and_tags(tmp_path: Path) -> None:
    text = mutate("levels = [3, 4]", 'levels = [4, 3, 4]\ntags = ["tkp", "b", "tkp"]')
    rule = read_blueprint(write(tmp_path, text)).sections[0].rules[0]
    assert rule.levels == (3, 4)
    assert rule.tags == ("tkp", "b")


def test_dict_round_trip(tmp_path: Path) -> None:
    bp = read_blueprint(write(tmp_path, documented_example()))
    data = blueprint_to_dict(bp)
    assert blueprint_from_dict(data) == bp
    data["scoring"]["level_cuts"].append(99)  # the copy is the caller's own
    assert bp.scoring["level_cuts"] == [20, 40, 60, 80]


def test_accommodation_extra_time_is_optional_and_kept_out_of_old_packages(
        tmp_path: Path) -> None:
    """Absent: None, and the package's copy has no such key (its digest is unchanged)."""
    bp = read_blueprint(write(tmp_path, BASE))
    assert bp.exam.accommodation_extra_minutes is None
    assert "accommodation_extra_minutes" not in blueprint_to_dict(bp)["exam"]


def test_from_dict_validates_without_lines() -> None:
    bp = Blueprint(ExamInfo("E", "Ujian"),
                   (SectionSpec("s", "S", "items", 30, rules=(SelectRule(count=1),)),))
    data = blueprint_to_dict(bp)
    assert blueprint_from_dict(data) == bp
    data["section"][0]["select"][0]["count"] = 0
    data["section"][0]["time_limit_min"] = 0
    with pytest.raises(InputError) as info:
        blueprint_from_dict(data, where="package.json")
    assert [str(p) for p in info.value.problems] == [
        "package.json: section 's': time_limit_min must be between 1 and 480 minutes, not 0",
        "package.json: section 's': rule 1: count must be at least 1",
    ]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("count = 3", "count = 0",
     "18: section 'manajerial': rule 1: count must be at least 1"),
    ("count = 3", "count = -2",
     "18: section 'manajerial': rule 1: count must be at least 1"),
    ("count = 3", 'count = "3"',
     "18: section 'manajerial': rule 1: count must be a whole number, not text ('3')"),
    ("count = 3", "count = 2.5",
     "18: section 'manajerial': rule 1: count must be a whole number, not a number (2.5)"),
    ("count = 3\n", "",
     "15: section 'manajerial': rule 1: count is missing"),
    ("shuffle_items = true", "shufle_items = true",
     "12: section 'manajerial': unknown key 'shufle_items' (did you mean 'shuffle_items'?); "
     "known keys: id, title, kind, time_limit_min, navigation, shuffle_items, "
     "shuffle_options, select"),
    ("shuffle_items = true", 'shuffle_items = "yes"',
     "12: section 'manajerial': shuffle_items must be true or false, not text ('yes')"),
    ("levels = [3, 4]", "level = 3",
     "17: section 'manajerial': rule 1: unknown key 'level' (did you mean 'levels'?); "
     "known keys: type, competency, levels, topic, tags, count, items"),
    ("levels = [3, 4]", "levels = [3, 6]",
     "17: section 'manajerial': rule 1: levels must be between 1 and 5, not 6"),
    ("levels = [3, 4]", "levels = [0]",
     "17: section 'manajerial': rule 1: levels must be between 1 and 5, not 0"),
    ("levels = [3, 4]", "levels = []",
     "17: section 'manajerial': rule 1: levels is empty; leave it out to allow every level"),
    ("levels = [3, 4]", "levels = 3",
     "17: section 'manajerial': rule 1: levels must be a list such as [3, 4], "
     "not a whole number (3)"),
    ("levels = [3, 4]", 'tags = "tkp"',
     "17: section 'manajerial': rule 1: tags must be a list such as [\"A\", \"B\"], "
     "not text ('tkp')"),
    ('type = "sjt"', 'type = "essay"',
     "16: section 'manajerial': rule 1: type must be one of 'mc', 'mr', 'sjt', 'likert', "
     "'makalah', not 'essay'"),
    ('type = "sjt"', 'type = "makalah"',
     "16: section 'manajerial': rule 1: an items section cannot draw makalah items; "
     "put them in a section with kind = \"makalah\""),
    ('type = "makalah"', 'type = "sjt"',
     "29: section 'makalah': rule 1: a makalah section draws only makalah items, not sjt"),
    ('type = "sjt"', 'competency = ""',
     "16: section 'manajerial': rule 1: competency is empty"),
    ('items = ["PB-1", "PB-2"]', 'items = ["PB-1", "PB-2", "PB-1"]',
     "21: section 'manajerial': rule 2: item 'PB-1' is listed twice"),
    ('items = ["PB-1", "PB-2"]', "items = []",
     "21: section 'manajerial': rule 2: items is empty; list at least one item id"),
    ('items = ["PB-1", "PB-2"]', 'items = ["PB 1"]',
     "21: section 'manajerial': rule 2: item id 'PB 1' may only use letters, digits, '_', "
     "'.' or '-' (1-64, starting with a letter or digit)"),
    ('items = ["PB-1", "PB-2"]', 'items = ["PB-1", "PB-2"]\ncount = 2',
     "22: section 'manajerial': rule 2: a fixed list (items) is always included whole; "
     "remove count or put the filters in a rule of their own"),
    ('type = "makalah"\ncount = 1', 'items = ["PB-2"]',
     "29: section 'makalah': rule 1: item 'PB-2' is already listed in rule 2 of section "
     "'manajerial'; an item appears at most once on a form"),
    ("time_limit_min = 60", "time_limit_min = 0",
     "10: section 'manajerial': time_limit_min must be between 1 and 480 minutes, not 0"),
    ("time_limit_min = 60", "time_limit_min = 481",
     "10: section 'manajerial': time_limit_min must be between 1 and 480 minutes, not 481"),
    ("time_limit_min = 60\n", "",
     "6: section 'manajerial': time_limit_min is missing"),
    ('kind = "items"', 'kind = "essay"',
     "9: section 'manajerial': kind must be one of 'items', 'makalah', not 'essay'"),
    ('navigation = "free"', 'navigation = "back"',
     "11: section 'manajerial': navigation must be one of 'free', 'forward_only', "
     "not 'back'"),
    ('id = "manajerial"', 'id = "mana jerial"',
     "7: section 'mana jerial': id 'mana jerial' may only use letters, digits, '_', '.' or "
     "'-' (1-64, starting with a letter or digit)"),
    ('id = "makalah"', 'id = "manajerial"',
     "24: section 'manajerial': the id is already used by section 1; "
     "section ids must be unique"),
    ('id = "manajerial"\n', "",
     "6: section 1: id is missing"),
    ('title = "Makalah"', 'title = "  "',
     "25: section 'makalah': title is empty"),
    ('[[section.select]]\ntype = "makalah"\ncount = 1\n', "",
     "23: section 'makalah': no items are selected: add at least one [[section.select]]"),
    ('id = "SELTER-2026"', 'id = "SELTER 2026"',
     "2: exam: id 'SELTER 2026' may only use letters, digits, '_', '.' or '-' "
     "(1-64, starting with a letter or digit)"),
    ('title = "Seleksi Terbuka 2026"\n', "",
     "1: exam: title is missing"),
    ('agency = "Pemerintah Kota Contoh"', 'agency = "Pemkot"\ndate = "2026-05-01"',
     "5: exam: unknown key 'date'; known keys: id, title, agency, "
     "accommodation_extra_minutes, timezone"),
    ('agency = "Pemerintah Kota Contoh"', 'agency = "Pemkot"\ntimezone = "WITA"',
     "5: exam: timezone must be one of Asia/Jakarta, Asia/Makassar, Asia/Jayapura "
     "(WIB, WITA, WIT), not 'WITA'"),
    ('agency = "Pemerintah Kota Contoh"',
     'agency = "Pemkot"\naccommodation_extra_minutes = 0',
     "5: exam: accommodation_extra_minutes must be between 1 and 240 minutes, not 0"),
    ('agency = "Pemerintah Kota Contoh"',
     'agency = "Pemkot"\naccommodation_extra_minutes = 241',
     "5: exam: accommodation_extra_minutes must be between 1 and 240 minutes, not 241"),
    ("\n[[section]]\nid = \"manajerial\"", "\n[scorng]\nx = 1\n\n[[section]]\nid = \"manajerial\"",
     "6: unknown key 'scorng' (did you mean 'scoring'?); known keys: exam, section, scoring"),
])
def test_each_bad_input_is_reported_at_its_line(tmp_path: Path, old: str, new: str,
                                                 expected: str) -> None:
    assert problems_of(tmp_path, mutate(old, new)) == [f"{WHERE}:{expected}"]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = BASE.replace("count = 3", "count = 0").replace("time_limit_min = 240",
                                                          "time_limit_min = 999")
    text = text.replace('navigation = "free"', 'navigation = "back"')
    assert problems_of(tmp_path, text) == [
        f"{WHERE}:11: section 'manajerial': navigation must be one of 'free', "
        "'forward_only', not 'back'",
        f"{WHERE}:18: section 'manajerial': rule 1: count must be at least 1",
        f"{WHERE}:27: section 'makalah': time_limit_min must be between 1 and 480 minutes, "
        "not 999",
    ]


def test_no_sections(tmp_path: Path) -> None:
    text = BASE[:BASE.index("[[section]]")]
    assert problems_of(tmp_path, text) == [
        f"{WHERE}: the blueprint has no [[section]]; add at least one"]


def test_missing_exam_table(tmp_path: Path) -> None:
    text = BASE[BASE.index("[[section]]"):]
    assert problems_of(tmp_path, text) == [
        f"{WHERE}: the [exam] table is missing (id, title, agency)"]


def test_single_bracket_section(tmp_path: Path) -> None:
    text = BASE[:BASE.index("[[section]]")] + '[section]\nid = "s"\n'
    assert problems_of(tmp_path, text) == [
        f"{WHERE}:6: write each section as a [[section]] table (double brackets)"]


def test_single_bracket_select(tmp_path: Path) -> None:
    start = BASE.index("[[section]]\nid = \"makalah\"")
    text = BASE[:start] + BASE[start:].replace("[[section.select]]", "[section.select]")
    assert problems_of(tmp_path, text) == [
        f"{WHERE}:23: section 'makalah': write each selection rule as a [[section.select]] "
        "table (double brackets)"]


def test_scoring_must_be_a_table(tmp_path: Path) -> None:
    text = 'scoring = 5\n' + BASE
    assert problems_of(tmp_path, text) == [
        f"{WHERE}:1: scoring must be a table: write it as [scoring]"]


def test_syntax_error_names_its_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, mutate("count = 3", "count = = 3"))
    assert len(problems) == 1
    assert problems[0].startswith(f"{WHERE}:18: TOML syntax")
