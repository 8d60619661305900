"""Unit of work: one transaction; rolls back unless committed. Writes lock the workshop first."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import Connection, Engine, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from workshop.errors import Busy
from workshop.storage import tables
from workshop.storage.repo_content import ContentRepository
from workshop.storage.repo_decision import DecisionRepository
from workshop.storage.repo_sessions import SessionRepository

GATE_TIMEOUT_S = 30.0


def _overloaded(error: Exception) -> bool:
    """No connection free in time, or SQLite's write lock not had within busy_timeout."""
    if isinstance(error, PoolTimeout):
        return True
    return isinstance(error, OperationalError) and "database is locked" in str(error).lower()


class SqlUnitOfWork:
    """`with uow: ... uow.commit()` — anything not committed is rolled back."""

    def __init__(
        self,
        engine: Engine,
        *,
        write: bool,
        gate: threading.Lock | None = None,
        committed: Callable[[set[str]], None] | None = None,
    ) -> None:
        self._engine = engine
        self._on_commit = committed
        self._changed: set[str] = set()
        self._write = write
        self._gate = gate if write else None
        self._conn: Connection | None = None
        self._committed = False

    def __enter__(self) -> SqlUnitOfWork:
        # SQLite has one writer at a time: this process's writers queue at the gate, without
        # holding a pooled connection while they wait (other processes still meet busy_timeout).
        if self._gate is not None and not self._gate.acquire(timeout=GATE_TIMEOUT_S):
            raise Busy()
        try:
            opts = {"sqlite_begin": "IMMEDIATE" if self._write else "DEFERRED"}
            self._conn = self._engine.connect().execution_options(**opts)
            self._tx = self._conn.begin()
        except Exception as error:
            self._release()
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if _overloaded(error):
                raise Busy() from error
            raise
        self.sessions = SessionRepository(self._conn)
        self.content = ContentRepository(self._conn)
        self.decisions = DecisionRepository(self._conn)
        self._committed = False
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._conn is not None
        try:
            if self._tx.is_active:
                self._tx.rollback()
        finally:
            self._conn.close()
            self._conn = None
            self._release()

    def _release(self) -> None:
        if self._gate is not None:
            self._gate.release()
            self._gate = None

    def lock_workshop(self, workshop_id: str) -> int:
        """Take the workshop's write lock and bump its revision; returns the new revision.

        Every write goes through here first, so writes to one workshop are serialised
        (limits such as six personas or a vote allowance hold under races) and every
        open screen learns that something changed.
        """
        assert self._conn is not None and self._write, "lock_workshop needs a write unit of work"
        result = self._conn.execute(
            update(tables.workshops)
            .where(tables.workshops.c.id == workshop_id)
            .values(revision=tables.workshops.c.revision + 1)
            .returning(tables.workshops.c.revision)
        ).scalar()
        self._changed.add(workshop_id)
        return int(result or 0)

    def commit(self) -> None:
        self._tx.commit()
        self._committed = True
        changed, self._changed = self._changed, set()
        if changed and self._on_commit is not None:
            self._on_commit(changed)

    def rollback(self) -> None:
        self._tx.rollback()
        self._changed.clear()
