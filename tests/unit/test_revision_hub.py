"""RevisionHub: one watcher per workshop, shared by its subscribers, gone when they leave."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from pathlib import Path
from typing import Any

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from workshop.live.stream import Pushed, RevisionHub, live_routes  # noqa: E402

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


async def next_push(queue: asyncio.Queue[Any], timeout: float = 5.0) -> Pushed:
    return await asyncio.wait_for(queue.get(), timeout)


async def next_item(queue: asyncio.Queue[Any], timeout: float = 5.0) -> Any:
    """The revision of the next push."""
    return (await next_push(queue, timeout)).revision


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
                assert late.get_nowait() == Pushed(7)
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
        hub = RevisionHub(db.read_revision, interval=INTERVAL, grace=INTERVAL)
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
        assert client.body == b'retry: 1000\n\nevent: revision\ndata: {"revision":5,"parts":null}\n\n'
        assert hub.watched() == {"w1"}

        db.revisions["w1"] = 6
        await asyncio.sleep(0.2)
        assert client.body.endswith(b'event: revision\ndata: {"revision":6,"parts":null}\n\n')

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


# -- announced saves: pushed at once, naming what they touched --------------------------------

NEVER = 60.0  # the watcher's own poll comes long after these tests are over


def test_an_announced_save_is_pushed_at_once_with_its_parts() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=4)
        hub = RevisionHub(db.read_revision, interval=NEVER)
        async with hub.subscription("w1") as queue:
            assert await next_push(queue) == Pushed(4)
            db.revisions["w1"] = 5
            hub.announce("w1", 5, {"persona:a"})
            assert await next_push(queue, 0.5) == Pushed(5, frozenset({"persona:a"}))
            assert db.reads["w1"] == 1, "an announced save needs no database read"

    run(scenario())


def test_saves_announced_out_of_order_are_pushed_in_order() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=NEVER, grace=5)
        async with hub.subscription("w1") as queue:
            await next_push(queue)
            hub.announce("w1", 3, {"votes"})  # committed after 2, but its listener ran first
            assert await nothing_within(queue, 0.1), "revision 2 is still to come"
            hub.announce("w1", 2, {"idea:x"})
            assert await next_push(queue, 0.5) == Pushed(3, frozenset({"idea:x", "votes"}))

    run(scenario())


def test_a_revision_nobody_announces_goes_out_as_unknown_after_the_grace() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=0.02, grace=0.05)
        async with hub.subscription("w1") as queue:
            await next_push(queue)
            db.revisions["w1"] = 3  # two saves made by another replica
            hub.announce("w1", 3, {"votes"})  # and one here after them: 2 is unexplained
            pushed = await next_push(queue, 1)
            assert pushed == Pushed(3, None)
            assert await nothing_within(queue, 0.2), "revision 3 is not pushed twice"

    run(scenario())


def test_a_save_found_by_polling_is_not_pushed_twice_when_it_is_announced_too() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=0.01, grace=1)
        async with hub.subscription("w1") as queue:
            await next_push(queue)
            db.revisions["w1"] = 2  # the poll may see it before its listener runs
            await asyncio.sleep(0.05)
            hub.announce("w1", 2, {"timer"})
            assert await next_push(queue, 0.5) == Pushed(2, frozenset({"timer"}))
            assert await nothing_within(queue, 0.1)

    run(scenario())


def test_a_slow_reader_gets_the_parts_of_every_save_it_missed() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=NEVER)
        async with hub.subscription("w1") as queue:
            await next_push(queue)
            for revision, part in ((2, "persona:a"), (3, "persona:b"), (4, "votes")):
                hub.announce("w1", revision, {part})
                await asyncio.sleep(0.02)
            assert queue.qsize() == 1
            assert await next_push(queue) == Pushed(4, frozenset({"persona:a", "persona:b", "votes"}))

    run(scenario())


def test_announcing_from_another_thread_works() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=1)
        hub = RevisionHub(db.read_revision, interval=NEVER)
        hub.announce("w1", 2, {"votes"})  # nobody follows w1 yet: nothing happens
        async with hub.subscription("w1") as queue:
            assert await next_push(queue) == Pushed(1)
            writer = threading.Thread(target=hub.announce, args=("w1", 2, {"votes"}))
            writer.start()
            writer.join()
            assert await next_push(queue, 0.5) == Pushed(2, frozenset({"votes"}))

    run(scenario())


def test_route_sends_the_parts_and_ends_at_once_when_a_save_replaces_the_link() -> None:
    async def scenario() -> None:
        db = FakeDatabase(w1=5)
        hub = RevisionHub(db.read_revision, interval=NEVER)
        tokens = {"good": "w1"}
        (route,) = live_routes(resolver(tokens), db.read_revision, hub=hub, tick=0.02, recheck=NEVER)
        client = Client()
        served = asyncio.create_task(route.app(scope("t=good"), client.receive, client.send))
        await asyncio.sleep(0.1)
        hub.announce("w1", 6, {"persona:a"})
        await asyncio.sleep(0.1)
        assert client.body.endswith(b'event: revision\ndata: {"revision":6,"parts":["persona:a"]}\n\n')
        del tokens["good"]  # the link is replaced, in a save that names the links
        hub.announce("w1", 7, {"links"})
        await asyncio.wait_for(served, 1)
        assert client.ended
        assert b'"revision":7' not in client.body, "a replaced link hears nothing more"

    run(scenario())


# -- many workshops: one batched read, pausing, catching up ------------------------------------


class BatchDatabase(FakeDatabase):
    """Answers for many workshops at once, as the app's store does; a deleted one is left out."""

    def __init__(self, **revisions: int) -> None:
        super().__init__(**revisions)
        self.batches: list[list[str]] = []

    def read_revisions(self, ids: list[str]) -> dict[str, int]:
        with self._lock:
            self.batches.append(list(ids))
            if self.fail:
                raise ConnectionError("database went away")
            return {i: self.revisions[i] for i in ids if i in self.revisions}


def test_one_read_serves_every_watched_workshop() -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=1, w2=2, w3=3)
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=0.05)
        async with hub.subscription("w1") as one, hub.subscription("w2") as two, hub.subscription("w3"):
            await next_push(one)
            await next_push(two)
            db.batches.clear()
            await asyncio.sleep(0.3)
            assert db.batches, "the poll goes on"
            assert all(batch == ["w1", "w2", "w3"] for batch in db.batches), "one read for all three"
            assert db.reads == {}, "never one read per workshop"
            db.revisions["w2"] = 3
            assert await next_item(two) == 3
            assert await nothing_within(one)

    run(scenario())


def test_pausing_wakes_every_subscriber_and_resuming_reads_every_revision_at_once() -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=1, w2=5)
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=NEVER)
        async with hub.subscription("w1") as one, hub.subscription("w2") as two:
            await next_push(one)
            await next_push(two)
            writer = threading.Thread(target=hub.set_paused, args=(True,))  # told from any thread
            writer.start()
            writer.join()
            assert await next_push(one) is None and await next_push(two) is None, "both look at the hub"
            assert hub.paused
            db.revisions["w1"] = 2  # saved elsewhere while this process could not hear it
            hub.set_paused(False)
            assert await next_push(one) is None  # saving works again
            assert await next_push(one) == Pushed(2), "caught up without waiting for the poll"
            assert await next_push(two) is None
            assert await nothing_within(two), "nothing changed in w2"

    run(scenario())


def test_catching_up_reads_every_watched_workshop_now() -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=1, w2=1)
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=NEVER)
        async with hub.subscription("w1") as one, hub.subscription("w2") as two:
            await next_push(one)
            await next_push(two)
            db.revisions.update(w1=2, w2=4)
            db.batches.clear()
            threading.Thread(target=hub.catch_up).start()
            assert await next_push(one) == Pushed(2)
            assert await next_push(two) == Pushed(4)
            assert db.batches == [["w1", "w2"]]

    run(scenario())


def test_a_workshop_read_failing_first_is_tried_again_until_it_answers() -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=3)
        db.fail = True
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=NEVER, retry=0.05)
        async with hub.subscription("w1") as queue:
            assert await nothing_within(queue, 0.2)
            db.fail = False
            assert await next_push(queue) == Pushed(3)

    run(scenario())


async def eventually(condition, seconds: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    """Wait until `condition()` holds (a busy machine may take a while), or give up."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def event_names(body: bytes) -> list[str]:
    return [line[len("event: ") :] for line in body.decode().splitlines() if line.startswith("event: ")]


def test_route_tells_the_page_when_saving_pauses_and_resumes() -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=5)
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=NEVER)
        (route,) = live_routes(resolver({"good": "w1"}), db.read_revision, hub=hub, tick=0.02)
        client = Client()
        served = asyncio.create_task(route.app(scope("t=good"), client.receive, client.send))
        assert await eventually(lambda: event_names(client.body) == ["revision"])
        hub.set_paused(True)
        assert await eventually(lambda: client.body.endswith(b'event: saving\ndata: {"paused":true}\n\n'))
        db.revisions["w1"] = 6
        hub.set_paused(False)
        assert await eventually(lambda: len(event_names(client.body)) == 4)
        assert event_names(client.body) == ["revision", "saving", "saving", "revision"]
        assert b'data: {"paused":false}' in client.body
        assert client.body.endswith(b'data: {"revision":6,"parts":null}\n\n'), "caught up"
        client.disconnect.set()
        await asyncio.wait_for(served, 1)

    run(scenario())


class Unreachable(Exception):
    """The database cannot answer now."""


def test_an_outage_when_a_page_connects_opens_a_stream_that_says_so_instead_of_a_404(caplog) -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=5)
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=NEVER)
        hub.set_paused(True)  # the process knows: the app's store tells the hub
        down, tries = True, []

        def resolve(token: str) -> str:
            tries.append(token)
            if down:
                raise Unreachable("connection refused")
            return {"good": "w1"}[token]

        (route,) = live_routes(resolve, db.read_revision, hub=hub, tick=0.02, unavailable=(Unreachable,))
        client = Client()
        served = asyncio.create_task(route.app(scope("t=good"), client.receive, client.send))
        assert await eventually(lambda: b"saving" in client.body)
        await asyncio.sleep(0.3)
        assert client.status == 200, "not a 404: the page must not think its link is bad"
        assert client.body == b'retry: 1000\n\nevent: saving\ndata: {"paused":true}\n\n'
        assert "cannot be checked now" in caplog.text
        assert len(tries) == 1, "while the hub knows the database is away, the stream waits for it"
        down = False
        hub.set_paused(False)
        assert await eventually(lambda: len(event_names(client.body)) == 3)
        assert event_names(client.body) == ["saving", "saving", "revision"]
        assert b'data: {"paused":false}' in client.body
        assert client.body.endswith(b'event: revision\ndata: {"revision":5,"parts":null}\n\n')
        client.disconnect.set()
        await asyncio.wait_for(served, 1)

        bad = Client()
        await route.app(scope("t=wrong"), bad.receive, bad.send)
        assert bad.status == 404, "a bad link is still a bad link"

    run(scenario())


def test_a_link_that_fails_to_resolve_is_logged_with_its_error_not_turned_silently_into_a_404(caplog) -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=5)
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=NEVER)

        def resolve(token: str) -> str | None:
            raise RuntimeError("the sessions table is missing")

        (route,) = live_routes(resolve, db.read_revision, hub=hub, tick=0.02)
        client = Client()
        await route.app(scope("t=good"), client.receive, client.send)
        assert client.status == 404
        assert "could not be checked" in caplog.text
        assert "the sessions table is missing" in caplog.text

    with caplog.at_level(logging.WARNING):
        run(scenario())


def test_the_links_of_all_open_streams_are_checked_in_one_call() -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=5, w2=1)
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=NEVER)
        tokens = {"ana": "w1", "ben": "w1", "cleo": "w2"}
        calls: list[list[str]] = []

        def check_in(open_tokens: list[str]) -> dict[str, str]:
            calls.append(open_tokens)
            return {t: tokens[t] for t in open_tokens if t in tokens}

        (route,) = live_routes(
            resolver(tokens), db.read_revision, hub=hub, check_in=check_in, tick=0.02, recheck=0.3
        )
        route.open_links._soon = 0.1
        clients = {name: Client() for name in tokens}
        served = {
            name: asyncio.create_task(route.app(scope(f"t={name}"), c.receive, c.send))
            for name, c in clients.items()
        }
        assert await eventually(lambda: bool(calls))
        assert calls == [["ana", "ben", "cleo"]], "one check for every open page, soon after they open"
        del tokens["ben"]  # ben was removed
        await asyncio.wait_for(served["ben"], 5)
        assert len(calls) == 2 and not any(served[n].done() for n in ("ana", "cleo"))
        for name in ("ana", "cleo"):
            clients[name].disconnect.set()
            await asyncio.wait_for(served[name], 1)

    run(scenario())


def test_a_deleted_workshop_ends_its_streams() -> None:
    async def scenario() -> None:
        db = BatchDatabase(w1=5)
        hub = RevisionHub(db.read_revision, read_revisions=db.read_revisions, interval=0.05)
        tokens = {"good": "w1"}
        (route,) = live_routes(resolver(tokens), db.read_revision, hub=hub, tick=0.02, recheck=NEVER)
        client = Client()
        served = asyncio.create_task(route.app(scope("t=good"), client.receive, client.send))
        assert await eventually(lambda: b"revision" in client.body)
        del db.revisions["w1"]
        del tokens["good"]
        await asyncio.wait_for(served, 5)
        assert client.ended

    run(scenario())
