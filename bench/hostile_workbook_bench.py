"""Time and peak memory of `python -m exports from-xlsx` on hostile workbooks and on large honest ones.

Each file is read by a fresh `python -m exports from-xlsx IN OUT` run under GNU time: the figures
are its wall time and the largest peak resident memory of that process and of the reader process
it starts (Linux reports the larger of the two). The reader's own peak is also measured alone,
through exports.reader_process, as uploads are read.

    .venv/bin/python bench/hostile_workbook_bench.py              # every case
    .venv/bin/python bench/hostile_workbook_bench.py dense bomb   # some of them
    .venv/bin/python bench/hostile_workbook_bench.py --code DIR   # the command line of another checkout
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.export_bench import large_workshop  # noqa: E402
from exports.demo import load_demo  # noqa: E402
from exports.workbook import to_xlsx  # noqa: E402
from personas.model import Attribute, Persona, Stance  # noqa: E402
from tests.support import hostile_xlsx as hostile  # noqa: E402
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, Vote, WorkshopSnapshot  # noqa: E402

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
    "parts35": (
        "the demo plus 35 extra 1 MiB XML parts, within the budget",
        lambda: hostile.with_extra_parts(_demo(), 35, MB),
    ),
    "demo": ("honest: the demo workshop with charts", _demo),
    "large": ("honest: 6 personas, 15 attributes, 100 ideas, with charts", lambda: to_xlsx(large_workshop())),
    "largest": (
        "honest: the most a workshop holds, 6 personas, 40 attributes, 1,000 ideas, long texts",
        lambda: to_xlsx(largest_workshop(), charts=False),
    ),
}


def largest_workshop() -> WorkshopSnapshot:
    """Every list at its cap and every text near its cap: the largest workbook the app can export."""
    rng = random.Random(3)
    words = [
        "the",
        "ferry",
        "leaves",
        "on",
        "time",
        "and",
        "every",
        "island",
        "person",
        "gets",
        "across",
        "safely",
        "with",
        "bikes",
        "and",
        "dogs",
    ]

    def prose(length: int) -> str:
        return " ".join(rng.choice(words) for _ in range(length // 4))[:length]

    attributes = tuple(Attribute(f"a{n}", f"Attribute {n}", prose(200)) for n in range(40))
    personas = tuple(
        Persona(
            key=f"p{n}",
            name=f"Persona {n}",
            quote=prose(200),
            description=prose(2000),
            share=15.0,
            evidence=prose(2000),
            stances={a.key: Stance(rng.randint(-2, 2), prose(300)) for a in attributes},
        )
        for n in range(6)
    )
    ideas = tuple(
        Idea(
            key=f"i{n}",
            title=prose(120),
            description=prose(2000),
            range=rng.choice(list(RANGES)),
            touch=rng.choice(list(TOUCH_MOMENTS)),
            effects={a.key: rng.choice([-2, -1, 1, 2]) for a in rng.sample(attributes, 6)},
            author=f"Person {n % 30}",
        )
        for n in range(1000)
    )
    return WorkshopSnapshot(
        title="Largest",
        promise=prose(2000),
        attributes=attributes,
        personas=personas,
        ideas=ideas,
        votes=tuple(Vote(f"i{rng.randrange(1000)}", f"Person {p}", 1) for p in range(30)),
        participants=tuple(f"Person {p}" for p in range(30)),
        phase="vote",
    )


def measure(data: bytes, code: Path) -> tuple[float, int, int, str]:
    """(seconds, peak bytes, exit code, first line of its message) of one from-xlsx run."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.xlsx", Path(folder) / "out.json"
        source.write_bytes(data)
        report = Path(folder) / "time.txt"
        result = subprocess.run(
            ["/usr/bin/time", "-o", str(report), "-f", "%e %M", sys.executable, "-m", "exports", "from-xlsx"]
            + [str(source), str(target)],
            cwd=code,
            capture_output=True,
            text=True,
        )
        seconds, peak_kb = report.read_text().split()[-2:]
    message = result.stderr.strip().splitlines()
    return float(seconds), int(peak_kb) * 1024, result.returncode, message[-1] if message else "accepted"


def reader_peak(data: bytes) -> str:
    from exports.reader_process import read_isolated

    reading = read_isolated("workbook", data)
    return f"{reading.peak_bytes / MB:5.0f} MB"


def main(argv: list[str]) -> None:
    code = ROOT
    if argv[:1] == ["--code"]:
        code, argv = Path(argv[1]).resolve(), argv[2:]
    chosen = argv or list(CASES)
    own = code == ROOT
    print(f"from-xlsx of the code in {code}")
    print(f"{'case':8} {'file':>9} {'time':>7} {'peak memory':>12} {'reader alone':>13}  exit  outcome")
    for name in chosen:
        what, build = CASES[name]
        data = build()
        seconds, peak, exit_code, first = measure(data, code)
        alone = reader_peak(data) if own else "-"
        first = first.split(": ", 1)[-1]
        shown = first if len(first) <= 90 else first[:87] + "..."
        print(
            f"{name:8} {len(data) / 1024:7.0f} KB {seconds:6.1f} s {peak / MB:9.0f} MB {alone:>13}"
            f"  {exit_code:4}  {shown}"
        )
        print(f"{'':8} ({what})")


if __name__ == "__main__":
    main(sys.argv[1:])
