"use strict";
// The makalah replay viewer. Everything the candidate wrote is hostile input: it only
// ever reaches the page through textContent / createTextNode, never as markup.
(function () {
  const D = JSON.parse(document.getElementById("replay-data").textContent);
  const $ = (id) => document.getElementById(id);
  const revs = D.revs; // [t_ms, at, del, ins, kind]
  const cpAt = D.checkpoints.map((c) => c[0]);
  const paper = $("paper"), range = $("scrub"), clock = $("clock"), info = $("info");
  const cache = { index: -2, text: "" };
  let playing = null;

  function hms(ms) {
    const s = Math.floor(ms / 1000);
    const pad = (n) => String(n).padStart(2, "0");
    return Math.floor(s / 3600) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }
  function apply(text, r) {
    return text.slice(0, r[1]) + r[3] + text.slice(r[1] + r[2]);
  }
  // The text after revision i (-1: before the first), from the nearest checkpoint.
  function textAt(i) {
    if (i === cache.index) return cache.text;
    let start = -1, text = "";
    if (cache.index >= -1 && cache.index < i) { start = cache.index; text = cache.text; }
    let lo = 0, hi = cpAt.length - 1, best = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (cpAt[mid] <= i) { best = mid; lo = mid + 1; } else hi = mid - 1; }
    if (best >= 0 && cpAt[best] > start) { start = cpAt[best]; text = D.checkpoints[best][1]; }
    for (let j = start + 1; j <= i; j++) text = apply(text, revs[j]);
    cache.index = i; cache.text = text;
    return text;
  }
  function indexAt(t) {
    let lo = 0, hi = revs.length - 1, best = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (revs[mid][0] <= t) { best = mid; lo = mid + 1; } else hi = mid - 1; }
    return best;
  }
  function words(text) {
    const m = text.match(/[\p{L}\p{N}][^\s]*/gu);
    return m ? m.length : 0;
  }
  function show(t) {
    t = Math.max(0, Math.min(D.worked, t));
    range.value = String(t);
    const i = indexAt(t);
    const text = textAt(i);
    const r = i >= 0 ? revs[i] : null;
    const nodes = [];
    if (r && r[3]) {
      const mark = document.createElement("mark");
      mark.className = D.kinds[r[4]];
      mark.textContent = text.slice(r[1], r[1] + r[3].length);
      nodes.push(document.createTextNode(text.slice(0, r[1])), mark,
                 document.createTextNode(text.slice(r[1] + r[3].length)));
    } else if (r) {
      const cut = document.createElement("span");
      cut.className = "cut";
      cut.textContent = "\u232b";
      nodes.push(document.createTextNode(text.slice(0, r[1])), cut,
                 document.createTextNode(text.slice(r[1])));
    } else {
      nodes.push(document.createTextNode(text));
    }
    paper.replaceChildren(...nodes);
    const focus = paper.querySelector("mark, .cut");
    // Scroll the paper alone (never the page) so the change is in the middle of it.
    if (focus) paper.scrollTop = Math.max(0, focus.offsetTop - paper.clientHeight / 2);
    clock.textContent = hms(t) + " / " + hms(D.worked);
    const kind = r ? D.kindNames[r[4]] : "belum ada tulisan";
    info.textContent = "Revisi " + (i + 1) + " dari " + revs.length + " \u00b7 " + kind +
      " \u00b7 " + words(text) + " kata \u00b7 " + text.length + " karakter";
    $("cursor").style.left = (D.worked ? (100 * t) / D.worked : 0) + "%";
    document.body.dataset.position = String(t);
    document.body.dataset.revision = String(i + 1);
  }
  function stop() {
    if (playing !== null) clearInterval(playing);
    playing = null;
    $("play").textContent = "\u25b6 Putar";
  }
  function play() {
    if (playing !== null) { stop(); return; }
    if (Number(range.value) >= D.worked) show(0);
    $("play").textContent = "\u275a\u275a Jeda";
    document.body.dataset.state = "playing";
    playing = setInterval(function () {
      const next = Number(range.value) + Number($("speed").value) * 100;
      show(next);
      if (next >= D.worked) { stop(); document.body.dataset.state = "ended"; }
    }, 100);
  }
  function fromHash() {
    const h = location.hash.slice(1);
    const t = /(?:^|&)t=(\d+)/.exec(h), p = /(?:^|&)play=(\d+)/.exec(h);
    if (t) { stop(); show(Number(t[1])); }
    if (p) {
      const speed = $("speed");
      if (![...speed.options].some((o) => o.value === p[1])) speed.add(new Option(p[1] + "\u00d7", p[1]));
      speed.value = p[1];
      if (playing === null) play();
    }
  }
  function step(d) {
    stop();
    const i = Math.max(-1, Math.min(revs.length - 1, indexAt(Number(range.value)) + d));
    show(i >= 0 ? revs[i][0] : 0);
  }

  // The timeline bar: idle gaps, pastes/quotes/bursts/deletions, proctor actions, flags.
  const bar = $("bar");
  const pct = (t) => (D.worked ? (100 * t) / D.worked : 0) + "%";
  function tick(cls, t, title, width) {
    const el = document.createElement("span");
    el.className = "tick " + cls;
    el.style.left = pct(t);
    if (width !== undefined) el.style.width = pct(width);
    el.title = title;
    el.addEventListener("click", function (e) { e.stopPropagation(); stop(); show(t); });
    bar.appendChild(el);
  }
  for (const g of D.gaps) tick("gap", g[0], "Jeda tanpa menulis " + hms(g[1] - g[0]), g[1] - g[0]);
  revs.forEach(function (r) { if (r[4] > 0) tick("k" + r[4], r[0], D.kindNames[r[4]] + " \u00b7 " + hms(r[0])); });
  for (const m of D.marks) tick(m[4] ? "proctor" : "event", m[0], m[1] + (m[2] ? ": " + m[2] : "") + " \u00b7 " + hms(m[0]));
  for (const f of D.flags) tick("flag", f[0], f[1]);
  bar.addEventListener("click", function (e) {
    const box = bar.getBoundingClientRect();
    stop();
    show(((e.clientX - box.left) / box.width) * D.worked);
  });

  range.max = String(D.worked);
  range.step = String(Math.max(1, Math.round(D.worked / 2000)));  // ~2000 stops, any length
  range.addEventListener("input", function () { stop(); show(Number(range.value)); });
  $("play").addEventListener("click", play);
  $("prev").addEventListener("click", function () { step(-1); });
  $("next").addEventListener("click", function () { step(1); });
  window.addEventListener("hashchange", fromHash);

  // The browser's own check: replaying every revision gives the graded paper.
  const same = textAt(revs.length - 1) === D.final;
  const verdict = $("browser-check");
  verdict.textContent = same ? "cocok: pemutaran ulang di peramban ini menghasilkan teks yang sama persis"
                             : "TIDAK COCOK: pemutaran ulang berbeda dari makalah yang dinilai";
  verdict.className = same ? "ok" : "bad";
  document.body.dataset.check = same ? "ok" : "bad";
  document.body.dataset.state = "ready";
  show(D.worked);
  fromHash();
})();
