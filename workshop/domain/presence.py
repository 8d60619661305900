"""Who is here now and who has contributed what, from what a caller may already see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from personas.model import Persona
from workshop.domain.model import Idea, Participant, PromiseRating, Rating

PRESENT_FOR = timedelta(seconds=45)  # a page that has not checked in for this long counts as gone


@dataclass(frozen=True)
class Person:
    name: str
    here: bool
    is_facilitator: bool
    personas: int
    ideas: int
    ratings: int


def is_here(p: Participant, now: datetime) -> bool:
    if p.last_seen is None:
        return False
    seen = p.last_seen if p.last_seen.tzinfo else p.last_seen.replace(tzinfo=UTC)
    return now - seen < PRESENT_FOR


def people(
    participants: Iterable[Participant],
    personas: Iterable[Persona],
    ideas: Iterable[Idea],
    ratings: Iterable[Rating | PromiseRating],
    now: datetime,
    reader: str | None = None,
) -> list[Person]:
    """Everyone not removed, present first; counts come from authorship the caller can see.

    Judgements count those for personas and those against the promise alike. `reader` is the
    participant id of whoever is reading the list: their page is open, so they are here, even
    before their page's first check-in has reached the database.
    """
    made = Counter(p.created_by for p in personas if p.created_by)
    proposed = Counter(i.author for i in ideas if i.author)
    judged = Counter(r.by for r in ratings if r.by)
    found = [
        Person(
            p.name,
            p.id == reader or is_here(p, now),
            p.is_facilitator,
            made[p.name],
            proposed[p.name],
            judged[p.name],
        )
        for p in participants
        if not p.removed
    ]
    return sorted(found, key=lambda x: (not x.here, not x.is_facilitator, x.name.lower()))
