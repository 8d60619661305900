"""Figures of bench/live_bench.py: what one run measured, against the live room's targets."""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass, field

from bench.live_trace import Save

SHOW_TIMEOUT_S = 30.0
IDLE_TARGET_PERCENT = 10.0
FAN_OUT_TARGET_S = 0.5  # p95 with 30 pages
LATENCY_TARGETS_S = {15: 0.6, 30: 1.0}  # in-page p95
CPU_PER_RUN_TARGET_MS = {"personas": 15.0, "map": 25.0}  # median


@dataclass
class Result:
    database: str
    step: str
    participants: int
    latencies: list[float] = field(default_factory=list)  # seconds, every page x every save (Personas)
    fan_outs: list[float] = field(default_factory=list)  # seconds, per save, on the server
    missed: int = 0  # a page that did not show (Personas) or never ran again after (Map) a save
    late: int = 0  # (Map) a page whose first run after a save began only after the next save
    idle: dict[str, float] = field(default_factory=dict)
    editing: dict[str, float] = field(default_factory=dict)
    opening_seconds: float = 0.0
    clock_spread_ms: float = 0.0
    saves: int = 0
    runs: int = 0
    whole_page_runs: int = 0
    process_ms_per_run: float = float("nan")  # app server CPU above idle / runs
    script_ms_per_run: float = float("nan")  # the script thread's own CPU, median over runs

    def apply_trace(self, saves: list[Save], pages: int, cpu_above_idle: float) -> None:
        runs = [r for s in saves for r in s.runs]
        self.saves = len(saves)
        self.runs = len(runs)
        self.whole_page_runs = sum(1 for r in runs if r.regions == 0)
        self.fan_outs = [s.fan_out for s in saves if s.fan_out is not None]
        if runs:
            self.process_ms_per_run = cpu_above_idle / len(runs) * 1000
            self.script_ms_per_run = statistics.median(r.cpu for r in runs) * 1000
        if self.step != "personas":  # no marker to look for: every page must at least have run
            for i, s in enumerate(saves):
                ran = {r.session for r in s.runs}
                later = {r.session for t in saves[i + 1 :] for r in t.runs}
                self.missed += max(0, pages - len(ran | later))
                self.late += len(later - ran)  # drew this save and the next in one run


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def spread(values: list[float]) -> str:
    return f"p50 {pct(values, 0.5):.2f} s, p95 {pct(values, 0.95):.2f} s"


def cpu(figures: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.0f} %" for k, v in figures.items())


def report(r: Result, args: argparse.Namespace) -> None:
    print(f"\n{r.database}, {r.step} step, {r.participants} participants ({r.saves} saves by participant 1):")
    if r.latencies:
        print(
            f"  save -> shown on every page: {spread(r.latencies)}, max {max(r.latencies):.2f} s"
            f"; not shown within {SHOW_TIMEOUT_S:.0f} s: {r.missed}"
        )
    else:
        print(
            f"  pages that never ran again after a save: {r.missed}; pages whose run for a save began"
            f" only after the next save (one run drew both): {r.late}"
        )
    print(f"  server fan-out (commit -> last page run finished): {spread(r.fan_outs)}")
    print(
        f"  page runs per save: {r.runs / max(r.saves, 1):.1f} ({r.whole_page_runs / max(r.saves, 1):.1f} whole pages)"
    )
    print(
        f"  server CPU per page run: {r.process_ms_per_run:.1f} ms (app server above idle / runs);"
        f" script thread median {r.script_ms_per_run:.1f} ms"
    )
    print(f"  {r.participants} pages opened and connected in {r.opening_seconds:.0f} s")
    print(f"  idle {args.idle_seconds:.0f} s, CPU in % of one core: {cpu(r.idle)}")
    print(f"  while saving, CPU in % of one core: {cpu(r.editing)}")
    if r.clock_spread_ms > 20:
        print(
            f"  warning: the pages' clocks differ by {r.clock_spread_ms:.0f} ms; latencies are that uncertain"
        )
    for line in verdicts(r):
        print(f"  {line}")


def verdicts(r: Result) -> list[str]:
    found = []
    target = CPU_PER_RUN_TARGET_MS.get(r.step)
    if target is not None:
        ok = r.process_ms_per_run <= target
        found.append(f"CPU per page run <= {target:.0f} ms: {'met' if ok else 'MISSED'}")
    if r.participants >= 30:
        ok = pct(r.fan_outs, 0.95) <= FAN_OUT_TARGET_S
        found.append(f"fan-out p95 <= {FAN_OUT_TARGET_S} s with 30 pages: {'met' if ok else 'MISSED'}")
    latency = LATENCY_TARGETS_S.get(r.participants)
    if latency is not None and r.latencies:
        ok = pct(r.latencies, 0.95) <= latency
        found.append(f"in-page p95 <= {latency} s: {'met' if ok else 'MISSED'}")
    idle = r.idle.get("app server", float("nan"))
    found.append(
        f"idle app server <= {IDLE_TARGET_PERCENT:.0f} %: {'met' if idle <= IDLE_TARGET_PERCENT else 'MISSED'}"
    )
    found.append(f"no page missed a save: {'met' if r.missed == 0 else 'MISSED'}")
    return found


def summary(results: list[Result]) -> None:
    print(
        "\ndatabase    step      pages  in-page p50/p95 s  fan-out p50/p95 s  runs/save  whole  ms/run"
        "  script ms  missed  idle %"
    )
    for r in results:
        latency = f"{pct(r.latencies, 0.5):.2f} / {pct(r.latencies, 0.95):.2f}" if r.latencies else "-"
        print(
            f"{r.database:<11} {r.step:<9} {r.participants:>5}  {latency:>17}"
            f"  {pct(r.fan_outs, 0.5):.2f} / {pct(r.fan_outs, 0.95):.2f}      {r.runs / max(r.saves, 1):>9.1f}"
            f"  {r.whole_page_runs / max(r.saves, 1):>5.1f}  {r.process_ms_per_run:>6.1f}  {r.script_ms_per_run:>9.1f}"
            f"  {r.missed:>6}  {r.idle.get('app server', 0):>6.1f}"
        )
