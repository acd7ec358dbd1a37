"""`ujikom bank replay` on a real imported bundle whose candidate wrote every kind of
change (hostile text included), and the page in Debian's headless Chromium: it loads
offline, plays the timeline to the end, rebuilds the graded paper and renders the
hostile text as text."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from exam_bank.bundle.sealed import CandidateResult
from exam_bank.results.store import open_store
from exam_bank.scoring.makalah_grading import blind_code
from tests.cli.labkit import ujikom
from tests.conftest import STORE_PASS
from tests.exam_bank.replay.kit import HOSTILE, session_with_paper
from tests.exam_bank.results.conftest import Central


@pytest.fixture(scope="module")
def replay_store(central: Central, tmp_path_factory: pytest.TempPathFactory
                 ) -> tuple[str, str, str]:
    """Session S1 imported; its first candidate's makalah is the crafted one.
    (store, participant number, final text)."""
    root = tmp_path_factory.mktemp("replay")
    package = central.package
    results = central.results("S1", revisions=5)
    first = results.candidates[0].participant_no
    events, final = session_with_paper(package.header.exam_id, package.forms[first],
                                       package.items)
    results.candidates[0] = CandidateResult(first, events)
    prompt = {p: [i for i in package.forms[p].item_ids if package.items[i].makalah]
              for p in package.forms}
    n, twin = next((n, c.participant_no) for n, c in enumerate(results.candidates)
                   if n and prompt[c.participant_no] == prompt[first])
    copied, _ = session_with_paper(package.header.exam_id, package.forms[twin],
                                   package.items)
    results.candidates[n] = CandidateResult(twin, copied)  # the very same paper
    bundle = root / "S1.p7m"
    bundle.write_bytes(central.seal(results))
    store = str(root / "hasil.sqlite")
    assert ujikom("bank", "import-results", bundle, *central.import_args(store)) == 0
    # every paper graded (final) but the second candidate's
    with open_store(store, STORE_PASS) as s:
        s.add_grades([(e, p, i, a, {}, 70.0) for e, p, i, _ in s.current_papers()
                      if p != results.candidates[1].participant_no
                      for a in ("Asesor A", "Asesor B")])
    return store, first, final


def _args(central: Central, store: str) -> list[object]:
    return ["bank", "replay", "--store", store, "--package", central.lab.package, "--key",
            central.lab.key, "--trust-authority", central.lab.trust]


def chromium(*args: str) -> str:
    exe = shutil.which("chromium")
    assert exe, "the replay test needs Debian's chromium (make tools installs it)"
    done = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", "--disable-extensions", *args],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_replay_panel_and_blind_versions(central: Central, replay_store: tuple[str, str, str],
                                         tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    store, first, _ = replay_store
    name = central.package.roster.candidate(first).name
    capsys.readouterr()
    assert ujikom(*_args(central, store), "--participant", first, "--out", tmp_path,
                  "--json") == 0
    [report] = json.loads(capsys.readouterr().out)
    assert report["final_matches_graded"] is True
    assert {f["code"] for f in report["flags"]} >= {"burst", "paste_refused", "long_idle"}
    assert report["indicators"]["quote_share"] > 0.1  # the case material, recognised
    [similar] = [f for f in report["flags"] if f["code"] == "similar"]
    assert similar["text"].startswith("Mirip makalah MK-") and "100%" in similar["text"]
    page = Path(report["file"]).read_text(encoding="utf-8")
    assert Path(report["file"]).name == f"{first}-{report['item_id']}.html"
    assert HOSTILE not in page and "<img" not in page  # only ever escaped
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)  # nothing fetched
    assert html.escape(name) in page and "identik" in page
    assert "sebelum makalah (bagian manajerial)" in page and "Pak Budi" in page

    with open_store(store, STORE_PASS) as s:
        code = blind_code(s.grading_secret(), central.package.header.exam_id, first,
                          report["item_id"])
    blind = tmp_path / "blind"
    assert ujikom(*_args(central, store), "--participant", first, "--out", blind,
                  "--blind") == 0
    data = (blind / f"{code}.html").read_bytes()
    assert code.encode() in data
    for secret in (name, first, html.escape(name)):
        assert secret.encode() not in data


def test_the_panel_version_waits_for_the_grading(central: Central,
                                                replay_store: tuple[str, str, str],
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    store, _, _ = replay_store
    second = central.package.roster.candidates_in("S1")[1].participant_no
    capsys.readouterr()
    assert ujikom(*_args(central, store), "--participant", second, "--out", tmp_path) == 1
    assert f"the grading of {second} is not final" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
    assert ujikom(*_args(central, store), "--participant", second, "--out", tmp_path,
                  "--blind") == 0


def test_the_page_plays_in_headless_chromium(central: Central,
                                             replay_store: tuple[str, str, str],
                                             tmp_path: Path, shot_dir: Path) -> None:
    store, first, final = replay_store
    assert ujikom(*_args(central, store), "--participant", first, "--out", tmp_path) == 0
    [page] = [p.resolve() for p in tmp_path.glob(f"{first}-*.html")]
    # Seek to the start, then play at 1200×: the section's 40 minutes take 2 virtual seconds.
    dom = chromium("--virtual-time-budget=20000", "--dump-dom",
                   f"{page.as_uri()}#t=0&play=1200")
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None
    attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', body.group(1)))
    assert attrs["check"] == "ok"  # the browser's replay is the graded paper
    assert attrs["state"] == "ended"
    data = re.search(r'id="replay-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert data is not None
    assert int(attrs["revision"]) == len(json.loads(data.group(1))["revs"])  # the last one
    shown = re.search(r'<div id="paper"[^>]*>(.*?)</div>', dom, re.S)
    assert shown is not None
    text = html.unescape(re.sub(r"<[^>]+>", "", shown.group(1)))
    assert text == final  # every revision replayed, the hostile chunk as text
    assert "<img" not in shown.group(1)
    shot = shot_dir / "replay.png"
    chromium("--window-size=1400,1000", f"--screenshot={shot}",
             "--virtual-time-budget=3000", f"{page.as_uri()}#t=60000")
    assert shot.stat().st_size > 10_000


def test_a_session_writes_a_page_per_paper_and_an_index(central: Central,
                                                        replay_store: tuple[str, str, str],
                                                        tmp_path: Path) -> None:
    store, _, _ = replay_store
    assert ujikom(*_args(central, store), "--session", "S1", "--out", tmp_path,
                  "--blind") == 0
    pages = sorted(p.name for p in tmp_path.glob("MK-*.html"))
    in_session = central.package.roster.candidates_in("S1")
    assert len(pages) == len(in_session)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(p in index for p in pages)
    assert all(c.name not in index for c in in_session)


def test_similarity_report(central: Central, replay_store: tuple[str, str, str],
                           tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, first, _ = replay_store
    capsys.readouterr()
    assert ujikom("bank", "similarity", *_args(central, store)[2:], "--out", tmp_path,
                  "--blind", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["papers"] == len(central.package.roster.candidates_in("S1"))
    [pair] = data["pairs"]  # the twin's copy; the others' papers are a few words each
    assert pair["containment"] == 1.0 and pair["passages"]
    with open_store(store, STORE_PASS) as s:
        item = next(i for e, p, i, _ in s.current_papers() if p == first)
        code = blind_code(s.grading_secret(), central.package.header.exam_id, first, item)
    top = data["case"][:2]  # the crafted paper and its twin quote the case alike
    assert code in {c["paper"] for c in top} and all(c["share"] > 0.1 for c in top)
    page = (tmp_path / "kemiripan.html").read_text(encoding="utf-8")
    assert code in page and "<script" not in page
    assert central.package.roster.candidate(first).name not in page
