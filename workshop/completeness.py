"""What the method expects before the room moves on, and is missing, in plain words."""

from __future__ import annotations

from collections.abc import Sequence

from personas.distinctness import near_duplicates
from personas.model import Attribute, Persona
from personas.rules import MIN_PERSONAS, shortfall_message
from workshop.findings import portfolio_gaps
from workshop.model import Idea, PromiseRating, Rating
from workshop.phases import PHASE_KEYS


def missing(
    leaving: str,
    attributes: Sequence[Attribute],
    personas: Sequence[Persona],
    ideas: Sequence[Idea],
    ratings: Sequence[Rating],
    promise: str = "",
    promise_ratings: Sequence[PromiseRating] = (),
) -> list[str]:
    """Sentences about what is missing when the room leaves step `leaving` (forward only)."""
    keys = [a.key for a in attributes]
    names = {a.key: a.name for a in attributes}
    order = PHASE_KEYS.index(leaving)
    found: list[str] = []
    if order >= PHASE_KEYS.index("personas") and len(personas) < MIN_PERSONAS:
        found.append(shortfall_message(len(personas)) or "")
    if order >= PHASE_KEYS.index("love_hate"):
        for p in personas:
            if all(p.stance(k).score == 0 for k in keys):
                found.append(f"{p.name} neither loves nor hates anything yet.")
        for pair in near_duplicates(personas, keys):
            differ = ", ".join(names.get(k, k) for k, _a, _b in pair.differing) or "nothing"
            found.append(
                f"{pair.a_name} and {pair.b_name} love and hate nearly the same things (they differ on {differ})."
            )
    if order >= PHASE_KEYS.index("ideas"):
        if not ideas:
            found.append("There are no ideas yet.")
        for idea in ideas:
            if not any(idea.effects.get(k, 0) for k in keys):
                found.append(f"The idea “{idea.title}” moves no attribute, so it cannot be mapped.")
        found.extend(f.sentence for f in portfolio_gaps(ideas))
    if order >= PHASE_KEYS.index("map"):
        judged = {(r.idea, r.persona) for r in ratings if not r.as_persona}
        for idea in ideas:
            unjudged = [p.name for p in personas if (idea.key, p.key) not in judged]
            if unjudged:
                found.append(f"Nobody has judged “{idea.title}” for {', '.join(unjudged)}.")
        if promise.strip():
            against = {r.idea for r in promise_ratings}
            titles = [f"“{i.title}”" for i in ideas if i.key not in against]
            if len(titles) == 1:
                found.append(f"Nobody has judged {titles[0]} against the promise.")
            elif titles:
                listed = f"{', '.join(titles[:-1])} and {titles[-1]}"
                found.append(f"Nobody has judged {len(titles)} ideas against the promise: {listed}.")
    return found
