"""Live refresh in real browsers: how soon one participant's save shows on everyone else's page, and what it costs.

For each database and each number of participants: a fresh workshop in the Personas step with four
personas, N participants joined through the use cases, the real app (`streamlit run server.py`) and
N Chromium browser contexts, one per participant, on their personal links. Then:
- idle: the server's CPU while the N pages sit open (live streams connected) for --idle-seconds;
- edits: participant 1 saves a persona's description with a unique marker, --edits times, one save
  at a time. Latency = the moment the marker appears in another participant's page (taken inside that
  page by a MutationObserver) minus the save. Saved "on the page" (default), the save is the click on
  Save in participant 1's browser, so the latency includes the save itself; saved "by use case", the
  bench process writes to the database (the save time is taken just before the write) and the
  latency is only the pushed refresh.

Prints p50/p95 latency over all other pages and edits, where the time goes (until the page hears of
the new revision, until it hears the server has started its run, until the marker is in it), and the CPU
of the app server, PostgreSQL, the browsers and the whole machine in % of one core.
Target (issue 5): p95 <= 1.0 s with 30 participants, idle app server <= 10 % of one core.

Usage: python bench/live_bench.py [--participants 5,15,30] [--databases sqlite,postgresql] [--edits 15]
       [--idle-seconds 20] [--save-via page|use-case] [--phone]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.live_probe import PROBE_JS, QUIET_JS, CpuMeter, Reading, clock_offset_ms, postmaster_pid  # noqa: E402
from bench.live_report import SHOW_TIMEOUT_S, Result, report, summary  # noqa: E402
from personas.model import Stance  # noqa: E402
from tests.browser.conftest import ARGS, CHROMIUM, PHONE  # noqa: E402
from tests.browser.helpers import card, form, settled  # noqa: E402
from tests.support.appserver import AppServer  # noqa: E402
from tests.support.postgres import Cluster  # noqa: E402
from workshop import facilitation, sessions  # noqa: E402
from workshop.board import board  # noqa: E402
from workshop.persona_cases import (  # noqa: E402
    PERSONA_TEXT_FIELDS,
    StanceChange,
    add_persona,
    set_stances,
    update_persona,
)
from workshop.store import build_store  # noqa: E402

PERSONAS = ("Bargain hunter", "Busy parent", "Tech fan", "Loyal regular")
EDITED = PERSONAS[0]


def prepare(store, participants: int) -> tuple[str, list[sessions.Joined]]:
    """A workshop in the Personas step with four personas and N joined participants."""
    started = sessions.start_workshop(store, "Live bench", "Quick, kind and clear.", "Fay")
    token = started.facilitator_token
    attributes = board(store, token).attributes
    rnd = random.Random(5)
    for name in PERSONAS:
        persona = add_persona(store, token, {"name": name, "quote": f"{name} says hello.", "share": 20})
        changes = [StanceChange(persona.key, a.key, Stance(), rnd.randint(-2, 2)) for a in attributes]
        set_stances(store, token, changes)
    facilitation.set_phase(store, token, "personas")
    link = sessions.share_links(store, token).participant
    return token, [sessions.join(store, link, f"P{i + 1:02d}") for i in range(participants)]


def open_pages(browser, url: str, joined: list[sessions.Joined], seen: dict, phone: bool) -> list:
    pages = []
    for i, person in enumerate(joined):
        context = browser.new_context(viewport=PHONE if phone else {"width": 1280, "height": 900})
        context.add_init_script(PROBE_JS)
        context.expose_binding(
            "__liveProbeSeen", lambda _source, m, t, i=i: seen.setdefault(m, {}).update({i: t})
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{url}?t={person.token}", wait_until="commit")
        pages.append(page)
    for page, person in zip(pages, joined, strict=True):
        page.get_by_text(f"{person.name} · participant").wait_for()
        card(page, EDITED).wait_for()
        page.wait_for_function("() => window.__liveProbe.opens > 0")  # its live stream is connected
    return pages


def all_settled(pages: list, quiet_ms: int = 300, timeout_s: float = 60) -> None:
    """Wait until no page has run its script for `quiet_ms` (checked page by page, without waiting on each)."""
    waiting, deadline = list(pages), time.monotonic() + timeout_s
    while waiting:
        waiting = [p for p in waiting if not p.evaluate(QUIET_JS, quiet_ms)]
        if waiting and time.monotonic() > deadline:
            raise TimeoutError(f"{len(waiting)} pages still running their script after {timeout_s:.0f} s")
        if waiting:
            waiting[0].wait_for_timeout(100)


def save_on_page(editor, text: str) -> float:
    """Participant 1 edits the description in the browser; returns the click on Save (page clock, ms)."""
    settled(editor)
    card(editor, EDITED).get_by_role("button", name="Edit").click()
    edit = form(editor, f"Edit {EDITED}")
    edit.get_by_label("Description").fill(text)
    editor.evaluate("() => { window.__liveProbe.clicks = []; }")
    edit.get_by_role("button", name="Save", exact=True).click()
    return float(editor.evaluate("() => window.__liveProbe.clicks.at(-1)"))


def save_by_use_case(store, token: str, text: str, offset_ms: float) -> float:
    """Participant 1's save straight to the database; returns the moment before the write (page clock)."""
    persona = next(p for p in board(store, token).personas if p.name == EDITED)
    values = {f: getattr(persona, f) for f in PERSONA_TEXT_FIELDS} | {"description": text}
    at = time.time() * 1000 + offset_ms
    update_persona(store, token, persona, values)
    return at


def runs_between(probe: dict, start: float, end: float) -> int:
    """How many script runs the page started between two moments (its own clock, ms)."""
    runs, previous = 0, None
    for t, state in probe["states"]:
        if state == "running" and previous != "running" and start <= t <= end:
            runs += 1
        previous = state
    return runs


def breakdown(result: Result, probe: dict, saved: float, shown: float) -> None:
    """Split one page's latency at the revision event and at the start of the page's run."""
    heard = next((t for t in probe["revisions"] if saved <= t <= shown), None)
    if heard is None:
        return
    result.heard.append((heard - saved) / 1000)
    running = next((t for t, s in probe["states"] if s == "running" and heard <= t <= shown), None)
    if running is not None:
        result.started.append((running - heard) / 1000)
        result.drawn.append((shown - running) / 1000)


def measure(database: str, url: str, participants: int, args, pg_data: Path | None, work: Path) -> Result:
    from playwright.sync_api import sync_playwright

    result = Result(database, participants)
    with contextlib.ExitStack() as stack:
        store = build_store(url)
        stack.callback(store.close)
        _, joined = prepare(store, participants)
        server = AppServer(url, log=work / f"app-{database}-{participants}.log")
        stack.callback(server.stop)
        server.start()
        assert server.proc is not None
        meter = CpuMeter(server.proc.pid, postmaster_pid(pg_data) if pg_data else None)
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        stack.callback(browser.close)
        seen: dict[str, dict[int, float]] = {}
        t0 = time.monotonic()
        pages = open_pages(browser, server.url, joined, seen, args.phone)
        result.opening_seconds = time.monotonic() - t0
        offsets = [clock_offset_ms(p) for p in pages]
        result.clock_spread_ms = max(offsets) - min(offsets)
        all_settled(pages)
        time.sleep(3)  # presence writes and first reruns after connecting are over
        start = meter.read()
        time.sleep(args.idle_seconds)
        end = meter.read()
        result.idle = CpuMeter.percent(start, end)
        idle_rate = CpuMeter.seconds(start, end, "app server") / (end.at - start.at)
        edits(result, args, store, joined[0].token, pages, offsets, seen, meter, idle_rate)
    return result


def edits(
    result: Result, args, store, token: str, pages: list, offsets: list, seen: dict, meter, idle_rate
) -> None:
    """Participant 1 saves --edits times; each save waits until every other page shows it and all are quiet."""
    from playwright.sync_api import expect

    others = list(range(1, len(pages)))
    saves: list[float] = []
    per_edit: list[float] = []
    spreading: list[tuple[Reading, Reading]] = []
    first, began = meter.read(), time.time() * 1000
    for k in range(args.edits):
        marker = f"LHM{k:04d}Q"
        text = f"Changed for the live benchmark: {marker}."
        before = meter.read()
        if args.save_via == "page":
            saved = save_on_page(pages[0], text)
        else:
            saved = save_by_use_case(store, token, text, offsets[0])
        saves.append(saved)
        after_save = meter.read()
        deadline = time.monotonic() + SHOW_TIMEOUT_S
        while time.monotonic() < deadline and not set(others) <= seen.get(marker, {}).keys():
            pages[0].wait_for_timeout(50)  # lets the pages' reports come in
        spreading.append((after_save, meter.read()))
        if args.save_via == "page":
            expect(form(pages[0], f"Edit {EDITED}")).to_have_count(0)  # the save went through
        all_settled(pages)
        after = meter.read()
        per_edit.append(CpuMeter.seconds(before, after, "app server") - idle_rate * (after.at - before.at))
        times = seen.get(marker, {})
        result.missed += sum(1 for i in others if i not in times)
        result.latencies += [(times[i] - saved) / 1000 for i in others if i in times]
        time.sleep(random.uniform(0.3, 0.8))  # saves land at any point of the watcher's poll
    last, ended = meter.read(), time.time() * 1000
    result.editing = CpuMeter.percent(first, last)
    result.spreading = CpuMeter.percent_over(spreading)
    result.seconds_per_save = (last.at - first.at) / args.edits
    result.app_cpu_per_edit = statistics.fmean(per_edit)
    probes = [page.evaluate("() => window.__liveProbe") for page in pages]
    runs = sum(runs_between(p, began + off, ended + off) for p, off in zip(probes, offsets, strict=True))
    result.runs_per_edit = runs / args.edits
    for i in others:
        for k, saved in enumerate(saves):
            shown = seen.get(f"LHM{k:04d}Q", {}).get(i)
            if shown is not None:
                breakdown(result, probes[i], saved, shown)


def numbers(text: str) -> list[int]:
    return [int(n) for n in text.split(",") if n.strip()]


def names(text: str) -> list[str]:
    chosen = [n.strip() for n in text.split(",") if n.strip()]
    wrong = set(chosen) - {"sqlite", "postgresql"}
    if wrong:
        raise argparse.ArgumentTypeError(f"unknown database(s): {', '.join(sorted(wrong))}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=numbers, default=[5, 15, 30], help="e.g. 5,15,30 (at least 2)")
    parser.add_argument("--databases", type=names, default=["sqlite", "postgresql"], help="sqlite,postgresql")
    parser.add_argument("--edits", type=int, default=15, help="saves per run (default 15)")
    parser.add_argument("--idle-seconds", type=float, default=20, help="idle measurement (default 20)")
    parser.add_argument(
        "--save-via",
        choices=["page", "use-case"],
        default="page",
        help="page: click Save in participant 1's browser (default); use-case: write to the database"
        " from this process, which measures the pushed refresh only",
    )
    parser.add_argument("--phone", action="store_true", help="390 x 844 pages instead of 1280 x 900")
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
                    for n in args.participants:
                        url = cluster.new_database() if cluster else f"sqlite:///{work}/live-{n}.db"
                        pg_data = cluster.data if cluster else None
                        if result := measure_or_explain(database, url, n, args, pg_data, Path(work)):
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
    database: str, url: str, n: int, args, pg_data: Path | None, work: Path
) -> Result | None:
    t0 = time.monotonic()
    try:
        result = measure(database, url, n, args, pg_data, work)
    except Exception as e:  # noqa: BLE001 - one failed run must not hide the others' figures
        print(f"\n{database}, {n} participants: FAILED after {time.monotonic() - t0:.0f} s: {e!r}")
        log = work / f"app-{database}-{n}.log"
        if log.exists():
            print("  last lines of the app server's log:\n" + log.read_text()[-2000:])
        return None
    report(result, args)
    print(f"  (run took {time.monotonic() - t0:.0f} s)")
    return result


if __name__ == "__main__":
    main()
