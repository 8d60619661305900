"""The database going away: saves meet a clear message, saving is paused and resumes by itself, and
nothing acknowledged is lost. PostgreSQL is stopped and started; SQLite's file is made read-only."""

from __future__ import annotations

import threading
import time

import pytest

from tests.support.outage import read_only
from workshop.cases import persona_cases, sessions
from workshop.cases.board import board
from workshop.domain.errors import Unavailable
from workshop.storage import notify
from workshop.store import build_store


def wait_until(condition, seconds: float = 15) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def room(store):  # type: ignore[no-untyped-def]
    started = sessions.start_workshop(store, "Room", "", "Fay")
    fay = started.facilitator_token
    return fay, persona_cases.add_persona(store, fay, {"name": "Hunter"})


def describe(store, token, persona, text):  # type: ignore[no-untyped-def]
    current = next(p for p in board(store, token).personas if p.key == persona.key)
    values = current.fields()
    values["description"] = text
    return persona_cases.update_persona(store, token, current, values)


def test_with_postgresql_stopped_a_save_is_refused_clearly_and_works_again_once_it_is_back(stoppable_pg):
    store = build_store(stoppable_pg.new_database())
    heard: list[bool] = []
    store.availability.listen(heard.append)
    try:
        fay, hunter = room(store)
        describe(store, fay, hunter, "Before the outage.")
        stoppable_pg.stop_server()
        try:
            with pytest.raises(Unavailable) as refused:
                describe(store, fay, hunter, "During the outage.")
            assert "Saving is paused" in refused.value.message
            assert "Your text is kept" in refused.value.message
            with pytest.raises(Unavailable):
                board(store, fay)  # reading fails the same clear way
            assert store.availability.paused and heard == [True]
        finally:
            stoppable_pg.start_server()
        assert wait_until(lambda: not store.availability.paused), "the probe finds the database back"
        assert heard == [True, False]
        describe(store, fay, hunter, "After the outage.")
        assert board(store, fay).personas[0].description == "After the outage."
    finally:
        store.close()


def test_an_app_starting_while_postgresql_is_away_is_told_so_and_can_start_later(stoppable_pg):
    url = stoppable_pg.new_database()
    stoppable_pg.stop_server()
    try:
        with pytest.raises(Unavailable):
            build_store(url)
    finally:
        stoppable_pg.start_server()
    build_store(url).close()


def test_the_listening_connection_says_the_database_is_away_and_catches_up_once_it_is_back(stoppable_pg):
    store = build_store(stoppable_pg.new_database())
    connected, lost = threading.Semaphore(0), []
    listener = notify.Listener(
        store.url, heard=lambda _: None, connected=connected.release, lost=lost.append, origin="elsewhere"
    ).start()
    try:
        assert connected.acquire(timeout=10)
        stoppable_pg.stop_server()
        try:
            assert wait_until(lambda: lost), "the listener reports the database gone"
        finally:
            stoppable_pg.start_server()
        assert connected.acquire(timeout=15), "connected again: time to catch up"
    finally:
        listener.stop()
        store.close()


def test_with_the_sqlite_file_read_only_a_save_is_refused_clearly_and_works_again_afterwards(tmp_path):
    sqlite_file = tmp_path / "workshops.db"
    store = build_store(f"sqlite:///{sqlite_file}")
    heard: list[bool] = []
    store.availability.listen(heard.append)
    try:
        fay, hunter = room(store)
        describe(store, fay, hunter, "Before.")
        with read_only(sqlite_file):
            with pytest.raises(Unavailable):
                describe(store, fay, hunter, "While read-only.")
            assert store.availability.paused and heard == [True]
            assert board(store, fay).personas[0].description == "Before.", "reading still works"
            time.sleep(1.5)  # the probe keeps failing while the file cannot be written
            assert store.availability.paused
        assert wait_until(lambda: not store.availability.paused), "the probe finds it writable again"
        assert heard == [True, False]
        describe(store, fay, hunter, "After.")
        assert board(store, fay).personas[0].description == "After."
    finally:
        store.close()


def test_acknowledged_saves_made_around_an_outage_are_all_kept(stoppable_pg):
    """Writers keep saving through a stop and start; every save that returned is there after."""
    url = stoppable_pg.new_database()
    store = build_store(url)
    try:
        fay, _ = room(store)
        acknowledged: list[str] = []
        refused: list[str] = []
        others: list[BaseException] = []
        stop = threading.Event()

        def writer(n: int) -> None:
            i = 0
            while not stop.is_set():
                i += 1
                name = f"W{n}-{i}"
                try:
                    persona_cases.add_attribute(store, fay, name)
                    acknowledged.append(name)
                except Unavailable:
                    refused.append(name)
                    time.sleep(0.1)
                except Exception as error:  # noqa: BLE001 - anything else is a failure of this test
                    others.append(error)
                    return

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
        for t in threads:
            t.start()
        time.sleep(1)
        stoppable_pg.stop_server()
        time.sleep(2)
        stoppable_pg.start_server()
        time.sleep(2)
        stop.set()
        for t in threads:
            t.join(30)
        assert not others, others
        assert refused, "some saves met the outage"
        kept = {a.name for a in board(store, fay).attributes}
        assert set(acknowledged) <= kept
    finally:
        store.close()
