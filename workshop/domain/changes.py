"""What changed between two snapshots of a workshop, in sentences a facilitator can read out.

`paired` and `stance_moves` find what changed; they also serve the import preview in exports/, which
says the same changes as what an upload would do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from personas.model import Persona, Stance
from personas.scale import STANCE_LABELS
from workshop.domain.fit import fit
from workshop.domain.judgement import signed_points
from workshop.domain.model import WorkshopSnapshot
from workshop.domain.promise import promise_medians
from workshop.domain.voting import totals


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=Keyed)


@dataclass(frozen=True)
class Paired(Generic[K]):
    """Records of two snapshots matched by key."""

    added: tuple[K, ...]  # in the new snapshot's order
    removed: tuple[K, ...]  # in the old snapshot's order
    kept: tuple[tuple[K, K], ...]  # (before, after), in the new snapshot's order


def paired(old: Sequence[K], new: Sequence[K]) -> Paired[K]:
    before = {r.key: r for r in old}
    after = {r.key for r in new}
    return Paired(
        added=tuple(r for r in new if r.key not in before),
        removed=tuple(r for r in old if r.key not in after),
        kept=tuple((before[r.key], r) for r in new if r.key in before),
    )


@dataclass(frozen=True)
class StanceMove:
    attribute: str
    before: Stance
    after: Stance


def stance_moves(
    before: Persona, after: Persona, order: Callable[[str], str | tuple[int, str]]
) -> list[StanceMove]:
    """The attributes whose stance (score or note) differs, sorted by `order`."""
    moves = []
    for attribute in sorted(before.stances.keys() | after.stances.keys(), key=order):
        was, now = before.stance(attribute), after.stance(attribute)
        if was != now:
            moves.append(StanceMove(attribute, was, now))
    return moves


def changes_since(old: WorkshopSnapshot, new: WorkshopSnapshot) -> list[str]:
    found: list[str] = []
    names = {a.key: a.name for a in (*old.attributes, *new.attributes)}
    personas = paired(old.personas, new.personas)
    found += [f"Persona added: {p.name}." for p in personas.added]
    found += [f"Persona removed or merged: {p.name}." for p in personas.removed]
    for before, after in personas.kept:
        if before.name != after.name:
            found.append(f"Persona {before.name} is now called {after.name}.")
        for move in stance_moves(before, after, order=lambda k: names.get(k, k)):
            a, b = move.before.score, move.after.score
            if a != b:
                found.append(
                    f"{after.name} on {names.get(move.attribute, move.attribute)}: "
                    f"{STANCE_LABELS[a]} → {STANCE_LABELS[b]}."
                )
    found.extend(_idea_changes(old, new))
    found.extend(_decision_changes(old, new))
    return found


def _decision_changes(old: WorkshopSnapshot, new: WorkshopSnapshot) -> list[str]:
    """The promise medians that moved, and what the decision took in or let go."""
    found: list[str] = []
    titles = {i.key: i.title for i in (*old.ideas, *new.ideas)}
    before, after = promise_medians(old.promise_ratings), promise_medians(new.promise_ratings)
    for key in sorted(before.keys() | after.keys(), key=lambda k: titles.get(k, k)):
        a, b = before.get(key), after.get(key)
        if a != b and key in {i.key for i in new.ideas}:
            found.append(f"Promise median of “{titles.get(key, key)}”: {_median(a)} → {_median(b)}.")
    chosen_before, chosen_after = set(old.decision.idea_keys), set(new.decision.idea_keys)
    for key in [k for k in new.decision.idea_keys if k not in chosen_before]:
        found.append(f"Chosen for the decision: {titles.get(key, key)}.")
    for key in [k for k in old.decision.idea_keys if k not in chosen_after]:
        found.append(f"No longer chosen: {titles.get(key, key)}.")
    return found


def _idea_changes(old: WorkshopSnapshot, new: WorkshopSnapshot) -> list[str]:
    found: list[str] = []
    ideas = paired(old.ideas, new.ideas)
    found += [f"Idea added: {i.title}." for i in ideas.added]
    found += [f"Idea removed: {i.title}." for i in ideas.removed]
    old_i = {i.key: i for i in old.ideas}
    new_i = {i.key: i for i in new.ideas}
    old_keys = [a.key for a in old.attributes]
    new_keys = [a.key for a in new.attributes]
    old_votes, new_votes = totals(old.votes), totals(new.votes)
    common_personas = {p.key for p in old.personas} & {p.key for p in new.personas}
    for key in sorted(old_i.keys() & new_i.keys(), key=lambda k: new_i[k].title):
        moved = []
        for pk in sorted(common_personas):
            po = next(p for p in old.personas if p.key == pk)
            pn = next(p for p in new.personas if p.key == pk)
            a, b = fit(old_i[key], po, old_keys), fit(new_i[key], pn, new_keys)
            if abs(a - b) >= 0.005:
                moved.append(f"{pn.name} {a:+.2f} → {b:+.2f}")
        if moved:
            found.append(f"Fit of “{new_i[key].title}” changed: {'; '.join(moved)}.")
        if old_votes.get(key, 0) != new_votes.get(key, 0):
            found.append(
                f"Votes for “{new_i[key].title}”: {old_votes.get(key, 0)} → {new_votes.get(key, 0)}."
            )
    return found


def _median(value: float | None) -> str:
    return "not judged" if value is None else signed_points(value)
