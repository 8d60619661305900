"""A save made in this process is pushed to the live stream at once, not at the watcher's next poll."""

from __future__ import annotations

import asyncio

import pytest

from workshop import facilitation, persona_cases, sessions
from workshop import store as store_module
from workshop.board import board
from workshop.errors import Locked
from workshop.ui.live_stream import RevisionHub

NEVER = 3600.0  # the watcher's own poll would come after the test has long failed


@pytest.fixture
def changed(monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(store_module, "_listeners", [])
    store_module.on_change(seen.append)
    return seen


def test_a_committed_write_names_its_workshop_and_a_refused_one_does_not(store, changed):
    started = sessions.start_workshop(store, "Room", "", "Fay")
    workshop_id = sessions.workshop_for_token(store, started.facilitator_token)
    changed.clear()
    persona_cases.add_persona(store, started.facilitator_token, {"name": "Hunter"})
    assert changed == [workshop_id]

    links = sessions.share_links(store, started.facilitator_token)
    ana = sessions.join(store, links.participant, "Ana").token
    facilitation.set_locked(store, started.facilitator_token, True)
    changed.clear()
    with pytest.raises(Locked):
        persona_cases.add_persona(store, ana, {"name": "Rusher"})
    assert changed == []  # rolled back: nothing to push


def test_a_failing_listener_does_not_turn_a_save_into_an_error(store, changed):
    def broken(_workshop_id: str) -> None:
        raise RuntimeError("listener broke")

    store_module.on_change(broken)
    started = sessions.start_workshop(store, "Room", "", "Fay")
    persona_cases.add_persona(store, started.facilitator_token, {"name": "Hunter"})
    assert [p.name for p in board(store, started.facilitator_token).personas] == ["Hunter"]


def test_the_stream_gets_a_save_without_waiting_for_its_poll(store, monkeypatch):
    monkeypatch.setattr(store_module, "_listeners", [])
    started = sessions.start_workshop(store, "Room", "", "Fay")
    workshop_id = sessions.workshop_for_token(store, started.facilitator_token)
    hub = RevisionHub(lambda wid: sessions.revision(store, wid), interval=NEVER)
    store_module.on_change(hub.notify)

    async def scenario() -> None:
        queue = hub.subscribe(workshop_id)
        try:
            first = await asyncio.wait_for(queue.get(), 30)
            await asyncio.to_thread(
                persona_cases.add_persona, store, started.facilitator_token, {"name": "Hunter"}
            )
            assert await asyncio.wait_for(queue.get(), 30) == first + 1
        finally:
            hub.unsubscribe(workshop_id, queue)

    asyncio.run(scenario())


def test_the_app_server_pushes_its_own_saves():
    import server

    assert server.hub.notify in store_module._listeners
