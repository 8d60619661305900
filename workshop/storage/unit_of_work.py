"""Unit of work: one transaction; rolls back unless committed. Writes lock the workshop first."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import Connection, Engine, event, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from workshop.domain import parts
from workshop.domain.errors import Busy, Unavailable
from workshop.ports import Change
from workshop.storage import notify, tables
from workshop.storage.availability import Availability, is_outage
from workshop.storage.repo_content import ContentRepository
from workshop.storage.repo_decision import DecisionRepository
from workshop.storage.repo_sessions import SessionRepository

GATE_TIMEOUT_S = 30.0

# Which parts a write to a table can stand for: a table written without one of its parts named
# by the repository counts as an unknown change, so a forgotten description redraws whole pages
# instead of leaving them stale.
_PARTS_OF_TABLE = {
    "workshops": {parts.STEP, parts.LOCK, parts.SETTINGS, parts.TIMER, parts.PROMISE, parts.EVERYTHING},
    "participants": {parts.PEOPLE},
    "links": {parts.LINKS},
    "attributes": {parts.ATTRIBUTES},
    "personas": {parts.PERSONAS, parts.ANY_PERSONA},
    "stances": {parts.ANY_PERSONA},
    "ideas": {parts.IDEAS, parts.ANY_IDEA},
    "effects": {parts.ANY_IDEA},
    "ratings": {parts.RATINGS},
    "votes": {parts.VOTES},
    "rounds": {parts.ROUNDS},
    "promise_ratings": {parts.RATINGS},  # judgements against the promise are judgements too
    "decisions": {parts.DECISION},
    "chosen_ideas": {parts.DECISION},
}


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
        committed: Callable[[dict[str, Change]], None] | None = None,
        availability: Availability | None = None,
    ) -> None:
        self._engine = engine
        self._on_commit = committed
        self._availability = availability
        self._changed: dict[str, int] = {}
        self.touched: set[str] = set()
        self._written: set[str] = set()
        self._bumping = False
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
            if not self._write and self._engine.dialect.name == "postgresql":
                # A page reads the revision and then the workshop: both from one snapshot.
                opts["isolation_level"] = "REPEATABLE READ"
            self._conn = self._engine.connect().execution_options(**opts)
            self._tx = self._conn.begin()
        except Exception as error:
            self._release()
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if _overloaded(error):
                raise Busy() from error
            self._outage(error)
            raise
        if self._write:
            event.listen(self._conn, "before_execute", self._note_write)
        self.sessions = SessionRepository(self._conn, self.touched)
        self.content = ContentRepository(self._conn, self.touched)
        self.decisions = DecisionRepository(self._conn, self.touched)
        self._committed = False
        return self

    def _note_write(self, _conn: Connection, statement: object, *_args: object) -> None:
        if getattr(statement, "is_dml", False) and not self._bumping:
            self._written.add(statement.table.name)  # type: ignore[attr-defined]

    def __exit__(self, _type: object, error: BaseException | None, _tb: object) -> None:
        assert self._conn is not None
        try:
            if self._tx.is_active:
                self._tx.rollback()
        except Exception as failed:
            if error is None and not is_outage(failed):
                raise
            # The error already on its way says more; or the connection died with the database
            # (or SQLite ended the transaction itself after a failed write): nothing to roll back.
        finally:
            self._conn.close()
            self._conn = None
            self._release()
        if error is not None:
            self._outage(error)

    def _outage(self, error: BaseException) -> None:
        """An outage becomes Unavailable (saving is paused), and this process's pages are told."""
        if not is_outage(error):
            return
        if self._availability is not None:
            self._availability.lost(error)
        raise Unavailable() from error

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
        self._bumping = True  # the bump itself is not a change of the workshop's fields
        try:
            result = self._conn.execute(
                update(tables.workshops)
                .where(tables.workshops.c.id == workshop_id)
                .values(revision=tables.workshops.c.revision + 1)
                .returning(tables.workshops.c.revision)
            ).scalar()
        finally:
            self._bumping = False
        revision = int(result or 0)
        self._changed[workshop_id] = revision
        return revision

    def touched_parts(self) -> frozenset[str]:
        """What this unit of work changed, as parts; a table written without a named part is unknown."""
        found = set(self.touched)
        for table in self._written:
            if not any(parts.shows(kind, part) for kind in _PARTS_OF_TABLE.get(table, ()) for part in found):
                found.add(parts.EVERYTHING)
        return frozenset(found or {parts.EVERYTHING})

    def commit(self) -> None:
        touched = self.touched_parts()
        assert self._conn is not None
        if self._changed and self._conn.dialect.name == "postgresql":
            # Other replicas hear of the save when, and only if, it commits.
            notify.send(self._conn, {wid: (rev, touched) for wid, rev in self._changed.items()})
        self._tx.commit()
        self._committed = True
        if self._write and self._availability is not None:
            self._availability.back()
        changed, self._changed = self._changed, {}
        if changed and self._on_commit is not None:
            self._on_commit({wid: Change(revision, touched) for wid, revision in changed.items()})

    def rollback(self) -> None:
        self._tx.rollback()
        self._changed.clear()
