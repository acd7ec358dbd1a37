"""`ujikom demo`: the sample exam, played through the real commands, into one folder.

Today it covers the admin's part of the day: check the sample bank, register the
roster (PINs, exam cards), build and inspect the signed and encrypted package, round-trip
the bank through QTI 3.0, and score scripted candidates. Each step prints the command a
user would type. The passphrases are made fresh for each run and printed, never stored.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from exam_bank.cliutil import ExitCode

MARKER = ".ujikom-demo"
SAMPLE = files("exam_bank") / "sample"
BLUEPRINT = "blueprints/selter-jpt-2026.toml"
# Every passphrase of the day, the lab's too: made fresh for the run, printed once at the
# end (the lab's were printed in the middle of the office's output, and stayed behind in
# the caller's environment).
PASSPHRASE_ENVS = ("UJIKOM_AUTHORITY_PASSPHRASE", "UJIKOM_EXAM_KEY_PASSPHRASE",
                   "UJIKOM_STORE_PASSPHRASE", "UJIKOM_PROCTOR_PASSPHRASE",
                   "UJIKOM_KIOSK_KEY_PASSPHRASE", "UJIKOM_ADMIN_PASSPHRASE")
# The sample exam's lab is in Kota Sukamaju, whose PCs keep Western Indonesian Time. The
# proctor prints the berita acara and the sealing receipt on its PC's clock and the office
# prints the reports in WIB: on a machine kept in UTC the two disagreed by seven hours.
LAB_TZ = "WIB-7"


def step_runner(cli_main: Callable[[list[str]], int]) -> Callable[..., None]:
    """A demo step: `ujikom ARGV…` printed, then run in this process by `cli_main` (passed
    in by `ujikom.cli`, so the demo does not import the command line back)."""

    def run(*argv: str) -> None:
        print(f"\n$ ujikom {' '.join(argv)}", flush=True)
        if cli_main(list(argv)) != ExitCode.OK:
            raise SystemExit(f"demo step failed: ujikom {' '.join(argv)}")

    return run


def _fresh_folder(out: Path) -> None:
    if out.exists():
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} exists and was not made by the demo; choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("made by `ujikom demo`; safe to delete\n")


def run_demo(out_arg: str, cli_main: Callable[[list[str]], int]) -> int:
    _run = step_runner(cli_main)
    out = Path(out_arg)
    _fresh_folder(out)
    bank = out / "bank"
    shutil.copytree(str(SAMPLE / "bank"), bank)
    with _fresh_passphrases(), _lab_clock():
        return _play_day(out, bank, _run)


@contextmanager
def _lab_clock() -> Iterator[None]:
    """This process and the lab's (proctor, kiosks) on the lab's clock, WIB, for the length
    of the demo; the caller's time zone comes back afterwards."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = LAB_TZ
    _tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        _tzset()


def _tzset() -> None:
    if hasattr(time, "tzset"):  # POSIX; Windows keeps its own zone setting
        time.tzset()


@contextmanager
def _fresh_passphrases() -> Iterator[None]:
    """This run's passphrases, in the environment the commands read them from, for the
    length of the demo only: the caller's own environment comes back as it was (a test
    that plays the demo in-process must not leave its passphrases to the tests after)."""
    before = {name: os.environ.get(name) for name in PASSPHRASE_ENVS}
    os.environ.update({name: secrets.token_urlsafe(12) for name in PASSPHRASE_ENVS})
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _play_day(out: Path, bank: Path, _run: Callable[..., None]) -> int:
    print("== Admin: the item bank ==")
    _run("bank", "validate", "--bank", str(bank))
    _run("bank", "list", "--bank", str(bank), "--type", "makalah")
    _run("bank", "template", str(out / "template-soal.xlsx"))
    _run("bank", "export", "--bank", str(bank), str(out / "bank-qti3.zip"))
    _run("bank", "init", str(out / "bank-from-qti"), "--name", "Salinan dari QTI")
    # The copy knows the agency's own competencies ("potensi") as the original does.
    shutil.copy(bank / "bank.toml", out / "bank-from-qti" / "bank.toml")
    _run("bank", "import", "--bank", str(out / "bank-from-qti"), str(out / "bank-qti3.zip"))

    print("\n== Admin: authority, roster and exam package ==")
    exam = out / "exam"
    _run("bank", "authority", "init", str(out / "authority"), "--name",
         "BKPSDM Kota Sukamaju")
    _run("bank", "roster", str(SAMPLE / "roster"), "--bank", str(bank),
         "--blueprint", str(bank / BLUEPRINT), "--out", str(exam), "--pins-out",
         str(exam / "pin-peserta.csv"))
    package = exam / "SELTER-JPT-SKM-2026.ujikom"
    _run("bank", "build", "--bank", str(bank), "--blueprint", str(bank / BLUEPRINT),
         "--roster", str(exam / "roster.json"), "--authority", str(out / "authority"),
         "--out", str(package))
    trust = str(out / "authority" / "authority.pub")
    _run("bank", "inspect", str(package), "--trust", trust)

    print("\n== Scoring scripted candidates ==")
    responses = _scripted_responses(package, trust, exam / "SELTER-JPT-SKM-2026.ujikey")
    answers_path = out / "responses.json"
    answers_path.write_text(json.dumps(responses, ensure_ascii=False, indent=1), "utf-8")
    _run("bank", "score", str(package), "--trust", trust, "--key",
         str(exam / "SELTER-JPT-SKM-2026.ujikey"), "--responses", str(answers_path))

    from ujikom.demo_lab import Exam, run_lab_day

    run_lab_day(out, Exam(package, exam / "SELTER-JPT-SKM-2026.ujikey", Path(trust),
                          exam / "pin-peserta.csv"), _has_display(), _run)
    _evidence(out, [str(package), str(exam / "SELTER-JPT-SKM-2026.ujikey"), trust], _run)

    print(f"\nEverything the demo made is in {out}/.")
    print("Passphrases of this run (not stored anywhere):")
    for name in PASSPHRASE_ENVS:
        print(f"  {name}={os.environ[name]}")
    return ExitCode.OK


def _evidence(out: Path, exam: list[str], run: Callable[..., None]) -> None:
    """The office's check before release: item analysis (the release check), reports
    again once it is done, the makalah replay of a candidate and similarity."""
    from exam_bank.results.store import open_store

    package, key, trust = exam
    given = ["--store", str(out / "hasil.db"), "--package", package, "--key", key,
             "--trust-authority", trust]
    print("\n== Office: item analysis and the release check ==")
    run("bank", "analysis", *given, "--out", str(out / "analisis"))
    with open_store(out / "hasil.db", os.environ["UJIKOM_STORE_PASSPHRASE"].encode()) as store:
        flagged = _release(store)
        # The paper with the most to see: a candidate moved to another PC, then incidents.
        with_paper = {p for _, p, _, _ in store.current_papers()}
        first = max((r for r in store.current_results() if r["participant_no"] in with_paper),
                    key=lambda r: (r["state"].get("runs", 0), r["state"].get("incidents", 0),
                                   r["participant_no"]))["participant_no"]
    for item in flagged:  # the demo's office keeps each item, saying why
        run("bank", "analysis", "decide", "--store", str(out / "hasil.db"), "--item", item,
            "--keep", "--reason", "Ditelaah panitia: kunci dan isi butir benar",
            "--by", "Ketua Panitia Seleksi")
    run("bank", "analysis", "status", "--store", str(out / "hasil.db"))
    run("bank", "report", *given, "--out", str(out))
    print("\n== Office: the makalah's writing process, and similarity ==")
    run("bank", "replay", *given, "--participant", first, "--out", str(out / "rekaman"))
    run("bank", "replay", *given, "--session", "S1", "--blind", "--out",
        str(out / "rekaman-asesor"))
    run("bank", "similarity", *given, "--out", str(out / "analisis"))
    _screenshot(next((out / "rekaman").glob("*.html")), out / "rekaman-makalah.png")


def _release(store: Any) -> list[str]:
    from exam_bank.analysis.release import release_state, stored_exams

    return [i for exam in stored_exams(store) for i in release_state(store, exam).pending]


def _screenshot(page: Path, png: Path) -> None:
    """The replay as a browser shows it, when Chromium is installed."""
    import subprocess

    exe = shutil.which("chromium")
    if exe is None:
        print(f"  (chromium is not installed: open {page} in a browser)")
        return
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--window-size=1400,1000", f"--screenshot={png}",
                    "--virtual-time-budget=3000", page.resolve().as_uri() + "#t=600000"],
                   capture_output=True, timeout=120, check=False)
    print(f"  {png.name}: the replay at ten minutes into the makalah")


def _has_display() -> bool:
    """A real screen: the proctor's console and a kiosk window open for the user."""
    return (os.environ.get("QT_QPA_PLATFORM", "") not in ("offscreen", "minimal")
            and bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")))


def _scripted_responses(package: Path, trust: str, key_file: Path) -> dict[str, Any]:
    """Answers a plausible candidate would give: abler ones pick better options."""
    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.crypto.examkey import read_exam_key
    from exam_bank.exam_package import open_exam_package
    from exam_bank.ids import ParticipantNo
    from exam_bank.items.model import ItemType

    key = read_exam_key(key_file, os.environ["UJIKOM_EXAM_KEY_PASSPHRASE"].encode())
    opened = open_exam_package(package, [load_authority_public(Path(trust))], key)
    result: dict[str, Any] = {}
    for participant_no in map(ParticipantNo, sorted(opened.forms)):
        rng = random.Random(participant_no)
        ability = rng.uniform(0.15, 0.8)
        answers: dict[str, Any] = {}
        for item in opened.form_items(participant_no):
            if item.type in (ItemType.SJT, ItemType.MC):
                ranked = sorted(item.options, key=lambda o: -o.weight)
                pick = 0
                while pick < len(ranked) - 1 and rng.random() > ability:
                    pick += 1
                answers[item.id] = ranked[pick].id
            elif item.type == ItemType.MR:
                answers[item.id] = [o.id for o in item.options
                                    if o.correct == (rng.random() < ability)]
            elif item.type == ItemType.LIKERT and item.likert:
                answers[item.id] = rng.randint(1, item.likert.points)
        result[participant_no] = answers
    return result
