"""One paper's replay as a self-contained HTML file: styles, script and data inline,
nothing fetched (a Content-Security-Policy allows only the page's own script, by its
hash, and no network at all). The paper's text is hostile input: it travels as JSON in a
data block (every `<`, `>`, `&` escaped) and the script only ever sets it as text.

`blind=True` is the assessors' version: the paper's blind code, never the name or the
participant number. The panel's version (after grading) shows both.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib.resources import files
from itertools import pairwise
from typing import Any

from exam_bank.replay.indicators import clock
from exam_bank.replay.paper import Paper
from exam_bank.replay.timeline import BURST, DELETION, PASTE_OWN, QUOTE, TYPING

KINDS = (TYPING, PASTE_OWN, QUOTE, BURST, DELETION)
KIND_NAMES = ("mengetik", "tempel teks sendiri", "kutipan bahan kasus",
              "semburan tanpa sumber", "penghapusan")
CHECKPOINT_EVERY = 400

DEFINITIONS = (
    ("Waktu hingga kata pertama", "waktu bagian makalah yang berjalan sebelum kata pertama "
     "diketik."),
    ("Waktu menulis aktif", "jumlah selang antara dua revisi yang tidak lebih dari {idle} "
     "detik; selang yang lebih panjang adalah jeda tanpa menulis."),
    ("Kata per menit aktif", "jumlah kata makalah akhir dibagi waktu menulis aktif."),
    ("Bagian dari tempel / kutipan", "bagian teks akhir yang masuk sekaligus ({paste} "
     "karakter atau lebih dalam satu simpanan): tempel teks sendiri (sudah ada di makalah), "
     "kutipan bahan kasus, atau semburan tanpa sumber di dalam ujian."),
    ("Rasio penghapusan", "karakter yang dihapus dibagi karakter yang diketik atau "
     "ditempel."),
    ("Jeda terpanjang", "selang terlama tanpa revisi (termasuk sebelum revisi pertama)."),
    ("Semburan", "perubahan {paste} karakter atau lebih sekaligus (atau 10 karakter atau "
     "lebih yang masuk lebih cepat dari {cps} karakter per detik sejak simpanan sebelumnya) "
     "yang bukan teks peserta sendiri dan bukan kutipan bahan kasus: lebih cepat daripada "
     "mengetik."),
    ("Setelah peringatan terakhir", "karakter yang ditulis setelah peringatan terakhir: "
     "peringatan waktu kios (15, 5, dan 1 menit sebelum habis) atau pesan pengawas."),
)


def _script_json(data: Any) -> str:
    """JSON that cannot end its <script> block or open markup, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _utf16(text: str, at: int, length: int) -> tuple[int, int]:
    """A code-point splice position and length in the UTF-16 units JavaScript counts."""
    def units(s: str) -> int:
        return len(s.encode("utf-16-le")) // 2

    return units(text[:at]), units(text[at:at + length])


def viewer_data(paper: Paper) -> dict[str, Any]:
    t = paper.timeline
    astral = any(ord(c) > 0xFFFF for r in t.revisions for c in r.inserted)
    revs: list[list[Any]] = []
    checkpoints: list[list[Any]] = []
    text = ""
    for n, r in enumerate(t.revisions):
        at, deleted = _utf16(text, r.at, r.deleted) if astral else (r.at, r.deleted)
        text = text[:r.at] + r.inserted + text[r.at + r.deleted:]
        revs.append([r.t_ms, at, deleted, r.inserted, KINDS.index(r.kind)])
        if (n + 1) % CHECKPOINT_EVERY == 0:
            checkpoints.append([n, text])
    idle = paper.config.idle_s * 1000
    times = [0, *(r.t_ms for r in t.revisions)]
    gaps = [[a, b] for a, b in pairwise(times) if b - a > idle]
    return {"worked": max(t.worked_ms, times[-1]), "revs": revs, "checkpoints": checkpoints,
            "kinds": list(KINDS), "kindNames": list(KIND_NAMES), "final": t.final_text,
            "gaps": gaps,
            "marks": [[m.t_ms, m.label, m.detail, m.by, m.proctor] for m in t.marks
                      if not m.before],
            "flags": [[f.t_ms, f.text] for f in paper.flags]}


def _asset(name: str) -> str:
    return (files("exam_bank.replay") / name).read_text(encoding="utf-8")


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%".replace(".", ",")


def _num(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{x:.{digits}f}".replace(".", ",")


def _indicator_rows(paper: Paper) -> list[tuple[str, str]]:
    i = paper.indicators
    return [
        ("Waktu hingga kata pertama", "–" if i.first_word_ms is None else clock(i.first_word_ms)),
        ("Waktu menulis aktif", clock(i.active_ms)),
        ("Kata per menit aktif", _num(i.words_per_active_min)),
        ("Bagian dari tempel / kutipan", f"{_pct(i.own_paste_share)} teks sendiri · "
         f"{_pct(i.quote_share)} kutipan · {_pct(i.burst_share)} semburan"),
        ("Rasio penghapusan", f"{_num(i.deletion_ratio, 2)} ({i.deleted_chars} dihapus / "
         f"{i.inserted_chars} masuk)"),
        ("Jeda terpanjang", f"{clock(i.longest_idle_ms)} (mulai {clock(i.longest_idle_at_ms)})"),
        ("Semburan", str(i.bursts)),
        ("Setelah peringatan terakhir", "–" if i.last_warning_ms is None else
         f"{i.chars_after_warning} karakter (peringatan {clock(i.last_warning_ms)})"),
        ("Tempel ditolak / meninggalkan jendela", f"{i.refused_pastes} / {i.focus_losses}"),
        ("Jumlah revisi / kata akhir", f"{i.revisions} / {i.words}"),
    ]


def replay_html(paper: Paper, *, blind: bool) -> str:
    e = html.escape
    who = (f"Kode makalah {paper.code}" if blind
           else f"{paper.name} · {paper.participant_no} · kode {paper.code}")
    script = _asset("viewer.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
           "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'")
    config = {"idle": paper.config.idle_s, "paste": paper.config.paste_chars,
              "cps": f"{paper.config.max_cps:g}"}
    check = ("identik" if paper.matches else "BERBEDA")
    flags = "".join(
        f'<li><a href="#t={f.t_ms}">{e(clock(f.t_ms))}</a> {e(f.text)}</li>' for f in paper.flags
    ) or "<li>Tidak ada penanda.</li>"
    marks = "".join(
        (f"<tr><td>sebelum makalah (bagian {e(m.before)})</td>" if m.before else
         f'<tr><td class="num"><a href="#t={m.t_ms}">{e(clock(m.t_ms))}</a></td>')
        + f"<td>{e(m.label)}</td><td>{e(m.detail)}</td><td>{e(m.by)}</td></tr>"
        for m in paper.timeline.marks) or '<tr><td colspan="4">Tidak ada.</td></tr>'
    rows = "".join(f"<tr><td>{e(k)}</td><td class=\"num\">{e(v)}</td></tr>"
                   for k, v in _indicator_rows(paper))
    definitions = "".join(f"<li><b>{e(k)}</b>: {e(v.format(**config))}</li>"
                          for k, v in DEFINITIONS)
    legend = "".join(f'<i class="tick-legend" style="background:{c}"></i>{e(n)}'
                     for c, n in (("#2f6fdf", KIND_NAMES[1]), ("#1f7a4d", KIND_NAMES[2]),
                                  ("#b42318", KIND_NAMES[3]), ("#8a6d00", KIND_NAMES[4]),
                                  ("#cfd5df", "jeda"), ("#7b3fb5", "tindakan pengawas"),
                                  ("#e08a00", "kejadian peserta")))
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{e(csp, quote=False)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rekaman penulisan makalah — {e(paper.code if blind else paper.participant_no)}</title>
<style>{_asset("viewer.css")}</style>
</head>
<body data-state="loading">
<header>
<h1>Rekaman Proses Penulisan Makalah</h1>
<div class="sub">{e(paper.exam_title)} · {e(who)} · soal {e(paper.item_id)}</div>
</header>
<main>
<div>
<section>
<div class="controls">
<button id="play" type="button">&#9654; Putar</button>
<button id="prev" type="button">&#9664; Revisi</button>
<button id="next" type="button">Revisi &#9654;</button>
<label>Kecepatan <select id="speed">
<option value="10">10×</option><option value="60" selected>60×</option>
<option value="300">300×</option><option value="1200">1200×</option></select></label>
<span id="clock"></span>
</div>
<input id="scrub" type="range" min="0" max="0" step="1000" value="0" aria-label="Waktu">
<div id="bar"><span id="cursor"></span></div>
<div class="legend">{legend}</div>
<div id="info"></div>
</section>
<div id="paper" aria-live="off"></div>
</div>
<div>
<section>
<h2>Pemeriksaan teks akhir</h2>
<p>Teks akhir hasil pemutaran ulang <b class="{'ok' if paper.matches else 'bad'}">{check}</b>
dengan makalah yang dinilai (sidik tersimpan <span class="hash">{e(paper.graded_hash)}</span>).</p>
<p class="note">SHA-256 teks akhir: <span class="hash">{e(paper.sha256)}</span></p>
<p class="note">Di peramban ini: <span id="browser-check">memeriksa…</span></p>
</section>
<section>
<h2>Penanda</h2>
<ul class="flags">{flags}</ul>
<p class="note">Penanda adalah bahan pertimbangan panel, bukan putusan. Klik waktu untuk
melompat ke saat itu dalam rekaman.</p>
</section>
<section>
<h2>Indikator proses</h2>
<table>{rows}</table>
<ul class="def">{definitions}</ul>
</section>
<section class="marks">
<h2>Tindakan pengawas dan kejadian</h2>
<table><tr><th>Waktu</th><th>Tindakan</th><th>Keterangan</th><th>Oleh</th></tr>{marks}</table>
<p class="note">Waktu adalah waktu bagian makalah yang terpakai (berhenti saat dijeda
atau dikunci pengawas), seperti batas waktu peserta.</p>
</section>
</div>
</main>
<script type="application/json" id="replay-data">{_script_json(viewer_data(paper))}</script>
<script>{script}</script>
</body>
</html>
"""
