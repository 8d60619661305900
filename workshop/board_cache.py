"""The workshops as read at their latest revisions, shared by every page of an app process.

A seam between the use cases (`cases/board.py` reads through it) and the stores that hold one each
(`store.boards`). It may import the domain only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from personas.model import Attribute, Persona
from workshop.domain.model import Decision, Idea, Participant, PromiseRating, Rating, Vote, Workshop


@dataclass(frozen=True)
class SharedBoard:
    """Everything about a workshop at one revision, before any caller's view of it is taken."""

    workshop: Workshop
    attributes: tuple[Attribute, ...]
    personas: tuple[Persona, ...]
    ideas: tuple[Idea, ...]
    ratings: tuple[Rating, ...]
    votes: tuple[Vote, ...]
    participants: tuple[Participant, ...]
    votes_spent: dict[str, int]  # participant name -> votes spent
    promise_ratings: tuple[PromiseRating, ...]
    decision: Decision


class BoardCache:
    """The workshops as read at their latest revisions, shared by every page of this process.

    A room of thirty redraws thirty pages after one save; they all read the workshop at the same
    revision, so it is read from the database once. An entry never goes stale: a save bumps the
    revision, and a page asks for the revision it found. The pages of a room rerun at the same
    moment: the first to miss reads, and the others wait for its result instead of reading too.
    """

    def __init__(self, size: int = 64, wait: float = 5.0) -> None:
        self._size = size
        self._wait = wait  # seconds a page waits for another page's read before reading itself
        self._entries: OrderedDict[tuple[str, int], SharedBoard] = OrderedDict()
        self._reading: dict[tuple[str, int], threading.Event] = {}
        self._lock = threading.Lock()
        self.reads = 0  # how often the whole workshop was read from the database

    def get(self, workshop_id: str, revision: int) -> SharedBoard | None:
        with self._lock:
            found = self._entries.get((workshop_id, revision))
            if found is not None:
                self._entries.move_to_end((workshop_id, revision))
            return found

    def put(self, shared: SharedBoard) -> None:
        with self._lock:
            self.reads += 1
            self._entries[(shared.workshop.id, shared.workshop.revision)] = shared
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def get_or_read(self, workshop_id: str, revision: int, read: Callable[[], SharedBoard]) -> SharedBoard:
        """The workshop at `revision`, read by `read()` only if no other page is reading it already."""
        key = (workshop_id, revision)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
            pending = self._reading.get(key)
            if pending is None:
                self._reading[key] = threading.Event()
        if pending is not None:
            pending.wait(self._wait)
            found = self.get(workshop_id, revision)
            return found if found is not None else read()  # the other read failed or is slow
        try:
            shared = read()
            if (shared.workshop.id, shared.workshop.revision) == key:
                self.put(shared)
            return shared
        finally:
            with self._lock:
                self._reading.pop(key).set()
