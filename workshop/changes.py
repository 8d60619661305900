"""What changed between two snapshots of a workshop, in sentences a facilitator can read out."""

from __future__ import annotations

from personas.scale import STANCE_LABELS
from workshop.fit import fit
from workshop.judgement import signed_points
from workshop.model import WorkshopSnapshot
from workshop.promise import promise_medians
from workshop.voting import totals


def changes_since(old: WorkshopSnapshot, new: WorkshopSnapshot) -> list[str]:
    found: list[str] = []
    names = {a.key: a.name for a in (*old.attributes, *new.attributes)}
    old_p = {p.key: p for p in old.personas}
    new_p = {p.key: p for p in new.personas}
    for key in new_p.keys() - old_p.keys():
        found.append(f"Persona added: {new_p[key].name}.")
    for key in old_p.keys() - new_p.keys():
        found.append(f"Persona removed or merged: {old_p[key].name}.")
    for key in old_p.keys() & new_p.keys():
        before, after = old_p[key], new_p[key]
        if before.name != after.name:
            found.append(f"Persona {before.name} is now called {after.name}.")
        for attribute in sorted(set(before.stances) | set(after.stances), key=lambda k: names.get(k, k)):
            a, b = before.stance(attribute).score, after.stance(attribute).score
            if a != b:
                found.append(
                    f"{after.name} on {names.get(attribute, attribute)}: {STANCE_LABELS[a]} → {STANCE_LABELS[b]}."
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
    old_i = {i.key: i for i in old.ideas}
    new_i = {i.key: i for i in new.ideas}
    for key in new_i.keys() - old_i.keys():
        found.append(f"Idea added: {new_i[key].title}.")
    for key in old_i.keys() - new_i.keys():
        found.append(f"Idea removed: {old_i[key].title}.")
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
