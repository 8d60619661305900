"""Serves app.py with one extra route: the live stream that tells open pages a workshop changed.

`streamlit run server.py` finds `app` below and runs it; app.py stays a plain Streamlit script.
Here the process's one store is tied to its live stream: saves made in this process, saves other
replicas announce through PostgreSQL's NOTIFY, and outages of the database all reach open pages.
"""

from __future__ import annotations

import threading

import streamlit as st

from workshop import sessions
from workshop.errors import DomainError, Unavailable
from workshop.storage.database import backend, database_url
from workshop.storage.notify import Heard, Listener
from workshop.storage.unit_of_work import Change
from workshop.store import Store, on_change, shared_store
from workshop.live.stream import RevisionHub, live_routes

#: How often the live stream reads the revisions of the open workshops, in one query for all of
#: them, to find saves nobody announced. SQLite: the documented setup is one process, whose own
#: saves are announced at once; the read is a local file read, so another process writing the
#: same file (a second `make run` by mistake, a restart overlapping the old process) shows within
#: 2 s. PostgreSQL: other replicas' saves arrive through LISTEN/NOTIFY and a dropped listening
#: connection catches up when it reconnects, so the poll is only the safety net for a connection
#: that died without a word (until TCP keepalive notices); every 10 s.
POLL_SECONDS = {"sqlite": 2.0, "postgresql": 10.0}

_wiring = threading.Lock()
_wired: Store | None = None


def _store() -> Store:
    global _wired
    if _wired is None:
        with _wiring:
            if _wired is None:
                _wired = _wire(shared_store(database_url()))
    return _wired


def _wire(store: Store) -> Store:
    """Once per process: outages reach the pages; on PostgreSQL, other replicas' saves too."""
    store.availability.listen(hub.set_paused)
    if store.dialect == "postgresql":
        # One listening connection for every workshop this process serves.
        Listener(store.url, heard=_heard, connected=hub.catch_up, lost=store.availability.lost).start()
    return store


def _resolve(token: str) -> str | None:
    try:
        return sessions.workshop_for_token(_store(), token)
    except Unavailable:
        raise  # the link cannot be checked now: the page is told saving is paused, not that it is bad
    except DomainError:
        return None


def _check_in(tokens: list[str]) -> dict[str, str]:
    # Every open page's link, at once, every half minute: who is still here, which links still work.
    return sessions.check_in(_store(), tokens)


def _revision(workshop_id: str) -> int | None:
    return sessions.revision(_store(), workshop_id)


def _revisions(workshop_ids: list[str]) -> dict[str, int]:
    return sessions.revisions(_store(), workshop_ids)


def _push(workshop_id: str, change: Change) -> None:
    hub.announce(workshop_id, change.revision, change.parts)


def _heard(heard: Heard) -> None:
    hub.announce(heard.workshop_id, heard.revision, heard.parts)


hub = RevisionHub(_revision, read_revisions=_revisions, interval=POLL_SECONDS[backend(database_url())])
on_change(_push)  # a save made in this process is pushed at once, with what it touched
app = st.App(
    "app.py",
    routes=live_routes(_resolve, _revision, hub=hub, check_in=_check_in, unavailable=(Unavailable,)),
)
