"""Rounds stay cheap: reading a workshop with 0 and with 20 rounds, and marking one, on SQLite.

Usage: python bench/rounds_bench.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exports.demo import load_demo  # noqa: E402
from exports.workshop_file import from_json, to_json  # noqa: E402
from workshop.cases.board import board  # noqa: E402
from workshop.cases.rounds import list_rounds, mark_round, round_snapshot  # noqa: E402
from workshop.cases.transfer import start_from_snapshot  # noqa: E402
from workshop.store import build_store  # noqa: E402

RUNS = 30


def ms(fn, runs: int = RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    store = build_store(f"sqlite:///{tempfile.mkdtemp()}/rounds.db")
    token = start_from_snapshot(store, load_demo(), "Fay").facilitator_token

    def page_read():
        board(store, token)
        list_rounds(store, token)

    ms(page_read, 5)  # warm up connections and caches
    before = ms(page_read)
    marks = []
    for n in range(20):
        t0 = time.perf_counter()
        info = mark_round(store, token, f"Round {n + 1}", encode=to_json)
        marks.append((time.perf_counter() - t0) * 1000)
    after = ms(page_read)
    reading = ms(lambda: round_snapshot(store, token, info.id, decode=from_json))
    print(f"page read (board + list of rounds), 0 rounds:  median {before[0]:.1f} ms, p95 {before[1]:.1f} ms")
    print(f"page read (board + list of rounds), 20 rounds: median {after[0]:.1f} ms, p95 {after[1]:.1f} ms")
    print(f"marking a round: median {statistics.median(marks):.1f} ms, max {max(marks):.1f} ms")
    print(f"reading one round back: median {reading[0]:.1f} ms, p95 {reading[1]:.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
