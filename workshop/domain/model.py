"""The live workshop's values: workshop, participants, ideas, ratings, votes, the decision, a whole snapshot."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from personas.model import Attribute, Persona

RANGES: dict[str, str] = {
    "incremental": "Incremental",
    "landmark": "Landmark",
    "breakthrough": "Breakthrough",
    "disruptive": "Disruptive",
}
TOUCH_MOMENTS: dict[str, str] = {
    "pre": "Pre-touch",
    "first": "First touch",
    "core": "Core touch",
    "last": "Last touch",
    "in": "In-touch",
}


class Role(enum.StrEnum):
    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"
    VIEWER = "viewer"


# Dot votes per participant: at least one, and few enough that each still means a choice.
VOTES_MIN, VOTES_MAX = 1, 20


@dataclass(frozen=True)
class Settings:
    votes_per_participant: int = 3
    several_votes_per_idea: bool = False
    hide_votes_until_revealed: bool = True
    votes_revealed: bool = False
    anonymous: bool = False


@dataclass(frozen=True)
class Timer:
    """A countdown computed from stored instants, so every screen shows the same time."""

    ends_at: datetime | None = None  # set while running
    paused_remaining: float | None = None  # seconds left while paused
    duration: float = 0.0


@dataclass(frozen=True)
class Workshop:
    id: str
    title: str
    promise: str = ""
    phase: str = "promise"
    locked: bool = False
    revision: int = 0
    settings: Settings = field(default_factory=Settings)
    timer: Timer = field(default_factory=Timer)
    created_at: datetime | None = None
    version: int = 1


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    is_facilitator: bool = False
    joined_at: datetime | None = None
    last_seen: datetime | None = None
    removed: bool = False
    seat: str = ""  # persona key this participant role-plays, or ""


@dataclass(frozen=True)
class Idea:
    key: str
    title: str
    description: str = ""
    range: str = "incremental"
    touch: str = "core"
    effects: Mapping[str, int] = field(default_factory=dict)  # attribute key -> -2..2
    author: str = ""  # display name
    version: int = 1


@dataclass(frozen=True)
class Rating:
    """One participant's own judgement of an idea for a persona (-2..2)."""

    idea: str
    persona: str
    by: str  # display name
    score: int
    as_persona: bool = False  # given while role-playing that persona


@dataclass(frozen=True)
class PromiseRating:
    """One participant's judgement of an idea against the workshop's promise (-2 works against it .. +2)."""

    idea: str
    by: str  # display name
    score: int


@dataclass(frozen=True)
class Vote:
    idea: str
    by: str  # display name
    count: int


@dataclass(frozen=True)
class ChosenIdea:
    """An idea the room takes forward, with what happens next and who sees to it."""

    idea: str  # idea key
    next_step: str = ""
    owner: str = ""  # a name as typed; the owner need not have joined the workshop
    version: int = 1
    updated_by: str = ""  # display name


@dataclass(frozen=True)
class Decision:
    """The ideas the room takes home. Until the facilitator marks it, the top-voted ideas stand in."""

    chosen: tuple[ChosenIdea, ...] = ()
    marked: bool = False
    version: int = 0  # of the chosen set; 0 while nobody has marked it
    updated_by: str = ""  # display name

    @property
    def idea_keys(self) -> tuple[str, ...]:
        return tuple(c.idea for c in self.chosen)

    def entry(self, idea_key: str) -> ChosenIdea | None:
        return next((c for c in self.chosen if c.idea == idea_key), None)


@dataclass(frozen=True)
class WorkshopSnapshot:
    """Everything in a workshop at one moment; what exports read and imports produce."""

    title: str
    promise: str = ""
    attributes: tuple[Attribute, ...] = ()
    personas: tuple[Persona, ...] = ()
    ideas: tuple[Idea, ...] = ()
    ratings: tuple[Rating, ...] = ()
    votes: tuple[Vote, ...] = ()
    participants: tuple[str, ...] = ()  # display names
    phase: str = "promise"
    created_at: datetime | None = None
    promise_ratings: tuple[PromiseRating, ...] = ()
    decision: Decision = field(default_factory=Decision)
