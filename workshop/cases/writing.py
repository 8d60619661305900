"""The shape every write takes: who may do this, lock the workshop, is it open, then act."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields

from workshop.cases.access import Caller, authorise, check_open
from workshop.domain.errors import InvalidLink
from workshop.domain.model import Role, Workshop
from workshop.ports import Store, UnitOfWork


@contextmanager
def writing(
    store: Store, token: object, need: Role, *, content: bool = True
) -> Iterator[tuple[UnitOfWork, Caller, Workshop]]:
    """Yield (uow, caller, workshop) inside a write transaction holding the workshop's lock.

    `content` writes are refused while editing is locked. The body must call uow.commit().
    """
    with store.write() as uow:
        caller = authorise(uow, token, need)  # AUTH
        uow.lock_workshop(caller.workshop_id)
        workshop = uow.sessions.workshop(caller.workshop_id)
        if workshop is None:
            raise InvalidLink()
        if content:
            check_open(workshop, caller)
        yield uow, caller, workshop


def changed_fields(base: object, current: object, names: tuple[str, ...] | None = None) -> list[str]:
    """Names of the fields whose values differ between two records of the same kind."""
    wanted = names or tuple(f.name for f in fields(base) if f.name not in ("version", "updated_by"))  # type: ignore[arg-type]
    return [n.replace("_", " ") for n in wanted if getattr(base, n) != getattr(current, n)]
