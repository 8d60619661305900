"""An in-memory store: the units of work of workshop/ports.py over plain dicts, kept by this process only.

The use cases run on it unchanged, so their rules (who may, what is valid, stale edits, limits)
are tested in milliseconds (tests/unit/test_use_cases_in_memory.py). Like the SQL store, writes
queue one at a time, hold the workshop's revision, name the parts they touched, and are all or
nothing: a write works on a copy that replaces the state only when committed.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from workshop.board_cache import BoardCache
from workshop.domain import parts
from workshop.domain.errors import Busy
from workshop.ports import Change, Store
from workshop.storage.memory_repos import MemoryContent, MemoryDecisions, MemorySessions, State

GATE_TIMEOUT_S = 30.0


class MemoryUnitOfWork:
    """`with uow: ... uow.commit()` — anything not committed is dropped."""

    def __init__(self, store: MemoryStore, *, write: bool) -> None:
        self._store = store
        self._write = write
        self._state = store._state
        self._changed: dict[str, int] = {}
        self.touched: set[str] = set()

    def __enter__(self) -> MemoryUnitOfWork:
        if self._write:
            if not self._store._gate.acquire(timeout=GATE_TIMEOUT_S):
                raise Busy()
            self._state = copy.deepcopy(self._store._state)
        else:
            self._state = self._store._state  # replaced, never changed, by a commit: a snapshot
        self._repositories()
        return self

    def _repositories(self) -> None:
        self.sessions = MemorySessions(self._state, self.touched, self._writable)
        self.content = MemoryContent(self._state, self.touched, self._writable)
        self.decisions = MemoryDecisions(self._state, self.touched, self._writable)

    def _writable(self) -> None:
        assert self._write, "a read unit of work does not write"

    def __exit__(self, _type: object, error: BaseException | None, _tb: object) -> None:
        if self._write:
            self._changed.clear()
            self._store._gate.release()

    def lock_workshop(self, workshop_id: str) -> int:
        """The gate already serialises writes; bump the revision so open screens learn of the change."""
        self._writable()
        room = self._state.rooms.get(workshop_id)
        if room is None:
            revision = 0
        else:
            room.workshop = replace(room.workshop, revision=room.workshop.revision + 1)
            revision = room.workshop.revision
        self._changed[workshop_id] = revision
        return revision

    def touched_parts(self) -> frozenset[str]:
        # Every write here names its parts; one that named none is an unknown change.
        return frozenset(self.touched or {parts.EVERYTHING})

    def commit(self) -> None:
        self._writable()
        touched = self.touched_parts()
        self._store._state = self._state
        self._state = copy.deepcopy(self._state)  # later writes in this unit of work start afresh
        self._repositories()
        changed, self._changed = self._changed, {}
        for workshop_id, revision in changed.items():
            self._store._changed(workshop_id, Change(revision, touched))

    def rollback(self) -> None:
        self._writable()
        self._state = copy.deepcopy(self._store._state)
        self._repositories()
        self._changed.clear()


class MemoryStore:
    """Hands out units of work over workshops held in memory: `with store.write() as uow: ...`."""

    def __init__(self) -> None:
        self._state = State()
        self._gate = threading.Lock()
        self._listeners: list[Callable[[str, Change], None]] = []
        self.boards = BoardCache()

    def read(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self, write=False)

    def write(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self, write=True)

    def on_change(self, listener: Callable[[str, Change], None]) -> None:
        """Call `listener(workshop_id, change)` after every committed write to a workshop."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def _changed(self, workshop_id: str, change: Change) -> None:
        for listener in tuple(self._listeners):
            listener(workshop_id, change)

    def close(self) -> None:
        """Nothing to let go of; here so tests can treat every store alike."""


if TYPE_CHECKING:  # mypy checks that the in-memory store offers what the use cases need
    _fits: Store = MemoryStore()
