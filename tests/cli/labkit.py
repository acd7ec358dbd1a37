"""Helpers for driving the real `ujikom` command line in tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from ujikom.cli import main

if TYPE_CHECKING:
    from exam_bank.roster.model import Roster

SAMPLE = files("exam_bank") / "sample"
BLUEPRINT = "blueprints/selter-jpt-2026.toml"


@dataclass
class Lab:
    root: Path
    bank: Path
    authority: Path
    package: Path
    key: Path
    roster: Path

    @property
    def trust(self) -> str:
        return str(self.authority / "authority.pub")

    @property
    def blueprint(self) -> Path:
        return self.bank / BLUEPRINT


def ujikom(*argv: object) -> int:
    return main([str(a) for a in argv])




def build_lab(root: Path, reissue: Callable[[Roster], Sequence[str]] | None = None,
              zone: str | None = None) -> tuple[Lab, dict[str, str]]:
    """The sample bank, an authority, the registered roster and the built package under
    `root`, through the real commands (passphrases from the caller's environment).
    `reissue` names candidates whose PINs the test needs: they get fresh ones, returned.
    `zone`: the exam's `[exam] timezone` (None: the sample's, Asia/Jakarta)."""
    from exam_bank.roster.model import load_roster, save_roster
    from exam_bank.roster.pins import reissue_pin

    bank = root / "bank"
    shutil.copytree(str(SAMPLE / "bank"), bank)
    if zone is not None:
        blueprint = bank / BLUEPRINT
        text = blueprint.read_text("utf-8")
        blueprint.write_text(text.replace("[exam]\n", f'[exam]\ntimezone = "{zone}"\n', 1),
                             "utf-8")
    lab = Lab(root, bank, root / "authority", root / "exam" / "selter.ujikom",
              root / "exam" / "selter.ujikey", root / "exam" / "roster.json")
    assert ujikom("bank", "authority", "init", lab.authority, "--name", "BKPSDM Uji") == 0
    assert ujikom("bank", "roster", str(SAMPLE / "roster"), "--bank", bank,
                  "--blueprint", lab.blueprint, "--out", lab.roster.parent) == 0
    pins: dict[str, str] = {}
    if reissue is not None:
        roster = load_roster(lab.roster)
        for number in reissue(roster):
            roster, pins[number] = reissue_pin(roster, number)
        lab.roster.unlink()  # the cards PDF holds the others' PINs
        save_roster(roster, lab.roster)
    assert ujikom("bank", "build", "--bank", bank, "--blueprint", lab.blueprint,
                  "--roster", lab.roster, "--authority", lab.authority,
                  "--out", lab.package) == 0
    return lab, pins
