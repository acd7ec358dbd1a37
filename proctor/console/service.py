"""What the console needs of the lab server: H5a's `proctor.service.ProctorService` has
these methods; tests pass a fake."""

from __future__ import annotations

from typing import Protocol

from exam_bank.ids import KioskId, ParticipantNo
from exam_bank.wire.control import ControlCommand


class ConsoleService(Protocol):
    def send(self, command: ControlCommand) -> None: ...
    def new_token(self) -> str: ...
    @property
    def token(self) -> str: ...
    def enrollment_code(self) -> str: ...
    def authorize_move(self, participant_no: ParticipantNo, kiosk_id: KioskId,
                       by: str = "", reason: str = "") -> None: ...
    def quit_code(self) -> str: ...
