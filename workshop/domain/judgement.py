"""The team's own judgement of ideas per persona, and where it parts from the love/hate arithmetic."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from personas.model import Persona
from workshop.domain.fit import fit
from workshop.domain.model import Idea, Rating

# Two points on the -2..2 scale is a whole step such as "helps" against "annoys":
# large enough to be worth the room's time, small enough to catch real splits.
DISAGREEMENT_POINTS = 2.0


def _median(ratings: Iterable[Rating], idea_key: str, persona_key: str, as_persona: bool) -> float | None:
    scores = [
        r.score
        for r in ratings
        if r.idea == idea_key and r.persona == persona_key and r.as_persona == as_persona
    ]
    return float(statistics.median(scores)) if scores else None


def team_median(ratings: Iterable[Rating], idea_key: str, persona_key: str) -> float | None:
    """Median of the team's own ratings (-2..2) for one cell; role-play ratings are left out."""
    return _median(ratings, idea_key, persona_key, as_persona=False)


def roleplay_answer(ratings: Iterable[Rating], idea_key: str, persona_key: str) -> float | None:
    """Median of the ratings given while role-playing the persona, or None if nobody did."""
    return _median(ratings, idea_key, persona_key, as_persona=True)


def computed_points(fit_value: float) -> float:
    """A fit in [-1, 1] put on the rating scale -2..2, so it can be set beside a team rating."""
    return fit_value * 2


def is_disagreement(fit_value: float, team: float | None) -> bool:
    return team is not None and abs(computed_points(fit_value) - team) >= DISAGREEMENT_POINTS


@dataclass(frozen=True)
class Disagreement:
    idea: Idea
    persona: Persona
    computed: float  # fit * 2, on the -2..2 scale
    team: float

    @property
    def gap(self) -> float:
        return abs(self.computed - self.team)


def disagreements(
    ideas: Sequence[Idea],
    personas: Sequence[Persona],
    attribute_keys: Iterable[str],
    ratings: Iterable[Rating],
) -> list[Disagreement]:
    """Cells where the team and the arithmetic disagree, largest gap first.

    The computed fit lies in [-1, 1]; doubled, it sits on the same -2..2 scale the
    team rates on. A cell disagrees when |fit * 2 - team median| >= 2, that is, a
    whole step of the scale apart (computed +1.0 against team -1 is a gap of 2).
    Cells nobody rated, and role-play ratings, are not compared here.
    """
    keys, rated = list(attribute_keys), list(ratings)
    found = []
    for idea in ideas:
        for persona in personas:
            team = team_median(rated, idea.key, persona.key)
            value = fit(idea, persona, keys)
            if team is not None and is_disagreement(value, team):
                found.append(Disagreement(idea, persona, computed_points(value), team))
    return sorted(found, key=lambda d: -d.gap)


@dataclass(frozen=True)
class Comparison:
    """Three readings of one idea for one persona on the -2..2 scale, and what to say about them."""

    computed: float
    team: float | None
    roleplay: float | None
    largest_gap: float  # 0 when fewer than two readings exist
    sentence: str


def signed_points(value: float) -> str:
    """+1.5, −2, 0: signed, one decimal only when needed, with a true minus sign."""
    text = f"{value:+.1f}".removesuffix(".0")
    return "0" if text in ("+0", "-0") else text.replace("-", "−")


def compare(
    idea: Idea, persona: Persona, attribute_keys: Iterable[str], ratings: Iterable[Rating]
) -> Comparison:
    """The arithmetic, the team and the role-player side by side, with the largest gap between them."""
    rated = list(ratings)
    readings = {"the love/hate arithmetic": computed_points(fit(idea, persona, attribute_keys))}
    team = team_median(rated, idea.key, persona.key)
    roleplay = roleplay_answer(rated, idea.key, persona.key)
    if team is not None:
        readings["the team"] = team
    if roleplay is not None:
        readings[f"whoever played {persona.name}"] = roleplay
    parts = [f"{who} says {signed_points(v)}" for who, v in readings.items()]
    said = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    opening = f"For “{idea.title}” and {persona.name}, {said}."
    if len(readings) < 2:
        return Comparison(
            readings["the love/hate arithmetic"], team, roleplay, 0.0, f"{opening} Nobody has rated it yet."
        )
    gap, first, second = max((abs(a[1] - b[1]), a[0], b[0]) for a, b in combinations(readings.items(), 2))
    amount = f"{signed_points(gap).lstrip('+')} point{'' if gap == 1 else 's'}"
    if gap == 0:
        verdict = " They agree."
    elif gap < DISAGREEMENT_POINTS:
        verdict = f" They broadly agree (largest gap {amount})."
    else:
        verdict = f" The largest gap, {amount}, is between {first} and {second}: worth a discussion."
    return Comparison(readings["the love/hate arithmetic"], team, roleplay, gap, opening + verdict)
