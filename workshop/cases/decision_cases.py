"""Use cases for judging ideas against the promise and for marking the decision the room takes home."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from personas.scale import check_score
from personas.text import LINE_MAX, NAME_MAX, clean_text
from workshop.cases.writing import changed_fields, writing
from workshop.domain.errors import InvalidInput, NotFound, StaleEdit
from workshop.domain.model import ChosenIdea, Decision, Role
from workshop.ports import Store


def judge_promise(store: Store, token: object, idea_key: str, score: object) -> None:
    """Record (or clear, with score None) the caller's own judgement of an idea against the promise."""
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        clean = None if score is None else check_score(score, "Judgement")
        if clean is not None and not workshop.promise.strip():
            raise InvalidInput(
                "There is no promise to judge against yet: write it on the Promise step first.", "promise"
            )
        # Looked up within the caller's workshop: an idea key from another workshop is not found.
        if uow.content.idea(workshop.id, idea_key) is None:
            raise NotFound("This idea was removed meanwhile; your judgement was not saved.")
        uow.decisions.set_promise_rating(workshop.id, idea_key, caller.joined_id, caller.name, clean)
        uow.commit()


def choose_ideas(store: Store, token: object, base_version: int, idea_keys: Sequence[str]) -> Decision:
    """The facilitator marks the ideas the room takes forward, in the order given.

    `base_version` is the decision's version the facilitator's form started from; if someone
    (a co-facilitator) changed the choice since, nothing is saved. Next steps and owners of
    ideas that stay chosen are kept.
    """
    with writing(store, token, Role.FACILITATOR) as (uow, caller, workshop):
        current = uow.decisions.decision(workshop.id)
        if current.version != base_version:
            raise StaleEdit("decision", current.updated_by, ["chosen ideas"], current)
        keys = _idea_keys(idea_keys)
        existing = {i.key for i in uow.content.ideas(workshop.id)}
        if any(k not in existing for k in keys):
            raise NotFound(
                "One of these ideas was removed meanwhile, so nothing was saved. Check the list and save again."
            )
        kept = {c.idea: c for c in current.chosen}
        updated = Decision(
            chosen=tuple(kept.get(k, ChosenIdea(k, updated_by=caller.name)) for k in keys),
            marked=True,
            version=current.version + 1,
            updated_by=caller.name,
        )
        uow.decisions.save_choice(workshop.id, updated, caller.participant_id)
        uow.commit()
    return updated


def set_next_step(
    store: Store, token: object, base: ChosenIdea, next_step: object, owner: object
) -> ChosenIdea:
    """The facilitator writes a chosen idea's next step and its owner; an edit from a stale view is refused."""
    with writing(store, token, Role.FACILITATOR) as (uow, caller, workshop):
        current = uow.decisions.decision(workshop.id).entry(base.idea)
        if current is None:
            raise NotFound("This idea is no longer among the chosen ones; your text is still in the form.")
        if current.version != base.version:
            fields = changed_fields(base, current, ("next_step", "owner"))
            raise StaleEdit("next step", current.updated_by, fields, current)
        updated = replace(
            current,
            next_step=clean_text(next_step, field="Next step", max_length=LINE_MAX),
            owner=clean_text(owner, field="Owner", max_length=NAME_MAX),
            version=current.version + 1,
            updated_by=caller.name,
        )
        uow.decisions.save_chosen(workshop.id, updated, caller.participant_id)
        uow.commit()
    return updated


def _idea_keys(value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidInput("The chosen ideas must be a list.", "chosen")
    keys: list[str] = []
    for key in value:
        if not isinstance(key, str):
            raise InvalidInput("The chosen ideas must be a list of ideas.", "chosen")
        if key not in keys:  # choosing an idea twice is choosing it once
            keys.append(key)
    return keys
