"""Times the workbook export of a large workshop against pandas.DataFrame.to_excel of the same tables,
in one process and as whole commands, and the PDF report of the same workshop.

The workshop has judgements against the promise and a marked decision, so the workbook writes its
Promise column and Decision sheet (which the pandas baseline leaves out) and the report its decision.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pandas_tables import tables  # noqa: E402
from exports.pdf import to_pdf  # noqa: E402
from exports.report import build_report  # noqa: E402
from exports.workbook import to_xlsx  # noqa: E402
from exports.workshop_file import to_dict, to_json  # noqa: E402
from personas.model import Attribute, Persona, Stance  # noqa: E402
from workshop.domain.model import (  # noqa: E402
    RANGES,
    TOUCH_MOMENTS,
    ChosenIdea,
    Decision,
    Idea,
    PromiseRating,
    Vote,
    WorkshopSnapshot,
)

RUNS = 5


def large_workshop(seed: int = 7) -> WorkshopSnapshot:
    rng = random.Random(seed)
    attributes = tuple(Attribute(f"a{n}", f"Attribute {n}", f"What attribute {n} means") for n in range(15))
    personas = tuple(
        Persona(
            key=f"p{n}",
            name=f"Persona {n}",
            quote=f"Quote of persona {n}",
            description="A description of a few sentences. " * 4,
            share=15.0,
            evidence="Interviews and support tickets.",
            stances={
                a.key: Stance(rng.randint(-2, 2), f"Why persona {n} feels so about {a.name}")
                for a in attributes
            },
        )
        for n in range(6)
    )
    ideas = tuple(
        Idea(
            key=f"i{n}",
            title=f"Idea number {n}",
            description="What the idea does and for whom. " * 3,
            range=rng.choice(list(RANGES)),
            touch=rng.choice(list(TOUCH_MOMENTS)),
            effects={a.key: rng.choice((-2, -1, 1, 2)) for a in rng.sample(attributes, 3)},
            author=f"Participant {n % 12}",
        )
        for n in range(100)
    )
    votes = tuple(Vote(f"i{rng.randrange(100)}", f"Participant {n % 12}", 1) for n in range(36))
    participants = tuple(f"Participant {n}" for n in range(12))
    # Each participant judges a third of the ideas against the promise; four ideas are taken forward.
    judged = tuple(
        PromiseRating(f"i{i}", name, rng.randint(-2, 2))
        for name in participants
        for i in rng.sample(range(100), 33)
    )
    chosen = tuple(
        ChosenIdea(f"i{i}", f"Next step for idea {i}, with a date and a budget.", f"Owner {i}")
        for i in rng.sample(range(100), 4)
    )
    return WorkshopSnapshot(
        "Large workshop",
        "A promise.",
        attributes,
        personas,
        ideas,
        (),
        votes,
        participants,
        promise_ratings=judged,
        decision=Decision(chosen, marked=True),
    )


def median_seconds(work, runs: int = RUNS) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `work` (CPU of this process and the commands it ran).

    CPU time hardly moves when other programs share the machine; wall-clock time is what people wait.
    """
    work()  # the first run pays for imports and caches
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        work()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def command(*args: str | Path):
    return lambda: subprocess.run(
        [sys.executable, *map(str, args)], cwd=ROOT, check=True, capture_output=True
    )


def main() -> None:
    s = large_workshop()
    doc = to_dict(s)
    in_process = median_seconds(lambda: to_xlsx(s))
    plain = median_seconds(lambda: tables(doc))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "large.json"
        source.write_bytes(to_json(s))
        ours = median_seconds(command("-m", "exports", "to-xlsx", source, Path(folder) / "ours.xlsx"))
        theirs = median_seconds(
            command(ROOT / "bench" / "pandas_tables.py", source, Path(folder) / "pandas.xlsx")
        )
        pdf_command = median_seconds(
            command("-m", "exports", "to-pdf", source, Path(folder) / "report.pdf"), 1
        )
        size = (Path(folder) / "ours.xlsx").stat().st_size
    report = build_report(s)
    pdf_in_process = median_seconds(lambda: to_pdf(report), 1)
    pdf = to_pdf(report)
    print(f"workshop: {len(s.personas)} personas, {len(s.attributes)} attributes, {len(s.ideas)} ideas")
    print(f"median of {RUNS} runs                          wall-clock       CPU")
    rows = [
        ("to_xlsx, native charts, in-process", in_process, f"({size // 1024} KB)"),
        ("pandas to_excel, same tables", plain, ""),
        ("python -m exports to-xlsx, whole", ours, ""),
        ("pandas script, same tables, whole", theirs, ""),
        ("PDF report, in-process (one run)", pdf_in_process, f"({len(pdf) // 1024} KB)"),
        ("python -m exports to-pdf, whole (one run)", pdf_command, ""),
    ]
    for name, (wall, cpu), note in rows:
        print(f"{name:42} {wall * 1000:8.0f} ms {cpu * 1000:8.0f} ms  {note}")
    for name, (a, b) in (("in-process", (in_process, plain)), ("as whole commands", (ours, theirs))):
        print(f"ratio to pandas, {name:25} {a[0] / b[0]:8.2f}x {a[1] / b[1]:10.2f}x")


if __name__ == "__main__":
    main()
