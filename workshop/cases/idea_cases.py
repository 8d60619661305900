"""Use cases for value ideas, team ratings (judgement and role-play) and dot votes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from personas.scale import check_score
from workshop.cases.access import authorise
from workshop.cases.writing import changed_fields, writing
from workshop.domain.errors import InvalidInput, NotAllowed, NotFound, StaleEdit
from workshop.domain.ideas import check_idea_fields
from workshop.domain.model import Idea, Role
from workshop.domain.tokens import new_id, request_key
from workshop.domain.voting import check_vote
from workshop.ports import Store, UnitOfWork

IDEA_FIELDS = ("title", "description", "range", "touch", "effects")


def _clean(uow: UnitOfWork, workshop_id: str, values: dict[str, object]) -> dict[str, Any]:
    keys = [a.key for a in uow.content.attributes(workshop_id)]
    return check_idea_fields(
        values.get("title"),
        values.get("description", ""),
        values.get("range"),
        values.get("touch"),
        values.get("effects") or {},
        keys,
    )


def add_idea(store: Store, token: object, values: dict[str, object], request_id: str | None = None) -> Idea:
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        if request_id and (existing := uow.content.idea(workshop.id, request_key(request_id))):
            return existing
        clean = _clean(uow, workshop.id, values)
        idea = Idea(key=request_key(request_id) if request_id else new_id(), author=caller.name, **clean)
        uow.content.add_idea(workshop.id, idea, caller.participant_id)
        uow.commit()
    return idea


def update_idea(store: Store, token: object, base: Idea, values: dict[str, object]) -> Idea:
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        current = uow.content.idea(workshop.id, base.key)
        if current is None:
            raise NotFound("This idea was removed by someone else; your text is still in the form.")
        if current.version != base.version:
            raise StaleEdit("idea", "Someone", changed_fields(base, current, IDEA_FIELDS), current)
        clean = _clean(uow, workshop.id, values)
        updated = replace(current, version=current.version + 1, **clean)
        uow.content.save_idea(workshop.id, updated, caller.participant_id)
        uow.commit()
    return updated


def idea_removal_impact(store: Store, token: object, idea_key: str) -> str:
    with store.read() as uow:
        caller = authorise(uow, token, Role.PARTICIPANT)
        if uow.content.idea(caller.workshop_id, idea_key) is None:
            raise NotFound("This idea was already removed.")
        ratings = uow.content.count_ratings(caller.workshop_id, idea=idea_key)
        votes = sum(v.count for v in uow.content.votes(caller.workshop_id) if v.idea == idea_key)
        promise = sum(1 for r in uow.decisions.promise_ratings(caller.workshop_id) if r.idea == idea_key)
        chosen = idea_key in uow.decisions.decision(caller.workshop_id).idea_keys
    said = f"Its {ratings} team rating(s), {promise} judgement(s) against the promise and {votes} vote(s) will be removed too."
    return said + (" It also leaves the decision." if chosen else "")


def remove_idea(store: Store, token: object, idea_key: str) -> None:
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        if uow.content.idea(workshop.id, idea_key) is None:
            raise NotFound("This idea was already removed.")
        if (
            not caller.is_facilitator
            and uow.content.idea_author_id(workshop.id, idea_key) != caller.participant_id
        ):
            raise NotAllowed("Only the facilitator or the idea's author can remove it.")
        uow.content.remove_idea(workshop.id, idea_key)
        uow.commit()


def rate(
    store: Store, token: object, idea_key: str, persona_key: str, score: object, *, as_persona: bool = False
) -> None:
    """Record (or clear, with score None) the caller's own judgement of an idea for a persona."""
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        clean = None if score is None else check_score(score, "Rating")
        if uow.content.idea(workshop.id, idea_key) is None:
            raise NotFound("This idea was removed meanwhile; your rating was not saved.")
        if uow.content.persona(workshop.id, persona_key) is None:
            raise NotFound("This persona was removed meanwhile; your rating was not saved.")
        if as_persona:
            me = uow.sessions.participant(workshop.id, caller.participant_id)
            if me is None or me.seat != persona_key:
                raise NotAllowed("Take this persona's seat before answering as it.")
        uow.content.set_rating(
            workshop.id, idea_key, persona_key, caller.joined_id, caller.name, clean, as_persona
        )
        uow.commit()


def cast_vote(store: Store, token: object, idea_key: str) -> int:
    """Spend one vote on an idea; returns the votes the caller has left."""
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        if workshop.phase != "vote":
            raise NotAllowed("Voting opens when the facilitator moves the workshop to the Vote step.")
        ideas = [i.key for i in uow.content.ideas(workshop.id)]
        mine = uow.content.votes_of(workshop.id, caller.joined_id)
        check_vote(workshop.settings, mine, idea_key, ideas)
        uow.content.set_vote(workshop.id, idea_key, caller.joined_id, caller.name, mine.get(idea_key, 0) + 1)
        uow.commit()
    return workshop.settings.votes_per_participant - sum(mine.values()) - 1


def take_back_vote(store: Store, token: object, idea_key: str) -> None:
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        if workshop.phase != "vote":
            raise NotAllowed("Votes can be changed only during the Vote step.")
        mine = uow.content.votes_of(workshop.id, caller.joined_id)
        if mine.get(idea_key, 0) <= 0:
            raise InvalidInput("You have no vote on this idea to take back.")
        uow.content.set_vote(workshop.id, idea_key, caller.joined_id, caller.name, mine[idea_key] - 1)
        uow.commit()
