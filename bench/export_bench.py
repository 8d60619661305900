"""Times the workbook export of a large workshop against pandas.DataFrame.to_excel of the same tables."""

from __future__ import annotations

import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from exports.workbook import to_xlsx  # noqa: E402
from personas.model import Attribute, Persona, Stance  # noqa: E402
from workshop.fit import fit, label  # noqa: E402
from workshop.model import RANGES, TOUCH_MOMENTS, Idea, Vote, WorkshopSnapshot  # noqa: E402

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
    return WorkshopSnapshot(
        "Large workshop", "A promise.", attributes, personas, ideas, (), votes, participants
    )


def pandas_tables(s: WorkshopSnapshot) -> bytes:
    keys = [a.key for a in s.attributes]
    love_hate = pd.DataFrame(
        [[p.stance(k).score for k in keys] for p in s.personas],
        index=[p.name for p in s.personas],
        columns=[a.name for a in s.attributes],
    )
    ideas = pd.DataFrame(
        [
            [i.title, i.description, RANGES[i.range], TOUCH_MOMENTS[i.touch], i.author]
            + [i.effects.get(k, 0) for k in keys]
            for i in s.ideas
        ],
        columns=["Title", "Description", "Range", "Touch", "Author", *(a.name for a in s.attributes)],
    )
    fits = pd.DataFrame(
        [[round(fit(i, p, keys), 2) for p in s.personas] for i in s.ideas],
        index=[i.title for i in s.ideas],
        columns=[p.name for p in s.personas],
    )
    labels = fits.map(label)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        love_hate.to_excel(writer, sheet_name="Love-Hate")
        ideas.to_excel(writer, sheet_name="Ideas", index=False)
        pd.concat([fits, labels.add_suffix(": label")], axis=1).to_excel(writer, sheet_name="Fit")
    return out.getvalue()


def median_seconds(work) -> float:
    work()  # the first run pays for imports and the chart renderer's start-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    s = large_workshop()
    full = median_seconds(lambda: to_xlsx(s))
    no_charts = median_seconds(lambda: to_xlsx(s, charts=False))
    plain = median_seconds(lambda: pandas_tables(s))
    print(f"workshop: {len(s.personas)} personas, {len(s.attributes)} attributes, {len(s.ideas)} ideas")
    print(f"median of {RUNS} runs")
    print(f"to_xlsx with chart images      {full * 1000:8.0f} ms  ({len(to_xlsx(s)) // 1024} KB)")
    print(f"to_xlsx without chart images   {no_charts * 1000:8.0f} ms")
    print(f"pandas to_excel, same tables   {plain * 1000:8.0f} ms")
    print(f"ratio with charts / pandas     {full / plain:8.1f}x")
    print(f"ratio without charts / pandas  {no_charts / plain:8.1f}x")


if __name__ == "__main__":
    main()
