"""What an import would change, as sentences a facilitator reads before applying it."""

from __future__ import annotations

from collections.abc import Callable

from personas.model import PERSONA_PROFILE, Persona
from personas.scale import STANCE_LABELS
from workshop.domain.changes import paired, stance_moves
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, WorkshopSnapshot

_IDEA_FIELDS = ("title", "description", "range", "touch", "author")


def _short(value: object) -> str:
    text = "nothing" if value in (None, "") else str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def preview_changes(before: WorkshopSnapshot, after: WorkshopSnapshot) -> list[str]:
    """One sentence per change; an empty list means the import changes nothing."""
    changes = []
    if before.title != after.title:
        changes.append(f"The workshop title becomes {_short(after.title)}.")
    if before.promise != after.promise:
        changes.append(f"The promise becomes {_short(after.promise)}.")
    names = {a.key: a.name for a in (*before.attributes, *after.attributes)}
    personas = paired(before.personas, after.personas)
    kept = {new.key: old for old, new in personas.kept}
    for persona in after.personas:
        if persona.key in kept:
            changes += _persona_changes(kept[persona.key], persona, names)
        else:
            changes.append(f"Persona {persona.name!r} is added.")
    changes += [f"Persona {p.name!r} is removed." for p in personas.removed]
    ideas = paired(before.ideas, after.ideas)
    kept_ideas = {new.key: old for old, new in ideas.kept}
    for idea in after.ideas:
        if idea.key in kept_ideas:
            changes += _idea_changes(kept_ideas[idea.key], idea, names)
        else:
            changes.append(f"Idea {idea.title!r} is added.")
    changes += [f"Idea {i.title!r} is removed." for i in ideas.removed]
    if len(before.votes) != len(after.votes) or len(before.ratings) != len(after.ratings):
        changes.append(
            f"Votes go from {len(before.votes)} to {len(after.votes)} and team ratings "
            f"from {len(before.ratings)} to {len(after.ratings)}."
        )
    return changes


def _in_order(names: dict[str, str]) -> Callable[[str], tuple[int, str]]:
    """Attributes in the workshop's order; any it does not know after them, by key."""
    order = {k: n for n, k in enumerate(names)}
    return lambda k: (order.get(k, len(order)), k)


def _persona_changes(old: Persona, new: Persona, names: dict[str, str]) -> list[str]:
    changes = []
    for field in PERSONA_PROFILE:
        if getattr(old, field) != getattr(new, field):
            changes.append(f"{old.name}: {field} becomes {_short(getattr(new, field))}.")
    for move in stance_moves(old, new, order=_in_order(names)):
        key, was, now = move.attribute, move.before, move.after
        if was.score != now.score:
            changes.append(
                f"{new.name}: {names.get(key, key)} goes from {STANCE_LABELS[was.score]} to {STANCE_LABELS[now.score]}."
            )
        if was.note != now.note:
            changes.append(f"{new.name}: the note on {names.get(key, key)} becomes {_short(now.note)}.")
    return changes


def _idea_changes(old: Idea, new: Idea, names: dict[str, str]) -> list[str]:
    changes = []
    labels = {"range": RANGES, "touch": TOUCH_MOMENTS}
    for field in _IDEA_FIELDS:
        was, now = getattr(old, field), getattr(new, field)
        if was != now:
            shown = labels[field][now] if field in labels else now
            changes.append(f"Idea {old.title!r}: {field} becomes {_short(shown)}.")
    for key in sorted(old.effects.keys() | new.effects.keys(), key=_in_order(names)):
        was, now = old.effects.get(key, 0), new.effects.get(key, 0)
        if was != now:
            changes.append(
                f"Idea {new.title!r}: effect on {names.get(key, key)} goes from {was:+d} to {now:+d}."
            )
    return changes
