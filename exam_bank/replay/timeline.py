"""A makalah's writing process, read from the candidate's log with the same fold that
scored it: every revision as a splice placed on the section's clock, what kind of change
it was, the proctor's actions and the candidate's incidents on the same clock.

The clock is the makalah section's charged time (`worked_ms`): it stands still while
the proctor has paused or locked the kiosk and across a crash or a move, exactly as the
candidate's time limit did. `wall` is kept for people reading the page.

Kinds of revision (`classify`): a small change is *typing* (or a *deletion* when nothing
is inserted). A change inserting at least `paste_chars` characters at once (or at least
10 faster than `max_cps` characters a second since the previous save) is a paste:
of the candidate's *own* text when it appears in the paper as it stood before, a *quote*
when it appears in the case material or the prompt (the kiosk allows both), and
otherwise a *burst*: text arriving faster than anyone types, from no source in the exam.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from exam_bank.blueprint.forms import Form
from exam_bank.events.fold import SessionState, apply, initial_state
from exam_bank.events.makalah import splice
from exam_bank.events.model import Event, EventType
from exam_bank.items.model import Item

TYPING, DELETION, PASTE_OWN, QUOTE, BURST = "typing", "deletion", "paste_own", "quote", "burst"
ORIGIN = {TYPING: 0, DELETION: 0, PASTE_OWN: 1, QUOTE: 2, BURST: 3}  # per character

# What the proctor (or the kiosk, for the candidate) did, as the panel reads it.
ACTIONS = {
    EventType.PAUSED: "Dijeda pengawas",
    EventType.RESUMED: "Dilanjutkan pengawas",
    EventType.LOCKED: "Dikunci pengawas",
    EventType.UNLOCKED: "Dibuka pengawas",
    EventType.TIME_EXTENDED: "Tambahan waktu",
    EventType.MESSAGE: "Pesan pengawas",
    EventType.READ_ALOUD_ON: "Dibacakan (text-to-speech) diaktifkan pengawas",
    EventType.INCIDENT: "Kejadian dicatat",
    EventType.SESSION_RESUMED: "Dilanjutkan di PC lain / setelah gangguan",
    EventType.HAND_RAISED: "Peserta memanggil pengawas",
    EventType.HAND_ANSWERED: "Pengawas menanggapi",
    EventType.FOCUS_LOST: "Jendela ujian ditinggalkan",
    EventType.FOCUS_REGAINED: "Kembali ke jendela ujian",
    EventType.PASTE_REFUSED: "Tempel ditolak (sumber dari luar ujian)",
}
PROCTOR = frozenset({EventType.PAUSED, EventType.RESUMED, EventType.LOCKED, EventType.UNLOCKED,
                     EventType.TIME_EXTENDED, EventType.MESSAGE, EventType.INCIDENT,
                     EventType.READ_ALOUD_ON,
                     EventType.SESSION_RESUMED, EventType.HAND_ANSWERED})


@dataclass(frozen=True)
class Revision:
    seq: int
    rev: int
    t_ms: int  # the section's charged time after this revision
    wall: str
    at: int  # splice against the text before, in code points
    deleted: int
    inserted: str
    kind: str
    length: int  # characters after


@dataclass(frozen=True)
class Mark:
    seq: int
    t_ms: int
    wall: str
    type: str
    label: str  # Indonesian
    detail: str  # note, minutes, pc, characters refused …
    by: str
    proctor: bool
    before: str = ""  # the earlier section it happened in (shown, not on the clock)


@dataclass(frozen=True)
class Timeline:
    item_id: str
    section_id: str
    budget_ms: int  # the section's limit plus extensions, at the end
    worked_ms: int  # charged at the end
    revisions: tuple[Revision, ...]
    marks: tuple[Mark, ...]
    final_text: str
    origin: bytes  # per character of final_text: 0 typed, 1 own paste, 2 quote, 3 burst


_SPACE = re.compile(r"\s+")


def normalized(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


FAST_MIN_CHARS = 10  # a rate is only judged over this many characters


def classify(before: str, inserted: str, deleted: int, sources: Sequence[str],
             paste_chars: int, too_fast: bool = False) -> str:
    """The kind of one change (module docstring); `sources` already `normalized`.
    `too_fast`: the change arrived faster than `max_cps` since the previous one, so even
    a shorter insertion (from FAST_MIN_CHARS) is judged like a paste."""
    if not inserted:
        return DELETION if deleted else TYPING
    size = len(inserted.strip())
    if size < paste_chars and not (too_fast and size >= FAST_MIN_CHARS):
        return TYPING
    flat = normalized(inserted)
    if flat in normalized(before):
        return PASTE_OWN
    if any(flat in s for s in sources):
        return QUOTE
    return BURST


def makalah_section(form: Form, item_id: str) -> str:
    for section in form.sections:
        if item_id in section.item_ids:
            return section.section_id
    raise KeyError(item_id)


def build_timeline(events: Sequence[Event], form: Form, items: Mapping[str, Item],
                   limits: Mapping[str, int], navigation: Mapping[str, str], item_id: str,
                   sources: Sequence[str], paste_chars: int = 20,
                   max_cps: float = 20.0) -> Timeline:
    """Fold `events` one by one and record the paper `item_id` as it grew."""
    section_id = makalah_section(form, item_id)
    flat_sources = [normalized(s) for s in sources if s.strip()]
    state: SessionState = initial_state(form, items, limits, navigation)
    revisions: list[Revision] = []
    marks: list[Mark] = []
    origin = bytearray()
    inside = False
    section_now = ""
    for event in events:
        before = state.makalah.get(item_id, "")
        state = apply(state, event)
        t = state.worked_ms.get(section_id, 0)
        if event.type == EventType.SECTION_STARTED:
            section_now = str(event.data.get("section", ""))
            inside = inside or section_now == section_id
        if not inside:
            if event.type in PROCTOR:  # the day's context: what the proctor did earlier
                marks.append(dataclasses.replace(_mark(event, 0), before=section_now or "-"))
            continue
        if (event.type == EventType.MAKALAH_REVISION and event.data.get("item") == item_id
                and state.makalah_rev.get(item_id) == event.data.get("rev")):
            after = state.makalah[item_id]
            cut = splice(before, after)
            at, deleted, inserted = int(cut["at"]), int(cut["del"]), str(cut["ins"])
            since = t - (revisions[-1].t_ms if revisions else 0)
            too_fast = len(inserted) > max_cps * max(since, 1) / 1000
            kind = classify(before, inserted, deleted, flat_sources, paste_chars, too_fast)
            origin[at:at + deleted] = bytes([ORIGIN[kind]]) * len(inserted)
            revisions.append(Revision(event.seq, int(event.data["rev"]), t, event.wall, at,
                                      deleted, inserted, kind, len(after)))
        elif event.type in ACTIONS:
            marks.append(_mark(event, t))
        if event.type == EventType.SECTION_SUBMITTED and event.data.get("section") == section_id:
            break
    final = state.makalah.get(item_id, "")
    return Timeline(item_id, section_id, state.budget_ms(section_id),
                    state.worked_ms.get(section_id, 0), tuple(revisions), tuple(marks), final,
                    bytes(origin))


def _mark(event: Event, t: int) -> Mark:
    data = event.data
    if event.type == EventType.TIME_EXTENDED:
        detail = f"{data.get('minutes')} menit"
        if data.get("note"):
            detail += f" — {data['note']}"
    elif event.type == EventType.PASTE_REFUSED:
        detail = f"{data.get('chars', 0)} karakter"
    elif event.type == EventType.INCIDENT:
        detail = f"{data.get('kind', '')}: {data.get('note', '')}".strip(": ")
    elif event.type == EventType.SESSION_RESUMED:
        detail = " — ".join(str(data[k]) for k in ("pc", "note") if data.get(k))
    else:
        detail = str(data.get("text") or data.get("note") or "")
    return Mark(event.seq, t, event.wall, str(event.type), ACTIONS[event.type], detail,
                str(data.get("by", "")), event.type in PROCTOR)
