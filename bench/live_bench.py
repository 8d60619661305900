"""Live refresh in real browsers: how soon a save shows on every open page, and what it costs the server.

For each database, each step (Personas with six personas; Map with six personas and thirty ideas)
and each number of participants: a fresh workshop on that step, N participants joined through the
use cases, the real app (`streamlit run server.py`) and N Chromium browser contexts, one per
participant, on their personal links. The app server is started with tests/support/server_hooks
on its PYTHONPATH, which records every script run (whole page or regions) and every committed save
on the server's own clock, and lets the bench save inside the app server's process, as a page's
own save is made (so the save is pushed with the parts it touched). Then:
- idle: the server's CPU while the N pages sit open (live streams connected) for --idle-seconds;
- saves, one at a time, --edits of them: on Personas, participant 1's description of one persona with
  a unique marker; on Map, participant 1's judgement of an idea for a persona. On Personas the
  latency is the moment the marker appears in each page (a MutationObserver inside the page) minus
  the save.
Prints, per run: in-page latency p50/p95 (Personas), the server fan-out p50/p95 (from the commit until
the server has finished the last page run it caused), page runs per save and how many were whole
pages, the server's CPU per page run (the app server's CPU above idle divided by the runs; and the
script thread's own CPU, median), and CPU of the app server, PostgreSQL and the browsers.

`--soak-minutes M` runs the soak instead: 30 pages on the Personas step, a save every 2 s for M
minutes, and the app server's memory (RSS) after a warm-up and at the end.

Usage: python bench/live_bench.py [--participants 5,15,30] [--databases sqlite,postgresql]
       [--steps personas,map] [--edits 15] [--idle-seconds 20] [--soak-minutes 30]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import signal
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.live_probe import PROBE_JS, QUIET_JS, CpuMeter, clock_offset_ms, postmaster_pid, rss_mb  # noqa: E402
from bench.live_report import SHOW_TIMEOUT_S, Result, report, summary  # noqa: E402
from bench.live_trace import Trace  # noqa: E402
from personas.model import Stance  # noqa: E402
from tests.browser.conftest import ARGS, CHROMIUM  # noqa: E402
from tests.support.appserver import AppServer  # noqa: E402
from tests.support.postgres import Cluster, free_port  # noqa: E402
from workshop.cases import facilitation, idea_cases, sessions  # noqa: E402
from workshop.cases.board import board  # noqa: E402
from workshop.cases.persona_cases import StanceChange, add_persona, set_stances  # noqa: E402
from workshop.store import build_store  # noqa: E402

PERSONAS = ("Bargain hunter", "Busy parent", "Tech fan", "Loyal regular", "Night owl", "Careful planner")
IDEAS = 30
HOOKS = ROOT / "tests" / "support" / "server_hooks"


def prepare(store, participants: int, step: str) -> tuple[str, list[sessions.Joined], list[str], list[str]]:
    """A workshop on `step` with six personas (and thirty ideas on the Map), N joined participants."""
    started = sessions.start_workshop(store, "Live bench", "Quick, kind and clear.", "Fay")
    token = started.facilitator_token
    attributes = board(store, token).attributes
    rnd = random.Random(5)
    persona_keys = []
    for name in PERSONAS:
        persona = add_persona(store, token, {"name": name, "quote": f"{name} says hello.", "share": 15})
        changes = [StanceChange(persona.key, a.key, Stance(), rnd.randint(-2, 2)) for a in attributes]
        set_stances(store, token, changes)
        persona_keys.append(persona.key)
    idea_keys = []
    if step == "map":
        for n in range(IDEAS):
            effects = {a.key: rnd.randint(-2, 2) for a in rnd.sample(list(attributes), 3)}
            idea = idea_cases.add_idea(
                store,
                token,
                {"title": f"Idea {n + 1:02d}", "range": "landmark", "touch": "core", "effects": effects},
            )
            idea_keys.append(idea.key)
    facilitation.set_phase(store, token, step)
    link = sessions.share_links(store, token).participant
    joined = [sessions.join(store, link, f"P{i + 1:02d}") for i in range(participants)]
    return token, joined, persona_keys, idea_keys


def open_pages(browser, url: str, joined: list[sessions.Joined], seen: dict) -> list:
    pages = []
    for i, person in enumerate(joined):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(PROBE_JS)
        context.expose_binding(
            "__liveProbeSeen", lambda _source, m, t, i=i: seen.setdefault(m, {}).update({i: t})
        )
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(f"{url}?t={person.token}", wait_until="commit")
        pages.append(page)
    for page, person in zip(pages, joined, strict=True):
        page.get_by_text(f"{person.name} · participant").wait_for()
        page.wait_for_function("() => window.__liveProbe.opens > 0")  # its live stream is connected
    return pages


SCRIPT_STATE_JS = (
    """() => document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state")"""
)


def all_settled(pages: list, quiet_ms: int = 300, timeout_s: float = 90) -> None:
    """Wait until no page has run its script for `quiet_ms` (checked page by page, without waiting on each)."""
    waiting, deadline = list(pages), time.monotonic() + timeout_s
    while waiting:
        waiting = [p for p in waiting if not p.evaluate(QUIET_JS, quiet_ms)]
        if waiting and time.monotonic() > deadline:
            raise TimeoutError(f"{len(waiting)} pages still running their script after {timeout_s:.0f} s")
        if waiting:
            waiting[0].wait_for_timeout(100)


def save(port: int, path: str, **query: str) -> None:
    """A save made inside the app server's process (tests/support/server_hooks), pushed as a page's save is."""
    url = f"http://127.0.0.1:{port}/{path}?{urllib.parse.urlencode(query)}"
    with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 - loopback only
        answer.read()


def start_server(url: str, work: Path, name: str) -> tuple[AppServer, Trace, int]:
    trace = Trace(work / f"trace-{name}.jsonl")
    port = free_port()
    env = {
        "PYTHONPATH": str(HOOKS),
        "BENCH_ROOT": str(ROOT),
        "BENCH_TRACE": str(trace.path),
        "BENCH_SAVE_PORT": str(port),
    }
    server = AppServer(url, log=work / f"app-{name}.log", env=env)
    return server, trace, port


def measure(
    database: str, url: str, step: str, participants: int, args, pg_data: Path | None, work: Path
) -> Result:
    from playwright.sync_api import sync_playwright

    result = Result(database, step, participants)
    name = f"{database}-{step}-{participants}"
    with contextlib.ExitStack() as stack:
        store = build_store(url)
        stack.callback(store.close)
        _, joined, persona_keys, idea_keys = prepare(store, participants, step)
        server, trace, port = start_server(url, work, name)
        stack.callback(server.stop)
        server.start()
        assert server.proc is not None
        meter = CpuMeter(server.proc.pid, postmaster_pid(pg_data) if pg_data else None)
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        stack.callback(browser.close)
        seen: dict[str, dict[int, float]] = {}
        t0 = time.monotonic()
        pages = open_pages(browser, server.url, joined, seen)
        result.opening_seconds = time.monotonic() - t0
        offsets = [clock_offset_ms(p) for p in pages]
        result.clock_spread_ms = max(offsets) - min(offsets)
        all_settled(pages)
        time.sleep(3)  # presence writes and first runs after connecting are over
        start = meter.read()
        time.sleep(args.idle_seconds)
        end = meter.read()
        result.idle = CpuMeter.percent(start, end)
        idle_rate = CpuMeter.seconds(start, end, "app server") / (end.at - start.at)
        token = joined[0].token
        first, began = meter.read(), trace.now()
        cpu_above_idle = 0.0
        for k in range(args.edits):
            before = meter.read()
            at_ms = time.time() * 1000
            marker = f"LHM{k:04d}Q"
            if step == "personas":
                save(
                    port,
                    "describe",
                    t=token,
                    persona=persona_keys[0],
                    text=f"Changed for the bench: {marker}.",
                )
                deadline = time.monotonic() + SHOW_TIMEOUT_S
                while time.monotonic() < deadline and len(seen.get(marker, {})) < len(pages):
                    pages[0].wait_for_timeout(50)  # lets the pages' reports come in
                times = seen.get(marker, {})
                result.missed += sum(1 for i in range(len(pages)) if i not in times)
                result.latencies += [(t - offsets[i] - at_ms) / 1000 for i, t in times.items()]
            else:
                idea, persona = idea_keys[k % len(idea_keys)], persona_keys[k % len(persona_keys)]
                save(port, "rate", t=token, idea=idea, persona=persona, score=str(k % 5 - 2))
            all_settled(pages)
            after = meter.read()
            cpu_above_idle += CpuMeter.seconds(before, after, "app server") - idle_rate * (
                after.at - before.at
            )
            time.sleep(random.uniform(0.3, 0.8))
        last = meter.read()
        result.editing = CpuMeter.percent(first, last)
        trace.wait_quiet()  # a run is written when it ends, which can be after the page looks settled
        saves = trace.saves(since=began)
        result.apply_trace(saves, len(pages), cpu_above_idle)
    return result


def soak(database: str, url: str, minutes: float, work: Path, pg_data: Path | None) -> None:
    """30 pages, a save every 2 s: does the app server's memory stay flat without a forced collection?"""
    from playwright.sync_api import sync_playwright

    participants, warm_up = 30, 120.0
    with contextlib.ExitStack() as stack:
        store = build_store(url)
        stack.callback(store.close)
        _, joined, persona_keys, _ = prepare(store, participants, "personas")
        server, _, port = start_server(url, work, f"soak-{database}")
        stack.callback(server.stop)
        server.start()
        assert server.proc is not None
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        stack.callback(browser.close)
        pages = open_pages(browser, server.url, joined, {})
        began = time.monotonic()
        samples: list[tuple[float, float]] = []
        k = 0
        while time.monotonic() - began < minutes * 60:
            token = joined[k % participants].token
            save(
                port, "describe", t=token, persona=persona_keys[k % len(persona_keys)], text=f"Soak save {k}."
            )
            k += 1
            if not samples or time.monotonic() - samples[-1][0] - began >= 60:
                samples.append((time.monotonic() - began, rss_mb(server.proc.pid)))
                print(
                    f"  minute {samples[-1][0] / 60:.0f}: app server RSS {samples[-1][1]:.0f} MB", flush=True
                )
            pages[0].wait_for_timeout(2000)
        try:
            all_settled(pages)
        except TimeoutError as e:  # the memory figure stands; say which pages did not settle and how
            states = [p.evaluate(SCRIPT_STATE_JS) for p in pages]
            print(f"  {e}; script states: {sorted(set(states))}", flush=True)
        samples.append((time.monotonic() - began, rss_mb(server.proc.pid)))
    after_warm_up = next((mb for at, mb in samples if at >= warm_up), samples[0][1])
    growth = samples[-1][1] - after_warm_up
    print(f"\nsoak on {database}: 30 pages, a save every 2 s for {minutes:.0f} min ({k} saves)")
    print("  app server RSS (MB) by minute: " + ", ".join(f"{mb:.0f}" for _, mb in samples))
    print(
        f"  after {warm_up / 60:.0f} min of warm-up {after_warm_up:.0f} MB, at the end {samples[-1][1]:.0f} MB:"
        f" growth {growth:+.0f} MB (target <= 50 MB: {'met' if growth <= 50 else 'MISSED'})"
    )


def numbers(text: str) -> list[int]:
    return [int(n) for n in text.split(",") if n.strip()]


def choices(allowed: set[str]):
    def parse(text: str) -> list[str]:
        chosen = [n.strip() for n in text.split(",") if n.strip()]
        wrong = set(chosen) - allowed
        if wrong:
            raise argparse.ArgumentTypeError(f"unknown: {', '.join(sorted(wrong))}")
        return chosen

    return parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=numbers, default=[5, 15, 30], help="e.g. 5,15,30 (at least 2)")
    parser.add_argument(
        "--databases",
        type=choices({"sqlite", "postgresql"}),
        default=["sqlite", "postgresql"],
        help="sqlite,postgresql",
    )
    parser.add_argument(
        "--steps", type=choices({"personas", "map"}), default=["personas", "map"], help="personas,map"
    )
    parser.add_argument("--edits", type=int, default=15, help="saves per run (default 15)")
    parser.add_argument("--idle-seconds", type=float, default=20, help="idle measurement (default 20)")
    parser.add_argument("--soak-minutes", type=float, default=0, help="run the memory soak instead (e.g. 30)")
    args = parser.parse_args()
    if min(args.participants) < 2 or args.edits < 1:
        parser.error("at least 2 participants and 1 edit")
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)  # also when started in the background, where it is ignored
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory(prefix="live-bench-") as work:
            for database in args.databases:
                with contextlib.ExitStack() as stack:
                    cluster = None
                    if database == "postgresql":
                        cluster = Cluster()
                        if cluster.why_unavailable():
                            print(f"postgresql: skipped, {cluster.why_unavailable()}")
                            continue
                        stack.callback(cluster.stop)
                        cluster.start()
                    pg_data = cluster.data if cluster else None

                    def new_url(name: str, cluster: Cluster | None = cluster) -> str:
                        return cluster.new_database() if cluster else f"sqlite:///{work}/{name}.db"

                    if args.soak_minutes:
                        soak(database, new_url("soak"), args.soak_minutes, Path(work), pg_data)
                        continue
                    for step in args.steps:
                        for n in args.participants:
                            url = new_url(f"live-{step}-{n}")
                            if result := measure_or_explain(
                                database, url, step, n, args, pg_data, Path(work)
                            ):
                                results.append(result)
    except KeyboardInterrupt:
        print("\ninterrupted: app servers, browsers and database clusters are stopped", file=sys.stderr)
        sys.exit(130)
    finally:
        if results:
            summary(results)


def interrupted(*_: object) -> None:
    """A plain `kill` cleans up like Ctrl-C: the with blocks stop servers, browsers and the cluster.

    Further signals are ignored so that a second Ctrl-C cannot cut the cleanup short.
    """
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def measure_or_explain(
    database: str, url: str, step: str, n: int, args, pg_data: Path | None, work: Path
) -> Result | None:
    t0 = time.monotonic()
    try:
        result = measure(database, url, step, n, args, pg_data, work)
    except Exception as e:  # noqa: BLE001 - one failed run must not hide the others' figures
        print(f"\n{database}, {step}, {n} participants: FAILED after {time.monotonic() - t0:.0f} s: {e!r}")
        log = work / f"app-{database}-{step}-{n}.log"
        if log.exists():
            print("  last lines of the app server's log:\n" + log.read_text()[-2000:])
        return None
    report(result, args)
    print(f"  (run took {time.monotonic() - t0:.0f} s)")
    return result


if __name__ == "__main__":
    main()
