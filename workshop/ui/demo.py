"""Opening the demo workshop shipped with the app, as a fresh copy for whoever clicks."""

from __future__ import annotations

from exports.demo import load_demo
from workshop.store import Store
from workshop.transfer import start_from_snapshot


def open_demo(store: Store) -> str:
    """Returns the facilitator token of a new copy of the demo workshop."""
    return start_from_snapshot(store, load_demo(), "Facilitator").facilitator_token
