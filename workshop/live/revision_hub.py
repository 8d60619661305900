"""One process's view of the workshops its pages follow: their revisions, what each save touched,
and whether saving is paused. The live stream (`stream.py`) serves it to the pages.

Saves reach the hub three ways. A save made in this process is *announced* at once with its
revision and the parts it touched (:meth:`RevisionHub.announce`); on PostgreSQL, a save made by
another replica is announced the same way by this process's LISTEN connection. Polling is only the
safety net: one batched read of every watched workshop's revision each ``interval`` seconds, and
at once when asked (:meth:`notify`, :meth:`catch_up`). A revision found that way which no
announcement explains within ``grace`` seconds goes out with unknown parts, and pages redraw whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import anyio.to_thread

__all__ = ["Pushed", "RevisionHub"]

_LOG = logging.getLogger(__name__)
_GONE = object()  # a workshop the database no longer has


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


#: What a subscriber's queue holds: a push, or None to look at the hub's state (paused, gone).
Item = Pushed | None


class RevisionHub:
    """Fan workshops' changes out to many subscribers: one watcher per workshop, one poller for all.

    ``read_revision(workshop_id)`` and ``read_revisions(ids) -> {id: revision}`` are blocking
    reads of the database (the second defaults to the first, once per id); a workshop missing
    from the answer has been deleted. Use from inside a running event loop::

        queue = hub.subscribe(workshop_id)
        try:
            item = await queue.get()  # the current revision comes first
            ...                       # then one Pushed per change, or None: look at hub.paused
        finally:
            hub.unsubscribe(workshop_id, queue)

    Each queue holds at most one item: a slow reader gets the changes it missed merged into one.
    """

    def __init__(
        self,
        read_revision: Callable[[Any], Any],
        *,
        read_revisions: Callable[[list[Any]], Mapping[Any, Any]] | None = None,
        interval: float = 0.25,
        grace: float = 0.05,
        retry: float = 1.0,
    ) -> None:
        self._read_revision = read_revision
        self._read_revisions = read_revisions
        self._interval = interval
        self._grace = grace
        self._retry = retry
        self._subscribers: dict[Hashable, set[asyncio.Queue[Item]]] = {}
        self._watchers: dict[Hashable, asyncio.Task[None]] = {}
        self._latest: dict[Hashable, Any] = {}
        self._wake: dict[Hashable, asyncio.Event] = {}
        self._announced: dict[Hashable, dict[int, frozenset[str]]] = {}
        self._found: dict[Hashable, Any] = {}  # read from the database, not yet taken by its watcher
        self._gone: set[Hashable] = set()
        self._read_now: set[Hashable] = set()
        self._poller: asyncio.Task[None] | None = None
        self._poll_wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        #: Saving is paused: the database is away. Subscribers are woken when it changes.
        self.paused = False
        self.reads = 0  # batched revision reads made (tests, metrics)

    # -- subscribers -----------------------------------------------------------------------

    def subscribe(self, workshop_id: Hashable) -> asyncio.Queue[Item]:
        """Follow ``workshop_id``; the returned queue first receives its current revision.

        Starts the workshop's watcher if this is its first subscriber. Must be called from the
        event loop that will read the queue.
        """
        queue: asyncio.Queue[Item] = asyncio.Queue(maxsize=1)
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
            self._read_soon(workshop_id)
        return queue

    def unsubscribe(self, workshop_id: Hashable, queue: asyncio.Queue[Item]) -> None:
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
    async def subscription(self, workshop_id: Hashable) -> AsyncIterator[asyncio.Queue[Item]]:
        """``async with hub.subscription(workshop_id) as queue:`` - subscribe, always unsubscribe."""
        queue = self.subscribe(workshop_id)
        try:
            yield queue
        finally:
            self.unsubscribe(workshop_id, queue)

    # -- told from any thread ----------------------------------------------------------------

    def announce(self, workshop_id: Hashable, revision: int, parts: Iterable[str] | None) -> None:
        """A committed save: push it now, naming what it touched (None: unknown). Thread-safe.

        Does nothing when nobody follows the workshop here.
        """
        touched = None if parts is None else frozenset(parts)
        self._call_in_loop(self._take_announcement, workshop_id, int(revision), touched)

    def notify(self, workshop_id: Hashable) -> None:
        """Read ``workshop_id``'s revision now instead of at the next poll. Thread-safe.

        For a change made without an announcement: it goes out with unknown parts.
        """
        self._call_in_loop(self._read_soon, workshop_id)

    def catch_up(self) -> None:
        """Read every watched workshop's revision now (after announcements may have been missed)."""
        self._call_in_loop(self._read_all_soon)

    def set_paused(self, paused: bool) -> None:
        """Saving paused (the database is away) or working again; every subscriber hears it."""
        self.paused = paused
        self._call_in_loop(self._state_changed, paused)

    # -- introspection (tests, metrics) ----------------------------------------------------

    def watched(self) -> frozenset[Hashable]:
        """Workshops that currently have a watcher task."""
        return frozenset(self._watchers)

    def subscriber_count(self, workshop_id: Hashable | None = None) -> int:
        """Subscribers of one workshop, or of all workshops."""
        if workshop_id is not None:
            return len(self._subscribers.get(workshop_id, ()))
        return sum(len(queues) for queues in self._subscribers.values())

    def is_gone(self, workshop_id: Hashable) -> bool:
        """The last read did not find the workshop: it has been deleted."""
        return workshop_id in self._gone

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
        if workshop_id in self._watchers:
            self._read_now.add(workshop_id)
            self._start_poller()

    def _read_all_soon(self) -> None:
        for workshop_id in self._watchers:
            self._read_soon(workshop_id)

    def _state_changed(self, paused: bool) -> None:
        for queues in self._subscribers.values():
            for queue in tuple(queues):
                self._offer(queue, None)
        if not paused:
            # Saves may have been made elsewhere while this process could not hear them.
            self._read_all_soon()

    def _take_announcement(self, workshop_id: Hashable, revision: int, parts: frozenset[str] | None) -> None:
        announced = self._announced.get(workshop_id)
        if announced is None:
            return  # nobody follows it here
        if parts is None:
            parts = frozenset({"*"})  # what a page makes of unknown parts: draw everything
        latest = self._latest.get(workshop_id)
        if latest is not None and revision == latest + 1 and not announced:
            # The next revision, nothing waiting before it: push it now, not on the watcher's turn.
            self._latest[workshop_id] = revision
            self._publish(workshop_id, Pushed(revision, parts))
            self._wake_up(workshop_id)  # a revision read by the poll may still wait on this one
            return
        announced[revision] = announced.get(revision, frozenset()) | parts
        self._wake_up(workshop_id)

    def _forget(self, workshop_id: Hashable) -> None:
        self._latest.pop(workshop_id, None)
        self._wake.pop(workshop_id, None)
        self._announced.pop(workshop_id, None)
        self._found.pop(workshop_id, None)
        self._gone.discard(workshop_id)
        self._read_now.discard(workshop_id)

    # -- polling: one batched read for every watched workshop ---------------------------------

    def _start_poller(self) -> None:
        if self._poll_wake is None:
            self._poll_wake = asyncio.Event()
        self._poll_wake.set()
        if (self._poller is None or self._poller.done()) and self._loop is not None:
            self._poller = self._loop.create_task(self._poll(), name="revision-poller")

    async def _read(self, ids: list[Hashable]) -> Mapping[Hashable, Any]:
        self.reads += 1
        if self._read_revisions is not None:
            return await anyio.to_thread.run_sync(self._read_revisions, ids, abandon_on_cancel=True)

        def one_by_one() -> dict[Hashable, Any]:
            return {workshop_id: self._read_revision(workshop_id) for workshop_id in ids}

        return await anyio.to_thread.run_sync(one_by_one, abandon_on_cancel=True)

    async def _poll(self) -> None:
        assert self._poll_wake is not None
        wake = self._poll_wake
        next_all = time.monotonic() + self._interval
        failing = False
        while self._watchers:
            now = time.monotonic()
            if now >= next_all:
                next_all = now + self._interval
                wanted = set(self._watchers)
            else:
                wanted = self._read_now & set(self._watchers)
            self._read_now.difference_update(wanted)
            if wanted:
                ids = sorted(wanted, key=str)
                try:
                    found = await self._read(ids)
                except Exception as error:
                    # A database hiccup must not end the streams: keep the last known revisions and
                    # try again. Log once per failure streak, not at every try.
                    if not failing:
                        _LOG.warning("reading the revisions of open workshops failed: %r", error)
                    failing = True
                    # A workshop whose first revision is still to come is tried again soon.
                    self._read_now.update(w for w in ids if w in self._watchers and w not in self._latest)
                else:
                    failing = False
                    for workshop_id in ids:
                        if workshop_id in self._watchers:
                            revision = found.get(workshop_id)
                            self._found[workshop_id] = _GONE if revision is None else revision
                            self._wake_up(workshop_id)
            timeout = next_all - time.monotonic()
            if self._read_now:
                timeout = min(timeout, self._retry if failing else 0)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), max(timeout, 0.001))
            wake.clear()

    # -- one watcher per workshop: announcements, in order -------------------------------------

    async def _watch(self, workshop_id: Hashable) -> None:
        me = asyncio.current_task()
        wake = self._wake[workshop_id]
        announced = self._announced[workshop_id]
        found: int | None = None  # the newest revision read from the database
        gap_since: float | None = None  # since when a newer revision waits for its announcement
        try:
            while True:
                known: int | None = self._latest.get(workshop_id)  # the revision pushed last
                if workshop_id in self._found:
                    revision = self._found.pop(workshop_id)
                    if revision is _GONE:
                        self._gone.add(workshop_id)
                        self._publish(workshop_id, None)  # subscribers check their links
                    else:
                        self._gone.discard(workshop_id)
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
                timeout = None if gap_since is None else gap_since + self._grace - time.monotonic()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(None if timeout is None else max(timeout, 0.001)):
                        await wake.wait()
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

    def _publish(self, workshop_id: Hashable, item: Item) -> None:
        for queue in tuple(self._subscribers.get(workshop_id, ())):
            self._offer(queue, item)

    @staticmethod
    def _offer(queue: asyncio.Queue[Item], item: Item) -> None:
        if queue.full():
            # A slow reader: what it has not taken yet and this item become one. A bare wake-up
            # (None) adds nothing to a push: every item makes the reader look at the hub's state.
            with contextlib.suppress(asyncio.QueueEmpty):
                before = queue.get_nowait()
                if before is not None and item is not None:
                    item = before.merged(item)
                elif item is None:
                    item = before
        queue.put_nowait(item)
