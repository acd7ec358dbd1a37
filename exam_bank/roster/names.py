"""People's names without their titles, for where a name must be short and still say who
it is (a seat tile, initials): "Dra. Hj. Tuti Puspita Mulyani, M.Si." is Tuti Puspita
Mulyani, not "Dra. T. P. M.".

Indonesian names carry titles before the name (academic Dr./Ir./Drs./Dra., religious
H./Hj./K.H., honorific Prof.) and degrees after it, following a comma ("…, S.H., M.M.").
Everything after the first comma is taken as degrees; before the name, the words in
`FRONT_TITLES` are dropped (with or without their dot). Official documents print the
name as registered, titles and all; only short forms strip them.
"""

from __future__ import annotations

import re

# Before the name; compared without dots and case ("Dra." = "dra" = "DRA").
FRONT_TITLES = frozenset({
    "dr", "dra", "drs", "ir", "prof", "h", "hj", "kh", "ustadz", "ustadzah", "drg", "ns",
    "apt", "bpk", "ibu", "sdr", "sdri", "tn", "ny", "nn",
})
# After the name (usually after a comma); the same comparison. A degree written without
# a comma before it ("Budi Santoso S.Kom") is recognised by these, and by its dots.
BACK_TITLES = frozenset({
    "sh", "mh", "mm", "msi", "skom", "mkom", "se", "me", "st", "mt", "ssi", "spd", "mpd",
    "ssos", "msos", "sip", "map", "sag", "mag", "lc", "spsi", "mpsi", "psikolog", "skep",
    "ners", "amd", "amdkep", "ma", "msc", "mba", "phd", "ipu", "sked", "mkes", "skm", "sp",
    "sgz", "sfarm", "sap", "sikom", "shum", "mhum", "sth", "sstp", "mtr", "ssit",
})
_DOTS = re.compile(r"[.\s]")


def _key(word: str) -> str:
    return _DOTS.sub("", word).lower()


def without_titles(name: str) -> str:
    """The name with its titles and degrees removed; the name itself when nothing is
    left (a name that is only "Ir." stays "Ir.")."""
    words = name.split(",", 1)[0].split()
    while words and _key(words[0]) in FRONT_TITLES:
        words.pop(0)
    while words and (_key(words[-1]) in BACK_TITLES or
                     (words[-1].count(".") >= 2 and len(words[-1]) <= 8)):
        words.pop()
    return " ".join(words) or name.strip()


def initials(name: str) -> str:
    """"Tuti Puspita Mulyani" → "T. P. M." (titles left out)."""
    return " ".join(f"{w[0].upper()}." for w in without_titles(name).split())


def short_name(name: str, limit: int = 16) -> str:
    """The name without titles; first name plus initials when that is still too long;
    cut with an ellipsis as a last resort."""
    bare = without_titles(name)
    if len(bare) <= limit:
        return bare
    parts = bare.split()
    short = " ".join([parts[0], *(p[0].upper() + "." for p in parts[1:])])
    return short if len(short) <= limit else bare[: limit - 1] + "\u2026"
