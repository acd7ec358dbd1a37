"""The blueprint's [scoring] table: defaults, reading, every bad field reported."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from exam_bank.problems import InputError
from exam_bank.scoring import (
    DEFAULT_JPM_BANDS,
    JpmBand,
    ScoringConfig,
    jpm_band,
    scoring_config_from_dict,
    scoring_config_to_dict,
)

BLUEPRINT_SCORING = """
[scoring]
level_cuts = [20, 40, 60, 80]
jpm_cap_at_standard = false
potential_source = "jpm"
potential_cuts = [70, 90]
performance_cuts = [70, 90]
[[scoring.jpm_band]]
code = "MS"
label = "Memenuhi Syarat"
min = 80
[[scoring.jpm_band]]
code = "MMS"
label = "Masih Memenuhi Syarat"
min = 68
[[scoring.jpm_band]]
code = "KMS"
label = "Kurang Memenuhi Syarat"
min = 0
"""


def problems(data: dict[str, Any]) -> dict[str | None, str]:
    with pytest.raises(InputError) as caught:
        scoring_config_from_dict(data, "blueprints/selter.toml")
    assert all(p.where == "blueprints/selter.toml" for p in caught.value.problems)
    found: dict[str | None, str] = {}
    for p in caught.value.problems:  # a field with two problems: both messages, joined
        found[p.field] = f"{found[p.field]}; {p.message}" if p.field in found else p.message
    return found


def test_defaults_are_the_documented_ones() -> None:
    c = ScoringConfig()
    assert c.level_cuts == (20, 40, 60, 80)
    assert [(b.code, b.label, b.min) for b in c.jpm_bands] == [
        ("MS", "Memenuhi Syarat", 80),
        ("MMS", "Masih Memenuhi Syarat", 68),
        ("KMS", "Kurang Memenuhi Syarat", 0),
    ]
    assert c.jpm_cap_at_standard is False
    assert c.potential_source == "jpm"
    assert c.potential_cuts == (70, 90) and c.performance_cuts == (70, 90)


def test_the_documented_table_reads_as_the_defaults() -> None:
    data = tomllib.loads(BLUEPRINT_SCORING)["scoring"]
    assert scoring_config_from_dict(data, "b.toml") == ScoringConfig()


def test_an_empty_table_gives_the_defaults() -> None:
    assert scoring_config_from_dict({}, "b.toml") == ScoringConfig()


def test_the_alternative_band_set_is_expressible() -> None:
    # Some mappings: optimal >= 90, cukup 78-<90, kurang < 78.
    data = tomllib.loads("""
        potential_cuts = [60, 80]
        jpm_cap_at_standard = true
        [[jpm_band]]
        code = "OPT"
        label = "Optimal"
        min = 90
        [[jpm_band]]
        code = "CKP"
        label = "Cukup"
        min = 78
        [[jpm_band]]
        code = "KRG"
        label = "Kurang"
        min = 0
    """)
    c = scoring_config_from_dict(data, "b.toml")
    assert c.potential_cuts == (60, 80) and c.jpm_cap_at_standard is True
    assert jpm_band(90, c.jpm_bands).code == "OPT"
    assert jpm_band(89.99, c.jpm_bands).code == "CKP"
    assert jpm_band(78, c.jpm_bands).code == "CKP"
    assert jpm_band(77.99, c.jpm_bands).code == "KRG"
    assert jpm_band(0, c.jpm_bands).code == "KRG"


def test_round_trip_through_the_dict_shape() -> None:
    c = ScoringConfig(level_cuts=(10, 30.5, 55, 75), jpm_cap_at_standard=True,
                      potential_source="scales", performance_cuts=(60, 80),
                      jpm_bands=(JpmBand("A", "Atas", 50), JpmBand("B", "Bawah", 0)))
    d = scoring_config_to_dict(c)
    assert d["level_cuts"] == [10, 30.5, 55, 75]
    assert d["jpm_band"][0] == {"code": "A", "label": "Atas", "min": 50}
    assert scoring_config_from_dict(d, "b.toml") == c


def test_unknown_keys_are_errors() -> None:
    found = problems({"level_cut": [20, 40, 60, 80],
                      "jpm_band": [{"code": "X", "label": "X", "min": 0, "max": 100}]})
    assert found == {"scoring.level_cut": "unknown field",
                     "scoring.jpm_band[1].max": "unknown field"}


def test_every_bad_field_is_reported_at_once() -> None:
    found = problems({
        "level_cuts": [20, 40, 60],
        "potential_cuts": [90, 70],
        "performance_cuts": [0, 101],
        "potential_source": "kinerja",
        "jpm_cap_at_standard": "no",
    })
    assert set(found) == {"scoring.level_cuts", "scoring.potential_cuts",
                          "scoring.performance_cuts", "scoring.potential_source",
                          "scoring.jpm_cap_at_standard"}
    assert "exactly 4" in found["scoring.level_cuts"]
    assert "ascending" in found["scoring.potential_cuts"]
    assert "0..100" in found["scoring.performance_cuts"]
    assert "'kinerja'" in found["scoring.potential_source"]


@pytest.mark.parametrize("cuts, message", [
    ([20, 40, 40, 80], "ascending"),
    ([20, 40, 60, "80"], "numbers"),
    ([20, 40, 60, True], "numbers"),
    ([-1, 40, 60, 80], "0..100"),
    ([20, 40, 60, 80, 90], "exactly 4"),
])
def test_bad_level_cuts(cuts: list[Any], message: str) -> None:
    assert message in problems({"level_cuts": cuts})["scoring.level_cuts"]


def test_cuts_must_be_a_list() -> None:
    assert "list" in problems({"level_cuts": 20})["scoring.level_cuts"]


def test_bands_out_of_order_or_without_a_floor() -> None:
    found = problems({"jpm_band": [{"code": "B", "label": "b", "min": 68},
                                   {"code": "A", "label": "a", "min": 80}]})
    assert "highest first" in found["scoring.jpm_band"]
    assert "min = 0" in found["scoring.jpm_band"]
    found = problems({"jpm_band": [{"code": "A", "label": "a", "min": 80},
                                   {"code": "B", "label": "b", "min": 10}]})
    assert "min = 0" in found["scoring.jpm_band"]


def test_band_codes_must_be_unique() -> None:
    found = problems({"jpm_band": [{"code": "MS", "label": "a", "min": 80},
                                   {"code": "MS", "label": "b", "min": 0}]})
    assert "repeat: MS" in found["scoring.jpm_band"]


def test_bad_band_fields_name_the_band() -> None:
    found = problems({"jpm_band": [{"code": "MS", "label": 5, "min": "80"},
                                   {"label": "b", "min": 0},
                                   "KMS"]})
    assert found == {
        "scoring.jpm_band[1].label": "must be str, not int",
        "scoring.jpm_band[1].min": "must be a number, not str",
        "scoring.jpm_band[2].code": "missing",
        "scoring.jpm_band[3]": "must be a table",
    }


def test_no_bands_at_all() -> None:
    assert "at least one" in problems({"jpm_band": []})["scoring.jpm_band"]


def test_direct_construction_checks_too() -> None:
    with pytest.raises(ValueError, match="level_cuts"):
        ScoringConfig(level_cuts=(80, 60, 40, 20))
    with pytest.raises(ValueError, match="jpm_band"):
        ScoringConfig(jpm_bands=(*DEFAULT_JPM_BANDS[:2],))
