"""Plain HTTP clients of a running app server, for benchmarks: a GET on the loopback, and live
streams read as a browser's EventSource reads them, in a process of their own."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from pathlib import Path


async def get(port: int, path: str) -> tuple[int, str]:
    """A plain HTTP/1.0 GET on the loopback: (status, body)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode(errors="replace")


@dataclass
class Heard:
    """What one stream received: revisions and what it said about saving, with their arrival times."""

    revisions: list[tuple[float, int]] = field(default_factory=list)
    saving: list[tuple[float, bool]] = field(default_factory=list)


async def hold_stream(port: int, token: str, heard: Heard, stop: asyncio.Event) -> None:
    """The live stream of one page, read as a browser's EventSource would."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET /live?t={token} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(f"live stream refused: {status!r}")
    event = ""
    reading = asyncio.ensure_future(reader.readline())
    waiting = asyncio.ensure_future(stop.wait())
    while True:
        done, _ = await asyncio.wait({reading, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if waiting in done:
            reading.cancel()
            break
        line = reading.result()
        if not line:
            raise RuntimeError("live stream ended")
        text = line.decode().rstrip("\r\n")
        if text.startswith("event: "):
            event = text[7:]
        elif text.startswith("data: ") and event == "revision":
            heard.revisions.append((time.monotonic(), int(json.loads(text[6:])["revision"])))
        elif text.startswith("data: ") and event == "saving":
            heard.saving.append((time.monotonic(), bool(json.loads(text[6:])["paused"])))
        reading = asyncio.ensure_future(reader.readline())
    writer.close()


def read_streams(port: int, streams: list[tuple[str, str]], ready, stop, out: Path) -> None:  # type: ignore[no-untyped-def]
    """A process of its own holding one replica's live streams, so that how soon an event arrives is
    not how soon the process making the saves gets round to reading it. Writes what arrived to `out`."""

    async def hold_all() -> None:
        ended = asyncio.Event()
        heard = [Heard() for _ in streams]
        holders = [
            asyncio.create_task(hold_stream(port, token, heard[k], ended))
            for k, (_, token) in enumerate(streams)
        ]
        deadline = time.monotonic() + 60
        while not all(h.revisions for h in heard) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        ready.set()
        await asyncio.to_thread(stop.wait)
        ended.set()
        results = await asyncio.gather(*holders, return_exceptions=True)
        out.write_text(
            json.dumps(
                {
                    "streams": [
                        [workshop, h.revisions, h.saving]
                        for (workshop, _), h in zip(streams, heard, strict=True)
                    ],
                    "errors": [repr(r) for r in results if isinstance(r, BaseException)],
                }
            )
        )

    asyncio.run(hold_all())
