"""The schema is created and upgraded on start; a database made by an earlier version keeps working."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, inspect

from workshop import sessions
from workshop.board import board
from workshop.storage.database import SCHEMA_VERSION, current_version, make_engine, migrate
from workshop.store import build_store


def test_starting_twice_on_the_same_database_keeps_the_data(database_url):
    first = build_store(database_url)
    started = sessions.start_workshop(first, "Kept", "")
    first.close()
    second = build_store(database_url)
    assert board(second, started.facilitator_token).workshop.title == "Kept"
    second.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(tmp_path):
    store = build_store(f"sqlite:///{tmp_path / 'w.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_a_database_without_a_schema_version_is_brought_to_the_current_version(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()  # an empty file, as a first run leaves it
    engine = make_engine(f"sqlite:///{path}")
    assert migrate(engine) == SCHEMA_VERSION
    with engine.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION
        assert {"workshops", "personas", "stances", "ideas", "votes"} <= set(inspect(conn).get_table_names())
    engine.dispose()


def test_a_version_one_database_made_earlier_is_read_by_this_version(tmp_path):
    """A file written with the first schema (tables only, as release 1 made them) still opens."""
    path = tmp_path / "v1.db"
    engine = create_engine(f"sqlite:///{path}")
    from workshop.storage import tables

    tables.metadata.create_all(engine, tables=list(tables.V1_TABLES))
    with engine.begin() as conn:
        conn.execute(tables.schema_version.insert().values(version=1))
    engine.dispose()
    store = build_store(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        assert current_version(conn) == SCHEMA_VERSION == 2
        assert "rounds" in inspect(conn).get_table_names()
    started = sessions.start_workshop(store, "After upgrade", "")
    from workshop.rounds import mark_round

    mark_round(store, started.facilitator_token, "Round 1")
    assert board(store, started.facilitator_token).workshop.title == "After upgrade"
    store.close()
