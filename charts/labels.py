"""Labels a chart can place marks by: one per row or column, even where two names are the same."""

from __future__ import annotations

from collections.abc import Sequence


def unique_labels(labels: Sequence[str]) -> list[str]:
    """The labels in order, a repeat numbered: ["Ana", "Ana"] -> ["Ana", "Ana (2)"].

    Charts place marks by label, so two personas, attributes or ideas with one name would fall
    on one row.
    """
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique
