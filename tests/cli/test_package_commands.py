"""Building, inspecting and scoring an exam package as an admin does, and tampering with it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from exam_bank.blueprint.forms import assemble_form
from exam_bank.blueprint.read import read_blueprint
from exam_bank.crypto.authority import load_authority_public
from exam_bank.crypto.examkey import read_exam_key
from exam_bank.exam_package import open_exam_package, score_participant
from exam_bank.items.bank import load_bank
from exam_bank.items.model import ItemType
from tests.cli.labkit import SAMPLE, Lab, ujikom


def opened(lab: Lab):  # type: ignore[no-untyped-def]
    key = read_exam_key(lab.key, b"exam-key-test-passphrase")
    return open_exam_package(lab.package, [load_authority_public(Path(lab.trust))], key)


def test_inspect_without_key_shows_what_the_package_is(lab: Lab, capsys) -> None:
    assert ujikom("bank", "inspect", lab.package, "--trust", lab.trust, "--json") == 0
    info = json.loads(capsys.readouterr().out)
    assert info["exam"]["id"] == "SELTER-JPT-SKM-2026"
    assert info["signature"] == {"verified": True, "authority": "BKPSDM Uji"}
    assert info["counts"]["candidates"] == 54
    assert sum(s["candidates"] for s in info["sessions"]) == 54
    assert "contents" not in info


def test_inspect_with_key_lists_forms_and_items(lab: Lab, capsys) -> None:
    assert ujikom("bank", "inspect", lab.package, "--trust", lab.trust, "--key", lab.key,
                  "--json") == 0
    info = json.loads(capsys.readouterr().out)
    contents = info["contents"]
    assert contents["items"] == info["counts"]["items"]
    assert len(contents["candidates"]) == 54
    assert {c["form_items"] for c in contents["candidates"]} == {len(
        opened(lab).form_items(contents["candidates"][0]["participant_no"]))}


def test_package_holds_no_item_text_name_or_pin_in_the_clear(lab: Lab) -> None:
    raw = lab.package.read_bytes()
    package = opened(lab)
    stem = next(i.stem for i in package.items.values() if i.type == ItemType.SJT)
    name = package.roster.candidates[0].name
    for secret in (stem[:40], name, package.roster.candidates[0].pin_hash[-20:]):
        assert secret.encode() not in raw


def test_every_form_is_rebuilt_exactly_from_its_recorded_seed(lab: Lab) -> None:
    package = opened(lab)
    bank = load_bank(lab.bank)
    blueprint = read_blueprint(lab.blueprint)
    for participant_no, form in package.forms.items():
        assert assemble_form(blueprint, bank.items, participant_no, form.seed) == form


def test_forms_differ_between_candidates(lab: Lab) -> None:
    forms = list(opened(lab).forms.values())
    orders = {tuple(i for s in f.sections for i in s.item_ids) for f in forms}
    assert len(orders) > 40


def test_a_single_altered_byte_is_refused(lab: Lab, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "altered.ujikom"
    data = bytearray(lab.package.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    assert ujikom("bank", "inspect", bad, "--trust", lab.trust) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "altered" in err


def test_a_package_from_an_unknown_authority_is_refused(lab: Lab, tmp_path: Path,
                                                        capsys) -> None:
    assert ujikom("bank", "authority", "init", tmp_path / "other", "--name", "Palsu") == 0
    capsys.readouterr()
    assert ujikom("bank", "inspect", lab.package, "--trust",
                  tmp_path / "other" / "authority.pub") == 1
    assert "unknown authority" in capsys.readouterr().err


def test_wrong_exam_key_passphrase_is_refused_without_traceback(
        lab: Lab, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", "not-the-passphrase")
    assert ujikom("bank", "inspect", lab.package, "--trust", lab.trust, "--key", lab.key) == 1
    err = capsys.readouterr().err
    assert "passphrase" in err and "Traceback" not in err


def test_build_never_overwrites_a_package(lab: Lab, capsys) -> None:
    before = lab.package.read_bytes()
    assert ujikom("bank", "build", "--bank", lab.bank, "--blueprint", lab.blueprint,
                  "--roster", lab.roster, "--authority", lab.authority,
                  "--out", lab.package) == 1
    assert "already exists" in capsys.readouterr().err
    assert lab.package.read_bytes() == before


def test_registering_over_a_roster_needs_replace(lab: Lab, capsys) -> None:
    before = lab.roster.read_bytes(), (lab.roster.parent / "kartu-peserta.pdf").read_bytes()
    assert ujikom("bank", "roster", str(SAMPLE / "roster"), "--bank", lab.bank,
                  "--blueprint", lab.blueprint, "--out", lab.roster.parent) == 1
    assert "already registered" in capsys.readouterr().err
    assert (lab.roster.read_bytes(),
            (lab.roster.parent / "kartu-peserta.pdf").read_bytes()) == before


def test_best_answers_meet_the_standard(lab: Lab, tmp_path: Path, capsys) -> None:
    package = opened(lab)
    participant_no = package.roster.candidates[0].participant_no
    answers = {}
    for item in package.form_items(participant_no):
        if item.type in (ItemType.SJT, ItemType.MC):
            answers[item.id] = max(item.options, key=lambda o: o.weight).id
    score = score_participant(package, participant_no,
                              {k: v for k, v in answers.items()})
    assert score.jpm == pytest.approx(100.0)
    assert score.jpm_band is not None and score.jpm_band.code == "MS"
    path = tmp_path / "responses.json"
    path.write_text(json.dumps({participant_no: answers}), "utf-8")
    assert ujikom("bank", "score", lab.package, "--trust", lab.trust, "--key", lab.key,
                  "--responses", path, "--json") == 0
    assert json.loads(capsys.readouterr().out)[participant_no]["jpm"] == pytest.approx(100.0)


def test_blank_answers_score_zero_and_fall_short(lab: Lab) -> None:
    package = opened(lab)
    participant_no = package.roster.candidates[1].participant_no
    score = score_participant(package, participant_no, {})
    assert all(c.raw == 0 for c in score.competencies)
    assert score.jpm_band is not None and score.jpm_band.code == "KMS"


def test_responses_for_someone_not_on_the_roster_are_refused(lab: Lab, tmp_path: Path,
                                                             capsys) -> None:
    path = tmp_path / "responses.json"
    path.write_text(json.dumps({"JPT-9999-999": {}}), "utf-8")
    assert ujikom("bank", "score", lab.package, "--trust", lab.trust, "--key", lab.key,
                  "--responses", path) == 1
    assert "not on this exam's roster" in capsys.readouterr().err


def test_copy_of_package_elsewhere_still_verifies(lab: Lab, tmp_path: Path) -> None:
    copy = tmp_path / "usb" / "selter.ujikom"
    copy.parent.mkdir()
    shutil.copy(lab.package, copy)
    assert ujikom("bank", "inspect", copy, "--trust", lab.trust) == 0


def test_pins_for_an_agencys_own_cards_match_the_stored_hashes(lab: Lab, tmp_path: Path,
                                                               capsys) -> None:
    import csv

    from exam_bank.roster.model import load_roster
    from exam_bank.roster.pins import verify_pin

    out, pins = tmp_path / "roster", tmp_path / "pins.csv"
    assert ujikom("bank", "roster", str(SAMPLE / "roster"), "--bank", lab.bank,
                  "--blueprint", lab.blueprint, "--out", out, "--pins-out", pins) == 0
    rows = list(csv.DictReader(pins.read_text("utf-8-sig").splitlines()))
    roster = load_roster(out / "roster.json")
    assert len(rows) == len(roster.candidates)
    for row in rows[:3]:  # argon2 is slow on purpose: a few suffice
        candidate = roster.find(row["no_peserta"])
        assert candidate is not None and verify_pin(candidate.pin_hash, row["pin"])
    assert pins.stat().st_mode & 0o077 == 0


def test_a_roster_registered_outside_the_bank_says_to_give_the_bank(
        lab: Lab, tmp_path: Path, monkeypatch, capsys) -> None:
    """The README's roster line once had no --bank: run from the office's folder, the command
    said only 'bank.toml: not an item bank', naming neither the folder it looked in nor how
    to point it at the bank."""
    monkeypatch.chdir(tmp_path)
    assert ujikom("bank", "roster", str(SAMPLE / "roster"), "--blueprint", lab.blueprint,
                  "--out", tmp_path / "exam") == 1
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "--bank" in err
    assert not (tmp_path / "exam").exists()  # nothing written
