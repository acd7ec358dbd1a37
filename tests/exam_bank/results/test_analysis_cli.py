"""`ujikom bank analysis` on a real imported exam, and the release check: reports say
on every page that the item review is not done; an exclusion rescores every candidate
and changes the ranking exactly as computed by hand."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from exam_bank.exam_package import ExamPackage
from exam_bank.items.model import ItemType
from exam_bank.results.store import open_store
from tests.cli.labkit import ujikom
from tests.conftest import STORE_PASS
from tests.exam_bank.results.conftest import Central

LEVEL_CUTS = (36, 52, 68, 84)  # the sample blueprint's [scoring] level_cuts


@pytest.fixture
def imported(central: Central, tmp_path: Path) -> str:
    """Every session of the sample exam imported, and each makalah graded twice alike
    (a distinct grade per candidate, so JPM ties are broken predictably)."""
    store = str(tmp_path / "hasil.sqlite")
    for session in ("S1", "S2", "S3"):
        bundle = tmp_path / f"{session}.p7m"
        bundle.write_bytes(central.seal(central.results(session, revisions=5)))
        assert ujikom("bank", "import-results", bundle, *central.import_args(store)) == 0
    with open_store(store, STORE_PASS) as s:
        papers = s.current_papers()
        s.add_grades([(e, p, i, a, {}, 40.0 + n) for n, (e, p, i, _) in enumerate(papers)
                      for a in ("Asesor A", "Asesor B")])
    return store


def _package_args(central: Central) -> list[object]:
    return ["--package", central.lab.package, "--key", central.lab.key,
            "--trust-authority", central.lab.trust]


def _report(central: Central, store: str, out: Path) -> Path:
    assert ujikom("bank", "report", "--store", store, *_package_args(central),
                  "--out", out) == 0
    return out / "laporan"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def _answers(store: str) -> dict[str, dict[str, Any]]:
    with open_store(store, STORE_PASS) as s:
        return {r["participant_no"]: r["state"]["answers"] for r in s.current_results()}


def hand_jpm(package: ExamPackage, p: str, answers: dict[str, Any],
             excluded: set[str]) -> float:
    """JPM the long way: per competency Σ chosen weight / Σ top weight over the choice
    items on the form, a level from the cuts, each level capped at the standard."""
    raw: dict[str, float] = defaultdict(float)
    top: dict[str, float] = defaultdict(float)
    for item in package.form_items(p):
        if item.id in excluded or item.type not in (ItemType.MC, ItemType.SJT):
            continue
        weights = {o.id: o.weight for o in item.options}
        raw[item.competency] += max(weights.get(answers.get(item.id, ""), 0.0), 0.0)
        top[item.competency] += max(weights.values())
    standards = package.roster.positions[package.roster.candidate(p).position].standards
    got = 0
    for key, standard in standards.items():
        percent = raw[key] * 100 / top[key]
        level = 1 + sum(percent >= cut for cut in LEVEL_CUTS)
        got += min(level, standard)
    return got * 100 / sum(standards.values())


def hand_order(package: ExamPackage, answers: dict[str, dict[str, Any]],
               grades: dict[str, float], excluded: set[str]) -> dict[str, list[str]]:
    by_post: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for p, given in answers.items():
        post = package.roster.candidate(p).position
        by_post[post].append((-round(hand_jpm(package, p, given, excluded), 6), -grades[p], p))
    return {post: [p for *_, p in sorted(rows)] for post, rows in by_post.items()}


def _ranking(laporan: Path) -> tuple[dict[str, list[str]], dict[str, float]]:
    with open(laporan / "peringkat.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    order: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in rows:
        order[r["kode_jabatan"]].append((int(r["peringkat"]), r["no_peserta"]))
    return ({post: [p for _, p in sorted(v)] for post, v in order.items()},
            {r["no_peserta"]: float(r["jpm"].replace(",", ".")) for r in rows})


@pytest.mark.slow  # three report sets of 54 candidates
def test_analysis_release_check_and_exclusion(central: Central, imported: str,
                                              tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    package = central.package
    # No decision before an analysis, nor without the package.
    assert ujikom("bank", "analysis", "decide", "--store", imported, "--item", "X",
                  "--exclude", "--reason", "Kunci salah menurut penelaah", "--by", "Ketua") == 1
    err = capsys.readouterr().err
    assert "has not been analysed yet" in err and "nothing was changed" in err
    assert ujikom("bank", "analysis", "--store", imported) == 1
    assert "--package, --key, --trust-authority, --out is needed" in capsys.readouterr().err
    # Before any analysis, every page of every report says so.
    laporan = _report(central, imported, tmp_path / "before")
    for pdf in [laporan / "tiga-besar.pdf", laporan / "9-box.pdf",
                next((laporan / "peserta").glob("*.pdf"))]:
        pages = _pages(pdf)
        assert pages and all("BELUM MELALUI TELAAH BUTIR" in page for page in pages), pdf

    out = tmp_path / "analisis"
    capsys.readouterr()
    assert ujikom("bank", "analysis", "--store", imported, *_package_args(central),
                  "--out", out, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["candidates"] == 54
    assert {p.name for p in out.iterdir()} == {"analisis-butir.pdf", "analisis-butir.xlsx",
                                               "analisis-butir.json"}
    # printed on the office's clock, WIB, as the reports are (it said the machine's time:
    # 04.11 on a PC kept in UTC, where the reports said 11.11)
    printed = re.search(r"Dicetak .* pukul (\d\d)\.\d\d", _pages(out / "analisis-butir.pdf")[0])
    wib = dt.timezone(dt.timedelta(hours=7))
    assert printed and int(printed[1]) in {
        (dt.datetime.now(wib) - dt.timedelta(minutes=m)).hour for m in (0, 10)}
    flagged = data["flagged"]
    items = data["items"]
    assert [i["item_id"] for i in items[:len(flagged)]] == sorted(flagged)
    assert all(i["flags"] and i["flags"][0]["reason"] for i in items[:len(flagged)])
    assert data["release"]["pending"] == sorted(flagged) and not data["release"]["final"]
    from openpyxl import load_workbook

    book = load_workbook(out / "analisis-butir.xlsx", read_only=True)
    assert book.sheetnames[:4] == ["butir", "opsi", "skala", "dif"]
    assert book["butir"].max_row == len(items) + 1  # a header and a row per item
    pdf_text = "\n".join(_pages(out / "analisis-butir.pdf"))
    assert "TELAAH BUTIR SOAL" in pdf_text and "A. Butir yang ditandai" in pdf_text

    # One session only: shown, not recorded as the release check's basis.
    capsys.readouterr()
    assert ujikom("bank", "analysis", "--store", imported, *_package_args(central),
                  "--out", tmp_path / "s1", "--session", "S1", "--json") == 0
    one = json.loads(capsys.readouterr().out)
    assert (one["session"], one["candidates"], one["release"]) == ("S1", 18, None)

    # Choose an item whose exclusion reorders some post, by hand.
    answers = _answers(imported)
    with open_store(imported, STORE_PASS) as s:
        grades = {p: g for (_e, p, _i), marks in s.grades().items()
                  for g in [next(iter(marks.values()))]}
    before = hand_order(package, answers, grades, set())
    choice_items = sorted({i.id for p in answers for i in package.form_items(p)
                           if i.type in (ItemType.MC, ItemType.SJT)})
    target = next(i for i in choice_items
                  if hand_order(package, answers, grades, {i}) != before)
    after = hand_order(package, answers, grades, {target})

    capsys.readouterr()
    assert ujikom("bank", "analysis", "decide", "--store", imported, "--item", target,
                  "--exclude", "--reason", "Kunci opsi diperdebatkan oleh tim penelaah",
                  "--by", "Ketua Panitia Seleksi", *_package_args(central)) == 0
    assert "54 candidates rescored" in capsys.readouterr().out
    # The store's cached scores are the rescored ones (what `bank results` shows).
    with open_store(imported, STORE_PASS) as s:
        cached = {r["participant_no"]: r["score"]["jpm"] for r in s.current_results()}
    assert all(cached[p] == pytest.approx(hand_jpm(package, p, given, {target}))
               for p, given in answers.items())
    for item in flagged:
        if item != target:
            assert ujikom("bank", "analysis", "decide", "--store", imported, "--item", item,
                          "--keep", "--reason", "Ditelaah: butir tetap layak dipakai",
                          "--by", "Ketua Panitia Seleksi") == 0
    capsys.readouterr()
    assert ujikom("bank", "analysis", "status", "--store", imported, "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["final"] and status["banner"] == ""

    laporan = _report(central, imported, tmp_path / "after")
    order, jpm = _ranking(laporan)
    assert order == after and order != before
    for p, given in answers.items():
        assert jpm[p] == pytest.approx(hand_jpm(package, p, given, {target}), abs=0.01)
    post = next(post for post in after if after[post] != before[post])
    pages = _pages(laporan / f"peringkat-{post}.pdf")
    assert f"Butir {target} dikeluarkan dari penilaian" in " ".join(pages[0].split())
    assert not any("TELAAH BUTIR" in page for page in pages)

