"""The workshop is read from the database once per revision per process, however many pages draw it."""

from __future__ import annotations

import threading

from workshop.board_cache import BoardCache
from workshop.cases import board as board_module
from workshop.cases import persona_cases, sessions
from workshop.cases.board import board


def room(store, people: int = 6):
    started = sessions.start_workshop(store, "Room", "Kind and quick.", "Fay")
    fay = started.facilitator_token
    link = sessions.share_links(store, fay).participant
    return fay, [sessions.join(store, link, f"P{n}").token for n in range(people)]


def test_pages_at_one_revision_share_one_read_and_a_save_makes_the_next(store):
    fay, tokens = room(store)
    before = store.boards.reads
    seen = [board(store, t) for t in tokens]
    assert store.boards.reads == before + 1
    assert len({id(b.personas) for b in seen}) == 1, "every page got the same personas"

    persona_cases.add_persona(store, fay, {"name": "Commuter"})
    assert [p.name for p in board(store, tokens[0]).personas] == ["Commuter"]
    assert store.boards.reads == before + 2


def test_pages_redrawn_at_the_same_moment_read_the_workshop_once(store, monkeypatch):
    fay, tokens = room(store, people=12)
    persona_cases.add_persona(store, fay, {"name": "Commuter"})  # a revision no page has read yet
    reading = threading.Event()
    release = threading.Event()
    read_shared = board_module._read_shared
    calls = []

    def slow_read(uow, workshop):
        calls.append(workshop.revision)
        reading.set()
        release.wait(10)  # every other page arrives while the first is still reading
        return read_shared(uow, workshop)

    monkeypatch.setattr(board_module, "_read_shared", slow_read)
    found: list = []
    pages = [threading.Thread(target=lambda t=t: found.append(board(store, t))) for t in tokens]
    pages[0].start()
    assert reading.wait(10)
    for page in pages[1:]:
        page.start()
    release.set()
    for page in pages:
        page.join(20)
    assert len(found) == len(tokens)
    assert len(calls) == 1, f"the workshop was read {len(calls)} times for one revision"
    assert all([p.name for p in b.personas] == ["Commuter"] for b in found)


def test_a_failed_read_leaves_the_waiting_pages_to_read_for_themselves():
    cache = BoardCache(wait=5)
    started, release = threading.Event(), threading.Event()
    results: list = []

    def failing():
        started.set()
        release.wait(5)
        raise OSError("the database went away")

    def first():
        try:
            cache.get_or_read("w", 3, failing)
        except OSError as e:
            results.append(str(e))

    reader = threading.Thread(target=first)
    reader.start()
    assert started.wait(5)
    waiter = threading.Thread(target=lambda: results.append(cache.get_or_read("w", 3, lambda: "own read")))
    waiter.start()
    release.set()
    reader.join(10)
    waiter.join(10)
    assert sorted(results) == ["own read", "the database went away"]
