"""The decision the room takes home, summarised: what the chosen ideas do for each persona and the promise.

Pure: the Wrap-up page, the projector, the workbook's Decision sheet and a printed report all
read the same `DecisionSummary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from personas.model import Attribute, Persona
from workshop.domain.fit import DELIGHTS, HELPS, fit, label
from workshop.domain.judgement import signed_points
from workshop.domain.model import RANGES, TOUCH_MOMENTS, ChosenIdea, Decision, Idea, PromiseRating, Vote
from workshop.domain.promise import AGAINST_PROMISE, OFF_PROMISE, promise_counts, promise_medians
from workshop.domain.voting import RankedIdea, ranking, totals

# Until the facilitator marks the decision, the ideas ranked in the first three places stand in
# (only ideas with at least one vote; ranks tied on votes are split by mean fit).
TOP_VOTED = 3


@dataclass(frozen=True)
class ChosenOutcome:
    """One chosen idea: its fit label for each persona (in the summary's persona order) and its promise."""

    idea: Idea
    labels: tuple[str, ...]
    fits: tuple[float, ...]  # [-1, 1], same order as labels
    promise: float | None  # the team's median against the promise, -2..2; None when nobody judged
    promise_judgements: int
    votes: int
    next_step: str = ""
    owner: str = ""


@dataclass(frozen=True)
class PersonaOutcome:
    persona: Persona
    best: Idea | None  # the chosen idea that fits this persona best; None when nothing is chosen
    best_label: str  # its fit label, "" when nothing is chosen
    warning: str = ""  # said when no chosen idea delights or helps this persona


@dataclass(frozen=True)
class GridCell:
    range: str  # key of the range of value
    touch: str  # key of the touch moment
    titles: tuple[str, ...]  # chosen ideas in this cell, in decision order

    @property
    def name(self) -> str:
        return f"{RANGES[self.range]} × {TOUCH_MOMENTS[self.touch]}"


@dataclass(frozen=True)
class DecisionSummary:
    chosen: tuple[ChosenOutcome, ...]
    personas: tuple[PersonaOutcome, ...]
    grid: tuple[GridCell, ...]  # every range of value × touch moment, in the method's order
    reach: float  # % of customers (sum of shares) that at least one chosen idea delights or helps
    shares_known: bool  # False when no persona has a share, so reach says nothing
    marked: bool  # False: the facilitator has not marked a decision; the top-voted ideas stand in
    warnings: tuple[str, ...]  # personas no chosen idea serves; chosen ideas off the promise
    gaps: tuple[str, ...]  # ranges of value and touch moments no chosen idea covers

    @property
    def empty_cells(self) -> tuple[GridCell, ...]:
        return tuple(c for c in self.grid if not c.titles)

    @property
    def reached(self) -> tuple[Persona, ...]:
        return tuple(o.persona for o in self.personas if o.best_label in (DELIGHTS, HELPS))


def proposed_choice(ranked: Sequence[RankedIdea]) -> tuple[str, ...]:
    """The top-voted ideas, in rank order: what the decision starts from."""
    return tuple(r.idea.key for r in ranked if r.votes > 0 and r.rank <= TOP_VOTED)


def chosen_entries(
    decision: Decision,
    ideas: Sequence[Idea],
    votes: Iterable[Vote],
    personas: Sequence[Persona],
    attribute_keys: Iterable[str],
) -> tuple[ChosenIdea, ...]:
    """The marked decision's entries, or the top-voted ideas while none is marked."""
    if decision.marked:
        return decision.chosen
    ranked = ranking(ideas, votes, personas, attribute_keys)
    return tuple(ChosenIdea(key) for key in proposed_choice(ranked))


def summarise_decision(
    decision: Decision,
    ideas: Sequence[Idea],
    personas: Sequence[Persona],
    attributes: Sequence[Attribute],
    votes: Iterable[Vote] = (),
    promise_ratings: Iterable[PromiseRating] = (),
) -> DecisionSummary:
    keys = [a.key for a in attributes]
    counted = list(votes)
    by_key = {i.key: i for i in ideas}
    entries = [e for e in chosen_entries(decision, ideas, counted, personas, keys) if e.idea in by_key]
    judged = list(promise_ratings)
    medians, counts, vote_totals = promise_medians(judged), promise_counts(judged), totals(counted)
    chosen = []
    for entry in entries:
        idea = by_key[entry.idea]
        fits = tuple(fit(idea, p, keys) for p in personas)
        chosen.append(
            ChosenOutcome(
                idea=idea,
                labels=tuple(label(f) for f in fits),
                fits=fits,
                promise=medians.get(idea.key),
                promise_judgements=counts.get(idea.key, 0),
                votes=vote_totals.get(idea.key, 0),
                next_step=entry.next_step,
                owner=entry.owner,
            )
        )
    outcomes = tuple(_persona_outcome(n, p, chosen) for n, p in enumerate(personas))
    reached = [o.persona for o in outcomes if o.best_label in (DELIGHTS, HELPS)]
    warnings = [o.warning for o in outcomes if o.warning] + _promise_warnings(chosen)
    if not chosen:
        warnings = ["No idea is chosen yet."]
    grid = tuple(
        GridCell(r, t, tuple(c.idea.title for c in chosen if (c.idea.range, c.idea.touch) == (r, t)))
        for r in RANGES
        for t in TOUCH_MOMENTS
    )
    return DecisionSummary(
        chosen=tuple(chosen),
        personas=outcomes,
        grid=grid,
        reach=sum(p.share or 0.0 for p in reached),
        shares_known=any(p.share is not None for p in personas),
        marked=decision.marked,
        warnings=tuple(warnings),
        gaps=tuple(_gaps([c.idea for c in chosen])),
    )


def _persona_outcome(index: int, persona: Persona, chosen: Sequence[ChosenOutcome]) -> PersonaOutcome:
    if not chosen:
        return PersonaOutcome(persona, None, "")
    # The first chosen idea wins a tie: the decision's own order says what matters most.
    best = max(chosen, key=lambda c: (c.fits[index], -chosen.index(c)))
    best_label = best.labels[index]
    if best_label in (DELIGHTS, HELPS):
        return PersonaOutcome(persona, best.idea, best_label)
    warning = (
        f"No chosen idea delights or helps {persona.name}: "
        f"the closest, “{best.idea.title}”, is {best_label} for them."
        if best_label == "neutral"
        else f"No chosen idea delights or helps {persona.name}: even the closest, “{best.idea.title}”, "
        f"{best_label} them."
    )
    return PersonaOutcome(persona, best.idea, best_label, warning)


def _promise_warnings(chosen: Sequence[ChosenOutcome]) -> list[str]:
    found = []
    for c in chosen:
        if c.promise is None:
            continue
        said = f"team median {signed_points(c.promise)}"
        if c.promise <= AGAINST_PROMISE:
            found.append(f"“{c.idea.title}” is chosen, but the team judges it against the promise ({said}).")
        elif c.promise <= OFF_PROMISE:
            found.append(
                f"“{c.idea.title}” is chosen, yet the team sees little of the promise in it ({said})."
            )
    return found


def _gaps(ideas: Sequence[Idea]) -> list[str]:
    if not ideas:
        return []
    ranges = [name.lower() for key, name in RANGES.items() if key not in {i.range for i in ideas}]
    touches = [name.lower() for key, name in TOUCH_MOMENTS.items() if key not in {i.touch for i in ideas}]
    found = []
    if ranges:
        found.append(f"No chosen idea is {_or(ranges)}.")
    if touches:
        found.append(f"No chosen idea lands at the {_or(touches)} moment.")
    return found


def _or(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
