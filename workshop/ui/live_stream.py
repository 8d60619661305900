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
from collections.abc import AsyncIterator, Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

__all__ = ["Pushed", "RevisionHub", "live_routes"]

_LOG = logging.getLogger(__name__)

#: Sent as the whole body of every refused stream: it must not tell a bad token from a
#: deleted workshop, nor say anything about which workshops exist.
_NOT_FOUND = "Not found"

# Saves that can make a link stop working: replacing links, removing a person.
_LINK_PARTS = frozenset({"links", "people", "*"})

_SSE_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",
}


@dataclass(frozen=True)
class Pushed:
    """What a page hears: the workshop's revision now, and the parts changed since the last one.

    ``parts`` is None when they are not known (the first revision a stream sends, a save found by
    polling the database): the page then redraws whole.
    """

    revision: Any
    parts: frozenset[str] | None = None

    def merged(self, later: Pushed) -> Pushed:
        """Two pushes a slow reader takes as one."""
        if self.parts is None or later.parts is None:
            return Pushed(later.revision, None)
        return Pushed(later.revision, self.parts | later.parts)

    def as_json(self) -> dict[str, Any]:
        return {"revision": self.revision, "parts": None if self.parts is None else sorted(self.parts)}


class RevisionHub:
    """Fan one workshop's changes out to many subscribers with one watcher per workshop.

    Changes arrive two ways. A save made in this process is *announced* at once with its revision
    and the parts it touched (:meth:`announce`, thread-safe). The watcher also reads the revision
    with the blocking ``read_revision(workshop_id)`` every ``interval`` seconds, once per watched
    workshop and never once per subscriber; a revision found that way which no announcement
    explains within ``grace`` seconds (a save made by another replica or process) is pushed with
    unknown parts, and pages redraw whole.

    Use from inside a running event loop::

        queue = hub.subscribe(workshop_id)
        try:
            pushed = await queue.get()  # the current revision comes first
            ...                         # then one Pushed per change
        finally:
            hub.unsubscribe(workshop_id, queue)

    Each queue holds at most one item: a slow reader gets the changes it missed merged into one.
    """

    def __init__(
        self, read_revision: Callable[[Any], Any], *, interval: float = 0.25, grace: float = 0.05
    ) -> None:
        self._read_revision = read_revision
        self._interval = interval
        self._grace = grace
        self._subscribers: dict[Hashable, set[asyncio.Queue[Pushed]]] = {}
        self._watchers: dict[Hashable, asyncio.Task[None]] = {}
        self._latest: dict[Hashable, Any] = {}
        self._wake: dict[Hashable, asyncio.Event] = {}
        self._announced: dict[Hashable, dict[int, frozenset[str]]] = {}
        self._read_now: set[Hashable] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- subscribers -----------------------------------------------------------------------

    def subscribe(self, workshop_id: Hashable) -> asyncio.Queue[Pushed]:
        """Follow ``workshop_id``; the returned queue first receives its current revision.

        Starts the workshop's watcher if this is its first subscriber. Must be called from the
        event loop that will read the queue.
        """
        queue: asyncio.Queue[Pushed] = asyncio.Queue(maxsize=1)
        self._subscribers.setdefault(workshop_id, set()).add(queue)
        if workshop_id in self._latest:
            # The watcher is running and already knows the revision: no extra database read.
            queue.put_nowait(Pushed(self._latest[workshop_id]))
        if workshop_id not in self._watchers:
            self._loop = asyncio.get_running_loop()
            self._wake[workshop_id] = asyncio.Event()
            self._announced[workshop_id] = {}
            self._watchers[workshop_id] = self._loop.create_task(
                self._watch(workshop_id), name=f"revision-watcher:{workshop_id}"
            )
        return queue

    def unsubscribe(self, workshop_id: Hashable, queue: asyncio.Queue[Pushed]) -> None:
        """Stop following; the workshop's watcher stops with its last subscriber."""
        queues = self._subscribers.get(workshop_id)
        if queues is None:
            return
        queues.discard(queue)
        if queues:
            return
        del self._subscribers[workshop_id]
        self._forget(workshop_id)
        task = self._watchers.pop(workshop_id, None)
        if task is not None:
            task.cancel()

    @contextlib.asynccontextmanager
    async def subscription(self, workshop_id: Hashable) -> AsyncIterator[asyncio.Queue[Pushed]]:
        """``async with hub.subscription(workshop_id) as queue:`` - subscribe, always unsubscribe."""
        queue = self.subscribe(workshop_id)
        try:
            yield queue
        finally:
            self.unsubscribe(workshop_id, queue)

    def announce(self, workshop_id: Hashable, revision: int, parts: Iterable[str]) -> None:
        """A save committed in this process: push it now, naming what it touched. Thread-safe.

        Does nothing when nobody follows the workshop here.
        """
        self._call_in_loop(self._take_announcement, workshop_id, int(revision), frozenset(parts))

    def notify(self, workshop_id: Hashable) -> None:
        """Read ``workshop_id``'s revision now instead of at the next poll. Thread-safe.

        For a change made without an announcement: it goes out with unknown parts.
        """
        self._call_in_loop(self._read_soon, workshop_id)

    # -- introspection (tests, metrics) ----------------------------------------------------

    def watched(self) -> frozenset[Hashable]:
        """Workshops that currently have a watcher task."""
        return frozenset(self._watchers)

    def subscriber_count(self, workshop_id: Hashable | None = None) -> int:
        """Subscribers of one workshop, or of all workshops."""
        if workshop_id is not None:
            return len(self._subscribers.get(workshop_id, ()))
        return sum(len(queues) for queues in self._subscribers.values())

    # -- inside the event loop -------------------------------------------------------------

    def _call_in_loop(self, callback: Callable[..., None], *args: Any) -> None:
        loop = self._loop
        if loop is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            callback(*args)
        else:
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody to tell
                loop.call_soon_threadsafe(callback, *args)

    def _wake_up(self, workshop_id: Hashable) -> None:
        wake = self._wake.get(workshop_id)
        if wake is not None:
            wake.set()

    def _read_soon(self, workshop_id: Hashable) -> None:
        if workshop_id in self._wake:
            self._read_now.add(workshop_id)
            self._wake_up(workshop_id)

    def _take_announcement(self, workshop_id: Hashable, revision: int, parts: frozenset[str]) -> None:
        announced = self._announced.get(workshop_id)
        if announced is None:
            return  # nobody follows it here
        announced[revision] = announced.get(revision, frozenset()) | parts
        self._wake_up(workshop_id)

    def _forget(self, workshop_id: Hashable) -> None:
        self._latest.pop(workshop_id, None)
        self._wake.pop(workshop_id, None)
        self._announced.pop(workshop_id, None)
        self._read_now.discard(workshop_id)

    async def _watch(self, workshop_id: Hashable) -> None:
        me = asyncio.current_task()
        wake = self._wake[workshop_id]
        announced = self._announced[workshop_id]
        known: int | None = None  # the revision pushed last
        found: int | None = None  # the newest revision read from the database
        gap_since: float | None = None  # since when a newer revision waits for its announcement
        failing = False
        next_read = 0.0
        try:
            while True:
                now = time.monotonic()
                if now >= next_read or workshop_id in self._read_now:
                    self._read_now.discard(workshop_id)
                    next_read = now + self._interval
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
                        if known is None:
                            known = found = revision
                            self._latest[workshop_id] = revision
                            for old in [r for r in announced if r <= revision]:
                                del announced[old]
                            self._publish(workshop_id, Pushed(revision))
                        elif found is None or revision > found:
                            found = revision
                if known is not None:
                    known, gap_since = self._advance(workshop_id, known, found, announced, gap_since)
                timeout = next_read - time.monotonic()
                if gap_since is not None:
                    timeout = min(timeout, gap_since + self._grace - time.monotonic())
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), max(timeout, 0.001))
                wake.clear()
        finally:
            if self._watchers.get(workshop_id) is me:
                # Ended on its own (not through unsubscribe): let the next subscriber restart it.
                del self._watchers[workshop_id]
                self._forget(workshop_id)

    def _advance(
        self,
        workshop_id: Hashable,
        known: int,
        found: int | None,
        announced: dict[int, frozenset[str]],
        gap_since: float | None,
    ) -> tuple[int, float | None]:
        """Push announced revisions in order; a revision nobody announces in time goes out unknown."""
        touched: frozenset[str] = frozenset()
        start = known
        while known + 1 in announced:
            known += 1
            touched |= announced.pop(known)
        for old in [r for r in announced if r <= known]:
            del announced[old]  # already pushed, as part of an unknown change
        if known > start:
            self._latest[workshop_id] = known
            self._publish(workshop_id, Pushed(known, touched))
        newest = max([found or known, *announced])
        if newest <= known:
            return known, None
        now = time.monotonic()
        if gap_since is None:
            return known, now
        if now - gap_since < self._grace:
            return known, gap_since
        # Written elsewhere (another replica, another process) or announced out of order too late.
        for old in [r for r in announced if r <= newest]:
            del announced[old]
        self._latest[workshop_id] = newest
        self._publish(workshop_id, Pushed(newest))
        return newest, None

    def _publish(self, workshop_id: Hashable, pushed: Pushed) -> None:
        for queue in tuple(self._subscribers.get(workshop_id, ())):
            if queue.full():
                # A slow reader: what it has not taken yet and this change become one push.
                with contextlib.suppress(asyncio.QueueEmpty):
                    pushed_before = queue.get_nowait()
                    queue.put_nowait(pushed_before.merged(pushed))
                    continue
            queue.put_nowait(pushed)


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
    seen: Callable[[str], None] | None = None,
    heartbeat: float = 15.0,
    recheck: float = 30.0,
    tick: float = 1.0,
) -> list[Route]:
    """The live-refresh SSE route, ready for ``st.App(..., routes=live_routes(...))``.

    ``GET <path>?t=<token>``: ``resolve_workshop(token)`` (blocking, run in a worker thread)
    returns the workshop id or raises; a bad token gets ``404 Not found``, the same answer
    whatever the reason. A good one gets an ``text/event-stream`` that sends ``retry: 1000``,
    ``event: revision`` with the current revision (JSON), the same on every change, and a
    ``: ping`` comment every ``heartbeat`` seconds. The token is resolved again after every change
    that may have replaced a link or removed someone, and every ``recheck`` seconds; the stream
    ends when the link no longer leads to the same workshop (replaced, its person removed, the
    workshop deleted). The stream also ends when the client goes away (noticed within ``tick``
    seconds) or the server shuts down. ``seen(token)`` (blocking), if given, is called when the
    stream opens and at every recheck: the page is still open.

    Each ``revision`` event's data is ``{"revision": ..., "parts": [...]}``: the parts the
    changes since the previous event touched, or ``null`` when they are not known.

    ``read_revision(workshop_id)`` is blocking too; it is polled by one shared
    :class:`RevisionHub` watcher per workshop (pass ``hub`` to share or inspect one).
    """
    revision_hub = hub if hub is not None else RevisionHub(read_revision)

    async def resolve(token: str) -> Hashable | None:
        if not token:
            return None
        try:
            workshop_id = await anyio.to_thread.run_sync(resolve_workshop, token)
        except Exception:
            return None
        return workshop_id if workshop_id not in (None, "") else None

    async def live(request: Request) -> Response:
        token = request.query_params.get("t", "")
        workshop_id = await resolve(token)
        if workshop_id is None:
            return PlainTextResponse(_NOT_FOUND, status_code=404, headers={"Cache-Control": "no-store"})

        async def still_seen() -> None:
            if seen is not None:
                with contextlib.suppress(Exception):  # presence is best effort; the stream goes on
                    await anyio.to_thread.run_sync(seen, token)

        async def stream() -> AsyncIterator[str]:
            await still_seen()
            async with revision_hub.subscription(workshop_id) as queue:
                yield "retry: 1000\n\n"
                now = time.monotonic()
                next_beat, next_check = now + heartbeat, now + recheck
                first = True  # the revision on connecting: the link was just checked
                while True:
                    try:
                        pushed = await asyncio.wait_for(queue.get(), timeout=tick)
                    except TimeoutError:
                        pushed = None
                    # uvicorn drops writes to a closed connection silently, so ask.
                    if await request.is_disconnected() or _server_is_exiting():
                        return
                    if pushed is not None:
                        unknown = pushed.parts is None and not first
                        if (unknown or (pushed.parts or frozenset()) & _LINK_PARTS) and await resolve(
                            token
                        ) != workshop_id:
                            return  # this link was replaced or its person removed: it hears no more
                        first = False
                        yield _sse_event("revision", pushed.as_json())
                    now = time.monotonic()
                    if now >= next_check:
                        next_check = now + recheck
                        if await resolve(token) != workshop_id:
                            return
                        await still_seen()
                    if now >= next_beat:
                        next_beat = now + heartbeat
                        yield ": ping\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream", headers=_SSE_HEADERS)

    return [Route(path, live, methods=["GET"], name="live_refresh")]
