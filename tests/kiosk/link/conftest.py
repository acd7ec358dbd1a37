"""A fake proctor on 127.0.0.1 and a LinkedKiosk on the in-memory test package."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from exam_bank.wire.protocol import PROCTOR_NAME
from kiosk.engine import FakeClock
from kiosk.link import LinkedKiosk, ProctorLink
from tests.kiosk.engine.kit import EXAM
from tests.kiosk.link.fakeproctor import FakeProctor, Lab, new_exam_key


@pytest.fixture(scope="session")
def lab() -> Lab:
    return Lab()


@pytest.fixture
def proctor(lab: Lab) -> Iterator[FakeProctor]:
    fake = FakeProctor(lab, EXAM, new_exam_key()).start()
    yield fake
    fake.stop()


KioskFactory = Callable[..., LinkedKiosk]


@pytest.fixture
def make_kiosk(lab: Lab, proctor: FakeProctor, tmp_path: Path) -> Iterator[KioskFactory]:
    made: list[LinkedKiosk] = []

    def make(kiosk_id: str = "PC01", seat: str = "A01") -> LinkedKiosk:
        link = ProctorLink("127.0.0.1", proctor.port, lab.client_context(kiosk_id), kiosk_id,
                           seat, server_hostname=PROCTOR_NAME)
        kiosk = LinkedKiosk(link, tmp_path / kiosk_id, FakeClock())
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()


def wait_for(condition: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)
