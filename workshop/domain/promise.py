"""Ideas judged against the workshop's promise: the scale's words and the team's median per idea."""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from workshop.domain.model import PromiseRating

# The same -2..+2 scale as persona judgements, read against the promise instead of a persona.
PROMISE_WORDS: dict[int, str] = {
    -2: "works against it",
    -1: "pulls away from it",
    0: "unrelated",
    1: "fits it",
    2: "embodies it",
}
PROMISE_HELP = "−2 works against the promise, 0 has nothing to do with it, +2 embodies it."

# A team median at or below this works against the promise; at or below OFF_PROMISE the
# team sees nothing of the promise in the idea.
AGAINST_PROMISE = -1.0
OFF_PROMISE = 0.0


def promise_medians(ratings: Iterable[PromiseRating]) -> dict[str, float]:
    """Idea key -> the team's median judgement against the promise; ideas nobody judged are absent."""
    scores: dict[str, list[int]] = {}
    for rating in ratings:
        scores.setdefault(rating.idea, []).append(rating.score)
    return {idea: float(statistics.median(values)) for idea, values in scores.items()}


def promise_median(ratings: Iterable[PromiseRating], idea_key: str) -> float | None:
    return promise_medians(r for r in ratings if r.idea == idea_key).get(idea_key)


def promise_counts(ratings: Iterable[PromiseRating]) -> dict[str, int]:
    """Idea key -> how many people judged it against the promise."""
    counted: dict[str, int] = {}
    for rating in ratings:
        counted[rating.idea] = counted.get(rating.idea, 0) + 1
    return counted


def promise_word(median: float | None) -> str:
    """The scale's word nearest to a median (ties towards the promise), or "not judged"."""
    if median is None:
        return "not judged"
    nearest = min(PROMISE_WORDS, key=lambda score: (abs(score - median), -score))
    return PROMISE_WORDS[nearest]
