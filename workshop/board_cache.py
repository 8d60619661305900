"""The workshops as read at their latest revisions, shared by every page of an app process.

A seam between the use cases (`cases/board.py` reads through it) and the stores that hold one each
(`store.boards`); its `BuiltOnce` also keeps the pages' chart specs (`Services.chart_specs`). It may
import the domain only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from personas.model import Attribute, Persona
from workshop.domain.model import Decision, Idea, Participant, PromiseRating, Rating, Vote, Workshop

K = TypeVar("K")
V = TypeVar("V")


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


class BuiltOnce(Generic[K, V]):
    """A bounded cache (least recently used first out) whose values are built once per key.

    Pages redrawn at the same moment ask for the same key: the first to miss builds the value,
    and the others wait for it instead of building it too. If that build fails or is slow
    (`wait` seconds), a waiting page builds its own.
    """

    def __init__(self, size: int, wait: float = 5.0) -> None:
        self._size = size
        self._wait = wait
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._building: dict[K, threading.Event] = {}
        self._lock = threading.Lock()
        self.builds = 0  # how many values were built and kept

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self.builds += 1
            self._entries[key] = value
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def get_or_build(
        self, key: K, build: Callable[[], V], *, keep: Callable[[V], bool] = lambda _: True
    ) -> V:
        """The value for `key`, built by `build()` only if no one else is building it already;
        kept when `keep(value)` says so."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
            pending = self._building.get(key)
            if pending is None:
                self._building[key] = threading.Event()
        if pending is not None:
            pending.wait(self._wait)
            found = self.get(key)
            return found if found is not None else build()  # the other build failed or is slow
        try:
            value = build()
            if keep(value):
                self.put(key, value)
            return value
        finally:
            with self._lock:
                self._building.pop(key).set()


class BoardCache:
    """The workshops as read at their latest revisions, shared by every page of this process.

    A room of thirty redraws thirty pages after one save; they all read the workshop at the same
    revision, so it is read from the database once. An entry never goes stale: a save bumps the
    revision, and a page asks for the revision it found. The pages of a room rerun at the same
    moment: the first to miss reads, and the others wait for its result instead of reading too.
    """

    def __init__(self, size: int = 64, wait: float = 5.0) -> None:
        self._cache: BuiltOnce[tuple[str, int], SharedBoard] = BuiltOnce(size, wait)

    @property
    def reads(self) -> int:
        """How often the whole workshop was read from the database."""
        return self._cache.builds

    def get(self, workshop_id: str, revision: int) -> SharedBoard | None:
        return self._cache.get((workshop_id, revision))

    def put(self, shared: SharedBoard) -> None:
        self._cache.put((shared.workshop.id, shared.workshop.revision), shared)

    def get_or_read(self, workshop_id: str, revision: int, read: Callable[[], SharedBoard]) -> SharedBoard:
        """The workshop at `revision`, read by `read()` only if no other page is reading it already."""
        key = (workshop_id, revision)
        # A read that found another revision (a save in between) is returned but not kept under this one.
        return self._cache.get_or_build(key, read, keep=lambda s: (s.workshop.id, s.workshop.revision) == key)
