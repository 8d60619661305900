"""The database going away: saves meet a clear message, saving is paused and resumes by itself, and
nothing acknowledged is lost. PostgreSQL is stopped and started; SQLite's file is made read-only."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.support.postgres import Cluster
from workshop import persona_cases, sessions
from workshop.board import board
from workshop.errors import Unavailable
from workshop.storage import notify
from workshop.store import build_store


@pytest.fixture(scope="module")
def own_cluster():
    """A cluster of its own: stopping it must not stop everyone else's tests."""
    cluster = Cluster()
    reason = cluster.why_unavailable()
    if reason:
        if IN_CI:
            pytest.fail(f"PostgreSQL tests cannot be skipped in CI: {reason}")
        pytest.skip(f"skipping PostgreSQL tests: {reason}")
    cluster.start()
    yield cluster
    cluster.stop()


def read_only_file_available() -> str | None:
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        return "making a file read-only for root too needs root and chattr"
    return None


class ReadOnly:
    """SQLite's database file (and its write-ahead log) made read-only, even for root: immutable."""

    def __init__(self, database: Path) -> None:
        self.files = [str(database), f"{database}-wal"]

    def __enter__(self) -> ReadOnly:
        subprocess.run(["chattr", "+i", *self.files], check=True)
        return self

    def __exit__(self, *_: object) -> None:
        subprocess.run(["chattr", "-i", *self.files], check=True)


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
    values = {f: getattr(current, f) for f in persona_cases.PERSONA_TEXT_FIELDS}
    values["description"] = text
    return persona_cases.update_persona(store, token, current, values)


def test_with_postgresql_stopped_a_save_is_refused_clearly_and_works_again_once_it_is_back(own_cluster):
    store = build_store(own_cluster.new_database())
    heard: list[bool] = []
    store.availability.listen(heard.append)
    try:
        fay, hunter = room(store)
        describe(store, fay, hunter, "Before the outage.")
        own_cluster.stop_server()
        try:
            with pytest.raises(Unavailable) as refused:
                describe(store, fay, hunter, "During the outage.")
            assert "Saving is paused" in refused.value.message
            assert "Your text is kept" in refused.value.message
            with pytest.raises(Unavailable):
                board(store, fay)  # reading fails the same clear way
            assert store.availability.paused and heard == [True]
        finally:
            own_cluster.start_server()
        assert wait_until(lambda: not store.availability.paused), "the probe finds the database back"
        assert heard == [True, False]
        describe(store, fay, hunter, "After the outage.")
        assert board(store, fay).personas[0].description == "After the outage."
    finally:
        store.close()


def test_the_listening_connection_says_the_database_is_away_and_catches_up_once_it_is_back(own_cluster):
    store = build_store(own_cluster.new_database())
    connected, lost = threading.Semaphore(0), []
    listener = notify.Listener(
        store.url, heard=lambda _: None, connected=connected.release, lost=lost.append, origin="elsewhere"
    ).start()
    try:
        assert connected.acquire(timeout=10)
        own_cluster.stop_server()
        try:
            assert wait_until(lambda: lost), "the listener reports the database gone"
        finally:
            own_cluster.start_server()
        assert connected.acquire(timeout=15), "connected again: time to catch up"
    finally:
        listener.stop()
        store.close()


@pytest.fixture
def sqlite_file(tmp_path):
    reason = read_only_file_available()
    if reason:
        if IN_CI:
            pytest.fail(f"cannot be skipped in CI: {reason}")
        pytest.skip(reason)
    return tmp_path / "workshops.db"


def test_with_the_sqlite_file_read_only_a_save_is_refused_clearly_and_works_again_afterwards(sqlite_file):
    store = build_store(f"sqlite:///{sqlite_file}")
    heard: list[bool] = []
    store.availability.listen(heard.append)
    try:
        fay, hunter = room(store)
        describe(store, fay, hunter, "Before.")
        with ReadOnly(sqlite_file):
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


def test_acknowledged_saves_made_around_an_outage_are_all_kept(own_cluster):
    """Writers keep saving through a stop and start; every save that returned is there after."""
    url = own_cluster.new_database()
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
        own_cluster.stop_server()
        time.sleep(2)
        own_cluster.start_server()
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
