"""The idea × persona map as plain data: one cell per pair, with the fit explained."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from personas.model import Attribute, Persona
from personas.scale import STANCE_LABELS
from workshop.domain.errors import InvalidInput
from workshop.domain.fit import contributions, fit, label
from workshop.domain.judgement import is_disagreement, team_median
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, PromiseRating, Rating, Vote
from workshop.domain.promise import promise_medians
from workshop.domain.voting import totals


@dataclass(frozen=True)
class Cell:
    idea: Idea
    persona: Persona
    fit: float  # [-1, 1]
    label: str  # delights .. alienates
    team: float | None  # median of the team's own ratings, -2..2
    explanation: str
    up: tuple[str, ...] = ()  # names of attributes that raised the score
    down: tuple[str, ...] = ()  # names of attributes that lowered it
    disagrees: bool = False  # team and arithmetic a whole step apart (see judgement)


def signed(number: int) -> str:
    """+2, −2, 0, with a true minus sign so it reads well on a projector."""
    return f"{number:+d}".replace("-", "−") if number else "0"


def explain(
    idea: Idea, persona: Persona, attributes: Sequence[Attribute]
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The arithmetic behind a fit as text, and the attribute names that pushed it up and down."""
    names = {a.key: a.name for a in attributes}
    parts = contributions(idea, persona, names)
    if not parts:
        return "This idea does not change any attribute yet, so it is neutral for everyone.", (), ()
    terms = "; ".join(
        f"{names[c.attribute]} {signed(c.effect)} × {STANCE_LABELS[c.stance]} {signed(c.stance)} = {signed(c.points)}"
        for c in parts
    )
    up = tuple(names[c.attribute] for c in parts if c.points > 0)
    down = tuple(names[c.attribute] for c in parts if c.points < 0)
    total = sum(c.points for c in parts)
    text = f"{terms}. Total {signed(total)} of a possible ±{4 * len(parts)}."
    if up:
        text += f" Up: {', '.join(up)}."
    if down:
        text += f" Down: {', '.join(down)}."
    return text, up, down


def fit_matrix(
    ideas: Sequence[Idea],
    personas: Sequence[Persona],
    attributes: Sequence[Attribute],
    ratings: Iterable[Rating] = (),
) -> list[Cell]:
    """Every idea against every persona, ideas outer and personas inner, in the order given."""
    keys = [a.key for a in attributes]
    # Grouped once: scanning every rating for every cell is the slow part of a large map.
    by_cell: dict[tuple[str, str], list[Rating]] = {}
    for rating in ratings:
        by_cell.setdefault((rating.idea, rating.persona), []).append(rating)
    cells = []
    for idea in ideas:
        for persona in personas:
            value = fit(idea, persona, keys)
            team = team_median(by_cell.get((idea.key, persona.key), ()), idea.key, persona.key)
            text, up, down = explain(idea, persona, attributes)
            cells.append(
                Cell(idea, persona, value, label(value), team, text, up, down, is_disagreement(value, team))
            )
    return cells


def sort_ideas(
    ideas: Sequence[Idea],
    by: str = "fit",
    *,
    personas: Sequence[Persona] = (),
    attributes: Sequence[Attribute] = (),
    votes: Iterable[Vote] = (),
    promise_ratings: Iterable[PromiseRating] = (),
) -> list[Idea]:
    """Ideas by mean fit (best first), by votes (most first), by the team's median against the promise
    (highest first, unjudged last) or by range then touch moment; title breaks ties."""
    keys = [a.key for a in attributes]
    if by == "fit":

        def mean(i: Idea) -> float:
            return sum(fit(i, p, keys) for p in personas) / len(personas) if personas else 0.0

        return sorted(ideas, key=lambda i: (-mean(i), i.title.casefold()))
    if by == "votes":
        counted = totals(votes)
        return sorted(ideas, key=lambda i: (-counted.get(i.key, 0), i.title.casefold()))
    if by == "promise":
        medians = promise_medians(promise_ratings)
        return sorted(
            ideas, key=lambda i: (i.key not in medians, -medians.get(i.key, 0.0), i.title.casefold())
        )
    if by == "range":
        ranges, touches = list(RANGES), list(TOUCH_MOMENTS)

        def place(i: Idea) -> tuple[int, int, str]:
            # Unknown values (from an old import) go last rather than failing the whole map.
            r = ranges.index(i.range) if i.range in ranges else len(ranges)
            t = touches.index(i.touch) if i.touch in touches else len(touches)
            return r, t, i.title.casefold()

        return sorted(ideas, key=place)
    raise InvalidInput(f"Ideas can be sorted by fit, votes, promise or range, not {by!r}.", "sort")


def sort_personas(personas: Sequence[Persona], by: str = "share") -> list[Persona]:
    """Personas by share of customers (largest first, unknown last) or by name."""
    if by == "share":
        return sorted(personas, key=lambda p: (p.share is None, -(p.share or 0.0), p.name.casefold()))
    if by == "name":
        return sorted(personas, key=lambda p: p.name.casefold())
    raise InvalidInput(f"Personas can be sorted by share or name, not {by!r}.", "sort")
