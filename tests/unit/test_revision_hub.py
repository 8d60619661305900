"""RevisionHub: one watcher per workshop, shared by its subscribers, gone when they leave."""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from typing import Any

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from workshop.ui.live_stream import RevisionHub, live_routes  # noqa: E402

INTERVAL = 0.01


class FakeDatabase:
    def __init__(self, **revisions: int) -> None:
        self.revisions = dict(revisions)
        self.reads: dict[str, int] = {}
        self.fail = False
        self._lock = threading.Lock()

    def read_revision(self, workshop_id: str) -> int:
        with self._lock:
            self.reads[workshop_id] = self.reads.get(workshop_id, 0) + 1
            if self.fail:
                raise ConnectionError("database went away")
            return self.revisions[workshop_id]


async def next_item(queue: asyncio.Queue[Any], timeout: float = 1.0) -> Any:
    return await asyncio.wait_for(queue.get(), timeout)


async def nothing_within(queue: asyncio.Queue[Any], seconds: float = 0.1) -> bool:
    try:
        await asyncio.wait_for(queue.get(), seconds)
    except TimeoutError:
        return True
    return False


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_two_subscribers_share_one_watcher_and_both_get_changes() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=3)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        first = hub.subscribe("w1")
        second = hub.subscribe("w1")
        assert hub.watched() == {"w1"}
        assert hub.subscriber_count("w1") == 2
        assert await next_item(first) == 3
        assert await next_item(second) == 3

        await asyncio.sleep(10 * INTERVAL)
        reads_before = db.reads["w1"]
        await asyncio.sleep(20 * INTERVAL)
        # One loop for the workshop, not one per subscriber: about one read per interval.
        assert db.reads["w1"] - reads_before <= 25

        db.revisions["w1"] = 4
        assert await next_item(first) == 4
        assert await next_item(second) == 4
        assert await nothing_within(first)

        hub.unsubscribe("w1", first)
        hub.unsubscribe("w1", second)

    run(scenario())


def test_watcher_stops_when_the_last_subscriber_leaves_and_restarts_on_demand() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        first = hub.subscribe("w1")
        second = hub.subscribe("w1")
        (task,) = hub._watchers.values()
        await next_item(first)

        hub.unsubscribe("w1", first)
        assert hub.watched() == {"w1"}, "one subscriber is still there"
        hub.unsubscribe("w1", second)
        assert hub.watched() == frozenset()
        assert hub.subscriber_count() == 0
        await asyncio.sleep(5 * INTERVAL)
        assert task.done()
        reads = db.reads["w1"]
        await asyncio.sleep(10 * INTERVAL)
        assert db.reads["w1"] == reads, "no polling without subscribers"

        db.revisions["w1"] = 2
        async with hub.subscription("w1") as queue:
            assert hub.watched() == {"w1"}
            assert await next_item(queue) == 2
        assert hub.watched() == frozenset()

    run(scenario())


def test_a_late_subscriber_gets_the_current_revision_at_once() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=7)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        async with hub.subscription("w1") as early:
            assert await next_item(early) == 7
            async with hub.subscription("w1") as late:
                assert late.get_nowait() == 7
            assert await nothing_within(early)

    run(scenario())


def test_other_workshops_are_isolated() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1, w2=10)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        async with hub.subscription("w1") as one, hub.subscription("w2") as two:
            assert hub.watched() == {"w1", "w2"}
            assert await next_item(one) == 1
            assert await next_item(two) == 10

            db.revisions["w1"] = 2
            assert await next_item(one) == 2
            assert await nothing_within(two)

            db.revisions["w2"] = 11
            assert await next_item(two) == 11
            assert await nothing_within(one)

    run(scenario())


def test_a_slow_reader_only_ever_holds_the_newest_revision() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        async with hub.subscription("w1") as queue:
            for revision in (2, 3, 4):
                db.revisions["w1"] = revision
                await asyncio.sleep(5 * INTERVAL)
            assert queue.qsize() == 1
            assert await next_item(queue) == 4

    run(scenario())


def test_a_failing_read_keeps_the_watcher_alive() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        async with hub.subscription("w1") as queue:
            assert await next_item(queue) == 1
            db.fail = True
            await asyncio.sleep(10 * INTERVAL)
            assert hub.watched() == {"w1"}
            db.fail = False
            db.revisions["w1"] = 2
            assert await next_item(queue) == 2

    run(scenario())


# -- the SSE route, driven as a bare ASGI app ------------------------------------------------


class Client:
    """Just enough ASGI to call one route: collects what the app sends."""

    def __init__(self) -> None:
        self.status: int | None = None
        self.headers: dict[str, str] = {}
        self.body = b""
        self.ended = False
        self.disconnect = asyncio.Event()
        self._requested = False

    async def receive(self) -> dict[str, Any]:
        if not self._requested:
            self._requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self.disconnect.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")
            if not message.get("more_body", False):
                self.ended = True


def scope(query: str) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/live",
        "raw_path": b"/live",
        "query_string": query.encode(),
        "root_path": "",
        "headers": [],
        "client": ("127.0.0.1", 1234),
        "server": ("127.0.0.1", 80),
    }


def resolver(tokens: dict[str, str]) -> Any:
    def resolve(token: str) -> str:
        return tokens[token]

    return resolve


def test_route_refuses_bad_tokens_alike() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        (route,) = live_routes(resolver({"good": "w1"}), db.read_revision)
        bodies = set()
        for query in ("t=wrong", "", "t="):
            client = Client()
            await route.app(scope(query), client.receive, client.send)
            assert client.status == 404
            bodies.add(client.body)
        assert bodies == {b"Not found"}
        assert db.reads == {}

    run(scenario())


def test_route_streams_revisions_and_ends_when_the_client_leaves() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=5)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        tokens = {"good": "w1"}
        (route,) = live_routes(resolver(tokens), db.read_revision, hub=hub, tick=0.05)
        client = Client()
        served = asyncio.create_task(route.app(scope("t=good"), client.receive, client.send))
        await asyncio.sleep(0.2)
        assert client.status == 200
        assert client.headers["content-type"].startswith("text/event-stream")
        assert client.headers["cache-control"] == "no-cache"
        assert client.headers["x-accel-buffering"] == "no"
        assert client.body == b"retry: 1000\n\nevent: revision\ndata: 5\n\n"
        assert hub.watched() == {"w1"}

        db.revisions["w1"] = 6
        await asyncio.sleep(0.2)
        assert client.body.endswith(b"event: revision\ndata: 6\n\n")

        client.disconnect.set()
        await asyncio.wait_for(served, 1)
        assert hub.watched() == frozenset()

    run(scenario())


def test_route_ends_the_stream_when_the_link_stops_working() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=5)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        tokens = {"good": "w1"}
        (route,) = live_routes(resolver(tokens), db.read_revision, hub=hub, tick=0.02, recheck=0.05)
        client = Client()
        served = asyncio.create_task(route.app(scope("t=good"), client.receive, client.send))
        await asyncio.sleep(0.15)
        assert client.status == 200 and not client.ended
        del tokens["good"]  # link rotated
        await asyncio.wait_for(served, 1)
        assert client.ended
        assert hub.watched() == frozenset()

    run(scenario())


def test_a_revision_that_follows_the_links_own_rotation_ends_the_stream_instead_of_being_sent() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=5)
        hub = RevisionHub(db.read_revision, interval=INTERVAL)
        tokens = {"good": "w1"}
        checked: list[str] = []

        def check_link(token: str) -> str:
            checked.append(token)
            return tokens[token]

        # The periodic recheck is an hour away: only the change itself can end the stream.
        (route,) = live_routes(
            resolver(tokens), db.read_revision, hub=hub, check_link=check_link, tick=0.05, recheck=3600
        )
        client = Client()
        served = asyncio.create_task(route.app(scope("t=good"), client.receive, client.send))
        await asyncio.sleep(0.2)
        assert client.body == b"retry: 1000\n\nevent: revision\ndata: 5\n\n"
        del tokens["good"]  # the facilitator replaced the link: a save like any other
        db.revisions["w1"] = 6
        await asyncio.wait_for(served, 5)
        assert client.ended
        assert b"data: 6" not in client.body
        assert checked == ["good", "good"]  # once per revision, not once per tick
        assert hub.watched() == frozenset()

    run(scenario())


def test_notify_reads_at_once_from_any_thread() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=60)  # never polls again by itself
        hub.notify("w1")  # nobody follows w1 yet: nothing happens
        async with hub.subscription("w1") as queue:
            assert await next_item(queue) == 1
            db.revisions["w1"] = 2
            assert await nothing_within(queue, 0.2)
            hub.notify("w1")
            assert await next_item(queue, 0.5) == 2

            db.revisions["w1"] = 3
            writer = threading.Thread(target=hub.notify, args=("w1",))
            writer.start()
            writer.join()
            assert await next_item(queue, 0.5) == 3

    run(scenario())
