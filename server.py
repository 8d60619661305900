"""Serves app.py with one extra route: the live stream that tells open pages a workshop changed.

`streamlit run server.py` finds `app` below and runs it; app.py stays a plain Streamlit script.
"""

from __future__ import annotations

import functools

import streamlit as st

from workshop import sessions
from workshop.storage.unit_of_work import Change
from workshop.store import Store, build_store, on_change
from workshop.ui.live_stream import RevisionHub, live_routes


@functools.cache
def _store() -> Store:
    return build_store()


def _resolve(token: str) -> str:
    return sessions.workshop_for_token(_store(), token)


def _seen(token: str) -> None:
    # Called when a stream opens and every half minute while it stays open.
    sessions.seen(_store(), token)


def _revision(workshop_id: str) -> int | None:
    return sessions.revision(_store(), workshop_id)


def _push(workshop_id: str, change: Change) -> None:
    hub.announce(workshop_id, change.revision, change.parts)


hub = RevisionHub(_revision)
on_change(_push)  # a save made in this process is pushed at once, with what it touched
app = st.App("app.py", routes=live_routes(_resolve, _revision, hub=hub, seen=_seen))
