"""build_services: one place that wires storage for the app, the tests and the benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workshop.storage.database import database_url, make_engine, migrate
from workshop.storage.unit_of_work import SqlUnitOfWork


@dataclass
class Store:
    """Hands out units of work: `with store.write() as uow: ...; uow.commit()`."""

    engine: Any

    def read(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, write=False)

    def write(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, write=True)

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()


def build_store(url: str | None = None) -> Store:
    engine = make_engine(url or database_url())
    migrate(engine)
    return Store(engine)
