"""A link that is replaced, revoked or removed loses its live stream with the save that changed it."""

from __future__ import annotations

import asyncio

from tests.unit.test_revision_hub import Client, scope
from workshop.cases import sessions
from workshop.cases.board import board
from workshop.live.stream import live_routes
from workshop.services import build_services

NEVER = 3600.0  # neither the watcher's poll nor the periodic recheck may be what ends a stream


def test_replacing_revoking_and_removing_links_end_only_their_own_streams(database_url):
    services = build_services(database_url, poll=NEVER)
    store, hub = services.store, services.hub
    started = sessions.start_workshop(store, "Room", "", "Fay")
    fay = started.facilitator_token
    links = sessions.share_links(store, fay)
    ana = sessions.join(store, links.participant, "Ana").token
    cole = sessions.add_co_facilitator(store, fay, "Cole")
    people = {p.name: p.id for p in board(store, fay).participants}
    (route,) = live_routes(
        lambda token: sessions.workshop_for_token(store, token),
        lambda wid: sessions.revision(store, wid),
        hub=hub,
        tick=0.05,
        recheck=NEVER,
    )

    async def scenario() -> None:
        clients = {name: Client() for name in ("join link", "ana", "cole", "viewer")}
        tokens = {"join link": links.participant, "ana": ana, "cole": cole, "viewer": links.viewer}
        served = {
            name: asyncio.create_task(route.app(scope(f"t={tokens[name]}"), c.receive, c.send))
            for name, c in clients.items()
        }
        while not all(b"event: revision" in c.body for c in clients.values()):
            await asyncio.sleep(0.02)

        async def change(use_case, *args) -> str:
            await asyncio.to_thread(use_case, store, fay, *args)
            ended = await asyncio.wait_for(
                asyncio.wait(served.values(), return_when=asyncio.FIRST_COMPLETED), 10
            )
            (task,) = ended[0]
            name = next(n for n, t in served.items() if t is task)
            del served[name]
            return name

        assert await change(sessions.rotate_link, "participant") == "join link"
        assert await change(sessions.remove_participant, people["Ana"]) == "ana"
        assert await change(sessions.revoke_co_facilitator, people["Cole"]) == "cole"
        assert list(served) == ["viewer"]  # still open, and it heard every change
        revision = sessions.revision(store, board(store, fay).workshop.id)
        heard = f'"revision":{revision},'.encode()
        while heard not in clients["viewer"].body:
            await asyncio.sleep(0.02)
        for name in ("join link", "ana", "cole"):
            assert clients[name].ended
            assert heard not in clients[name].body
        clients["viewer"].disconnect.set()
        await asyncio.wait_for(served["viewer"], 10)

    try:
        asyncio.run(scenario())
    finally:
        services.close()
