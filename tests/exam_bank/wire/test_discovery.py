"""The LAN beacon: what it says, that garbage is ignored, and that a kiosk hears it."""

from __future__ import annotations

import asyncio
import socket

import pytest

from exam_bank.wire import discovery as D
from exam_bank.wire.protocol import ProtocolError

CA = "ab" * 32


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_beacon_round_trips_and_bad_ones_name_the_field() -> None:
    beacon = D.make_beacon("Lab CAT", 7443, 7444, CA)
    assert D.decode_beacon(D.encode_beacon(beacon)) == beacon
    with pytest.raises(ProtocolError) as info:
        D.decode_beacon(D.encode_beacon(beacon).replace(b"7443", b"99999"))
    assert info.value.field == "port"
    with pytest.raises(ProtocolError):
        D.decode_beacon(b"x" * (D.MAX_BEACON + 1))
    with pytest.raises(ProtocolError):
        D.decode_beacon(b'{"type":"hello"}')  # a lab message is not a beacon


def test_a_kiosk_hears_its_own_labs_beacon_and_ignores_others() -> None:
    port = _free_udp_port()

    async def main() -> tuple[str, D.Beacon]:
        other = D.make_beacon("Next room", 9000, 9001, "cd" * 32)
        ours = D.make_beacon("Lab CAT", 7443, 7444, CA)
        listening = asyncio.ensure_future(D.find_proctor(ca_fingerprint=CA, port=port,
                                                         host="127.0.0.1", timeout=5))
        await asyncio.sleep(0.1)
        senders = [asyncio.ensure_future(D.broadcast(b, target=("127.0.0.1", port),
                                                     every=0.05))
                   for b in (other, ours)]
        noise = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        noise.sendto(b"\x00garbage", ("127.0.0.1", port))
        noise.close()
        try:
            return await listening
        finally:
            for task in senders:
                task.cancel()
            await asyncio.gather(*senders, return_exceptions=True)

    host, beacon = asyncio.run(main())
    assert host == "127.0.0.1"
    assert (beacon.lab, beacon.port, beacon.enroll_port) == ("Lab CAT", 7443, 7444)
