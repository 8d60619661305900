"""Many rooms at once on the documented deployment, without browsers: 20 workshops of 12 participants
on two app replicas sharing one PostgreSQL database.

Each participant is pinned to one replica (as nginx's cookie does), holds the live stream of their
personal link there with a plain HTTP client, and saves now and then (every --think-seconds on
average): a persona's description or a judgement of an idea for a persona. Saves are made inside
the participant's replica through the use cases (tests/support/server_hooks), as a page's own save
is, so the other replica hears of them only through PostgreSQL's NOTIFY.

Prints: saves per second; cross-replica push latency p50/p95 (from the commit on one replica to the
event arriving on each stream of that workshop held by the other replica: the push alone, no page
runs); database statements per second per replica and transactions per second in PostgreSQL, idle
(streams open, nobody saving) and under load; CPU of each replica; errors, pushes that never
arrived, and lost edits (an acknowledged save whose effect is not in the database afterwards).

With --outage-seconds S, PostgreSQL is stopped for S seconds in the middle of the load: saves meanwhile
are refused as Unavailable (counted, not errors), and it also prints how soon after PostgreSQL is back
every stream says saving works again.

Usage: python bench/rooms_bench.py [--workshops 20] [--participants 12] [--seconds 300]
       [--idle-seconds 60] [--think-seconds 10] [--outage-seconds 0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.live_clients import get, read_streams  # noqa: E402
from tests.support.appserver import AppServer  # noqa: E402
from tests.support.postgres import Cluster, free_port  # noqa: E402
from workshop.cases import idea_cases, persona_cases, sessions  # noqa: E402
from workshop.cases.board import board  # noqa: E402
from workshop.store import build_store  # noqa: E402

HOOKS = ROOT / "tests" / "support" / "server_hooks"
PERSONAS = ("Bargain hunter", "Busy parent", "Tech fan", "Loyal regular", "Night owl", "Careful planner")
IDEAS = ("Tap on with any card", "Night-time chat", "Price match")
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Room:
    workshop_id: str
    facilitator: str
    tokens: list[str]
    personas: list[str]
    ideas: list[str]


@dataclass
class Replica:
    name: str
    server: AppServer
    save_port: int
    trace: Path


@dataclass
class Ack:
    room: Room
    replica: str
    kind: str  # "describe" | "rate"
    key: tuple[str, ...]
    value: object
    revision: int


@dataclass
class Tally:
    acks: list[Ack] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    # (workshop, replica) -> streams there, each a list of (arrival, revision)
    streams: dict[tuple[str, str], list[list[tuple[float, int]]]] = field(default_factory=dict)
    saving: list[list[tuple[float, bool]]] = field(default_factory=list)  # per stream
    stopped_at: float | None = None  # when PostgreSQL was stopped (--outage-seconds)
    back_at: float | None = None  # when it accepted connections again
    seconds: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0


def prepare(store, n: int, participants: int) -> Room:
    started = sessions.start_workshop(store, f"Room {n + 1}", "Quick, kind and clear.", "Fay")
    fay = started.facilitator_token
    link = sessions.share_links(store, fay).participant
    tokens = [sessions.join(store, link, f"P{i + 1}").token for i in range(participants)]
    personas = [persona_cases.add_persona(store, fay, {"name": name}).key for name in PERSONAS]
    ideas = [
        idea_cases.add_idea(store, fay, {"title": t, "range": "landmark", "touch": "core"}).key for t in IDEAS
    ]
    return Room(sessions.workshop_for_token(store, fay), fay, tokens, personas, ideas)


def start_replica(name: str, url: str, work: Path) -> Replica:
    trace, port = work / f"trace-{name}.jsonl", free_port()
    env = {
        "PYTHONPATH": str(HOOKS),
        "BENCH_ROOT": str(ROOT),
        "BENCH_TRACE": str(trace),
        "BENCH_SAVE_PORT": str(port),
    }
    server = AppServer(url, log=work / f"replica-{name}.log", env=env).start()
    return Replica(name, server, port, trace)


async def participant(
    room: Room, i: int, replica: Replica, until: float, think: float, rnd: random.Random, tally: Tally
) -> None:
    token, n = room.tokens[i], 0
    while True:
        await asyncio.sleep(min(rnd.expovariate(1 / think), max(until - time.monotonic(), 0)))
        if time.monotonic() >= until:
            return
        n += 1
        if rnd.random() < 0.5:
            persona = rnd.choice(room.personas)
            text = f"P{i + 1} edit {n}"
            key: tuple[str, ...] = (persona,)
            kind, value, query = "describe", text, {"t": token, "persona": persona, "text": text}
        else:
            idea, persona, score = rnd.choice(room.ideas), rnd.choice(room.personas), rnd.randint(-2, 2)
            key = (token, idea, persona)
            kind, value, query = (
                "rate",
                score,
                {"t": token, "idea": idea, "persona": persona, "score": str(score)},
            )
        try:
            status, body = await get(replica.save_port, f"/{kind}?{urllib.parse.urlencode(query)}")
        except OSError as error:
            tally.errors.append(f"save failed: {error!r}")
            continue
        if status == 200:
            tally.acks.append(Ack(room, replica.name, kind, key, value, int(body.split()[1])))
        elif status == 409:
            tally.refused[_reason(body)] += 1
        else:
            tally.errors.append(f"{status}: {body[:200]}")


def _reason(body: str) -> str:
    for name in ("StaleEdit", "Busy", "Unavailable", "Locked"):
        if name in body:
            return name
    return "other refusal"


async def outage(cluster: Cluster, after: float, seconds: float, tally: Tally) -> None:
    """PostgreSQL stopped in the middle of the load, then started again."""
    await asyncio.sleep(after)
    tally.stopped_at = time.monotonic()
    await asyncio.to_thread(cluster.stop_server)
    print(f"PostgreSQL stopped for {seconds:.0f} s", flush=True)
    await asyncio.sleep(seconds)
    await asyncio.to_thread(cluster.start_server)
    tally.back_at = time.monotonic()


def recovery(tally: Tally) -> list[float]:
    """Seconds from PostgreSQL back until each stream says saving works again (None: it never did)."""
    assert tally.back_at is not None
    return [
        next((t - tally.back_at for t, paused in said if t >= tally.back_at and not paused), None)
        for said in tally.saving
    ]


def cpu_seconds(pid: int) -> float:
    raw = Path(f"/proc/{pid}/stat").read_text()
    fields = raw[raw.rindex(")") + 2 :].split()
    return sum(int(f) for f in fields[11:15]) / TICK


def pg_statements(cluster: Cluster, database: str) -> int:
    """Statements PostgreSQL has run for the app's database (pg_stat_statements; BEGIN and COMMIT count)."""
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname={database}") as conn:
        row = conn.execute(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = "
            "(SELECT oid FROM pg_database WHERE datname = %s) AND query NOT LIKE '%%pg_stat_statements%%'",
            (database,),
        ).fetchone()
    return int(row[0]) if row else 0


@dataclass
class Sample:
    at: float
    statements: dict[str, int]
    checkouts: dict[str, int]
    cpu: dict[str, float]
    pg_statements: int


async def sample(replicas: list[Replica], cluster: Cluster, database: str) -> Sample:
    statements, checkouts, cpu = {}, {}, {}
    for r in replicas:
        _, body = await get(r.save_port, "/queries")
        counts = json.loads(body)
        statements[r.name], checkouts[r.name] = counts["statements"], counts["checkouts"]
        assert r.server.proc is not None
        cpu[r.name] = cpu_seconds(r.server.proc.pid)
    counted = await asyncio.to_thread(pg_statements, cluster, database)
    return Sample(time.monotonic(), statements, checkouts, cpu, counted)


def rates(a: Sample, b: Sample, names: list[str]) -> str:
    seconds = b.at - a.at
    parts = []
    for n in names:
        statements = (b.statements[n] - a.statements[n]) / seconds
        pings = (b.checkouts[n] - a.checkouts[n]) / seconds
        cpu = 100 * (b.cpu[n] - a.cpu[n]) / seconds
        parts.append(
            f"replica {n}: {statements:.2f} statements/s (+{pings:.2f} connection pings/s), CPU {cpu:.1f} %"
        )
    parts.append(f"PostgreSQL ran {(b.pg_statements - a.pg_statements) / seconds:.2f} statements/s in all")
    return "; ".join(parts)


def traced(
    replicas: list[Replica],
) -> tuple[dict[tuple[str, int], float], dict[str, list[tuple[str, int, float]]]]:
    """From the replicas' traces (on the machine's monotonic clock): when each (workshop, revision)
    committed, and per replica every (workshop, revision, when) its live stream pushed."""
    committed, pushed = {}, {}
    for r in replicas:
        pushed[r.name] = []
        for line in r.trace.read_text().splitlines():
            event = json.loads(line)
            if event.get("kind") == "commit":
                committed[(event["workshop"], event["revision"])] = event["at"]
            elif event.get("kind") == "push":
                pushed[r.name].append((event["workshop"], event["revision"], event["at"]))
    return committed, pushed


def server_side(tally: Tally, committed, pushed) -> list[float]:
    """Commit on one replica to the other replica's hub handing the revision to its streams."""
    first: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for name, events in pushed.items():
        for workshop, revision, at in events:
            first.setdefault((name, workshop), []).append((revision, at))
    latencies = []
    for ack in tally.acks:
        at = committed.get((ack.room.workshop_id, ack.revision))
        other = "b" if ack.replica == "a" else "a"
        handed = next((t for r, t in first.get((other, ack.room.workshop_id), []) if r >= ack.revision), None)
        if at is not None and handed is not None:
            latencies.append(1000 * (handed - at))
    return latencies


def push_latencies(tally: Tally, committed: dict[tuple[str, int], float]) -> tuple[list[float], int]:
    """Commit on one replica to arrival on every stream of the workshop held by the other replica."""
    latencies, missed = [], 0
    for ack in tally.acks:
        at = committed.get((ack.room.workshop_id, ack.revision))
        if at is None:
            missed += 1
            continue
        other = "b" if ack.replica == "a" else "a"
        for events in tally.streams.get((ack.room.workshop_id, other), []):
            arrival = next((t for t, revision in events if revision >= ack.revision), None)
            if arrival is None:
                missed += 1
            else:
                latencies.append(1000 * (arrival - at))
    return latencies, missed


def lost_edits(store, tally: Tally) -> int:
    """Acknowledged saves whose effect is not in the database: the last one of each thing must be there."""
    last: dict[tuple[str, str, tuple[str, ...]], Ack] = {}
    for ack in tally.acks:
        slot = (ack.room.workshop_id, ack.kind, ack.key)
        if slot not in last or ack.revision > last[slot].revision:
            last[slot] = ack
    lost = 0
    for ack in last.values():
        if ack.kind == "describe":
            persona = next(p for p in board(store, ack.room.facilitator).personas if p.key == ack.key[0])
            lost += persona.description != ack.value
        else:
            token, idea, persona = ack.key
            lost += board(store, token).my_ratings.get((idea, persona, False)) != ack.value
    return lost


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else float("nan")


async def run(
    args, cluster: Cluster, url: str, work: Path, rooms: list[Room], replicas: list[Replica]
) -> Tally:
    names = [r.name for r in replicas]
    database = url.rsplit("/", 1)[1]
    tally = Tally()
    await asyncio.sleep(5)  # the first check-in of every open link is over
    idle_from = await sample(replicas, cluster, database)
    await asyncio.sleep(args.idle_seconds)
    idle_to = await sample(replicas, cluster, database)
    print(f"idle ({args.idle_seconds:.0f} s): " + rates(idle_from, idle_to, names), flush=True)

    rnd = random.Random(16)
    until = time.monotonic() + args.seconds
    tally.load_before = os.getloadavg()[0]
    load_from = await sample(replicas, cluster, database)
    people = [
        participant(room, i, replicas[i % 2], until, args.think_seconds, random.Random(rnd.random()), tally)
        for room in rooms
        for i in range(len(room.tokens))
    ]
    if args.outage_seconds:
        people.append(outage(cluster, args.seconds / 2, args.outage_seconds, tally))
    await asyncio.gather(*people)
    load_to = await sample(replicas, cluster, database)
    tally.load_after = os.getloadavg()[0]
    tally.seconds = load_to.at - load_from.at
    print(f"load ({tally.seconds:.0f} s): " + rates(load_from, load_to, names), flush=True)
    await asyncio.sleep(3)  # the last pushes arrive
    return tally


def measure(args, cluster: Cluster, url: str, work: Path) -> None:
    import multiprocessing

    store = build_store(url)
    print(f"preparing {args.workshops} workshops x {args.participants} participants ...", flush=True)
    rooms = [prepare(store, n, args.participants) for n in range(args.workshops)]
    replicas = [start_replica("a", url, work), start_replica("b", url, work)]
    fork = multiprocessing.get_context("fork")
    stop = fork.Event()
    readers = []
    try:
        for k, replica in enumerate(replicas):
            held = [(room.workshop_id, token) for room in rooms for token in room.tokens[k::2]]
            ready, out = fork.Event(), work / f"streams-{replica.name}.json"
            reader = fork.Process(target=read_streams, args=(replica.server.port, held, ready, stop, out))
            reader.start()
            readers.append((replica, reader, ready, out))
        for _, _, ready, _ in readers:
            ready.wait(90)
        tally = asyncio.run(run(args, cluster, url, work, rooms, replicas))
    finally:
        stop.set()
        for _, reader, _, _ in readers:
            reader.join(60)
        for r in replicas:
            r.server.stop()
    stream_errors = []
    for replica, _, _, out in readers:
        got = json.loads(out.read_text())
        stream_errors += got["errors"]
        for workshop, revisions, saving in got["streams"]:
            tally.streams.setdefault((workshop, replica.name), []).append([tuple(e) for e in revisions])
            tally.saving.append([tuple(e) for e in saving])
    opened = sum(bool(s) for held in tally.streams.values() for s in held)
    print(f"live streams held: {opened} of {sum(len(r.tokens) for r in rooms)} received their first revision")
    committed, pushed = traced(replicas)
    latencies, missed = push_latencies(tally, committed)
    in_server = server_side(tally, committed, pushed)
    lost = lost_edits(store, tally)
    store.close()
    print(
        f"saves: {len(tally.acks)} acknowledged ({len(tally.acks) / tally.seconds:.1f}/s), "
        f"refused: {dict(tally.refused) or 'none'}"
    )
    print(
        f"cross-replica push, commit -> event on the other replica's stream: "
        f"p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
        f"max {max(latencies, default=float('nan')):.1f} ms over {len(latencies)} deliveries"
    )
    print(
        f"  of which commit -> the other replica hands it to its streams: p50 {percentile(in_server, 50):.1f} ms, "
        f"p95 {percentile(in_server, 95):.1f} ms"
    )
    print(
        f"machine load average (1 min) before and after the load: {tally.load_before:.1f}, {tally.load_after:.1f}"
    )
    if tally.back_at is not None:
        took = recovery(tally)
        told = sorted(t for t in took if t is not None)
        print(
            f"streams told saving paused and then that it works again: {len(told)} of {len(took)}, "
            f"p50 {percentile(told, 50):.2f} s, p95 {percentile(told, 95):.2f} s, max {max(told, default=float('nan')):.2f} s "
            f"after PostgreSQL was back"
        )
    errors = tally.errors + stream_errors
    print(f"errors: {len(errors)}, pushes that never arrived: {missed}, lost edits: {lost}")
    for error in errors[:5]:
        print(f"  {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workshops", type=int, default=20)
    parser.add_argument("--participants", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--idle-seconds", type=float, default=60)
    parser.add_argument("--think-seconds", type=float, default=10)
    parser.add_argument(
        "--outage-seconds", type=float, default=0, help="stop PostgreSQL this long in the middle of the load"
    )
    args = parser.parse_args()
    cluster = Cluster(options="-c shared_preload_libraries=pg_stat_statements")
    reason = cluster.why_unavailable()
    if reason:
        sys.exit(f"rooms_bench needs PostgreSQL: {reason}")
    cluster.start()
    try:
        url = cluster.new_database()
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={cluster.port} user=postgres dbname={url.rsplit('/', 1)[1]}",
            autocommit=True,
        ) as conn:
            conn.execute("CREATE EXTENSION pg_stat_statements")
        with tempfile.TemporaryDirectory(prefix="rooms-bench-") as work:
            measure(args, cluster, url, Path(work))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
