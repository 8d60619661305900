"""The fit contract: how well an idea serves a persona, from the persona's loves and hates.

score(idea, persona) = sum over attributes of effect(idea, a) * stance(persona, a)
fit = score / (4 * number of attributes the idea moves), in [-1, 1]; 0 if it moves none.
Only attributes that still exist in the workshop count, so removing an attribute
removes its part of every fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from personas.model import Persona
from workshop.domain.model import Idea

DELIGHTS, HELPS, NEUTRAL, ANNOYS, ALIENATES = "delights", "helps", "neutral", "annoys", "alienates"
LABELS = (ALIENATES, ANNOYS, NEUTRAL, HELPS, DELIGHTS)


@dataclass(frozen=True)
class Contribution:
    attribute: str  # attribute key
    effect: int
    stance: int

    @property
    def points(self) -> int:
        return self.effect * self.stance


def moved(idea: Idea, attribute_keys: Iterable[str]) -> list[str]:
    """Keys of the workshop's attributes this idea moves, in workshop order."""
    return [k for k in attribute_keys if idea.effects.get(k, 0) != 0]


def contributions(idea: Idea, persona: Persona, attribute_keys: Iterable[str]) -> list[Contribution]:
    return [Contribution(k, idea.effects[k], persona.stance(k).score) for k in moved(idea, attribute_keys)]


def score(idea: Idea, persona: Persona, attribute_keys: Iterable[str]) -> int:
    return sum(c.points for c in contributions(idea, persona, attribute_keys))


def fit(idea: Idea, persona: Persona, attribute_keys: Iterable[str]) -> float:
    # score() / (4 × moved) in one pass: exports and findings call this thousands of times.
    total = n = 0
    for key in attribute_keys:
        effect = idea.effects.get(key, 0)
        if effect:
            n += 1
            total += effect * persona.stance(key).score
    return total / (4 * n) if n else 0.0


def label(fit_value: float) -> str:
    if fit_value >= 0.5:
        return DELIGHTS
    if fit_value > 0:
        return HELPS
    if fit_value == 0:
        return NEUTRAL
    if fit_value > -0.5:
        return ANNOYS
    return ALIENATES


def reach(idea: Idea, personas: Iterable[Persona], attribute_keys: Iterable[str]) -> float:
    """Sum of the shares (%) of the personas this idea delights or helps."""
    keys = list(attribute_keys)
    return sum(p.share or 0.0 for p in personas if label(fit(idea, p, keys)) in (DELIGHTS, HELPS))
