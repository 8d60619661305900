"""Store: hands out units of work on one database, and tells listeners what each save changed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workshop.board_cache import BoardCache
from workshop.domain.errors import Unavailable
from workshop.storage.availability import Availability, is_outage, probe_write
from workshop.storage.database import make_engine, migrate
from workshop.storage.unit_of_work import Change, SqlUnitOfWork

_LOG = logging.getLogger(__name__)


@dataclass
class Store:
    """Hands out units of work: `with store.write() as uow: ...; uow.commit()`."""

    engine: Any
    boards: BoardCache = field(default_factory=BoardCache, repr=False)
    _write_gate: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: Whether saving works now; paused while the database is away (see storage/availability.py).
    availability: Availability = field(init=False, repr=False)
    _listeners: list[Callable[[str, Change], None]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.availability = Availability(lambda: probe_write(self.engine))

    def on_change(self, listener: Callable[[str, Change], None]) -> None:
        """Call `listener(workshop_id, change)` after every write committed through this store.

        The change says the new revision and the parts the write touched. The live stream uses it
        to push a change at once, naming what to redraw; writes made by other processes or replicas
        are still found by its poll of the database.
        """
        if listener not in self._listeners:
            self._listeners.append(listener)

    def _changed(self, changes: dict[str, Change]) -> None:
        for workshop_id, change in changes.items():
            for listener in tuple(self._listeners):
                try:
                    listener(workshop_id, change)
                except Exception:  # a listener must never turn a saved change into an error
                    _LOG.warning("a change listener failed", exc_info=True)

    def read(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, write=False, availability=self.availability)

    def write(self) -> SqlUnitOfWork:
        gate = self._write_gate if self.dialect == "sqlite" else None
        return SqlUnitOfWork(
            self.engine, write=True, gate=gate, committed=self._changed, availability=self.availability
        )

    @property
    def url(self) -> str:
        return str(self.engine.url.render_as_string(hide_password=False))

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()


def build_store(url: str) -> Store:
    """A store on the database at `url`, its tables created or brought up to date."""
    engine = make_engine(url)
    try:
        migrate(engine)
    except Exception as error:
        # Started while the database is away: pages say so, and the next page tries again.
        if is_outage(error):
            engine.dispose()
            raise Unavailable() from error
        raise
    return Store(engine)
