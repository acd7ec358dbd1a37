"""Realistic candidate logs without a kiosk, for tests, benchmarks and demos.

A seeded candidate logs in, works through every section of their own form (choice items
answered, likert points chosen, a makalah typed as saves of a few characters), submits
each section and the exam. The log is a real hash chain built with `EventLog`, so
everything downstream (sealing, import, fold, scoring) runs exactly as on real results.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from exam_bank.blueprint.forms import Form
from exam_bank.events.chain import EventLog
from exam_bank.events.makalah import revision_data
from exam_bank.events.model import Event, EventType
from exam_bank.items.model import Item, ItemType

WORDS = ("pelayanan", "publik", "kebijakan", "daerah", "reformasi", "birokrasi", "kinerja",
         "aparatur", "integritas", "akuntabilitas", "masyarakat", "strategi", "inovasi",
         "anggaran", "evaluasi", "program", "koordinasi", "transparansi", "kapasitas")


class _Clock:
    def __init__(self, start: dt.datetime):
        self.mono = 0
        self.wall = start

    def tick(self, ms: int) -> tuple[str, int]:
        self.mono += ms
        self.wall += dt.timedelta(milliseconds=ms)
        return self.wall.isoformat(timespec="milliseconds"), self.mono


def candidate_events(exam_id: str, form: Form, items: Mapping[str, Item], *,
                     seed: int = 0, makalah_revisions: int = 60,
                     start: dt.datetime | None = None, submit: bool = True) -> list[Event]:
    """One candidate's whole session. `makalah_revisions` saves per makalah item (a real
    4-hour paper is ~14,400); `submit=False` stops before the final submission."""
    rng = random.Random(f"{exam_id}/{form.participant_no}/{seed}")
    log = EventLog(exam_id, form.participant_no)
    clock = _Clock(start or dt.datetime(2026, 12, 8, 1, 0, tzinfo=dt.UTC))

    def add(type: EventType, ms: int = 1000, **data: object) -> None:
        wall, mono = clock.tick(ms)
        log.append(type, data, wall, mono, 1)

    add(EventType.LOGIN, participant_no=form.participant_no)
    add(EventType.IDENTITY_CONFIRMED)
    add(EventType.RULES_ACKNOWLEDGED)
    for section in form.sections:
        add(EventType.SECTION_STARTED, section=section.section_id)
        for index, item_id in enumerate(section.item_ids):
            if index:
                add(EventType.NAVIGATED, 500, to=index)
            item = items[item_id]
            if item.type == ItemType.MAKALAH:
                _type_paper(add, rng, item_id, makalah_revisions)
            else:
                add(EventType.ANSWER_SET, rng.randint(5_000, 25_000), item=item_id,
                    answer=_answer(rng, item, section.option_orders.get(item_id)))
        add(EventType.SECTION_SUBMITTED, section=section.section_id, reason="candidate")
    if submit:
        add(EventType.EXAM_SUBMITTED, reason="candidate")
    return log.events


def _answer(rng: random.Random, item: Item, order: tuple[str, ...] | None) -> object:
    ids = list(order or (o.id for o in item.options))
    if item.type == ItemType.LIKERT:
        return rng.randint(1, item.likert.points if item.likert else 5)
    if item.type == ItemType.MR:
        return sorted(rng.sample(ids, min(2, len(ids))))
    correct = [o.id for o in item.options if o.correct]
    # Mostly right, so scores spread across levels rather than sit at chance.
    return rng.choice(correct) if correct and rng.random() < 0.7 else rng.choice(ids)


def _type_paper(add: object, rng: random.Random, item_id: str, revisions: int) -> None:
    text, stream = "", ""
    for rev in range(1, revisions + 1):
        while len(stream) < 8:
            stream += rng.choice(WORDS) + (". " if rng.random() < 0.08 else " ")
        take = rng.randint(1, 4)
        new, stream = text + stream[:take], stream[take:]
        add(EventType.MAKALAH_REVISION, 1000, **revision_data(item_id, rev, text, new))  # type: ignore[operator]
        text = new
