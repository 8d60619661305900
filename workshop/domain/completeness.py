"""What the method expects before the room moves on, and is missing, in plain words."""

from __future__ import annotations

from collections.abc import Sequence

from personas.distinctness import near_duplicates
from personas.model import Attribute, Persona
from personas.rules import MIN_PERSONAS, shortfall_message
from workshop.domain.findings import RANGE_GAP, TOUCH_GAP, portfolio_gaps
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, PromiseRating, Rating
from workshop.domain.phases import PHASE_KEYS

# At most this many names in one sentence; the rest are counted. The list stays short in a sidebar.
NAMED = 3


def missing(
    leaving: str,
    attributes: Sequence[Attribute],
    personas: Sequence[Persona],
    ideas: Sequence[Idea],
    ratings: Sequence[Rating],
    promise: str = "",
    promise_ratings: Sequence[PromiseRating] = (),
) -> list[str]:
    """Sentences about what is missing when the room leaves step `leaving` (forward only).

    One sentence per kind of gap, naming a few of the personas or ideas concerned: at most eight
    sentences however large the workshop.
    """
    keys = [a.key for a in attributes]
    names = {a.key: a.name for a in attributes}
    order = PHASE_KEYS.index(leaving)
    found: list[str] = []
    if order >= PHASE_KEYS.index("personas") and len(personas) < MIN_PERSONAS:
        found.append(shortfall_message(len(personas)) or "")
    if order >= PHASE_KEYS.index("love_hate"):
        indifferent = [p.name for p in personas if all(p.stance(k).score == 0 for k in keys)]
        if len(indifferent) == 1:
            found.append(f"{indifferent[0]} neither loves nor hates anything yet.")
        elif indifferent:
            found.append(f"{listed(indifferent)} neither love nor hate anything yet.")
        pairs = [
            (f"{pair.a_name} and {pair.b_name}", ", ".join(names.get(k, k) for k, _a, _b in pair.differing))
            for pair in near_duplicates(personas, keys)
        ]
        if len(pairs) == 1:
            found.append(
                f"{pairs[0][0]} love and hate nearly the same things (they differ on {pairs[0][1] or 'nothing'})."
            )
        elif pairs:
            found.append(
                f"{len(pairs)} pairs of personas love and hate nearly the same things: "
                f"{listed([f'{both} (differ on {on or chr(0x2014)})' for both, on in pairs], joiner='; ')}."
            )
    if order >= PHASE_KEYS.index("ideas"):
        found.extend(_idea_gaps(ideas, keys))
    if order >= PHASE_KEYS.index("map"):
        judged = {(r.idea, r.persona) for r in ratings if not r.as_persona}
        unjudged = [i for i in ideas if any((i.key, p.key) not in judged for p in personas)]
        if len(unjudged) == 1:
            for_whom = [p.name for p in personas if (unjudged[0].key, p.key) not in judged]
            found.append(
                f"Nobody has judged “{unjudged[0].title}” for {listed(for_whom, limit=len(for_whom))}."
            )
        elif unjudged:
            found.append(
                f"The team has not judged {len(unjudged)} ideas for every persona yet: "
                f"{listed([f'“{i.title}”' for i in unjudged])}."
            )
        if promise.strip():
            against = {r.idea for r in promise_ratings}
            titles = [f"“{i.title}”" for i in ideas if i.key not in against]
            if len(titles) == 1:
                found.append(f"Nobody has judged {titles[0]} against the promise.")
            elif titles:
                found.append(f"Nobody has judged {len(titles)} ideas against the promise: {listed(titles)}.")
    return found


def _idea_gaps(ideas: Sequence[Idea], keys: Sequence[str]) -> list[str]:
    if not ideas:
        return ["There are no ideas yet."]
    found = []
    still = [i for i in ideas if not any(i.effects.get(k, 0) for k in keys)]
    if len(still) == 1:
        found.append(f"The idea “{still[0].title}” moves no attribute, so it cannot be mapped.")
    elif still:
        found.append(
            f"{len(still)} ideas move no attribute, so they cannot be mapped: {listed([f'“{i.title}”' for i in still])}."
        )
    gaps = portfolio_gaps(ideas)
    for kind, sentence in ((RANGE_GAP, _ranges_missing), (TOUCH_GAP, _touches_missing)):
        of_kind = [g for g in gaps if g.kind == kind]
        if len(of_kind) == 1:
            found.append(of_kind[0].sentence)  # with its hint of what such an idea would be
        elif of_kind:
            found.append(sentence(ideas))
    return found


def _ranges_missing(ideas: Sequence[Idea]) -> str:
    have = {i.range for i in ideas}
    absent = [name.lower() for key, name in RANGES.items() if key not in have]
    return f"No idea is {listed(absent, last=' or ', limit=len(absent))} in its range of value yet."


def _touches_missing(ideas: Sequence[Idea]) -> str:
    have = {i.touch for i in ideas}
    absent = [name.lower() for key, name in TOUCH_MOMENTS.items() if key not in have]
    return f"No idea lands at the {listed(absent, last=' or ', limit=len(absent))} moment yet."


def listed(items: Sequence[str], *, joiner: str = ", ", last: str = " and ", limit: int = NAMED) -> str:
    """'A, B and C'; beyond `limit` items, 'A, B, C and 4 more'."""
    shown = list(items[:limit])
    rest = len(items) - len(shown)
    if rest:
        return f"{joiner.join(shown)} and {rest} more"
    if len(shown) == 1:
        return shown[0]
    return f"{joiner.join(shown[:-1])}{last}{shown[-1]}"
