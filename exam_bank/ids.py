"""The identifiers that flow through every part, each its own type.

All are plain strings at run time; mypy keeps them apart, so a participant number is not
passed where a kiosk id is expected. A value read from outside (a file, the wire, the
command line) becomes one of these where it is read: `ParticipantNo(text)`.
"""

from __future__ import annotations

from typing import NewType

ParticipantNo = NewType("ParticipantNo", str)  # nomor peserta, printed on the exam card
ItemId = NewType("ItemId", str)  # an item of the bank, e.g. "INT-001"
OptionId = NewType("OptionId", str)  # an option of a choice item, "A".."Z"
SessionId = NewType("SessionId", str)  # one sitting of an exam in a room, e.g. "S1"
KioskId = NewType("KioskId", str)  # a lab PC enrolled with the proctor
