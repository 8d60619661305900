"""build_services: one place that wires storage for the app, the tests and the benchmarks."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workshop.board import BoardCache
from workshop.storage.database import database_url, make_engine, migrate
from workshop.storage.unit_of_work import Change, SqlUnitOfWork

_LOG = logging.getLogger(__name__)
_listeners: list[Callable[[str, Change], None]] = []


def on_change(listener: Callable[[str, Change], None]) -> None:
    """Call `listener(workshop_id, change)` after every committed write to a workshop in this process.

    The change says the new revision and the parts the write touched. The live stream uses it
    to push a change at once, naming what to redraw; writes made by other processes or replicas
    are still found by its poll of the database.
    """
    if listener not in _listeners:
        _listeners.append(listener)


def _changed(changes: dict[str, Change]) -> None:
    for workshop_id, change in changes.items():
        for listener in tuple(_listeners):
            try:
                listener(workshop_id, change)
            except Exception:  # a listener must never turn a saved change into an error
                _LOG.warning("a change listener failed", exc_info=True)


@dataclass
class Store:
    """Hands out units of work: `with store.write() as uow: ...; uow.commit()`."""

    engine: Any
    boards: BoardCache = field(default_factory=BoardCache, repr=False)
    _write_gate: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def read(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, write=False)

    def write(self) -> SqlUnitOfWork:
        gate = self._write_gate if self.dialect == "sqlite" else None
        return SqlUnitOfWork(self.engine, write=True, gate=gate, committed=_changed)

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()


def build_store(url: str | None = None) -> Store:
    engine = make_engine(url or database_url())
    migrate(engine)
    return Store(engine)
