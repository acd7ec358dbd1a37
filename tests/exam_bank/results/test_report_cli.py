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


def test_what_the_proctor_did_and_saw_is_in_the_candidate_report(
        central: Central, store_target: str, tmp_path: Path) -> None:
    """The report said "Tidak ada kejadian yang dicatat" for a locked candidate. The
    report lists the proctor's actions from the sealed log and what the proctor's server
    saw about the candidate (the bundle's incidents), as the berita acara does."""
    import dataclasses
    import subprocess

    from exam_bank.events.chain import EventLog

    results = central.results()
    first = results.candidates[0]
    log = EventLog(central.package.blueprint.exam.id, first.participant_no, first.events)
    last = first.events[-1]
    submitted = log.events.pop()  # lock and unlock before the submission, then submit
    for kind, data in (("locked", {"note": "Ada HP di meja", "by": "Sari Dewi"}),
                       ("unlocked", {"note": "HP diserahkan", "by": "Sari Dewi"})):
        log.append(kind, data, last.wall, last.mono_ms, last.run)
    log.append(submitted.type, submitted.data, submitted.wall, submitted.mono_ms,
               submitted.run)
    cands = [dataclasses.replace(first, events=tuple(log.events)), *results.candidates[1:]]
    seen = {"wall": last.wall, "seat": None, "participant_no": first.participant_no,
            "kind": "move_refused", "evidence": "kiosk pc-9 asked ...", "count": 3,
            "last": last.wall}
    results = dataclasses.replace(results, candidates=cands, incidents=[seen])
    bundle = tmp_path / "s1.p7m"
    bundle.write_bytes(central.seal(results))
    assert ujikom("bank", "import-results", bundle, *central.import_args(store_target)) == 0
    out = tmp_path / "out"
    assert ujikom("bank", "report", "--store", store_target, "--package", central.lab.package,
                  "--key", central.lab.key, "--trust-authority", central.lab.trust,
                  "--out", out) == 0
    pdf = out / "laporan" / "peserta" / f"{first.participant_no}.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   check=True, text=True).stdout.split())
    assert "Layar ujian dikunci oleh Sari Dewi; alasan: Ada HP di meja" in text
    assert "Kunci layar ujian dibuka oleh Sari Dewi; alasan: HP diserahkan" in text
    assert "Permintaan pindah PC ditolak karena belum disetujui pengawas" in text
    assert "3 kali" in text and "asked" not in text
    assert "Tidak ada kejadian" not in text


def test_a_candidates_report_holds_only_their_own_sessions_facts(
        central: Central, store_target: str, tmp_path: Path) -> None:
    """An afternoon candidate tried a morning PC: the morning's bundle names them. Their
    report prints what happened in their own session, not the morning's incident."""
    import dataclasses
    import subprocess

    morning, afternoon = central.results("S1"), central.results("S2")
    late = afternoon.candidates[0].participant_no
    wall = afternoon.candidates[0].events[0].wall
    tried = {"wall": wall, "seat": "A1", "participant_no": late, "kind": "move_refused",
             "evidence": "kiosk pc-02 asked ...", "count": 1, "last": wall}
    own = {**tried, "kind": "wrong_kiosk", "evidence": "kiosk pc-03 sent events ..."}
    for name, results in (("s1", dataclasses.replace(morning, incidents=[tried])),
                          ("s2", dataclasses.replace(afternoon, incidents=[own]))):
        bundle = tmp_path / f"{name}.p7m"
        bundle.write_bytes(central.seal(results))
        assert ujikom("bank", "import-results", bundle,
                      *central.import_args(store_target)) == 0
    out = tmp_path / "out"
    assert ujikom("bank", "report", "--store", store_target, "--package", central.lab.package,
                  "--key", central.lab.key, "--trust-authority", central.lab.trust,
                  "--out", out) == 0
    pdf = out / "laporan" / "peserta" / f"{late}.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   check=True, text=True).stdout.split())
    assert "Permintaan pindah PC ditolak" not in text  # the morning's
    assert "bukan PC peserta" in text  # their own session's fact
