"""Time and peak memory of `python -m exports from-xlsx` on hostile workbooks and on large honest ones.

Each file is read by a fresh `python -m exports from-xlsx IN OUT`; the figures are its wall time
and the peak resident memory of that process and everything it started (os.wait4 on Linux
reports the larger of the two), so a reader process it spawns is counted too.

    .venv/bin/python bench/hostile_workbook_bench.py            # every case
    .venv/bin/python bench/hostile_workbook_bench.py dense bomb # some of them
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.export_bench import large_workshop  # noqa: E402
from exports.demo import load_demo  # noqa: E402
from exports.workbook import to_xlsx  # noqa: E402
from tests.support import hostile_xlsx as hostile  # noqa: E402

MB = 1024 * 1024


def _demo() -> bytes:
    return to_xlsx(load_demo(), charts=True)


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "dense": (
        "40 sheets x 1,292 rows x 200 empty cells, each sheet under 1 MiB",
        lambda: hostile.dense_workbook(),
    ),
    "bomb": (
        "the demo with a sheet that inflates to 2.2 GB behind headers claiming 1 KB",
        lambda: hostile.lying_bomb(_demo(), "xl/worksheets/sheet2.xml", 2200 * MB),
    ),
    "parts": ("the demo plus 56 extra 1 MiB XML parts", lambda: hostile.with_extra_parts(_demo(), 56, MB)),
    "merge": (
        "one merged range over 5,000 rows x 200 columns",
        lambda: hostile.write_zip(hostile.skeleton({"S": hostile.wide_merge_sheet()})),
    ),
    "styles": (
        "11,500 cell formats and as many fonts, under 1 MiB",
        lambda: hostile.write_zip(
            hostile.skeleton({"S": hostile.dense_sheet(1, 1)}, hostile.many_styles(11_500))
        ),
    ),
    "deep": (
        "one cell holding 140,000 nested elements, under 1 MiB",
        lambda: hostile.write_zip(hostile.skeleton({"S": hostile.deep_sheet(140_000)})),
    ),
    "demo": ("honest: the demo workshop with charts", _demo),
    "large": ("honest: 6 personas, 15 attributes, 100 ideas, with charts", lambda: to_xlsx(large_workshop())),
}


def measure(data: bytes) -> tuple[float, int, int, str]:
    """(seconds, peak bytes, exit code, first line of stderr) of one from-xlsx run."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.xlsx", Path(folder) / "out.json"
        source.write_bytes(data)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "exports", "from-xlsx", str(source), str(target)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert process.stderr is not None
        message = process.stderr.read().decode(errors="replace")
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stderr.close()
    first = message.strip().splitlines()[0] if message.strip() else "accepted"
    return seconds, usage.ru_maxrss * 1024, process.returncode, first


def main(names: list[str]) -> None:
    chosen = names or list(CASES)
    print(f"{'case':8} {'file':>9} {'time':>7} {'peak memory':>12}  exit  outcome")
    for name in chosen:
        what, build = CASES[name]
        data = build()
        seconds, peak, code, first = measure(data)
        shown = first if len(first) <= 110 else first[:107] + "..."
        print(f"{name:8} {len(data) / 1024:7.0f} KB {seconds:6.1f} s {peak / MB:9.0f} MB  {code:4}  {shown}")
        print(f"{'':8} ({what})")


if __name__ == "__main__":
    main(sys.argv[1:])
