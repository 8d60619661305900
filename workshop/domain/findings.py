"""What the idea × persona map says, as sentences a facilitator can read aloud."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from personas.model import Attribute, Persona
from workshop.domain.fit import ALIENATES, DELIGHTS, HELPS, fit, label, moved
from workshop.domain.judgement import signed_points
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, PromiseRating
from workshop.domain.promise import AGAINST_PROMISE, OFF_PROMISE, promise_medians

POLARISING, UNSERVED_PERSONA, SERVES_NOBODY, RANGE_GAP, TOUCH_GAP = (
    "polarising",
    "unserved_persona",
    "serves_nobody",
    "range_gap",
    "touch_gap",
)
AGAINST_PROMISE_IDEA, OFF_PROMISE_FAVOURITE = "against_promise", "off_promise_favourite"

# Said after a gap so the room hears what kind of idea is missing, not only its name.
_RANGE_HINTS = {
    "incremental": "small, steady improvements to how customers are served",
    "landmark": "a clear step up in how the experience is delivered",
    "breakthrough": "a new kind of solution",
    "disruptive": "a change to the business or delivery model itself",
}
_TOUCH_HINTS = {
    "pre": "before someone is a customer",
    "first": "the first real contact",
    "core": "everyday business with us",
    "last": "how an interaction or purchase ends",
    "in": "staying in touch afterwards",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    sentence: str
    idea_keys: tuple[str, ...] = ()
    persona_keys: tuple[str, ...] = ()


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _labels(idea: Idea, personas: Sequence[Persona], keys: list[str]) -> dict[str, list[Persona]]:
    by_label: dict[str, list[Persona]] = {}
    for persona in personas:
        by_label.setdefault(label(fit(idea, persona, keys)), []).append(persona)
    return by_label


def polarising_ideas(
    ideas: Sequence[Idea], personas: Sequence[Persona], attribute_keys: Iterable[str]
) -> list[Finding]:
    """Ideas that delight at least one persona and alienate at least one other."""
    keys = list(attribute_keys)
    found = []
    for idea in ideas:
        by_label = _labels(idea, personas, keys)
        fans, foes = by_label.get(DELIGHTS, []), by_label.get(ALIENATES, [])
        if fans and foes:
            sentence = (
                f"“{idea.title}” delights {_names([p.name for p in fans])} "
                f"but alienates {_names([p.name for p in foes])}. Who is it really for?"
            )
            found.append(Finding(POLARISING, sentence, (idea.key,), tuple(p.key for p in fans + foes)))
    return found


def unserved_personas(
    ideas: Sequence[Idea], personas: Sequence[Persona], attribute_keys: Iterable[str]
) -> list[Finding]:
    """Personas no idea delights, naming the idea that comes closest when one at least helps."""
    keys = list(attribute_keys)
    if not ideas:
        return []  # with no ideas yet, every persona is unserved and saying so adds nothing
    found = []
    for persona in personas:
        best = max(ideas, key=lambda i: fit(i, persona, keys))
        best_label = label(fit(best, persona, keys))
        if best_label == DELIGHTS:
            continue
        if best_label == HELPS:
            sentence = (
                f"No idea delights {persona.name} yet; the closest is “{best.title}”, which only helps."
            )
            idea_keys: tuple[str, ...] = (best.key,)
        else:
            sentence = f"No idea delights or even helps {persona.name} yet."
            idea_keys = ()
        found.append(Finding(UNSERVED_PERSONA, sentence, idea_keys, (persona.key,)))
    return found


def ideas_serving_nobody(
    ideas: Sequence[Idea], personas: Sequence[Persona], attribute_keys: Iterable[str]
) -> list[Finding]:
    """Ideas that neither help nor delight any persona."""
    keys = list(attribute_keys)
    if not personas:
        return []
    found = []
    for idea in ideas:
        by_label = _labels(idea, personas, keys)
        if by_label.get(DELIGHTS) or by_label.get(HELPS):
            continue
        if not moved(idea, keys):
            sentence = f"“{idea.title}” does not say yet what it changes, so it helps no persona on the map."
        else:
            sentence = f"“{idea.title}” helps none of the personas. Drop it, or change what it does?"
        found.append(Finding(SERVES_NOBODY, sentence, (idea.key,)))
    return found


def promise_findings(
    ideas: Sequence[Idea],
    personas: Sequence[Persona],
    attribute_keys: Iterable[str],
    promise_ratings: Iterable[PromiseRating],
) -> list[Finding]:
    """Ideas the team judges against the promise, and favourites of some persona that are off-promise.

    Each idea is named once. One that delights a persona while the team's median against the
    promise is 0 or below is an off-promise favourite (its sentence says so when it works against
    the promise); one that delights nobody is named only when its median is -1 or below.
    Ideas nobody judged against the promise are not named here.
    """
    keys = list(attribute_keys)
    medians = promise_medians(promise_ratings)
    found = []
    for idea in ideas:
        median = medians.get(idea.key)
        if median is None or median > OFF_PROMISE:
            continue
        fans = _labels(idea, personas, keys).get(DELIGHTS, [])
        said = f"team median {signed_points(median)}"
        if fans:
            who = _names([p.name for p in fans])
            if median <= AGAINST_PROMISE:
                sentence = f"“{idea.title}” delights {who} but works against the promise ({said}). Loved, but is it us?"
            else:
                sentence = f"“{idea.title}” delights {who}, yet the team sees little of the promise in it ({said}). Can it be made ours?"
            found.append(Finding(OFF_PROMISE_FAVOURITE, sentence, (idea.key,), tuple(p.key for p in fans)))
        elif median <= AGAINST_PROMISE:
            sentence = f"“{idea.title}” works against the promise ({said}). Change it or let it go?"
            found.append(Finding(AGAINST_PROMISE_IDEA, sentence, (idea.key,)))
    return found


def portfolio_grid(ideas: Iterable[Idea]) -> dict[tuple[str, str], int]:
    """Number of ideas for every (range, touch moment) pair, zeros included."""
    grid = {(r, t): 0 for r in RANGES for t in TOUCH_MOMENTS}
    for idea in ideas:
        if (idea.range, idea.touch) in grid:
            grid[(idea.range, idea.touch)] += 1
    return grid


def portfolio_gaps(ideas: Sequence[Idea]) -> list[Finding]:
    """Ranges of value and touch moments that no idea covers yet (nothing while there are no ideas)."""
    if not ideas:
        return []
    ranges = {i.range for i in ideas}
    touches = {i.touch for i in ideas}
    found = [
        Finding(RANGE_GAP, f"There is no {name.lower()} idea yet: {_RANGE_HINTS[key]}.")
        for key, name in RANGES.items()
        if key not in ranges
    ]
    found += [
        Finding(TOUCH_GAP, f"No idea lands at the {name.lower()} moment yet: {_TOUCH_HINTS[key]}.")
        for key, name in TOUCH_MOMENTS.items()
        if key not in touches
    ]
    return found


def all_findings(
    attributes: Sequence[Attribute],
    personas: Sequence[Persona],
    ideas: Sequence[Idea],
    promise_ratings: Iterable[PromiseRating] = (),
) -> list[Finding]:
    """Every finding, the splits between personas and with the promise first: they are worth most."""
    keys = [a.key for a in attributes]
    return (
        polarising_ideas(ideas, personas, keys)
        + promise_findings(ideas, personas, keys, promise_ratings)
        + unserved_personas(ideas, personas, keys)
        + ideas_serving_nobody(ideas, personas, keys)
        + portfolio_gaps(ideas)
    )
