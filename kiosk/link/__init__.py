"""The kiosk's link to the proctor.

Pieces
------
- `config.link_config(table)`: the ``[proctor]`` table of kiosk.toml, checked field by field.
- `enroll.add_enroll_arguments` / `enroll.run_enroll`: ``ujikom kiosk enroll``.
- `client.ProctorLink`: the mutual-TLS connection, in its own thread with its own asyncio
  loop; reconnects with backoff; heartbeats; streams the stores from the last ack.
- `keys.ProctorKeySource`: the exam key from the welcome (memory only), the store keys
  derived exactly as `kiosk.keysource.StandaloneKeySource` derives them.
- `linked.LinkedKiosk`: what a front end drives. `open_link(config)` builds one.

Contract for a front end (the Qt app, `kiosk.headless`)
-------------------------------------------------------
All calls from ONE thread, the one that owns the sessions (the Qt GUI thread):

1. ``kiosk = open_link(config, clock)``; ``status = kiosk.start(timeout)`` starts the link
   thread and waits for the welcome (LinkError: show "contact the proctor", keep retrying).
   ``status.session_open``/``status.token``/``status.exam_key`` say whether candidates may
   log in; open the package with ``kiosk.keys().exam_key`` and check
   ``status.package_digest`` against the package file's SHA-256.
2. At login: ``session = kiosk.open_session(package, participant_no)`` (the first time a
   candidate logs in on this PC it asks the proctor whether their log is elsewhere, one
   quick reconnect; a moved candidate's log is fetched: up to 15 s, show a wait cursor;
   MoveRefused: "ask the proctor to authorize the move"; a number not on the roster gets a
   memory-only session), then ``session.login(no, pin, token, kiosk.token)`` as in
   standalone mode, then ``kiosk.use(session)``. Every append is streamed by itself (the
   store is wrapped), and ``session_resumed`` names this kiosk (``pc``).
3. Every ~200 ms (a QTimer): ``kiosk.drain()`` applies the proctor's commands to the
   sessions (pause, lock, extend, message, force submit ...) and refreshes the heartbeat;
   re-render the screen from ``session.state`` when it returns anything.
   ``kiosk.notify_appended()`` is only needed by a front end that writes the store itself.
4. Show ``kiosk.status``: ``connected`` (a small "terhubung ke pengawas" indicator),
   ``forked[participant_no]`` (the proctor refuses this kiosk's copy of the log, or holds
   more of it: the candidate continued elsewhere; stop and call the proctor),
   ``session_open``/``token`` (a closed session keeps the login screen shut).
5. At exit: ``kiosk.close()`` (it waits for what runs beside the kiosk,
   ``kiosk.run_beside``: the start-up preflight).

Threads: the link thread never touches a session or the candidate's store connection; it
reads the store through its own SQLCipher connection (WAL: only committed events).
Nothing here imports Qt.
"""

from __future__ import annotations

from kiosk.engine import Clock
from kiosk.link.client import LinkError, LinkStatus, PendingCommand, ProctorLink
from kiosk.link.config import LinkConfig, LinkConfigError, link_config
from kiosk.link.keys import ProctorKeySource
from kiosk.link.linked import CommandResult, LinkedKiosk, MoveRefused, heartbeat_for


def open_link(config: LinkConfig, clock: Clock) -> LinkedKiosk:
    """A LinkedKiosk for `config`: unlocks the kiosk key and builds the TLS context."""
    from exam_bank.bundle.certs import fingerprint_sha256
    from exam_bank.wire.discovery import BEACON_PORT, find_proctor
    from exam_bank.wire.tls import client_context, read_cert, read_key_file

    key = read_key_file(config.key, config.passphrase())
    ca = read_cert(config.ca)
    context = client_context(ca, read_cert(config.cert), key)
    locate = None
    if config.discover:
        fingerprint = fingerprint_sha256(ca)

        async def locate() -> tuple[str, int]:
            # Only this lab's beacon; and it buys nothing but an address to try mTLS on.
            address, beacon = await find_proctor(ca_fingerprint=fingerprint,
                                                 port=config.beacon_port or BEACON_PORT)
            return address, beacon.port

    link = ProctorLink(config.host or "", config.port or 0, context, config.kiosk_id,
                       config.seat, locate=locate)
    return LinkedKiosk(link, config.data, clock)


__all__ = ["CommandResult", "LinkConfig", "LinkConfigError", "LinkError", "LinkStatus",
           "LinkedKiosk", "MoveRefused", "PendingCommand", "ProctorKeySource", "ProctorLink",
           "heartbeat_for", "link_config", "open_link"]
