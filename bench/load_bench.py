"""Sustained load on one workshop: simulated participants editing for a while, on SQLite and PostgreSQL.

Prints writes acknowledged, writes refused with a reason, errors (must be 0) and lost writes (must be 0).
Usage: python bench/load_bench.py [--participants 30] [--seconds 300] [--db sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.postgres import Cluster  # noqa: E402
from workshop.cases import (
    facilitation,
    idea_cases,
    persona_cases,
    sessions,  # noqa: E402
)
from workshop.cases.board import board  # noqa: E402
from workshop.cases.persona_cases import StanceChange  # noqa: E402
from workshop.domain.errors import DomainError, StaleEdit  # noqa: E402
from workshop.store import build_store  # noqa: E402


def run(url: str, participants: int, seconds: float) -> dict[str, int]:
    store = build_store(url)
    started = sessions.start_workshop(store, "Load", "", "Fay")
    links = sessions.share_links(store, started.facilitator_token)
    tokens = [sessions.join(store, links.participant, f"P{i}").token for i in range(participants)]
    personas = [persona_cases.add_persona(store, tokens[i], {"name": f"Persona {i}"}) for i in range(6)]
    facilitation.update_settings(
        store, links.facilitator, votes_per_participant=3, several_votes_per_idea=True
    )
    counts: Counter[str] = Counter()
    marks: dict[str, list[str]] = {p.key: [] for p in personas}
    ideas_made: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(i: int) -> None:
        rnd = random.Random(i)
        token = tokens[i]
        n = 0
        while time.monotonic() < stop:
            n += 1
            action = rnd.random()
            try:
                b = board(store, token)
                if action < 0.4:
                    p = rnd.choice(b.personas)
                    mark = f"{i}.{n};"
                    persona_cases.update_persona(
                        store, token, p, {"name": p.name, "description": p.description + mark}
                    )
                    with lock:
                        marks[p.key].append(mark)
                elif action < 0.75:
                    p = rnd.choice(b.personas)
                    a = rnd.choice(b.attributes)
                    change = StanceChange(p.key, a.key, p.stance(a.key), rnd.randint(-2, 2), f"by {i}")
                    persona_cases.set_stances(store, token, [change])
                elif action < 0.9 or not b.ideas:
                    idea = idea_cases.add_idea(
                        store,
                        token,
                        {
                            "title": f"Idea {i}.{n}",
                            "range": "landmark",
                            "touch": "core",
                            "effects": {"speed": 1},
                        },
                    )
                    with lock:
                        ideas_made.append(idea.key)
                else:
                    idea_cases.rate(
                        store, token, rnd.choice(b.ideas).key, rnd.choice(b.personas).key, rnd.randint(-2, 2)
                    )
                counts["acknowledged"] += 1
            except StaleEdit:
                counts["refused (stale view)"] += 1
            except DomainError as e:
                counts[f"refused ({type(e).__name__})"] += 1
            except Exception as e:  # noqa: BLE001 - counted and printed, never hidden
                counts["errors"] += 1
                print("error:", type(e).__name__, e, file=sys.stderr)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(participants)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    final = board(store, links.facilitator)
    lost = 0
    for p in final.personas:
        present = {m + ";" for m in p.description.split(";") if m}
        lost += len(set(marks[p.key]) - present)
    lost += len(set(ideas_made) - {i.key for i in final.ideas})
    store.close()
    counts["lost"] = lost
    counts["writes/s"] = int(counts["acknowledged"] / elapsed)
    return dict(counts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    targets = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    cluster = None
    for target in targets:
        if target == "sqlite":
            url = f"sqlite:///{tempfile.mkdtemp()}/load.db"
        else:
            cluster = cluster or Cluster()
            if cluster.why_unavailable():
                print("postgresql: skipped,", cluster.why_unavailable())
                continue
            cluster.start()
            url = cluster.new_database()
        result = run(url, args.participants, args.seconds)
        print(
            f"{target}: {args.participants} participants for {args.seconds:.0f} s -> "
            + ", ".join(f"{k}: {v}" for k, v in result.items())
        )
    if cluster:
        cluster.stop()


if __name__ == "__main__":
    main()
