"""On PostgreSQL a save is told to every other app process through NOTIFY, in its own transaction;
one LISTEN connection per process hears them, and reconnects and catches up when it drops."""

from __future__ import annotations

import queue
import time

import psycopg
import pytest

from workshop.cases import facilitation, persona_cases, sessions
from workshop.domain import parts
from workshop.domain.errors import Locked
from workshop.storage import notify
from workshop.store import build_store

ELSEWHERE = "another-process"  # the listener below stands for another replica: it hears everything


@pytest.fixture
def pg_store(pg_cluster):
    store = build_store(pg_cluster.new_database())
    yield store
    store.close()


class Heard:
    """What a listener heard, and how often it (re)connected."""

    def __init__(self) -> None:
        self.saves: queue.Queue[notify.Heard] = queue.Queue()
        self.connected: queue.Queue[float] = queue.Queue()
        self.lost: list[BaseException] = []

    def next_save(self, timeout: float = 10) -> notify.Heard:
        return self.saves.get(timeout=timeout)

    def nothing_more(self, seconds: float = 0.5) -> bool:
        try:
            self.saves.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def listening(pg_store):
    heard = Heard()
    listener = notify.Listener(
        pg_store.url,
        heard=heard.saves.put,
        connected=lambda: heard.connected.put(time.monotonic()),
        lost=heard.lost.append,
        origin=ELSEWHERE,
    ).start()
    heard.connected.get(timeout=10)
    yield heard, listener
    listener.stop()


def test_a_save_is_heard_by_another_process_with_its_workshop_revision_and_parts(pg_store, listening):
    heard, _ = listening
    started = sessions.start_workshop(pg_store, "Room", "", "Fay")
    workshop_id = sessions.workshop_for_token(pg_store, started.facilitator_token)
    persona = persona_cases.add_persona(pg_store, started.facilitator_token, {"name": "Hunter"})
    save = heard.next_save()
    assert save == notify.Heard(
        workshop_id,
        sessions.revision(pg_store, workshop_id),
        frozenset({parts.PERSONAS, parts.persona(persona.key)}),
    )


def test_a_refused_save_sends_nothing(pg_store, listening):
    heard, _ = listening
    started = sessions.start_workshop(pg_store, "Room", "", "Fay")
    fay = started.facilitator_token
    ana = sessions.join(pg_store, sessions.share_links(pg_store, fay).participant, "Ana").token
    facilitation.set_locked(pg_store, fay, True)
    while not heard.nothing_more(0.3):
        pass  # the join and the lock
    with pytest.raises(Locked):
        persona_cases.add_persona(pg_store, ana, {"name": "Rusher"})
    assert heard.nothing_more(), "a save rolled back must not be announced"


def test_a_process_does_not_hear_its_own_saves_again(pg_store):
    heard = Heard()
    listener = notify.Listener(
        pg_store.url, heard=heard.saves.put, connected=lambda: heard.connected.put(0), lost=heard.lost.append
    ).start()
    try:
        heard.connected.get(timeout=10)
        started = sessions.start_workshop(pg_store, "Room", "", "Fay")
        persona_cases.add_persona(pg_store, started.facilitator_token, {"name": "Hunter"})
        assert heard.nothing_more(), "this process announced it already"
    finally:
        listener.stop()


def test_a_dropped_listening_connection_reconnects_and_asks_for_a_catch_up(pg_store, pg_cluster, listening):
    heard, listener = listening
    started = sessions.start_workshop(pg_store, "Room", "", "Fay")
    url = f"host=127.0.0.1 port={pg_cluster.port} user=postgres dbname=postgres"
    with psycopg.connect(url, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
        ).fetchall()
    assert ended, "the listening connection was found"
    heard.connected.get(timeout=10)  # connected again: the caller catches up on what it missed
    assert listener.connections == 2
    assert heard.lost == [], "the database itself never went away"
    persona_cases.add_persona(pg_store, started.facilitator_token, {"name": "Hunter"})
    assert parts.PERSONAS in (heard.next_save().parts or ())


def test_a_payload_too_long_for_notify_goes_out_with_unknown_parts():
    many = frozenset(parts.persona(f"p{i:04}") for i in range(1000))
    text = notify.payload("w1", 7, many, origin="a")
    assert len(text.encode()) < 8000
    assert notify.parse(text, origin="b") == notify.Heard("w1", 7, None)
    small = notify.payload("w1", 8, frozenset({"votes"}), origin="a")
    assert notify.parse(small, origin="b") == notify.Heard("w1", 8, frozenset({"votes"}))
    assert notify.parse(small, origin="a") is None, "its own"
    assert notify.parse("not json", origin="b") is None
