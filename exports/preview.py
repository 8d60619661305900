"""What an import would change, as sentences a facilitator reads before applying it."""

from __future__ import annotations

from personas.model import Persona
from personas.scale import STANCE_LABELS
from workshop.model import RANGES, TOUCH_MOMENTS, Idea, WorkshopSnapshot

_PERSONA_FIELDS = ("name", "quote", "description", "share", "evidence")
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
    old_personas = {p.key: p for p in before.personas}
    for persona in after.personas:
        if persona.key not in old_personas:
            changes.append(f"Persona {persona.name!r} is added.")
        else:
            changes += _persona_changes(old_personas[persona.key], persona, names)
    for key in old_personas.keys() - {p.key for p in after.personas}:
        changes.append(f"Persona {old_personas[key].name!r} is removed.")
    old_ideas = {i.key: i for i in before.ideas}
    for idea in after.ideas:
        if idea.key not in old_ideas:
            changes.append(f"Idea {idea.title!r} is added.")
        else:
            changes += _idea_changes(old_ideas[idea.key], idea, names)
    for key in old_ideas.keys() - {i.key for i in after.ideas}:
        changes.append(f"Idea {old_ideas[key].title!r} is removed.")
    if len(before.votes) != len(after.votes) or len(before.ratings) != len(after.ratings):
        changes.append(
            f"Votes go from {len(before.votes)} to {len(after.votes)} and team ratings "
            f"from {len(before.ratings)} to {len(after.ratings)}."
        )
    return changes


def _in_order(keys: set[str], names: dict[str, str]) -> list[str]:
    order = {k: n for n, k in enumerate(names)}
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))


def _persona_changes(old: Persona, new: Persona, names: dict[str, str]) -> list[str]:
    changes = []
    for field in _PERSONA_FIELDS:
        if getattr(old, field) != getattr(new, field):
            changes.append(f"{old.name}: {field} becomes {_short(getattr(new, field))}.")
    for key in _in_order(old.stances.keys() | new.stances.keys(), names):
        was, now = old.stance(key), new.stance(key)
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
    for key in _in_order(old.effects.keys() | new.effects.keys(), names):
        was, now = old.effects.get(key, 0), new.effects.get(key, 0)
        if was != now:
            changes.append(
                f"Idea {new.title!r}: effect on {names.get(key, key)} goes from {was:+d} to {now:+d}."
            )
    return changes
