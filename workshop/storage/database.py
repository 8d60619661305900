"""Engine creation for SQLite and PostgreSQL, and schema creation/upgrade on start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, select, text

from workshop.storage import tables

#: Where workshops are kept when DATABASE_URL is not set (read in workshop/services.py).
DEFAULT_URL = "sqlite:///data/workshops.db"
SQLITE_BUSY_TIMEOUT_MS = 15000


def backend(url: str) -> str:
    """ "sqlite" or "postgresql"."""
    return str(make_url(url).get_backend_name())


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    # A database that does not answer is given up on after 5 s: the page says saving is paused
    # instead of hanging.
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args={"connect_timeout": 5}
    )


def _sqlite_engine(url: str) -> Engine:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # Connections to a file are cheap; enough for every open page's reads at once.
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        pool_size=20,
        max_overflow=40,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can ask for IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A write takes the write lock up front: a deferred transaction that reads
        # first and writes later could otherwise fail with "database is locked".
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


# Each step upgrades the schema by one version. A database made by an earlier
# release is brought forward on start; steps are never edited once released.
def _v1(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=list(tables.V1_TABLES), checkfirst=True)


def _v2_rounds(conn: Connection) -> None:
    tables.rounds.create(conn, checkfirst=True)


def _v3_promise_and_decision(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=list(tables.V3_TABLES), checkfirst=True)


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2_rounds, _v3_promise_and_decision]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    value = conn.execute(select(tables.schema_version.c.version)).scalar()
    return int(value or 0)


def migrate(engine: Engine) -> int:
    """Create or upgrade the schema; safe to run from several app processes at once."""
    opts = {"sqlite_begin": "IMMEDIATE"}
    with engine.connect().execution_options(**opts) as conn, conn.begin():
        if engine.dialect.name == "postgresql":
            # Two replicas starting together must not both run the same step.
            conn.execute(text("SELECT pg_advisory_xact_lock(741852963)"))
        version = current_version(conn)
        for step in MIGRATIONS[version:]:
            step(conn)
        if version == 0:
            conn.execute(tables.schema_version.insert().values(version=SCHEMA_VERSION))
        elif version < SCHEMA_VERSION:
            conn.execute(tables.schema_version.update().values(version=SCHEMA_VERSION))
    return SCHEMA_VERSION
