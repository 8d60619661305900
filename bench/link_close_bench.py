"""How long a replaced link's open live stream lives on after the save that replaced it.

The live route and revision watcher run as the app server runs them (a poll every 0.25 s), on a
SQLite file. The participant link is replaced 20 times; each time a stream is open on the old
link, and the figure is the time from the replacing save's return to the end of that stream:
once for a save made in the same process (pushed at once) and once for a save the process only
finds by its poll (as a save made on another replica is found).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.unit.test_revision_hub import Client, scope  # noqa: E402
from workshop.cases import sessions  # noqa: E402
from workshop.services import Services, build_services  # noqa: E402
from workshop.store import Store, build_store  # noqa: E402

ROUNDS = 20


async def one_round(services: Services, replica: Store, route, facilitator: str, pushed: bool) -> float:
    old = sessions.share_links(services.store, facilitator).participant
    client = Client()
    served = asyncio.create_task(route.app(scope(f"t={old}"), client.receive, client.send))
    while b"event: revision" not in client.body:
        await asyncio.sleep(0.005)
    # A save through a store of its own is announced to nobody, as a save by another replica.
    saving = services.store if pushed else replica
    await asyncio.to_thread(sessions.rotate_link, saving, facilitator, "participant")
    saved = time.perf_counter()
    await asyncio.wait_for(served, 30)
    return time.perf_counter() - saved


async def measure(services: Services, replica: Store, facilitator: str) -> dict[str, list[float]]:
    (route,) = services.live_routes()
    found: dict[str, list[float]] = {"same process": [], "another replica": []}
    for _ in range(ROUNDS):
        found["same process"].append(await one_round(services, replica, route, facilitator, pushed=True))
        found["another replica"].append(await one_round(services, replica, route, facilitator, pushed=False))
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'workshops.db'}"
        services, replica = build_services(url, poll=0.25), build_store(url)
        facilitator = sessions.start_workshop(services.store, "Room", "", "Fay").facilitator_token
        found = asyncio.run(measure(services, replica, facilitator))
        replica.close()
        services.close()
    print(f"A replaced link's stream ends after the replacing save ({ROUNDS} replacements each):")
    for where, seconds in found.items():
        ms = sorted(s * 1000 for s in seconds)
        print(f"  save made in {where:15}: median {statistics.median(ms):4.0f} ms, slowest {ms[-1]:4.0f} ms")


if __name__ == "__main__":
    main()
