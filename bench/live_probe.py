"""What bench/live_bench.py measures with: an in-page probe for real browsers, and CPU time from /proc.

The probe is installed in every page before the app's own scripts run. It timestamps, with
`performance.timeOrigin + performance.now()` (milliseconds since the epoch):
- the first time each edit marker (`LHM0001Q` ...) appears in the page's DOM (a MutationObserver),
- every revision event the live stream delivers (it wraps `EventSource`),
- every change of Streamlit's script state on the page (`rerunRequested`, `running`, `notRunning`),
- every click (so a save made on the page has an in-page save time).
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

MARKER = re.compile(r"LHM\d{4}Q")

PROBE_JS = r"""
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const probe = (window.__liveProbe = {opens: 0, revisions: [], states: [], clicks: [], markers: {}});
  const Native = window.EventSource;
  if (Native) {
    window.EventSource = class extends Native {
      constructor(url, init) {
        super(url, init);
        this.addEventListener("open", () => { probe.opens += 1; });
        this.addEventListener("revision", () => { probe.revisions.push(now()); });
      }
    };
  }
  document.addEventListener("click", () => { probe.clicks.push(now()); }, true);
  const marker = /LHM\d{4}Q/g;
  const scan = (text, t) => {
    if (!text || text.indexOf("LHM") < 0) return;
    for (const m of text.matchAll(marker)) {
      if (probe.markers[m[0]] !== undefined) continue;
      probe.markers[m[0]] = t;
      try { window.__liveProbeSeen(m[0], t); } catch (e) {}
    }
  };
  new MutationObserver((records) => {
    const t = now();
    for (const r of records) {
      if (r.type === "attributes") probe.states.push([t, r.target.getAttribute("data-test-script-state")]);
      else if (r.type === "characterData") scan(r.target.data, t);
      else for (const node of r.addedNodes) scan(node.textContent, t);
    }
  }).observe(document, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ["data-test-script-state"],
  });
})();
"""

# True when the page's script is not running and has not changed state for `quiet` ms.
QUIET_JS = """quiet => {
  const app = document.querySelector("[data-testid='stApp']");
  const last = window.__liveProbe.states.at(-1);
  const since = last ? performance.timeOrigin + performance.now() - last[0] : Infinity;
  return !!app && app.getAttribute("data-test-script-state") === "notRunning" && since >= quiet;
}"""

CLOCK_JS = "() => performance.timeOrigin + performance.now()"


def clock_offset_ms(page, tries: int = 3) -> float:
    """The page's clock minus this process's `time.time()`, from the quickest of a few round trips."""
    best: tuple[float, float] | None = None
    for _ in range(tries):
        before = time.time() * 1000
        page_ms = float(page.evaluate(CLOCK_JS))
        after = time.time() * 1000
        if best is None or after - before < best[0]:
            best = (after - before, page_ms - (before + after) / 2)
    assert best is not None
    return best[1]


# ---- CPU time from /proc --------------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _process_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, CPU ticks of the process and of its children it has waited for)."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = raw[raw.rindex(")") + 2 :].split()
        # fields[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
        table[int(entry.name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]))
    return table


def _tree(root: int, table: dict[int, tuple[int, int]]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), [root] if root in table else []
    while todo:
        pid = todo.pop()
        found.add(pid)
        todo += children.get(pid, [])
    return found


def _machine_busy_ticks() -> int:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values) - values[3] - values[4]  # all but idle and iowait


@dataclass(frozen=True)
class Reading:
    at: float
    ticks: dict[str, int]


class CpuMeter:
    """CPU of process groups: the app server (with its children), PostgreSQL, the browsers, the machine.

    "browsers" is everything this process started except the app server: Chromium and Playwright's
    driver. Differences of two readings give percent of one core (the machine has 100 % per core).
    """

    def __init__(self, app_pid: int, postgres_pid: int | None = None) -> None:
        self.app_pid = app_pid
        self.postgres_pid = postgres_pid

    def read(self) -> Reading:
        table = _process_table()
        app = _tree(self.app_pid, table)
        own = _tree(os.getpid(), table) - {os.getpid()} - app
        groups = {"app server": app, "browsers": own}
        if self.postgres_pid:
            groups["PostgreSQL"] = _tree(self.postgres_pid, table)
        ticks = {name: sum(table[p][1] for p in pids) for name, pids in groups.items()}
        ticks["machine"] = _machine_busy_ticks()
        return Reading(time.monotonic(), ticks)

    @staticmethod
    def percent(start: Reading, end: Reading) -> dict[str, float]:
        seconds = max(end.at - start.at, 1e-9)
        return {k: 100 * (end.ticks[k] - start.ticks[k]) / TICK / seconds for k in start.ticks}

    @staticmethod
    def percent_over(windows: list[tuple[Reading, Reading]]) -> dict[str, float]:
        """Percent of one core over several windows taken together."""
        if not windows:
            return {}
        seconds = max(sum(end.at - start.at for start, end in windows), 1e-9)
        return {
            k: 100 * sum(end.ticks[k] - start.ticks[k] for start, end in windows) / TICK / seconds
            for k in windows[0][0].ticks
        }

    @staticmethod
    def seconds(start: Reading, end: Reading, group: str) -> float:
        return (end.ticks[group] - start.ticks[group]) / TICK


def postmaster_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def rss_mb(pid: int) -> float:
    """Resident memory of one process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
