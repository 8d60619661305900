"""Whether this process can save to its database now: outages told apart from bad statements.

A database that stops (PostgreSQL restarting, a failover), a file that cannot be written (made
read-only, a full disk) is an *outage*: saves are paused until it is over, and every page says so.
:class:`Availability` keeps that state for one database in one process. A failed save or read
marks it lost; from then on a probe write every ``every`` seconds finds the moment it is back.
Listeners hear both changes; the live stream tells every open page.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable

from sqlalchemy import Engine, update
from sqlalchemy.exc import DBAPIError

from workshop.storage import tables

_LOG = logging.getLogger(__name__)

# SQLite result codes that mean the file cannot be written or opened now, not that a statement
# was wrong: made read-only (even for root, with the immutable flag), I/O errors, a full disk.
_SQLITE_OUTAGE = ("SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_PERM")
# PostgreSQL SQLSTATE classes and codes of the same kind: connection exceptions, insufficient
# resources (disk full, too many connections), the server shutting down or starting up, and a
# read-only server (a standby after a failover).
_PG_OUTAGE_CLASSES = ("08", "53")
_PG_OUTAGE_CODES = ("57P01", "57P02", "57P03", "25006")


def is_outage(error: BaseException) -> bool:
    """Whether `error` says the database cannot be reached or written now (as opposed to a bad query)."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    original = error.orig
    if isinstance(original, sqlite3.Error):
        name = getattr(original, "sqlite_errorname", "") or ""
        return name.startswith(_SQLITE_OUTAGE)
    state = getattr(original, "sqlstate", None)
    if state:
        return state[:2] in _PG_OUTAGE_CLASSES or state in _PG_OUTAGE_CODES
    # psycopg says nothing more when it cannot connect at all, or the connection broke.
    return type(original).__name__ in ("OperationalError", "InterfaceError")


def probe_write(engine: Engine) -> None:
    """A write that leaves everything as it was: it goes through only when saves would.

    The version goes up and back down in one transaction: SQLite skips writing a row rewritten
    with the same bytes, and a probe that writes nothing would pass on a read-only file.
    """
    version = tables.schema_version.c.version
    options = {"sqlite_begin": "IMMEDIATE"}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        conn.execute(update(tables.schema_version).values(version=version + 1))
        conn.execute(update(tables.schema_version).values(version=version - 1))


class Availability:
    """Paused or not, for one database in this process; listeners hear every change (True: paused)."""

    def __init__(self, probe: Callable[[], None], *, every: float = 0.5) -> None:
        self._probe = probe
        self._every = every
        self._lock = threading.Lock()
        self._lost_at: float | None = None
        self._listeners: list[Callable[[bool], None]] = []

    @property
    def paused(self) -> bool:
        return self._lost_at is not None

    def listen(self, listener: Callable[[bool], None]) -> None:
        """Call `listener(paused)` whenever saving pauses or resumes."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def lost(self, error: BaseException) -> None:
        """A read or a save met an outage: pause saving and probe until the database is back."""
        with self._lock:
            if self._lost_at is not None:
                return
            self._lost_at = time.monotonic()
        _LOG.warning("The database cannot be reached or written (%s): saving is paused", _short(error))
        threading.Thread(target=self._probe_until_back, name="database-probe", daemon=True).start()
        self._tell(True)

    def back(self) -> None:
        """A write went through: saving works again."""
        with self._lock:
            if self._lost_at is None:
                return
            lasted, self._lost_at = time.monotonic() - self._lost_at, None
        _LOG.warning("The database is back after %.1f s: saving works again", lasted)
        self._tell(False)

    def _probe_until_back(self) -> None:
        while self.paused:
            time.sleep(self._every)
            try:
                self._probe()
            except Exception as error:
                if not is_outage(error):
                    _LOG.warning("probing the database failed", exc_info=True)
                continue
            self.back()

    def _tell(self, paused: bool) -> None:
        for listener in tuple(self._listeners):
            try:
                listener(paused)
            except Exception:  # a listener must not keep the others from hearing it
                _LOG.warning("an availability listener failed", exc_info=True)


def _short(error: BaseException) -> str:
    """The first line of the driver's own message, without SQLAlchemy's long trailer."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]
