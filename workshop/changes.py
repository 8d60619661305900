"""What changed between two snapshots of a workshop, in sentences a facilitator can read out."""

from __future__ import annotations

from personas.scale import STANCE_LABELS
from workshop.fit import fit
from workshop.model import WorkshopSnapshot
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
