"""SQLite writers of one process queue at a gate instead of each holding a pooled connection
while waiting for the database's single write lock; past the wait they get a message."""

from __future__ import annotations

import threading

import pytest

from workshop.cases import persona_cases, sessions
from workshop.domain.errors import Busy
from workshop.storage import unit_of_work


def test_waiting_writers_do_not_hold_connections(sqlite_store):
    started = sessions.start_workshop(sqlite_store, "Queue", "", "Fay")
    holding, release = threading.Event(), threading.Event()

    def slow_writer():
        with sqlite_store.write() as uow:
            uow.lock_workshop(started.workshop_id)
            holding.set()
            release.wait(10)
            uow.commit()

    first = threading.Thread(target=slow_writer)
    first.start()
    holding.wait(10)
    waiting = [
        threading.Thread(
            target=persona_cases.add_persona,
            args=(sqlite_store, started.facilitator_token, {"name": f"P{i}"}),
        )
        for i in range(5)
    ]
    for t in waiting:
        t.start()
    try:
        for t in waiting:
            t.join(0.3)
        # Five writers are waiting; only the one holding the write lock has a connection.
        assert all(t.is_alive() for t in waiting)
        assert sqlite_store.engine.pool.checkedout() == 1
    finally:
        release.set()
        first.join(10)
        for t in waiting:
            t.join(30)
    assert sqlite_store.engine.pool.checkedout() == 0


def test_a_writer_that_waits_too_long_is_told_and_changes_nothing(sqlite_store, monkeypatch):
    started = sessions.start_workshop(sqlite_store, "Queue", "", "Fay")
    monkeypatch.setattr(unit_of_work, "GATE_TIMEOUT_S", 0.2)
    holding, release = threading.Event(), threading.Event()

    def slow_writer():
        with sqlite_store.write():
            holding.set()
            release.wait(10)

    first = threading.Thread(target=slow_writer)
    first.start()
    holding.wait(10)
    try:
        with pytest.raises(Busy, match="Nothing was saved"):
            persona_cases.add_persona(sqlite_store, started.facilitator_token, {"name": "Late"})
    finally:
        release.set()
        first.join(10)
    persona_cases.add_persona(sqlite_store, started.facilitator_token, {"name": "On time"})
    from workshop.cases.board import board

    assert [p.name for p in board(sqlite_store, started.facilitator_token).personas] == ["On time"]
