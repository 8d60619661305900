"""The schema is created and upgraded on start; a database made by an earlier version keeps working."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, inspect

from workshop.cases import sessions
from workshop.cases.board import board
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
        assert current_version(conn) == SCHEMA_VERSION == 3
        assert {"rounds", "promise_ratings", "decisions", "chosen_ideas"} <= set(
            inspect(conn).get_table_names()
        )
    started = sessions.start_workshop(store, "After upgrade", "")
    from exports.workshop_file import to_json
    from workshop.cases.rounds import mark_round

    mark_round(store, started.facilitator_token, "Round 1", encode=to_json)
    assert board(store, started.facilitator_token).workshop.title == "After upgrade"
    store.close()


def test_a_version_two_database_gets_judgements_against_the_promise_and_the_decision(tmp_path):
    """A file written with schema 2 (before the decision existed), holding a workshop, still opens,
    and its workshop can then be judged against the promise and decided."""
    from workshop.cases import idea_cases
    from workshop.cases.decision_cases import choose_ideas, judge_promise
    from workshop.storage import tables

    path = tmp_path / "v2.db"
    old = build_store(f"sqlite:///{path}")
    started = sessions.start_workshop(old, "Made before", "Safely and on time.", "Fay")
    idea = idea_cases.add_idea(
        old, started.facilitator_token, {"title": "Tap on", "range": "landmark", "touch": "first"}
    )
    old.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to schema 2, as the previous release left it
        for table in reversed(tables.V3_TABLES):
            table.drop(conn)
        conn.execute(tables.schema_version.update().values(version=2))
    engine.dispose()

    store = build_store(f"sqlite:///{path}")
    token = started.facilitator_token
    before = board(store, token)
    assert before.workshop.title == "Made before" and not before.decision.marked
    judge_promise(store, token, idea.key, 2)
    choose_ideas(store, token, 0, [idea.key])
    after = board(store, token)
    assert [r.score for r in after.promise_ratings] == [2] and after.decision.idea_keys == (idea.key,)
    store.close()
