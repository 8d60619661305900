"""Role-play seats: which persona a participant speaks for during a round."""

from __future__ import annotations

from dataclasses import replace

from workshop.cases.writing import writing
from workshop.domain.errors import NotFound
from workshop.domain.model import Participant, Role
from workshop.ports import Store, UnitOfWork


def _seat(uow: UnitOfWork, workshop_id: str, persona_key: str | None) -> str:
    """The seat to store: "" to leave it, else a persona key that still exists."""
    if not persona_key:
        return ""
    if uow.content.persona(workshop_id, persona_key) is None:
        raise NotFound("This persona was removed meanwhile; pick another seat.")
    return persona_key


def take_seat(store: Store, token: object, persona_key: str | None) -> Participant:
    """The caller takes a persona's seat (or leaves theirs with None)."""
    # A seat is a role in the conversation, not content, so it may change while editing is locked.
    with writing(store, token, Role.PARTICIPANT, content=False) as (uow, caller, workshop):
        me = uow.sessions.participant(workshop.id, caller.participant_id)
        if me is None:  # AUTH made sure the caller has joined; removed a moment ago
            raise NotFound("You are no longer in this workshop.")
        seat = _seat(uow, workshop.id, persona_key)  # VALIDATION
        updated = replace(me, seat=seat)  # RESOLUTION
        uow.sessions.save_participant(workshop.id, updated)
        uow.commit()
    return updated


def assign_seat(store: Store, token: object, participant_id: str, persona_key: str | None) -> Participant:
    """The facilitator seats a participant at a persona (or frees their seat with None)."""
    with writing(store, token, Role.FACILITATOR, content=False) as (uow, _caller, workshop):
        # Participant ids are looked up within this workshop only, so a link to one
        # workshop can never change someone in another.
        person = uow.sessions.participant(workshop.id, participant_id)
        if person is None or person.removed:
            raise NotFound("This person is no longer in the workshop.")
        seat = _seat(uow, workshop.id, persona_key)
        updated = replace(person, seat=seat)
        uow.sessions.save_participant(workshop.id, updated)
        uow.commit()
    return updated
