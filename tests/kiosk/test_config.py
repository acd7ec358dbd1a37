"""kiosk.toml: good settings load; every bad one is named by file, line and field."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from exam_bank.problems import InputError
from kiosk.config import (
    DEFAULT_FORBIDDEN,
    KioskConfig,
    LockdownConfig,
    apply_config_args,
    config_from_args,
    load_config,
)
from kiosk.lockdown.unlock import hash_unlock_code

CODE_HASH = hash_unlock_code("kode-pengawas")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as err:
        load_config(path)
    return [str(p) for p in err.value.problems]


def test_a_full_config_loads(tmp_path: Path) -> None:
    path = write(tmp_path, f"""
[lockdown]
extra_forbidden = ["examcheat", "anydesk"]
check_interval_s = 5
unlock_code_hash = "{CODE_HASH}"
allow_vm = true

[proctor]
host = "10.10.0.1"
port = 7443
""")
    config = load_config(path)
    assert config.lockdown.forbidden_processes == (*DEFAULT_FORBIDDEN, "examcheat")
    assert config.lockdown.check_interval_s == 5.0
    assert config.lockdown.unlock_code_hash == CODE_HASH
    assert config.lockdown.allow_vm is True
    assert config.proctor == {"host": "10.10.0.1", "port": 7443}  # raw, for the link
    assert config.source == str(path)


def test_forbidden_processes_replaces_the_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[lockdown]\nforbidden_processes = ["a", "b:x"]\n'))
    assert config.lockdown.forbidden_processes == ("a", "b:x")


def test_an_empty_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "# nothing yet\n")) == KioskConfig(source=str(
        tmp_path / "kiosk.toml"))


def test_every_bad_field_is_named_with_its_line_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, """[proctor]
host = "x"

[lockdown]
check_interval_s = 0.1
allow_vm = "yes"
extra_forbidden = "anydesk"
unlock_code_hash = "secret123"
check_intervall = 3
""")
    assert problems(path) == [
        f"{path}:9: lockdown.check_intervall: unknown setting (known: forbidden_processes, "
        "extra_forbidden, check_interval_s, unlock_code_hash, allow_vm)",
        f'{path}:7: lockdown.extra_forbidden: must be a list of program names (strings), '
        'e.g. ["anydesk", "ffmpeg:x11grab"]',
        f"{path}:5: lockdown.check_interval_s: must be a number of seconds from 1 to 60",
        f"{path}:8: lockdown.unlock_code_hash: is not an argon2id hash; make one with "
        "`python -m kiosk.lockdown hash-unlock-code`",
        f"{path}:6: lockdown.allow_vm: must be true or false",
    ]


def test_a_plain_text_unlock_code_is_refused_not_stored(tmp_path: Path) -> None:
    path = write(tmp_path, '[lockdown]\nunlock_code_hash = "$argon2i$v=19$m=16,t=2,p=1$'
                 'c29tZXNhbHQ$Z2FyYmFnZQ"\n')
    [problem] = problems(path)
    assert problem.startswith(f"{path}:2: lockdown.unlock_code_hash: ")


def test_unknown_tables_and_a_proctor_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, 'proctor = "10.0.0.1"\n\n[lokdown]\nallow_vm = true\n')
    assert problems(path) == [
        f"{path}:1: proctor: must be a table ([proctor])",
        f"{path}:3: lokdown: unknown table (known: lockdown, proctor)",
    ]


def test_toml_syntax_errors_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[lockdown]\nallow_vm = \n")
    [problem] = problems(path)
    assert problem.startswith(f"{path}:2: TOML syntax")


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    [problem] = problems(tmp_path / "nope.toml")
    assert problem.startswith(f"{tmp_path / 'nope.toml'}: cannot read")


def test_the_config_option_for_the_kiosk_cli(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    apply_config_args(parser)
    assert config_from_args(parser.parse_args([])) == KioskConfig()
    path = write(tmp_path, "[lockdown]\ncheck_interval_s = 10\n")
    config = config_from_args(parser.parse_args(["--config", str(path)]))
    assert config.lockdown == LockdownConfig(check_interval_s=10.0)


def test_the_shipped_example_loads() -> None:
    example = Path(__file__).resolve().parents[2] / "kiosk" / "lockdown" / "kiosk.example.toml"
    config = load_config(example)
    assert config.lockdown.forbidden_processes[-2:] == ("scrcpy", "ffmpeg:avfoundation")
    assert config.lockdown.unlock_code_hash is None and config.lockdown.allow_vm is False
