"""Rounds: named, immutable snapshots of a whole workshop, and reading them back.

A round is kept as text in a format this package does not own (the workshop file, in exports/,
which depends on workshop/): the caller hands in how to write and read it, so the arrow between
the packages points one way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from personas.text import NAME_MAX, clean_text
from workshop.cases.access import authorise
from workshop.cases.sessions import now
from workshop.cases.writing import writing
from workshop.domain.errors import NotFound
from workshop.domain.model import Role, WorkshopSnapshot
from workshop.domain.tokens import new_id
from workshop.ports import Store, UnitOfWork


class Encode(Protocol):
    """Writes a snapshot as it stood at `exported_at`, e.g. exports.workshop_file.to_json."""

    def __call__(self, snapshot: WorkshopSnapshot, *, exported_at: datetime) -> bytes: ...


# Reads back what Encode wrote, e.g. exports.workshop_file.from_json.
Decode = Callable[[bytes], WorkshopSnapshot]


@dataclass(frozen=True)
class RoundInfo:
    id: str
    label: str
    created_at: datetime


def full_snapshot(uow: UnitOfWork, workshop_id: str) -> WorkshopSnapshot:
    """Everything, votes and authors included: what a round keeps."""
    w = uow.sessions.workshop(workshop_id)
    assert w is not None, "a round is taken of a workshop its caller was just found in"
    return WorkshopSnapshot(
        title=w.title,
        promise=w.promise,
        attributes=tuple(uow.content.attributes(workshop_id)),
        personas=tuple(uow.content.personas(workshop_id)),
        ideas=tuple(uow.content.ideas(workshop_id)),
        ratings=tuple(uow.content.ratings(workshop_id)),
        votes=tuple(uow.content.votes(workshop_id)),
        participants=tuple(p.name for p in uow.sessions.participants(workshop_id) if not p.removed),
        phase=w.phase,
        created_at=w.created_at,
        promise_ratings=tuple(uow.decisions.promise_ratings(workshop_id)),
        decision=uow.decisions.decision(workshop_id),
    )


def mark_round(store: Store, token: object, label: object, *, encode: Encode) -> RoundInfo:
    with writing(store, token, Role.FACILITATOR, content=False) as (uow, _caller, workshop):
        clean = clean_text(label, field="Round name", max_length=NAME_MAX, required=True)
        info = RoundInfo(new_id(), clean, now())
        data = encode(full_snapshot(uow, workshop.id), exported_at=info.created_at).decode()
        uow.sessions.add_round(workshop.id, info.id, info.label, info.created_at, data)
        uow.commit()
    return info


def list_rounds(store: Store, token: object) -> list[RoundInfo]:
    with store.read() as uow:
        caller = authorise(uow, token, Role.VIEWER)
        return [RoundInfo(*row) for row in uow.sessions.rounds(caller.workshop_id)]


def round_snapshot(store: Store, token: object, round_id: str, *, decode: Decode) -> WorkshopSnapshot:
    """A round as the caller may see it: the same secrecy rules as the live workshop."""
    with store.read() as uow:
        caller = authorise(uow, token, Role.VIEWER)
        data = uow.sessions.round_snapshot(caller.workshop_id, round_id)
        workshop = uow.sessions.workshop(caller.workshop_id)
        assert workshop is not None, "the caller's link was just found in it"
        settings = workshop.settings
    if data is None:
        raise NotFound("That round does not exist in this workshop.")
    snap = decode(data.encode())
    if settings.hide_votes_until_revealed and not settings.votes_revealed:
        snap = replace(snap, votes=())
    if settings.anonymous and not caller.is_facilitator:
        snap = replace(
            snap,
            ideas=tuple(replace(i, author="") for i in snap.ideas),
            ratings=tuple(replace(r, by="") for r in snap.ratings),
            votes=tuple(replace(v, by="") for v in snap.votes),
            promise_ratings=tuple(replace(r, by="") for r in snap.promise_ratings),
        )
    return snap
