"""Similarity of one exam's papers from the results store, as JSON and as one static,
self-contained HTML page (no script at all; the papers' text is escaped)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from exam_bank.exam_package import ExamPackage
from exam_bank.ids import ParticipantNo
from exam_bank.makalah.text import plain_text
from exam_bank.replay.paper import case_sources
from exam_bank.replay.similarity import CaseOverlap, Pair, case_overlap, similar_pairs
from exam_bank.results.store import ResultsStore
from exam_bank.scoring.makalah_grading import blind_code


@dataclass(frozen=True)
class Similarity:
    exam_id: str
    threshold: float
    k: int
    papers: int
    pairs: tuple[Pair, ...]
    case: tuple[CaseOverlap, ...]
    labels: dict[str, str]  # paper key -> what the page shows (code, or name and code)

    def to_dict(self) -> dict[str, Any]:
        return {"exam_id": self.exam_id, "threshold": self.threshold, "k": self.k,
                "papers": self.papers,
                "pairs": [{"first": p.first, "second": p.second, "shared": p.shared,
                           "containment": round(p.containment, 4),
                           "jaccard": round(p.jaccard, 4),
                           "passages": [{"first": x.a, "second": x.b, "words": x.words}
                                        for x in p.passages]} for p in self.pairs],
                "case": [{"paper": c.key, "share": round(c.share, 4),
                          "passages": len(c.passages)} for c in self.case if c.share > 0]}


def exam_similarity(store: ResultsStore, package: ExamPackage, *, blind: bool,
                    threshold: float = 0.15, k: int = 8) -> Similarity:
    """Papers are compared with the other papers on the same prompt, and with that
    prompt's case material; keys are blind codes."""
    exam_id = package.blueprint.exam.id
    secret = store.grading_secret()
    by_item: dict[str, dict[str, str]] = {}
    labels: dict[str, str] = {}
    for e, p, item, text in store.current_papers():
        if e != exam_id:
            continue
        code = blind_code(secret, e, ParticipantNo(p), item)
        by_item.setdefault(item, {})[code] = plain_text(text)
        name = package.roster.candidate(ParticipantNo(p)).name
        labels[code] = code if blind else f"{name} ({p}, {code})"
    pairs: list[Pair] = []
    case: list[CaseOverlap] = []
    for item, texts in sorted(by_item.items()):
        sources = case_sources(package, item)
        pairs += similar_pairs(texts, sources, k=k, threshold=threshold)
        case += case_overlap(texts, sources, k=k)
    return Similarity(exam_id, threshold, k, sum(len(t) for t in by_item.values()),
                      tuple(sorted(pairs, key=lambda p: -p.containment)),
                      tuple(sorted(case, key=lambda c: -c.share)), labels)


_CSS = """body{font:14px/1.45 "DejaVu Sans",Arial,sans-serif;color:#1a2b4c;margin:0;
background:#f4f6fa}header{background:#1a2b4c;color:#fff;padding:12px 20px}h1{margin:0;
font-size:18px}main{padding:16px 20px}section{background:#fff;border:1px solid #d5dbe6;
border-radius:6px;padding:12px 14px;margin-bottom:16px}h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-bottom:1px solid
#e3e7ee;padding:4px 6px;text-align:left;vertical-align:top}.side td{width:50%;
white-space:pre-wrap;font-family:"DejaVu Serif",Georgia,serif;background:#fffbe6}
.note{font-size:12px;color:#4a5874}"""


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def similarity_html(result: Similarity) -> str:
    e = html.escape
    label = result.labels.get
    blocks = []
    for n, p in enumerate(result.pairs, start=1):
        rows = "".join(f"<tr><td>{e(x.a)}</td><td>{e(x.b)}</td></tr>" for x in p.passages)
        blocks.append(
            f"<section><h2>{n}. {e(label(p.first, p.first))} — {e(label(p.second, p.second))}"
            f"</h2><p>{_pct(p.containment)} rangkaian {result.k} kata dari makalah yang lebih "
            f"pendek juga ada di makalah lainnya ({p.shared} rangkaian; Jaccard "
            f"{_pct(p.jaccard)}).</p><table class=\"side\"><tr><th>"
            f"{e(label(p.first, p.first))}</th><th>{e(label(p.second, p.second))}</th></tr>"
            f"{rows}</table></section>")
    pairs = "".join(blocks) or ("<section><p>Tidak ada pasangan makalah dengan kemiripan "
                                f"{_pct(result.threshold)} atau lebih.</p></section>")
    case_rows = "".join(
        f"<tr><td>{e(label(c.key, c.key))}</td><td>{_pct(c.share)}</td>"
        f"<td>{e(c.passages[0].a[:300]) if c.passages else ''}</td></tr>"
        for c in result.case if c.share > 0) or "<tr><td colspan=\"3\">Tidak ada.</td></tr>"
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Kemiripan makalah — {e(result.exam_id)}</title><style>{_CSS}</style></head>
<body><header><h1>Kemiripan antarmakalah</h1>
<div>{e(result.exam_id)} · {result.papers} makalah · ambang {_pct(result.threshold)}</div>
</header><main>
<section><p class="note">Setiap makalah dibandingkan dengan makalah lain pada soal yang
sama melalui rangkaian {result.k} kata yang sama persis (huruf besar/kecil dan tanda baca
diabaikan). Rangkaian yang juga ada di bahan kasus tidak dihitung di sini (mengutip bahan
kasus diperbolehkan; lihat bagian terakhir). Kemiripan = rangkaian bersama dibagi rangkaian
makalah yang lebih pendek. Ini bahan pertimbangan panel, bukan putusan.</p></section>
{pairs}
<section><h2>Kutipan dari bahan kasus</h2>
<table><tr><th>Makalah</th><th>Bagian teks dari bahan kasus</th><th>Kutipan terpanjang</th></tr>
{case_rows}</table></section>
</main></body></html>
"""
