"""Makalah revisions: splices reproduce any text, and a 4-hour paper's log stays small."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from exam_bank.events.chain import EventLog, encode_event, verify_chain
from exam_bank.events.makalah import (
    CHECKPOINT_EVERY,
    apply_splice,
    rebuild,
    revision_data,
    splice,
    text_at,
)
from exam_bank.events.model import EventType

INDONESIAN = st.sampled_from(["Pemerintah", " daerah", " wajib", " melayani", " masyarakat",
                              ".", "\n", "🙂", "é", "ñ", " ", "👩🏽‍💻", "ʼ"])
TEXTS = st.one_of(st.text(), st.lists(INDONESIAN, max_size=30).map("".join))


@given(TEXTS, TEXTS)
def test_splice_then_apply_reproduces_any_pair(old: str, new: str) -> None:
    patch = splice(old, new)
    assert apply_splice(old, patch) == new
    assert patch["del"] + len(patch["ins"]) <= len(old) + len(new)


@given(TEXTS, st.integers(0, 40), st.text(max_size=5))
def test_typing_makes_a_tiny_splice(text: str, at: int, typed: str) -> None:
    at = min(at, len(text))
    patch = splice(text, text[:at] + typed + text[at:])
    assert patch["del"] == 0 and len(patch["ins"]) == len(typed)


def test_a_splice_past_the_end_is_refused() -> None:
    try:
        apply_splice("abc", {"at": 2, "del": 5, "ins": ""})
    except ValueError as exc:
        assert "runs past the end" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_checkpoints_come_every_nth_revision() -> None:
    kinds = ["full" in revision_data("m", rev, "a", "ab") for rev in range(1, 402)]
    assert [n + 1 for n, full in enumerate(kinds) if full] == [1, 1 + CHECKPOINT_EVERY,
                                                                1 + 2 * CHECKPOINT_EVERY]
    assert "full" in revision_data("m", 7, "a", "ab", checkpoint=True)
    assert "full" not in revision_data("m", 1, "", "ab", checkpoint=False)


def _typist(rng: random.Random, saves: int, words: int) -> Iterator[str]:
    """`saves` successive saved texts of a candidate typing `words` words in bursts, now and
    then going back to fix something, then polishing with small edits."""
    vocab = ["pelayanan", "publik", "kota", "Sukamaju", "anggaran", "masyarakat", "yang",
             "dan", "untuk", "kebijakan", "pegawai", "inovasi", "digital", "daerah"]
    text, typed = "", 0
    for n in range(saves):
        if typed >= words or n % 4 == 3:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice("aeiou ") + text[at + rng.randrange(2):]
        else:
            burst = " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 2)))
            text += burst + (". " if rng.random() < 0.1 else " ")
            typed += burst.count(" ") + 1
        yield text


def test_four_hours_of_typing_stays_under_10_mb() -> None:
    """One revision per ~1 s of typing over 4 hours: 14400 revisions of a 3000-word paper."""
    log = EventLog("SKB", "P-1")
    previous, at_7777 = "", ""
    for n, text in enumerate(_typist(random.Random(2025), 14_400, 3000), 1):
        log.append(EventType.MAKALAH_REVISION, revision_data("m1", n, previous, text),
                   "2025-03-01T02:00:00+00:00", n * 1000, 1)
        previous = text
        at_7777 = text if n == 7777 else at_7777
    size = sum(len(encode_event(e)) + 1 for e in log.events)
    assert size < 10 * 1024 * 1024, size
    assert len(previous.split()) >= 3000
    assert verify_chain(log.events, "SKB", "P-1") == []
    started = time.perf_counter()
    text = ""
    for event in log.events:
        text = rebuild(text, event.data)
    assert text == previous
    assert time.perf_counter() - started < 10
    assert text_at(log.events, "m1", 7777) == at_7777
