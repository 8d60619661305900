"""Times the map pipeline (fit matrix, findings, heatmap spec) on a large workshop: 6 personas × 10 attributes × 80 ideas."""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from charts.map import map_heatmap  # noqa: E402
from personas.model import Attribute, Persona, Stance  # noqa: E402
from workshop.domain.findings import all_findings  # noqa: E402
from workshop.domain.map import fit_matrix  # noqa: E402
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, Rating  # noqa: E402

RUNS = 30


def build(seed: int = 7):
    rng = random.Random(seed)  # fixed seed so every run times the same workshop
    attributes = [Attribute(f"a{i}", f"Attribute {i}") for i in range(10)]
    personas = [
        Persona(
            f"p{i}",
            f"Persona {i}",
            share=100 / 6,
            stances={a.key: Stance(rng.randint(-2, 2)) for a in attributes},
        )
        for i in range(6)
    ]
    ideas = [
        Idea(
            f"i{i}",
            f"Idea {i}",
            range=rng.choice(list(RANGES)),
            touch=rng.choice(list(TOUCH_MOMENTS)),
            effects={a.key: rng.choice([-2, -1, 1, 2]) for a in rng.sample(attributes, rng.randint(1, 4))},
        )
        for i in range(80)
    ]
    # About a dozen participants rating a third of the cells, as a busy session might.
    ratings = [
        Rating(idea.key, p.key, f"person {n}", rng.randint(-2, 2))
        for idea in ideas
        for p in personas
        if rng.random() < 0.33
        for n in range(12)
    ]
    return attributes, personas, ideas, ratings


def once(attributes, personas, ideas, ratings) -> float:
    start = time.perf_counter()
    cells = fit_matrix(ideas, personas, attributes, ratings)
    all_findings(attributes, personas, ideas)
    map_heatmap(cells, [i.key for i in ideas], [p.key for p in personas]).to_dict()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    workshop = build()
    once(*workshop)  # warm-up: imports and Altair schema loading are not what we measure
    times = sorted(once(*workshop) for _ in range(RUNS))
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"map pipeline, 6 personas × 10 attributes × 80 ideas, {len(workshop[3])} ratings, {RUNS} runs")
    print(f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
