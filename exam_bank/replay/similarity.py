"""Similarity between the papers of one exam, and of each paper with the case material.

Each paper becomes its set of word k-gram *shingles* (lower-cased words, k = 8 by
default: a shared 8-word run is rarely chance). An inverted index from shingle to papers
finds every pair sharing any shingle without comparing all pairs; shingles that occur in
the case material are set aside (quoting the case is allowed and reported on its own),
and so are shingles in more than `common_share` of the papers (stock phrases).

A pair's score is its *containment*: shared shingles over the smaller paper's shingles,
so a short paper built from a long one scores high. Pairs at or above the threshold are
listed with their shared passages: maximal runs of shared shingles, as text from each
paper, side by side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Doc:
    key: str
    text: str
    spans: tuple[tuple[int, int], ...]  # each word's (start, end) in text
    shingles: tuple[int, ...]  # hash of the k words starting at each word position


def doc(key: str, text: str, k: int) -> Doc:
    spans = tuple((m.start(), m.end()) for m in _WORD.finditer(text))
    words = [text[a:b].lower() for a, b in spans]
    return Doc(key, text, spans,
               tuple(hash(" ".join(words[i:i + k])) for i in range(len(words) - k + 1)))


@dataclass(frozen=True)
class Passage:
    a: str  # the text in the first paper
    b: str  # the text in the second (or the case material)
    words: int


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    shared: int  # shingles
    containment: float  # shared / the smaller paper's shingles
    jaccard: float
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class CaseOverlap:
    key: str
    share: float  # of the paper's shingles found in the case material
    passages: tuple[Passage, ...]


def passages(a: Doc, b: Doc, shared: set[int], k: int, limit: int = 20) -> tuple[Passage, ...]:
    """Maximal runs of `shared` shingles in `a`, each matched to where it occurs in `b`."""
    where_b: dict[int, int] = {}
    for j, h in enumerate(b.shingles):
        where_b.setdefault(h, j)
    found: list[Passage] = []
    i = 0
    while i < len(a.shingles):
        h = a.shingles[i]
        if h not in shared or h not in where_b:
            i += 1
            continue
        j = where_b[h]
        n = 1
        while (i + n < len(a.shingles) and j + n < len(b.shingles)
               and a.shingles[i + n] == b.shingles[j + n]):
            n += 1
        words = n + k - 1
        found.append(Passage(a.text[a.spans[i][0]:a.spans[i + words - 1][1]],
                             b.text[b.spans[j][0]:b.spans[j + words - 1][1]], words))
        i += n
    found.sort(key=lambda p: -p.words)
    return tuple(found[:limit])


def similar_pairs(texts: Mapping[str, str], case: Sequence[str] = (), *, k: int = 8,
                  threshold: float = 0.15, common_share: float = 0.5) -> list[Pair]:
    """Pairs of papers whose containment reaches `threshold`, most similar first."""
    docs = {key: doc(key, text, k) for key, text in texts.items()}
    excluded = set().union(*(set(doc("case", c, k).shingles) for c in case)) if case else set()
    sets = {key: set(d.shingles) - excluded for key, d in docs.items()}
    postings: dict[int, list[str]] = {}
    for key, shingles in sets.items():
        for h in shingles:
            postings.setdefault(h, []).append(key)
    ceiling = max(2, int(common_share * len(docs)))
    counts: Counter[tuple[str, str]] = Counter()
    for keys in postings.values():
        if 2 <= len(keys) <= ceiling:
            ordered = sorted(keys)
            for x in range(len(ordered)):
                for y in range(x + 1, len(ordered)):
                    counts[(ordered[x], ordered[y])] += 1
    pairs = []
    for (a, b), shared in counts.items():
        smaller = min(len(sets[a]), len(sets[b]))
        containment = shared / smaller if smaller else 0.0
        if containment < threshold:
            continue
        union = len(sets[a]) + len(sets[b]) - shared
        common = sets[a] & sets[b]
        pairs.append(Pair(a, b, shared, containment, shared / union if union else 0.0,
                          passages(docs[a], docs[b], common, k)))
    return sorted(pairs, key=lambda p: (-p.containment, p.first, p.second))


def case_overlap(texts: Mapping[str, str], case: Sequence[str], *, k: int = 8
                 ) -> list[CaseOverlap]:
    """Each paper's share of shingles found in the case material, with the passages."""
    if not case:
        return []
    case_doc = doc("case", "\n\n".join(case), k)
    case_set = set(case_doc.shingles)
    out = []
    for key, text in texts.items():
        d = doc(key, text, k)
        mine = set(d.shingles)
        common = mine & case_set
        out.append(CaseOverlap(key, len(common) / len(mine) if mine else 0.0,
                               passages(d, case_doc, common, k) if common else ()))
    return sorted(out, key=lambda c: (-c.share, c.key))


def naive_pairs(texts: Mapping[str, str], *, k: int = 8, threshold: float = 0.15
                ) -> list[tuple[str, str, float]]:
    """The baseline: every pair's shingle sets intersected (no index, no case removal)."""
    sets = {key: set(doc(key, text, k).shingles) for key, text in texts.items()}
    keys = sorted(sets)
    out = []
    for x, a in enumerate(keys):
        for b in keys[x + 1:]:
            smaller = min(len(sets[a]), len(sets[b]))
            share = len(sets[a] & sets[b]) / smaller if smaller else 0.0
            if share >= threshold:
                out.append((a, b, share))
    return out
