"""One vocabulary for where a candidate is: the console and the kiosk say the same words
(a seat that submitted is "Selesai" on both, never "Belum")."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from exam_bank.events.fold import Phase
from exam_bank.status_words import CONTEXT, WORDS, Progress, progress_of

ROOT = Path(__file__).resolve().parents[1]
APPS = (ROOT / "kiosk" / "i18n" / "ujikom_kiosk_id.ts",
        ROOT / "proctor" / "i18n" / "ujikom_proctor_id.ts")


def _status_words(ts: Path) -> dict[str, str]:
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name") == CONTEXT:
            return {m.findtext("source") or "": m.findtext("translation") or ""
                    for m in context.iter("message")
                    if m.find("translation").get("type") is None}  # type: ignore[union-attr]
    return {}


def test_both_apps_translate_every_status_word_alike() -> None:
    kiosk, console = (_status_words(ts) for ts in APPS)
    assert set(kiosk) == set(console) == set(WORDS.values())
    assert kiosk == console
    assert console[WORDS[Progress.SUBMITTED]] == "Selesai"
    assert console[WORDS[Progress.PAUSED]] == "Dijeda"


def test_a_submission_outranks_everything_else() -> None:
    assert progress_of(Phase.SUBMITTED, paused=True, locked=True) == Progress.SUBMITTED
    assert progress_of(Phase.IN_SECTION, paused=True, locked=True) == Progress.LOCKED
    assert progress_of(Phase.IN_SECTION, paused=True) == Progress.PAUSED
    assert progress_of(None) == Progress.NOT_SIGNED_IN
    assert progress_of(Phase.BETWEEN_SECTIONS) == Progress.BETWEEN_SECTIONS
