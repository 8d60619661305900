"""build_services: one place that wires storage for the app, the tests and the benchmarks."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from workshop.storage.database import database_url, make_engine, migrate
from workshop.storage.unit_of_work import SqlUnitOfWork


@dataclass
class Store:
    """Hands out units of work: `with store.write() as uow: ...; uow.commit()`."""

    engine: Any
    _write_gate: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def read(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, write=False)

    def write(self) -> SqlUnitOfWork:
        gate = self._write_gate if self.dialect == "sqlite" else None
        return SqlUnitOfWork(self.engine, write=True, gate=gate)

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()


def build_store(url: str | None = None) -> Store:
    engine = make_engine(url or database_url())
    migrate(engine)
    return Store(engine)
