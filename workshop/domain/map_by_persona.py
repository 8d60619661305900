"""The map read one persona at a time: the ideas grouped by what they do for that persona.

The same cells as the heatmap (`map.fit_matrix`), for a screen too narrow for a grid of words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.domain.fit import ALIENATES, ANNOYS, DELIGHTS, HELPS, NEUTRAL, label
from workshop.domain.judgement import signed_points
from workshop.domain.map import Cell

NOT_JUDGED = "not judged yet"
ORDER = (DELIGHTS, HELPS, NEUTRAL, ANNOYS, ALIENATES, NOT_JUDGED)


@dataclass(frozen=True)
class Placed:
    key: str  # the idea's
    title: str
    points: str  # the score on the −2..+2 scale, signed ("+1.5", "−2", "0")
    disagrees: bool  # the team and the arithmetic are a whole step apart


def by_label(
    cells: Sequence[Cell], persona_key: str, show: str = "fit", *, best_first: bool = False
) -> list[tuple[str, list[Placed]]]:
    """(label, ideas) for one persona, best label first; empty labels are left out.

    `show` is "fit" (the arithmetic) or "team" (the team's median judgement; ideas nobody judged
    for this persona are listed as not judged yet). Within a label ideas keep the order of
    `cells`, or with `best_first` go from the highest score for this persona down.
    """
    if show not in ("fit", "team"):
        raise ValueError(f"show must be 'fit' or 'team', not {show!r}")
    groups: dict[str, list[tuple[float, Placed]]] = {name: [] for name in ORDER}
    for cell in cells:
        if cell.persona.key != persona_key:
            continue
        if show == "fit":
            name, value, points = cell.label, cell.fit * 2, signed_points(cell.fit * 2)
        elif cell.team is None:
            name, value, points = NOT_JUDGED, 0.0, ""
        else:
            name, value, points = label(cell.team / 2), cell.team, signed_points(cell.team)
        groups[name].append((value, Placed(cell.idea.key, cell.idea.title, points, cell.disagrees)))
    if best_first:
        for placed in groups.values():
            placed.sort(key=lambda pair: -pair[0])  # stable: equal scores keep their order
    return [(name, [p for _, p in placed]) for name, placed in groups.items() if placed]
