"""The floors in pyproject.toml cover the APIs the code uses."""

from __future__ import annotations

from pathlib import Path

from tests.dependency_floors import API_SINCE, ROOT, constraints, floors, version_tuple

SOURCES = ("exam_bank", "kiosk", "proctor", "ujikom")


def _code() -> str:
    return "\n".join(p.read_text("utf-8") for d in SOURCES for p in (ROOT / d).rglob("*.py"))


def test_every_floor_covers_the_apis_the_code_uses() -> None:
    code, have = _code(), floors()
    too_low = [f"{package}>={have.get(package)} but the code uses {api} (since {since})"
               for package, apis in API_SINCE.items() for api, since in apis.items()
               if api in code and version_tuple(have.get(package, "0")) < version_tuple(since)]
    assert not too_low, too_low


def test_the_issue_s_case_would_be_caught(tmp_path: Path) -> None:
    """`cryptography>=42` with the code using 45.0's ExtensionPolicy: what the issue found."""
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    old = tmp_path / "pyproject.toml"
    old.write_text(text.replace(f'"cryptography>={floors()["cryptography"]}"',
                                '"cryptography>=42"'), "utf-8")
    assert floors(old)["cryptography"] == "42"
    assert version_tuple("42") < version_tuple(API_SINCE["cryptography"]["ExtensionPolicy"])
    assert "ExtensionPolicy" in _code()


def test_the_floor_constraints_pin_each_series() -> None:
    lines = constraints().splitlines()
    assert f"cryptography=={floors()['cryptography']}.*" in lines
    assert any(line.startswith("pyside6-essentials==") for line in lines)
