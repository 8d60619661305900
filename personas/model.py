"""Attributes, stances and personas as plain immutable values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attribute:
    """Something every persona in a workshop has a stance on (price, speed, ...)."""

    key: str
    name: str
    description: str = ""
    version: int = 1


@dataclass(frozen=True)
class Stance:
    """A persona's point on the love/hate scale for one attribute, with why."""

    score: int = 0
    note: str = ""


# What people write about a persona besides its stances, in the order forms and files give them.
PERSONA_FIELDS = ("name", "quote", "description", "share", "evidence", "emoji", "colour")
# Who the persona is; emoji and colour only dress it. A persona sheet in the workbook carries these.
PERSONA_PROFILE = PERSONA_FIELDS[:5]


@dataclass(frozen=True)
class Persona:
    key: str
    name: str
    quote: str = ""
    description: str = ""
    share: float | None = None  # percent of the customer base
    evidence: str = ""
    emoji: str = ""
    colour: str = ""  # "#rrggbb" or ""
    stances: Mapping[str, Stance] = field(default_factory=dict)
    version: int = 1
    created_by: str = ""  # display name of the participant
    updated_by: str = ""

    def fields(self, names: tuple[str, ...] = PERSONA_FIELDS) -> dict[str, object]:
        """The persona's values of `names` (all of PERSONA_FIELDS unless told), by name."""
        return {name: getattr(self, name) for name in names}

    def stance(self, attribute_key: str) -> Stance:
        """The stance on an attribute; a missing one means don't care."""
        return self.stances.get(attribute_key, Stance())
