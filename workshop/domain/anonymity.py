"""Stand-in names for anonymous steps: people stay distinguishable without being named."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def aliases(workshop_id: str, names: Iterable[str]) -> dict[str, str]:
    """Each distinct name gets "Participant N"; the numbering follows a hash keyed by the
    workshop, so it reveals neither join order nor alphabetical order."""

    def order(name: str) -> str:
        return hashlib.sha256(f"{workshop_id}\0{name}".encode()).hexdigest()

    distinct = sorted({n for n in names if n}, key=order)
    return {name: f"Participant {n}" for n, name in enumerate(distinct, 1)}
