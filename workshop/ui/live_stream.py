"""Pushed live refresh, server side: one revision watcher per workshop and an SSE route.

A page shows a workshop at some *revision* (a number, or any JSON value, that changes whenever
anything in the workshop changes). Every open browser keeps one Server-Sent Events stream open to
``GET /live?t=<link token>``; the stream sends the workshop's revision when it connects and again
whenever it changes, and the browser reruns its own Streamlit script when the revision moves.

:class:`RevisionHub` keeps **one** watcher task per workshop per server process, however many
browsers follow that workshop. The watcher exists only while somebody subscribes, reads the
revision from the database (so several replicas behind one PostgreSQL see each other's writes)
about four times a second, and fans a change out to every subscriber's queue.

Only Starlette and anyio are needed here; the route is mounted with
``st.App("page.py", routes=live_routes(...))``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import time
from collections.abc import AsyncIterator, Callable, Hashable
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

__all__ = ["RevisionHub", "live_routes"]

_LOG = logging.getLogger(__name__)

#: Sent as the whole body of every refused stream: it must not tell a bad token from a
#: deleted workshop, nor say anything about which workshops exist.
_NOT_FOUND = "Not found"

_NOTHING = object()

_SSE_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",
}


class RevisionHub:
    """Fan one workshop's revision out to many subscribers with one watcher per workshop.

    ``read_revision(workshop_id)`` is a blocking function (it usually queries the database); it
    runs in a worker thread, once per ``interval`` seconds per *watched workshop*, never once per
    subscriber.

    Use from inside a running event loop::

        queue = hub.subscribe(workshop_id)
        try:
            revision = await queue.get()  # the current revision comes first
            ...                           # then one item per change
        finally:
            hub.unsubscribe(workshop_id, queue)

    Each queue holds at most the newest revision: a slow reader skips intermediate values and
    never makes the queue grow.
    """

    def __init__(self, read_revision: Callable[[Any], Any], *, interval: float = 0.25) -> None:
        self._read_revision = read_revision
        self._interval = interval
        self._subscribers: dict[Hashable, set[asyncio.Queue[Any]]] = {}
        self._watchers: dict[Hashable, asyncio.Task[None]] = {}
        self._latest: dict[Hashable, Any] = {}
        self._wake: dict[Hashable, asyncio.Event] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- subscribers -----------------------------------------------------------------------

    def subscribe(self, workshop_id: Hashable) -> asyncio.Queue[Any]:
        """Follow ``workshop_id``; the returned queue first receives its current revision.

        Starts the workshop's watcher if this is its first subscriber. Must be called from the
        event loop that will read the queue.
        """
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=1)
        self._subscribers.setdefault(workshop_id, set()).add(queue)
        if workshop_id in self._latest:
            # The watcher is running and already knows the revision: no extra database read.
            queue.put_nowait(self._latest[workshop_id])
        if workshop_id not in self._watchers:
            self._loop = asyncio.get_running_loop()
            self._wake[workshop_id] = asyncio.Event()
            self._watchers[workshop_id] = self._loop.create_task(
                self._watch(workshop_id), name=f"revision-watcher:{workshop_id}"
            )
        return queue

    def unsubscribe(self, workshop_id: Hashable, queue: asyncio.Queue[Any]) -> None:
        """Stop following; the workshop's watcher stops with its last subscriber."""
        queues = self._subscribers.get(workshop_id)
        if queues is None:
            return
        queues.discard(queue)
        if queues:
            return
        del self._subscribers[workshop_id]
        self._latest.pop(workshop_id, None)
        self._wake.pop(workshop_id, None)
        task = self._watchers.pop(workshop_id, None)
        if task is not None:
            task.cancel()

    @contextlib.asynccontextmanager
    async def subscription(self, workshop_id: Hashable) -> AsyncIterator[asyncio.Queue[Any]]:
        """``async with hub.subscription(workshop_id) as queue:`` - subscribe, always unsubscribe."""
        queue = self.subscribe(workshop_id)
        try:
            yield queue
        finally:
            self.unsubscribe(workshop_id, queue)

    def notify(self, workshop_id: Hashable) -> None:
        """Read ``workshop_id``'s revision now instead of at the next poll. Thread-safe.

        Call it after a write in this process (e.g. from a Streamlit script thread) to push the
        change at once; writes made by other replicas still arrive within one poll interval.
        Does nothing when nobody follows the workshop.
        """
        wake, loop = self._wake.get(workshop_id), self._loop
        if wake is None or loop is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            wake.set()
        else:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nothing to wake
                loop.call_soon_threadsafe(wake.set)

    # -- introspection (tests, metrics) ----------------------------------------------------

    def watched(self) -> frozenset[Hashable]:
        """Workshops that currently have a watcher task."""
        return frozenset(self._watchers)

    def subscriber_count(self, workshop_id: Hashable | None = None) -> int:
        """Subscribers of one workshop, or of all workshops."""
        if workshop_id is not None:
            return len(self._subscribers.get(workshop_id, ()))
        return sum(len(queues) for queues in self._subscribers.values())

    # -- the watcher -----------------------------------------------------------------------

    async def _watch(self, workshop_id: Hashable) -> None:
        me = asyncio.current_task()
        wake = self._wake[workshop_id]
        known: Any = None
        have_known = False
        failing = False
        try:
            while True:
                started = time.monotonic()
                try:
                    revision = await anyio.to_thread.run_sync(
                        self._read_revision, workshop_id, abandon_on_cancel=True
                    )
                except asyncio.CancelledError:
                    raise
                except Exception:
                    # A database hiccup must not end the stream; keep the last known revision
                    # and try again. Log once per failure streak, not four times a second.
                    if not failing:
                        _LOG.warning("reading the revision of a workshop failed", exc_info=True)
                    failing = True
                else:
                    failing = False
                    if not have_known or revision != known:
                        known, have_known = revision, True
                        self._latest[workshop_id] = revision
                        self._publish(workshop_id, revision)
                elapsed = time.monotonic() - started
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), max(self._interval - elapsed, self._interval / 4))
                wake.clear()
        finally:
            if self._watchers.get(workshop_id) is me:
                # Ended on its own (not through unsubscribe): let the next subscriber restart it.
                del self._watchers[workshop_id]
                self._latest.pop(workshop_id, None)
                self._wake.pop(workshop_id, None)

    def _publish(self, workshop_id: Hashable, revision: Any) -> None:
        for queue in tuple(self._subscribers.get(workshop_id, ())):
            if queue.full():
                # Only the newest revision matters: replace what the reader has not taken yet.
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(revision)


def _sse_event(event: str, value: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(value, default=str, separators=(',', ':'))}\n\n"


def _server_is_exiting() -> bool:
    """True once uvicorn (which ``streamlit run`` uses for ``st.App``) was told to shut down.

    uvicorn waits for open responses before it exits, and a stream never ends on its own, so
    streams watch for this and end themselves. uvicorn's SIGTERM handler is a bound method of
    its ``Server``; anything else (another server, tests) simply reads as "not exiting".
    """
    server = getattr(signal.getsignal(signal.SIGTERM), "__self__", None)
    return bool(getattr(server, "should_exit", False))


def live_routes(
    resolve_workshop: Callable[[str], Hashable],
    read_revision: Callable[[Any], Any],
    path: str = "/live",
    *,
    hub: RevisionHub | None = None,
    check_link: Callable[[str], Hashable] | None = None,
    heartbeat: float = 15.0,
    recheck: float = 30.0,
    tick: float = 1.0,
) -> list[Route]:
    """The live-refresh SSE route, ready for ``st.App(..., routes=live_routes(...))``.

    ``GET <path>?t=<token>``: ``resolve_workshop(token)`` (blocking, run in a worker thread)
    returns the workshop id or raises; a bad token gets ``404 Not found``, the same answer
    whatever the reason. A good one gets an ``text/event-stream`` that sends ``retry: 1000``,
    ``event: revision`` with the current revision (JSON), the same on every change, and a
    ``: ping`` comment every ``heartbeat`` seconds. The token is resolved again every
    ``recheck`` seconds and the stream ends when the link no longer leads to the same workshop
    (rotated or deleted). The stream also ends when the client goes away (noticed within
    ``tick`` seconds) or the server shuts down.

    Rotating, revoking or removing a link is a save like any other, so the stream hears of it as a
    new revision: before sending any revision it asks ``check_link(token)`` (blocking, read-only;
    defaults to ``resolve_workshop``) and ends instead when the link no longer leads to the workshop.

    ``read_revision(workshop_id)`` is blocking too; it is polled by one shared
    :class:`RevisionHub` watcher per workshop (pass ``hub`` to share or inspect one).
    """
    revision_hub = hub if hub is not None else RevisionHub(read_revision)

    async def resolve(token: str, how: Callable[[str], Hashable] = resolve_workshop) -> Hashable | None:
        if not token:
            return None
        try:
            workshop_id = await anyio.to_thread.run_sync(how, token)
        except Exception:
            return None
        return workshop_id if workshop_id not in (None, "") else None

    async def live(request: Request) -> Response:
        token = request.query_params.get("t", "")
        workshop_id = await resolve(token)
        if workshop_id is None:
            return PlainTextResponse(_NOT_FOUND, status_code=404, headers={"Cache-Control": "no-store"})

        async def stream() -> AsyncIterator[str]:
            async with revision_hub.subscription(workshop_id) as queue:
                yield "retry: 1000\n\n"
                now = time.monotonic()
                next_beat, next_check = now + heartbeat, now + recheck
                while True:
                    try:
                        revision = await asyncio.wait_for(queue.get(), timeout=tick)
                    except TimeoutError:
                        revision = _NOTHING
                    # uvicorn drops writes to a closed connection silently, so ask.
                    if await request.is_disconnected() or _server_is_exiting():
                        return
                    if revision is not _NOTHING:
                        if await resolve(token, check_link or resolve_workshop) != workshop_id:
                            return  # the change was this link's own rotation, revocation or removal
                        yield _sse_event("revision", revision)
                    now = time.monotonic()
                    if now >= next_check:
                        next_check = now + recheck
                        if await resolve(token) != workshop_id:
                            return
                    if now >= next_beat:
                        next_beat = now + heartbeat
                        yield ": ping\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream", headers=_SSE_HEADERS)

    return [Route(path, live, methods=["GET"], name="live_refresh")]
