"""`ProctorKeySource`: the exam key as the proctor released it, in memory only.

The store keys are derived exactly as the standalone kiosk derives them (HKDF of the exam
key, exam id and participant number, `kiosk.keysource.StandaloneKeySource`), so a store
opens the same way whichever mode wrote it; only where the exam key comes from differs.
"""

from __future__ import annotations

from pathlib import Path

from exam_bank.crypto.examkey import ExamKey
from exam_bank.events import Event
from exam_bank.ids import ParticipantNo
from kiosk.keysource import StandaloneKeySource
from kiosk.link.client import LinkError, LinkStatus
from kiosk.store import EventStore, StoreError


class ProctorKeySource(StandaloneKeySource):
    """Keys for a linked kiosk: built from the welcome's exam key, never written."""

    @classmethod
    def from_status(cls, status: LinkStatus, data_dir: Path) -> ProctorKeySource:
        if status.exam_key is None or status.exam_id is None:
            raise LinkError("the proctor has not opened the session yet: no exam key")
        return cls(ExamKey.of(status.exam_id, status.exam_key), data_dir)

    def has_log(self, participant_no: ParticipantNo) -> bool:
        path = self.store_path(participant_no)
        if not path.exists():
            return False
        with self.open_store(participant_no) as store:
            return store.last() is not None

    def adopt(self, participant_no: ParticipantNo, events: list[Event]) -> EventStore:
        """A store holding `events` (a moved candidate's log from the proctor), opened.

        A store already here must be a prefix of it (this kiosk served the candidate
        before); the rest is appended, each event checked by the store's own chain rules.
        """
        store = self.open_store(participant_no)
        try:
            have = store.events()
            if have != events[:len(have)]:
                raise StoreError(f"{store.path}: the log here differs from the proctor's "
                                 f"copy of {participant_no}; nothing was changed")
            for event in events[len(have):]:
                store.append(event)
        except BaseException:
            store.close()
            raise
        return store
