"""`ujikom bank report`: the committee's reports from the store, scored from the answers
kept at import (no log folded again), with the blind grades joined back."""

from __future__ import annotations

import csv
from pathlib import Path

from exam_bank.events.fold import fold, section_limits, section_navigation
from exam_bank.exam_package import score_participant
from tests.cli.labkit import ujikom
from tests.exam_bank.results.conftest import Central


def test_reports_score_the_stored_answers(central: Central, store_target: str,
                                          tmp_path: Path) -> None:
    results = central.results()
    bundle = tmp_path / "s1.p7m"
    bundle.write_bytes(central.seal(results))
    assert ujikom("bank", "import-results", bundle, *central.import_args(store_target)) == 0
    out = tmp_path / "out"
    assert ujikom("bank", "report", "--store", store_target, "--package", central.lab.package,
                  "--key", central.lab.key, "--trust-authority", central.lab.trust,
                  "--out", out) == 0
    with open(out / "laporan" / "peringkat.csv", encoding="utf-8-sig", newline="") as f:
        rows = {r["no_peserta"]: r for r in csv.DictReader(f, delimiter=";")}
    package, bp = central.package, central.package.blueprint
    sat = {no for no, r in rows.items() if r["keterangan"] not in ("Tidak hadir",
                                                                   "Belum diimpor")}
    assert sat == {c.participant_no for c in results.candidates}
    # the roster's other candidates are listed, unranked: their session is not imported
    others = {c.participant_no for c in package.roster.candidates} - sat
    assert {rows[no]["keterangan"] for no in others} <= {"Belum diimpor", "Tidak hadir"}
    assert all(rows[no]["peringkat"] == "" for no in others)
    for cand in results.candidates:
        state = fold(cand.events, package.forms[cand.participant_no], package.items,
                     section_limits(bp), section_navigation(bp))
        expected = score_participant(package, cand.participant_no, state.answers)
        assert expected.jpm is not None
        shown = float(rows[cand.participant_no]["jpm"].replace(",", "."))
        assert abs(shown - expected.jpm) < 0.01
        assert rows[cand.participant_no]["makalah"] == ""  # not graded yet
        assert (out / "laporan" / "peserta" / f"{cand.participant_no}.pdf").exists()
