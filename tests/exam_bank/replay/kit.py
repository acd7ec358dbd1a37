"""A crafted makalah session: every kind of change the replay must recognise, hostile
text included, and proctor actions, as a real hash-chained log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from exam_bank.blueprint.forms import Form, FormSection
from exam_bank.events.chain import EventLog
from exam_bank.events.makalah import revision_data
from exam_bank.events.model import Event, EventType
from exam_bank.ids import ParticipantNo
from exam_bank.items.model import Item, ItemType, MakalahSpec

CASE = ("Waktu rata-rata penerbitan izin usaha di Kota Sukamaju mencapai 21 hari kerja, "
        "jauh di atas target 5 hari kerja.")
NEW = (" Transformasi digital menuntut tata kelola data yang terintegrasi lintas perangkat "
       "daerah dan layanan.")
FAST = " cepat sekali ya"
HOSTILE = '</script><img src=x onerror="alert(1)"><b>tebal</b> & "kutip"'
START = dt.datetime(2026, 12, 8, 1, 0, tzinfo=dt.UTC)


@dataclass
class Writer:
    """Appends events on a clock; `save` records a revision of the paper."""

    exam_id: str
    participant_no: str
    item_id: str
    log: EventLog = field(init=False)
    mono: int = 0
    text: str = ""
    rev: int = 0

    def __post_init__(self) -> None:
        self.log = EventLog(self.exam_id, ParticipantNo(self.participant_no))

    def add(self, type: EventType, ms: int = 1000, **data: object) -> None:
        self.mono += ms
        wall = (START + dt.timedelta(milliseconds=self.mono)).isoformat(timespec="milliseconds")
        self.log.append(type, data, wall, self.mono, 1)

    def save(self, new: str, ms: int = 1000) -> None:
        self.rev += 1
        self.add(EventType.MAKALAH_REVISION, ms, **revision_data(self.item_id, self.rev,
                                                                 self.text, new))
        self.text = new

    def type_out(self, words: str, ms: int = 1000) -> None:
        for k in range(0, len(words), 4):
            self.save(self.text + words[k:k + 4], ms)


def write_paper(w: Writer, case: str = CASE) -> None:
    """The makalah section's events (section already started); `case`: a passage of the
    case material to quote."""
    w.type_out("Latar belakang. ")  # 4 saves of typing, 1 s apart
    w.save(w.text + case)  # a quote of the case material
    w.type_out(" Maka perlu percepatan. ")
    w.add(EventType.PAUSED, 2000, note="listrik padam", by="Bu Rina")
    w.add(EventType.RESUMED, 600_000, by="Bu Rina")  # ten minutes paused: not charged
    w.save(w.text + " Maka perlu percepatan.", 1000)  # own text pasted again
    w.add(EventType.PASTE_REFUSED, 1000, item=w.item_id, chars=812)
    w.save(w.text + NEW, 40 * 60_000)  # after idling 40 minutes
    w.save(w.text[:-10], 1000)  # a deletion of 10 characters
    w.save(w.text + HOSTILE, 1000)
    w.add(EventType.TIME_EXTENDED, 1000, section="makalah", minutes=10, note="pindah PC",
          by="Bu Rina")
    w.type_out(" Penutup.")
    w.save(w.text + FAST, 500)  # 16 characters in half a second: 32 a second


def crafted_events(exam_id: str, participant_no: str, item_id: str,
                   before: Sequence[Event] = ()) -> tuple[list[Event], str]:
    """A whole session with only a makalah section; (events, final text)."""
    w = Writer(exam_id, participant_no, item_id)
    w.add(EventType.LOGIN, participant_no=participant_no)
    w.add(EventType.IDENTITY_CONFIRMED)
    w.add(EventType.RULES_ACKNOWLEDGED)
    w.add(EventType.SECTION_STARTED, section="makalah")
    w.add(EventType.NAVIGATED, 500, to=0)
    write_paper(w)
    w.add(EventType.SECTION_SUBMITTED, section="makalah", reason="candidate")
    w.add(EventType.EXAM_SUBMITTED, reason="candidate")
    return w.log.events, w.text


def makalah_form(participant_no: str, item_id: str = "MK-1") -> tuple[Form, dict[str, Item]]:
    item = Item(item_id, ItemType.MAKALAH, "Strategi transformasi digital", "mengelola_perubahan",
                makalah=MakalahSpec(case_material=f"<p>{CASE}</p>", instructions="Tulislah."))
    form = Form(participant_no, "seed", (FormSection("makalah", (item_id,)),))
    return form, {item_id: item}


def session_with_paper(exam_id: str, form: Form, items: dict[str, Item]
                       ) -> tuple[list[Event], str]:
    """A whole sitting of `form` (choice items answered as `candidate_events` does) whose
    makalah is the crafted paper; (events, final text)."""
    from exam_bank.items.richtext import to_plain_text
    from exam_bank.results.synthetic import candidate_events

    section = next(s.section_id for s in form.sections
                   if any(items[i].type == ItemType.MAKALAH for i in s.item_ids))
    item_id = next(i for i in form.section(section).item_ids
                   if items[i].type == ItemType.MAKALAH)
    spec = items[item_id].makalah
    assert spec is not None
    case = max(to_plain_text(spec.case_material).splitlines(), key=len)[:120]
    w = Writer(exam_id, form.participant_no, item_id)
    for event in candidate_events(exam_id, form, items, makalah_revisions=0):
        w.add(event.type, 1000, **event.data)
        if event.type == EventType.SECTION_STARTED and event.data["section"] != section:
            w.add(EventType.TIME_EXTENDED, 1000, section=event.data["section"], minutes=5,
                  note="kios lambat", by="Pak Budi")  # before the makalah: context only
        if event.type == EventType.SECTION_STARTED and event.data["section"] == section:
            write_paper(w, case)
    return w.log.events, w.text
