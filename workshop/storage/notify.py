"""Saves told between app processes through PostgreSQL itself: NOTIFY with the save, one LISTEN per process.

A save on PostgreSQL sends ``NOTIFY workshop_changes`` in its own transaction, so the message goes
out exactly when the save commits (and never for one rolled back). Its payload names the workshop,
the new revision and the parts the save touched, so other replicas can redraw only what changed.
Each app process keeps **one** listening connection for all the workshops it serves
(:class:`Listener`); when that connection drops, it reconnects and then asks for a catch-up,
because anything said while nobody listened is gone.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, make_url, text

_LOG = logging.getLogger(__name__)

CHANNEL = "workshop_changes"
#: This process: its own saves are announced in-process already, so it skips their echo.
ORIGIN = uuid.uuid4().hex[:12]
# PostgreSQL refuses payloads of 8000 bytes or more; a save touching that many parts is sent
# with its parts unknown, and pages redraw whole.
_PAYLOAD_MAX = 7900


@dataclass(frozen=True)
class Heard:
    """A save made by another process: its workshop, revision and parts (None: unknown)."""

    workshop_id: str
    revision: int
    parts: frozenset[str] | None


def payload(workshop_id: str, revision: int, parts: frozenset[str], origin: str = ORIGIN) -> str:
    body = {"w": workshop_id, "r": revision, "p": sorted(parts), "o": origin}
    text_ = json.dumps(body, separators=(",", ":"))
    if len(text_.encode()) > _PAYLOAD_MAX:
        text_ = json.dumps({**body, "p": None}, separators=(",", ":"))
    return text_


def parse(text_: str, origin: str = ORIGIN) -> Heard | None:
    """A payload sent by another process; None for this process's own saves and for noise."""
    try:
        body = json.loads(text_)
        if body.get("o") == origin:
            return None
        parts = body.get("p")
        return Heard(
            str(body["w"]), int(body["r"]), None if parts is None else frozenset(str(p) for p in parts)
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        _LOG.warning("ignored a change message that was not ours: %.80r", text_)
        return None


def send(conn: Connection, changes: Mapping[str, tuple[int, frozenset[str]]]) -> None:
    """NOTIFY each changed workshop inside the save's own transaction (PostgreSQL only)."""
    for workshop_id, (revision, parts) in changes.items():
        conn.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": CHANNEL, "payload": payload(workshop_id, revision, parts)},
        )


def libpq_url(database_url: str) -> str:
    """The SQLAlchemy URL as libpq understands it (``postgresql+psycopg://`` -> ``postgresql://``)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class Listener:
    """One LISTEN connection for this process, kept open in a thread of its own.

    ``heard(Heard)`` is called for every save another process makes; ``connected()`` every time
    the connection is (re)established, after LISTEN, so the caller can catch up on what it may
    have missed; ``lost(error)`` when it cannot reconnect at once (the database is away). Saves
    sent by ``origin`` (this process) are not heard: they were announced in-process.
    """

    def __init__(
        self,
        database_url: str,
        *,
        heard: Callable[[Heard], None],
        connected: Callable[[], None],
        lost: Callable[[BaseException], None],
        retry: float = 0.5,
        retry_max: float = 2.0,
        origin: str = ORIGIN,
    ) -> None:
        self._conninfo = libpq_url(database_url)
        self._origin = origin
        self._heard = heard
        self._connected = connected
        self._lost = lost
        self._retry = retry
        self._retry_max = retry_max
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connections = 0  # how often it has connected (tests, metrics)

    def start(self) -> Listener:
        self._thread = threading.Thread(target=self._run, name="workshop-listener", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        import psycopg

        failures = 0
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self._conninfo,
                    autocommit=True,
                    connect_timeout=5,
                    # A connection cut without a word (a network fault) is noticed within a minute.
                    keepalives=1,
                    keepalives_idle=20,
                    keepalives_interval=5,
                    keepalives_count=4,
                ) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    if failures:
                        _LOG.warning("Listening for other processes' saves again")
                    failures = 0
                    self.connections += 1
                    self._call(self._connected)
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=1.0):
                            heard = parse(note.payload, self._origin)
                            if heard is not None:
                                self._call(self._heard, heard)
            except psycopg.Error as error:
                if self._stop.is_set():
                    return
                failures += 1
                if failures == 1:
                    _LOG.warning("The connection that hears other processes' saves is down; reconnecting")
                elif failures == 2:
                    # Reconnecting at once failed too: the database itself is away.
                    self._call(self._lost, error)
                self._stop.wait(0 if failures == 1 else min(self._retry * (failures - 1), self._retry_max))

    @staticmethod
    def _call(callback: Callable[..., None], *args: object) -> None:
        try:
            callback(*args)
        except Exception:  # the listener must keep listening whatever a callback does
            _LOG.warning("a change listener callback failed", exc_info=True)
