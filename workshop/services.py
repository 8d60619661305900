"""The app's services, built once per process: the store, the live stream's hub, and their wiring.

This is the composition root. `build_services(url)` builds and wires everything a process needs
on one database; `for_this_process()` is the one the app runs on, for the database the
environment names: `app.py`'s pages (through `workshop/ui/context.py`) and `server.py`'s live
stream route are handed the same one, so they share one connection pool, one cache of workshops
and, on SQLite, one queue of writes. Tests and benchmarks build services of their own.

It is the only module that reads the database URL from the environment. It may import the
domain and use cases, `workshop/storage` and `workshop/live`; never streamlit, the pages or the
exports.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Hashable
from typing import Any

from starlette.routing import Route

from workshop.board_cache import BuiltOnce
from workshop.cases import sessions
from workshop.domain.errors import DomainError, Unavailable
from workshop.live.revision_hub import RevisionHub
from workshop.live.stream import live_routes
from workshop.storage.database import DEFAULT_URL, backend
from workshop.storage.notify import Heard, Listener
from workshop.storage.unit_of_work import Change
from workshop.store import Store, build_store

#: How often the live stream reads the revisions of the open workshops, in one query for all of
#: them, to find saves nobody announced. SQLite: the documented setup is one process, whose own
#: saves are announced at once; the read is a local file read, so another process writing the
#: same file (a second `make run` by mistake, a restart overlapping the old process) shows within
#: 2 s. PostgreSQL: other replicas' saves arrive through LISTEN/NOTIFY and a dropped listening
#: connection catches up when it reconnects, so the poll is only the safety net for a connection
#: that died without a word (until TCP keepalive notices); every 10 s.
POLL_SECONDS = {"sqlite": 2.0, "postgresql": 10.0}
CHART_SPECS_KEPT = 256  # a few charts per persona and step, for the workshops open at once


def database_url_from_environment() -> str:
    """DATABASE_URL from the environment, else the embedded SQLite file."""
    return os.environ.get("DATABASE_URL", "").strip() or DEFAULT_URL


class Services:
    """One database's store and revision hub, wired together.

    The store is built on first use, not with the services: a server started while the database
    is away still starts, its pages say saving is paused, and the next use tries again. Once
    built, saves made through it are pushed to the hub at once with the parts they touched, and
    outages pause saving on every open page; on PostgreSQL one listening connection also brings
    other replicas' saves.
    """

    def __init__(self, database_url: str, *, poll: float | None = None) -> None:
        self.url = database_url
        self.hub = RevisionHub(
            self._revision,
            read_revisions=self._revisions,
            interval=POLL_SECONDS[backend(database_url)] if poll is None else poll,
        )
        self._store: Store | None = None
        self._building = threading.Lock()
        # The pages' charts as Vega-Lite specs with their data in Arrow, built once per key.
        self.chart_specs: BuiltOnce[Hashable, dict[str, Any]] = BuiltOnce(CHART_SPECS_KEPT)
        self._listener: Listener | None = None

    @property
    def store(self) -> Store:
        """The one store (engine, connection pool, board cache) of these services."""
        if self._store is None:
            with self._building:
                if self._store is None:
                    self._store = self._wired(build_store(self.url))
        return self._store

    def live_routes(self) -> list[Route]:
        """The live stream's route, following workshops through this store and hub."""
        return live_routes(
            self._resolve,
            self._revision,
            hub=self.hub,
            check_in=self._check_in,
            unavailable=(Unavailable,),
        )

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        if self._store is not None:
            self._store.close()

    def _wired(self, store: Store) -> Store:
        store.on_change(self._push)
        store.availability.listen(self.hub.set_paused)
        if store.dialect == "postgresql":
            # One listening connection for every workshop this process serves.
            self._listener = Listener(
                store.url, heard=self._heard, connected=self.hub.catch_up, lost=store.availability.lost
            ).start()
        return store

    def _push(self, workshop_id: str, change: Change) -> None:
        self.hub.announce(workshop_id, change.revision, change.parts)

    def _heard(self, heard: Heard) -> None:
        self.hub.announce(heard.workshop_id, heard.revision, heard.parts)

    def _resolve(self, token: str) -> Hashable:
        try:
            return sessions.workshop_for_token(self.store, token)
        except Unavailable:
            raise  # the link cannot be checked now: the page is told saving is paused, not that it is bad
        except DomainError:
            return None

    def _check_in(self, tokens: list[str]) -> dict[str, str]:
        # Every open page's link, at once, every half minute: who is still here, which links still work.
        return sessions.check_in(self.store, tokens)

    def _revision(self, workshop_id: str) -> int | None:
        return sessions.revision(self.store, workshop_id)

    def _revisions(self, workshop_ids: list[str]) -> dict[str, int]:
        return sessions.revisions(self.store, workshop_ids)


def build_services(database_url: str, *, poll: float | None = None) -> Services:
    """Services of their own on the database at `database_url` (the app's, a test's, a benchmark's)."""
    return Services(database_url, poll=poll)


_process: dict[str, Services] = {}
_process_lock = threading.Lock()


def for_this_process() -> Services:
    """The services this process runs the app on, built on the first call.

    One per database URL: a server reads the same environment all its life, so it builds one;
    only a test run that points DATABASE_URL elsewhere for each test gets one per database.
    """
    url = database_url_from_environment()
    with _process_lock:
        found = _process.get(url)
        if found is None:
            found = _process[url] = build_services(url)
        return found
