"""A loopback TCP proxy between a kiosk and the proctor that drops, delays, reorders and
half-closes the link at random while `chaos` is on, and passes bytes cleanly when off.

Reordering the chunks of a TLS stream makes the record layer fail, exactly like a link
that corrupts data: the connection dies and the kiosk must reconnect and resend.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from collections import Counter


class ChaosProxy:
    def __init__(self, target_port: int, *, seed: int | None = None) -> None:
        self.target_port = target_port
        self.chaos = True
        self.stats: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    def start(self) -> ChaosProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    def stop(self) -> None:
        async def shut() -> None:
            assert self._server is not None
            self._server.close()
            for w in list(self._writers):
                w.transport.abort()
        asyncio.run_coroutine_threadsafe(shut(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _handle(self, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1",
                                                                 self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, up_writer}
        self.stats["connections"] += 1
        pair = (writer, up_writer)
        await asyncio.gather(self._pump(reader, up_writer, pair),
                             self._pump(up_reader, writer, pair), return_exceptions=True)
        for w in pair:
            w.transport.abort()
            self._writers.discard(w)

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    pair: tuple[asyncio.StreamWriter, ...]) -> None:
        held: bytes | None = None
        while True:
            chunk = await reader.read(4096)
            if not chunk:
                with contextlib.suppress(OSError, RuntimeError):
                    writer.write_eof()
                return
            if self.chaos:
                roll = self._rng.random()
                if roll < 0.02:
                    self.stats["dropped"] += 1
                    for w in pair:
                        w.transport.abort()
                    return
                if roll < 0.03:
                    self.stats["half_closed"] += 1
                    with contextlib.suppress(OSError, RuntimeError):
                        writer.write_eof()  # one direction ends; the other goes on
                    return
                if roll < 0.15:
                    self.stats["delayed"] += 1
                    await asyncio.sleep(self._rng.uniform(0.0, 0.3))
                elif roll < 0.18 and held is None:
                    self.stats["reordered"] += 1
                    held = chunk  # sent after the next chunk
                    continue
            if held is not None:
                chunk, held = chunk + held, None
            writer.write(chunk)
            try:
                await writer.drain()
            except (OSError, RuntimeError):
                return
