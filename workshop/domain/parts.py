"""The parts of a workshop a save can touch, and which regions of a page show which parts.

Every save names the parts it touched (`persona:<key>`, `votes`, `timer`, ...). An open page is
split into regions, each showing some parts; when a save arrives, only the regions that show a
touched part are drawn again. A part that changes what the whole page is (the step, the lock, the
settings, the attributes) or a save whose parts are unknown redraws the whole page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

STEP = "step"
LOCK = "lock"
SETTINGS = "settings"
TIMER = "timer"
PROMISE = "promise"
PEOPLE = "people"
LINKS = "links"
ATTRIBUTES = "attributes"
PERSONAS = "personas"  # the set of personas: one added, removed or reordered
IDEAS = "ideas"  # the set of ideas
RATINGS = "ratings"
VOTES = "votes"
ROUNDS = "rounds"
DECISION = "decision"
SAVING = "saving"  # not of the workshop: saving paused or working again (the database away or back)
EVERYTHING = "*"  # unknown: a save made elsewhere, or one nobody described

#: Parts that change what the whole page is: its step, who may edit, what is shown of whom.
WHOLE_PAGE = frozenset({STEP, LOCK, SETTINGS, ATTRIBUTES, EVERYTHING})

_ANY = ":*"


def persona(key: str) -> str:
    """One persona's text or stances."""
    return f"persona:{key}"


def idea(key: str) -> str:
    """One idea's text, place or effects."""
    return f"idea:{key}"


ANY_PERSONA = persona("*")
ANY_IDEA = idea("*")

#: What the workshop holds, for a region that shows a little of everything (wrap-up, the projector).
CONTENT = (PROMISE, PEOPLE, PERSONAS, ANY_PERSONA, IDEAS, ANY_IDEA, RATINGS, VOTES, ROUNDS, DECISION)


def shows(interest: str, part: str) -> bool:
    """Whether a region that shows `interest` must be drawn again when `part` changed.

    `persona:*` shows every single persona; a set change (`personas`) is its own part.
    """
    if interest == part:
        return True
    return interest.endswith(_ANY) and part.startswith(interest[:-1])


def whole_page(parts: Iterable[str] | None) -> bool:
    """Unknown parts (None) or any part that changes the whole page."""
    return parts is None or any(p in WHOLE_PAGE for p in parts)


def regions_to_redraw(parts: Iterable[str] | None, regions: Mapping[str, Iterable[str]]) -> set[str] | None:
    """The regions (name -> the parts it shows) to draw again for a save; None means the whole page."""
    if parts is None:
        return None
    touched = set(parts)
    if whole_page(touched):
        return None
    return {
        name for name, interests in regions.items() if any(shows(i, p) for i in interests for p in touched)
    }


def merge(a: Iterable[str] | None, b: Iterable[str] | None) -> frozenset[str] | None:
    """Parts of two saves seen as one; unknown stays unknown."""
    if a is None or b is None:
        return None
    return frozenset(a) | frozenset(b)
