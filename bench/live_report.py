"""Figures of bench/live_bench.py: what one run measured, printed with what limits it when a target is missed."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

P95_TARGET_S = 1.0
IDLE_TARGET_PERCENT = 10.0
SHOW_TIMEOUT_S = 30.0


@dataclass
class Result:
    database: str
    participants: int
    latencies: list[float] = field(default_factory=list)  # seconds, every other page x every edit
    heard: list[float] = field(default_factory=list)  # save -> the page's stream delivers the revision
    started: list[float] = field(
        default_factory=list
    )  # revision delivered -> the page hears its run has started
    drawn: list[float] = field(default_factory=list)  # run started -> the marker is in the page
    missed: int = 0
    idle: dict[str, float] = field(default_factory=dict)
    editing: dict[str, float] = field(default_factory=dict)  # from the first save to the last quiet page
    spreading: dict[str, float] = field(default_factory=dict)  # from each save until every page shows it
    opening_seconds: float = 0.0
    seconds_per_save: float = 0.0
    app_cpu_per_edit: float = 0.0  # seconds above the idle rate
    runs_per_edit: float = 0.0  # page script runs on all pages, the editor's included
    clock_spread_ms: float = 0.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def spread(values: list[float]) -> str:
    return f"p50 {pct(values, 0.5):.2f} s, p95 {pct(values, 0.95):.2f} s"


def cpu(figures: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.0f} %" for k, v in figures.items())


def report(r: Result, args: argparse.Namespace) -> None:
    others = r.participants - 1
    how = "saved on participant 1's page" if args.save_via == "page" else "saved by use case"
    print(
        f"\n{r.database}, {r.participants} participants ({others} other pages x {args.edits} edits, {how}):"
    )
    print(
        f"  save -> shown on another page: {spread(r.latencies)}, max {max(r.latencies, default=float('nan')):.2f} s"
        f"; not shown within {SHOW_TIMEOUT_S:.0f} s: {r.missed}"
    )
    print(f"    until the page hears of the new revision: {spread(r.heard)}")
    print(f"    then until the page hears the server has started its run: {spread(r.started)}")
    print(f"    then until the change is in the page: {spread(r.drawn)}")
    print(f"  {r.participants} pages opened and connected in {r.opening_seconds:.0f} s")
    print(f"  idle {args.idle_seconds:.0f} s, CPU in % of one core: {cpu(r.idle)}")
    print(f"  editing (a save every {r.seconds_per_save:.1f} s), CPU in % of one core: {cpu(r.editing)}")
    print(f"    while a save spreads to the pages: {cpu(r.spreading)}")
    per_run = r.app_cpu_per_edit / r.runs_per_edit * 1000 if r.runs_per_edit else float("nan")
    print(
        f"  app server CPU per save above idle: {r.app_cpu_per_edit * 1000:.0f} ms for {r.runs_per_edit:.1f}"
        f" page runs (all pages, the saver's own included) = {per_run:.0f} ms per page run"
    )
    if r.clock_spread_ms > 20:
        print(
            f"  warning: the pages' clocks differ by {r.clock_spread_ms:.0f} ms; latencies are that uncertain"
        )
    verdict(r, per_run)


def verdict(r: Result, per_run_ms: float) -> None:
    p95, idle = pct(r.latencies, 0.95), r.idle.get("app server", float("nan"))
    fast, quiet = p95 <= P95_TARGET_S and not r.missed, idle <= IDLE_TARGET_PERCENT
    print(
        f"  target p95 <= {P95_TARGET_S:.1f} s: {'met' if fast else 'MISSED'}"
        f"; idle app server <= {IDLE_TARGET_PERCENT:.0f} %: {'met' if quiet else 'MISSED'}"
    )
    if not fast and r.heard:
        parts = {
            "hearing of the revision (watcher poll, stream)": pct(r.heard, 0.95),
            "waiting for the server to start the page's run": pct(r.started, 0.95),
            "the run and drawing the page": pct(r.drawn, 0.95),
        }
        part = max(parts, key=lambda k: parts[k])
        print(f"  dominated by {part}: p95 {parts[part]:.2f} s")
        print(
            f"    per save the app server runs {r.runs_per_edit:.0f} page scripts of about {per_run_ms:.0f} ms CPU"
            f" each = {r.app_cpu_per_edit:.1f} s of CPU"
        )
        app, machine = r.spreading.get("app server", 0), r.spreading.get("machine", 0)
        if app >= 85:
            print(
                f"    the app server is CPU-bound while a save spreads ({app:.0f} % of one core; one Python"
                " process does little more than one core): the pages' runs wait for each other"
            )
        elif machine >= 170:
            print(
                f"    the machine is saturated while a save spreads ({machine:.0f} % of 200 %: browsers"
                f" {r.spreading.get('browsers', 0):.0f} %, app server {app:.0f} %): the server waits for a core"
            )
        else:
            print(
                f"    neither the app server ({app:.0f} % of one core) nor the machine ({machine:.0f} % of 200 %)"
                " is saturated while a save spreads: the runs wait on something else (locks, database, network)"
            )
    if not quiet:
        print(f"  idle: the app server uses {idle:.0f} % of one core with {r.participants} pages open")


def summary(results: list[Result]) -> None:
    print("\ndatabase    participants  p50 s  p95 s  missed  idle app %  editing app %  app ms/run")
    for r in results:
        print(
            f"{r.database:<11} {r.participants:>12}  {pct(r.latencies, 0.5):>5.2f}  {pct(r.latencies, 0.95):>5.2f}"
            f"  {r.missed:>6}  {r.idle.get('app server', 0):>10.1f}  {r.editing.get('app server', 0):>13.0f}"
            f"  {r.app_cpu_per_edit / r.runs_per_edit * 1000 if r.runs_per_edit else float('nan'):>10.0f}"
        )
