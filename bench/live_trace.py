"""What the app server recorded (tests/support/server_hooks): its script runs and its saves, on its own clock."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    start: float
    end: float
    cpu: float  # the script thread's CPU seconds
    session: str
    regions: int  # 0: the whole page


@dataclass
class Save:
    at: float  # committed, on the server's monotonic clock
    revision: int
    parts: list[str]
    runs: list[Run] = field(default_factory=list)  # runs that started after it, before the next save

    @property
    def fan_out(self) -> float | None:
        """From the commit until the server finished the last page run that followed it."""
        return max(r.end for r in self.runs) - self.at if self.runs else None


class Trace:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.touch()

    @staticmethod
    def now() -> float:
        # CLOCK_MONOTONIC is one clock for every process of the machine.
        return time.monotonic()

    def wait_quiet(self, quiet_s: float = 1.5, most_s: float = 20.0) -> None:
        """Until nothing has been written for `quiet_s` (at most `most_s`)."""
        deadline, size, changed = time.monotonic() + most_s, -1, time.monotonic()
        while time.monotonic() < deadline:
            now_size = self.path.stat().st_size
            if now_size != size:
                size, changed = now_size, time.monotonic()
            elif time.monotonic() - changed >= quiet_s:
                return
            time.sleep(0.1)

    def saves(self, since: float) -> list[Save]:
        runs, saves = [], []
        for line in self.path.read_text().splitlines():
            event = json.loads(line)
            if event["kind"] == "commit" and event["at"] >= since:
                saves.append(Save(event["at"], event["revision"], event["parts"]))
            elif event["kind"] == "run" and event["start"] >= since:
                runs.append(
                    Run(event["start"], event["end"], event["cpu"], event["session"], event["regions"])
                )
        saves.sort(key=lambda s: s.at)
        for i, s in enumerate(saves):
            until = saves[i + 1].at if i + 1 < len(saves) else float("inf")
            s.runs = [r for r in runs if s.at <= r.start < until]
        return saves
