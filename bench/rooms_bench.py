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

Usage: python bench/rooms_bench.py [--workshops 20] [--participants 12] [--seconds 300]
       [--idle-seconds 60] [--think-seconds 10]
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

from tests.support.appserver import AppServer  # noqa: E402
from tests.support.postgres import Cluster, free_port  # noqa: E402
from workshop import idea_cases, persona_cases, sessions  # noqa: E402
from workshop.board import board  # noqa: E402
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


async def get(port: int, path: str) -> tuple[int, str]:
    """A plain HTTP/1.0 GET on the loopback: (status, body)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode(errors="replace")


async def hold_stream(
    replica: Replica, token: str, events: list[tuple[float, int]], stop: asyncio.Event
) -> None:
    """The live stream of one page, read as a browser's EventSource would."""
    reader, writer = await asyncio.open_connection("127.0.0.1", replica.server.port)
    writer.write(
        f"GET /live?t={token} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(f"live stream refused: {status!r}")
    event = ""
    reading = asyncio.ensure_future(reader.readline())
    waiting = asyncio.ensure_future(stop.wait())
    while True:
        done, _ = await asyncio.wait({reading, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if waiting in done:
            reading.cancel()
            break
        line = reading.result()
        if not line:
            raise RuntimeError("live stream ended")
        text = line.decode().rstrip("\r\n")
        if text.startswith("event: "):
            event = text[7:]
        elif text.startswith("data: ") and event == "revision":
            events.append((time.monotonic(), int(json.loads(text[6:])["revision"])))
        reading = asyncio.ensure_future(reader.readline())
    writer.close()


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


async def run(args, cluster: Cluster, url: str, work: Path) -> None:
    store = build_store(url)
    print(f"preparing {args.workshops} workshops x {args.participants} participants ...", flush=True)
    rooms = [prepare(store, n, args.participants) for n in range(args.workshops)]
    replicas = [start_replica("a", url, work), start_replica("b", url, work)]
    names = [r.name for r in replicas]
    database = url.rsplit("/", 1)[1]
    tally, stop = Tally(), asyncio.Event()
    holders = []
    try:
        for room in rooms:
            for i, token in enumerate(room.tokens):
                replica = replicas[i % 2]
                events: list[tuple[float, int]] = []
                tally.streams.setdefault((room.workshop_id, replica.name), []).append(events)
                holders.append(asyncio.create_task(hold_stream(replica, token, events, stop)))
        streams = [s for held in tally.streams.values() for s in held]
        deadline = time.monotonic() + 60
        while not all(streams) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        print(f"{sum(bool(s) for s in streams)} of {len(streams)} live streams open", flush=True)
        await asyncio.sleep(5)  # the first check-in of every open link is over

        idle_from = await sample(replicas, cluster, database)
        await asyncio.sleep(args.idle_seconds)
        idle_to = await sample(replicas, cluster, database)
        print(f"idle ({args.idle_seconds:.0f} s): " + rates(idle_from, idle_to, names), flush=True)

        rnd = random.Random(16)
        until = time.monotonic() + args.seconds
        load_before = os.getloadavg()[0]
        load_from = await sample(replicas, cluster, database)
        people = [
            participant(
                room, i, replicas[i % 2], until, args.think_seconds, random.Random(rnd.random()), tally
            )
            for room in rooms
            for i in range(len(room.tokens))
        ]
        await asyncio.gather(*people)
        load_to = await sample(replicas, cluster, database)
        await asyncio.sleep(3)  # the last pushes arrive
    finally:
        stop.set()
        results = await asyncio.gather(*holders, return_exceptions=True)
        for r in replicas:
            r.server.stop()
    stream_errors = [repr(x) for x in results if isinstance(x, BaseException)]
    committed, pushed = traced(replicas)
    latencies, missed = push_latencies(tally, committed)
    in_server = server_side(tally, committed, pushed)
    lost = lost_edits(store, tally)
    store.close()
    seconds = load_to.at - load_from.at
    print(f"load ({seconds:.0f} s): " + rates(load_from, load_to, names))
    print(
        f"saves: {len(tally.acks)} acknowledged ({len(tally.acks) / seconds:.1f}/s), "
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
        f"machine load average (1 min) before and after the load: {load_before:.1f}, {os.getloadavg()[0]:.1f}"
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
            asyncio.run(run(args, cluster, url, Path(work)))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
