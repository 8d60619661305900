"""Workshops set up through the use cases in the app server's own database, for browser tests that
start in the middle of a session (the app hears these saves as it hears another replica's)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from exports.demo import load_demo
from workshop.cases import facilitation, sessions
from workshop.cases.persona_cases import add_persona
from workshop.cases.transfer import start_from_snapshot
from workshop.store import Store, build_store


@cache
def store_for(database_url: str) -> Store:
    return build_store(database_url)


@dataclass
class Room:
    base_url: str
    store: Store
    facilitator: str
    participant: str  # the participant link, before anyone joins with it
    viewer: str

    def url(self, token: str) -> str:
        return f"{self.base_url}?t={token}"

    def joined(self, name: str) -> str:
        """A participant's personal link, as if they had joined already."""
        return sessions.join(self.store, self.participant, name).token


def _room(app_server, facilitator: str) -> Room:
    store = store_for(app_server.database_url)
    links = sessions.share_links(store, facilitator)
    return Room(app_server.url, store, facilitator, links.participant, links.viewer)


def demo_room(app_server, phase: str = "personas") -> Room:
    """A fresh copy of the demo workshop (five personas, a dozen ideas, a few votes) at `phase`."""
    store = store_for(app_server.database_url)
    token = start_from_snapshot(store, load_demo(), "Fay").facilitator_token
    facilitation.set_phase(store, token, phase)
    return _room(app_server, token)


def room(app_server, title: str, personas: tuple[str, ...] = (), phase: str = "personas") -> Room:
    """A new workshop with the default attributes and these personas, at `phase`."""
    store = store_for(app_server.database_url)
    token = sessions.start_workshop(store, title, "Kind and quick.", "Fay").facilitator_token
    for name in personas:
        add_persona(store, token, {"name": name})
    facilitation.set_phase(store, token, phase)
    return _room(app_server, token)
