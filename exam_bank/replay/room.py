"""A generated room of papers, for the similarity check's tests and benchmark: each paper
written independently from a shared vocabulary with Zipf-like word frequencies (so stock
words repeat across papers as in real ones), one paper built from another's text, and
one that copies the case material."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

_SYLLABLES = [c + v for c in "bcdgjklmnprstw" for v in "aiueo"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def paper(rng: random.Random, vocab: list[str], cumulative: list[float], words: int) -> str:
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(8, 20))
        count += len(sentence)
        out.append(" ".join(sentence).capitalize() + ".")
        out[-1] += "\n\n" if rng.random() < 0.15 else ""
    return " ".join(out)


@dataclass(frozen=True)
class Room:
    papers: dict[str, str]
    case: str
    copied: tuple[str, str]  # (the copy, its source)
    quoting: str  # the paper that copies the case material


def generated_room(n: int = 200, words: int = 1500, seed: int = 3) -> Room:
    rng = random.Random(seed)
    vocab = vocabulary(3000, rng)
    cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    case = paper(rng, vocab, cumulative, 800)
    papers = {f"MK-{k:04d}": paper(rng, vocab, cumulative, words) for k in range(n)}
    keys = sorted(papers)
    source, copy, quoting = keys[7], keys[n // 2], keys[-3]
    # The copy: a third of the source's sentences, in order, among its own.
    stolen = [s for i, s in enumerate(papers[source].split(". ")) if i % 3 == 0]
    own = papers[copy].split(". ")
    papers[copy] = ". ".join(x for pair in zip(own, stolen, strict=False) for x in pair)
    papers[quoting] = papers[quoting][: len(papers[quoting]) // 2] + " " + case
    return Room(papers, case, (copy, source), quoting)
