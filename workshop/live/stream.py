"""Pushed live refresh, server side: the SSE route every open page keeps, and the check of its link.

A page shows a workshop at some *revision* (a number that changes whenever anything in the
workshop changes). Every open browser keeps one Server-Sent Events stream open to
``GET /live?t=<link token>``; the stream sends the workshop's revision when it connects and again
whenever it changes, with the parts the change touched, and the browser redraws what changed. It
also says when saving pauses because the database is away, and when it works again.

The revisions come from one :class:`~workshop.live.revision_hub.RevisionHub` per process, however
many browsers follow a workshop. The links of all open streams are checked together, in one call
every ``recheck`` seconds (which also tells who is still here), not once per stream.

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
from collections.abc import AsyncIterator, Callable, Hashable, Mapping
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from workshop.live.revision_hub import Pushed, RevisionHub

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
_CANNOT_TELL = object()  # the link could not be checked: the database is away


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


class _OpenLink:
    """One open stream's link, as the last check found it."""

    __slots__ = ("token", "workshop_id", "ended")

    def __init__(self, token: str, workshop_id: Hashable) -> None:
        self.token = token
        self.workshop_id = workshop_id
        self.ended = False


class _OpenLinks:
    """The links of every open stream, checked together by one task.

    ``check_in(tokens)`` (blocking) answers which tokens still lead to which workshop, and marks
    the people behind them as here. It is called ``soon`` seconds after a stream opens (so a page
    that opens counts as present at once) and every ``every`` seconds; a stream whose link no
    longer leads to its workshop ends. If the check cannot be made (the database is away), every
    stream goes on.
    """

    def __init__(
        self, check_in: Callable[[list[str]], Mapping[str, Hashable]], every: float, soon: float = 1.0
    ) -> None:
        self._check_in = check_in
        self._every = every
        self._soon = soon
        self._open: set[_OpenLink] = set()
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self._new = False
        self.checks = 0  # how often the links were checked (tests, metrics)

    def add(self, token: str, workshop_id: Hashable) -> _OpenLink:
        link = _OpenLink(token, workshop_id)
        self._open.add(link)
        self._new = True
        if self._wake is None:
            self._wake = asyncio.Event()
        self._wake.set()
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="live-link-check")
        return link

    def remove(self, link: _OpenLink) -> None:
        self._open.discard(link)

    async def _run(self) -> None:
        assert self._wake is not None
        failing = False
        next_check = time.monotonic() + self._every
        while self._open:
            if self._new:
                # Gather the streams opening about now (a room joining, pages reconnecting).
                await asyncio.sleep(self._soon)
                self._new = False
                next_check = time.monotonic()
            if time.monotonic() >= next_check:
                next_check = time.monotonic() + self._every
                links = tuple(self._open)
                try:
                    self.checks += 1
                    valid = await anyio.to_thread.run_sync(
                        self._check_in, sorted({link.token for link in links}), abandon_on_cancel=True
                    )
                except Exception as error:
                    if not failing:
                        _LOG.warning("checking the links of open pages failed, they stay open: %r", error)
                    failing = True
                else:
                    failing = False
                    for link in links:
                        if valid.get(link.token) != link.workshop_id:
                            link.ended = True
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), max(next_check - time.monotonic(), 0.001))


def live_routes(
    resolve_workshop: Callable[[str], Hashable],
    read_revision: Callable[[Any], Any],
    path: str = "/live",
    *,
    hub: RevisionHub | None = None,
    check_in: Callable[[list[str]], Mapping[str, Hashable]] | None = None,
    unavailable: tuple[type[BaseException], ...] = (),
    heartbeat: float = 15.0,
    recheck: float = 30.0,
    tick: float = 1.0,
) -> list[Route]:
    """The live-refresh SSE route, ready for ``st.App(..., routes=live_routes(...))``.

    ``GET <path>?t=<token>``: ``resolve_workshop(token)`` (blocking, run in a worker thread)
    returns the workshop id, or None for a bad token; a bad token gets ``404 Not found``, the same
    answer whatever the reason. Anything else it raises is logged, then answered the same way. A good one gets an ``text/event-stream`` that sends ``retry: 1000``,
    ``event: revision`` with the current revision (JSON), the same on every change, and a
    ``: ping`` comment every ``heartbeat`` seconds. Each ``revision`` event's data is
    ``{"revision": ..., "parts": [...]}``: the parts the changes since the previous event touched,
    or ``null`` when they are not known.

    ``event: saving`` with ``{"paused": true}`` says the database is away and saves cannot go
    through; ``{"paused": false}`` that they can again. An exception of a type in ``unavailable``
    from ``resolve_workshop`` means the link cannot be checked *now*: instead of a 404 (which
    would tell the page its link is bad) the stream opens, says saving is paused, and checks the
    link again once the hub says the database is back (or every few seconds) before it follows
    the workshop. The outage is logged.

    The token is resolved again after every change that may have replaced a link or removed
    someone, and ``check_in(tokens)`` checks the links of all open streams at once every
    ``recheck`` seconds (by default each token is resolved on its own); a stream ends when its
    link no longer leads to the same workshop (replaced, its person removed, the workshop
    deleted). The stream also ends when the client goes away (noticed within ``tick`` seconds)
    or the server shuts down.

    ``read_revision(workshop_id)`` is blocking too; it is read by one shared
    :class:`RevisionHub` per process (pass ``hub`` to share or inspect one).
    """
    revision_hub = hub if hub is not None else RevisionHub(read_revision)
    outage_logged = False

    async def resolve(token: str) -> Any:
        """The workshop id, None for a bad link, or _CANNOT_TELL while the database is away."""
        nonlocal outage_logged
        if not token:
            return None
        try:
            workshop_id = await anyio.to_thread.run_sync(resolve_workshop, token)
        except unavailable as error:
            if not outage_logged:
                _LOG.warning("A page's live stream waits: its link cannot be checked now (%s)", error)
            outage_logged = True
            return _CANNOT_TELL
        except Exception as error:
            # Not an outage and not a bad link (those come back as None): a fault to look into.
            _LOG.warning("A page's live stream was answered 404: its link could not be checked: %r", error)
            return None
        outage_logged = False
        return workshop_id if workshop_id not in (None, "") else None

    def checked_one_by_one(tokens: list[str]) -> dict[str, Hashable]:
        found = {}
        for token in tokens:
            try:
                found[token] = resolve_workshop(token)
            except unavailable:
                raise
            except Exception as error:  # the stream of this link ends, the others go on
                _LOG.warning("An open page's link could not be checked, its live stream ends: %r", error)
        return found

    open_links = _OpenLinks(check_in or checked_one_by_one, recheck)

    async def live(request: Request) -> Response:
        token = request.query_params.get("t", "")
        workshop_id = await resolve(token)
        if workshop_id is None:
            return PlainTextResponse(_NOT_FOUND, status_code=404, headers={"Cache-Control": "no-store"})

        async def wait_for_database() -> AsyncIterator[str]:
            """While the link cannot be checked: say saving is paused and try again."""
            nonlocal workshop_id
            yield _sse_event("saving", {"paused": True})
            next_try = time.monotonic() + 5.0
            while workshop_id is _CANNOT_TELL:
                await asyncio.sleep(tick)
                if await request.is_disconnected() or _server_is_exiting():
                    return
                if revision_hub.paused and time.monotonic() < next_try:
                    continue
                next_try = time.monotonic() + 5.0
                workshop_id = await resolve(token)

        async def stream() -> AsyncIterator[str]:
            nonlocal workshop_id
            yield "retry: 1000\n\n"
            sent_paused = False
            if workshop_id is _CANNOT_TELL:
                sent_paused = True
                async for event in wait_for_database():
                    yield event
                if workshop_id is _CANNOT_TELL or workshop_id is None:
                    return  # the client left, or the link turned out bad once it could be checked
            async with revision_hub.subscription(workshop_id) as queue:
                link = open_links.add(token, workshop_id)
                try:
                    now = time.monotonic()
                    next_beat = now + heartbeat
                    first = True  # the revision on connecting: the link was just checked
                    while True:
                        item, woken = None, False
                        with contextlib.suppress(TimeoutError):
                            # asyncio.timeout, not wait_for: no task of its own, one hop less per push.
                            async with asyncio.timeout(tick):
                                item, woken = await queue.get(), True
                        # uvicorn drops writes to a closed connection silently, so ask.
                        if await request.is_disconnected() or _server_is_exiting() or link.ended:
                            return
                        if revision_hub.paused != sent_paused:
                            sent_paused = revision_hub.paused
                            yield _sse_event("saving", {"paused": sent_paused})
                        if woken and revision_hub.is_gone(workshop_id) and await resolve(token) is None:
                            return  # the workshop was deleted
                        if isinstance(item, Pushed):
                            unknown = item.parts is None and not first
                            if (unknown or (item.parts or frozenset()) & _LINK_PARTS) and await resolve(
                                token
                            ) not in (workshop_id, _CANNOT_TELL):
                                return  # this link was replaced or its person removed: it hears no more
                            first = False
                            yield _sse_event("revision", item.as_json())
                        now = time.monotonic()
                        if now >= next_beat:
                            next_beat = now + heartbeat
                            yield ": ping\n\n"
                finally:
                    open_links.remove(link)

        return StreamingResponse(stream(), media_type="text/event-stream", headers=_SSE_HEADERS)

    route = Route(path, live, methods=["GET"], name="live_refresh")
    route.open_links = open_links  # type: ignore[attr-defined]  # for tests and metrics
    return [route]
