"""Similarity between the papers of a room: 200 generated papers of 1,500 words (one
built from another's text, one copying the case material; UJIKOM_BENCH_PAPERS and
UJIKOM_BENCH_WORDS change the size), compared through the shingle index
(`exam_bank.replay.similarity.similar_pairs`, with the case material set aside and the
shared passages extracted) and each paper against the case material.

Baseline, same run: every pair's shingle sets intersected (`naive_pairs`: no index, no
case removal, no passages). `found_planted` says both found the planted pair.
"""

from __future__ import annotations

import os

from benchmarks import Report, measured

DESCRIPTION = "similarity of 200 makalah papers (shingle index) against naive all-pairs"


def run() -> Report:
    from exam_bank.replay.room import generated_room
    from exam_bank.replay.similarity import case_overlap, naive_pairs, similar_pairs

    n = int(os.environ.get("UJIKOM_BENCH_PAPERS", "200"))
    words = int(os.environ.get("UJIKOM_BENCH_WORDS", "1500"))
    room = generated_room(n, words)
    planted = tuple(sorted(room.copied))
    pairs_s, pairs_mb, pairs = measured(lambda: similar_pairs(room.papers, [room.case]))
    case_s, _, quoted = measured(lambda: case_overlap(room.papers, [room.case]))
    naive_s, _, naive = measured(lambda: naive_pairs(room.papers))
    metrics = {"papers": n, "words_per_paper": words, "pairs_s": round(pairs_s, 3),
               "case_s": round(case_s, 3), "total_s": round(pairs_s + case_s, 3),
               "peak_rss_mb": pairs_mb, "pairs_found": len(pairs),
               "found_planted": [tuple(sorted((p.first, p.second))) for p in pairs]
               == [planted],
               "passages": sum(len(p.passages) for p in pairs),
               "quoting_found": bool(quoted) and quoted[0].key == room.quoting}
    baseline = {"naive_all_pairs_s": round(naive_s, 3), "pairs_found": len(naive),
                "found_planted": [(a, b) for a, b, _ in naive] == [planted]}
    return Report("makalah_similarity", metrics, baseline,
                  {"naive_over_index": round(naive_s / max(pairs_s, 1e-9), 2)})
