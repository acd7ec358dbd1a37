"""The [proctor] table of kiosk.toml: defaults from the kiosk folder, every bad field named."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_bank.problems import InputError
from kiosk.link.config import KEY_PASSPHRASE_ENV, LinkConfigError, link_config, parse_address


def test_a_good_table_with_defaults_from_the_kiosk_folder(tmp_path: Path) -> None:
    config = link_config({"address": "192.168.10.1:7443", "kiosk_id": "LAB1-PC07",
                          "seat": "A07", "dir": "kiosk"}, "kiosk.toml", tmp_path)
    assert (config.host, config.port, config.kiosk_id, config.seat) == (
        "192.168.10.1", 7443, "LAB1-PC07", "A07")
    assert config.cert == tmp_path / "kiosk" / "kiosk.crt"
    assert config.key == tmp_path / "kiosk" / "kiosk.key"
    assert config.ca == tmp_path / "kiosk" / "ca.crt"
    assert config.data == tmp_path / "kiosk" / "data"
    assert not config.discover
    assert config.passphrase({KEY_PASSPHRASE_ENV: "rahasia"}) == b"rahasia"


def test_discover_and_ipv6() -> None:
    assert link_config({"address": "discover", "kiosk_id": "PC1", "seat": "1"}).discover
    assert parse_address("[fe80::1]:7443") == ("fe80::1", 7443)


def test_every_bad_field_is_named_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        link_config({"address": "proctor-pc", "kiosk_id": "PC 07!", "seat": 7,
                     "colour": "blue"}, str(tmp_path / "kiosk.toml"))
    fields = {p.field for p in caught.value.problems}
    assert fields == {"proctor.address", "proctor.kiosk_id", "proctor.seat",
                      "proctor.colour"}
    assert str(tmp_path / "kiosk.toml") in str(caught.value)


def test_missing_fields_and_no_passphrase(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        link_config({})
    assert {p.field for p in caught.value.problems} == {
        "proctor.address", "proctor.kiosk_id", "proctor.seat"}
    config = link_config({"address": "h:1", "kiosk_id": "PC1", "seat": "1",
                          "passphrase_file": str(tmp_path / "none.txt")})
    with pytest.raises(LinkConfigError, match=r"none\.txt"):
        config.passphrase({})
    with pytest.raises(LinkConfigError, match=KEY_PASSPHRASE_ENV):
        link_config({"address": "h:1", "kiosk_id": "PC1", "seat": "1"}).passphrase({})


def test_a_typo_in_the_proctor_table_of_kiosk_toml_is_named_at_its_line_once(
        tmp_path: Path) -> None:
    """`adress = …` said 'kiosk.toml: proctor.adress: proctor.adress: unknown setting', with
    no line (the [lockdown] table's problems had theirs)."""
    from kiosk.config import load_config

    path = tmp_path / "kiosk.toml"
    path.write_text('[lockdown]\nallow_vm = false\n\n[proctor]\nadress = "10.0.0.1:7443"\n'
                    'kiosk_id = "PC-07"\nseat = "A1"\n', "utf-8")
    config = load_config(path)
    with pytest.raises(InputError) as caught:
        link_config(config.proctor, str(path), tmp_path, config.proctor_lines)
    missing, typo = sorted(caught.value.problems, key=lambda p: p.field or "")
    assert str(typo).startswith(f"{path}:5: proctor.adress: unknown setting")
    assert str(missing) == f"{path}: proctor.address: missing"  # no line to point at
