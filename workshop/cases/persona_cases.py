"""Use cases for attributes, personas and stances."""

from __future__ import annotations

from dataclasses import dataclass, replace

from personas.catalogue import attribute_key_for, check_attribute_fields
from personas.model import PERSONA_FIELDS, Attribute, Persona, Stance
from personas.rules import check_persona_fields, check_room_for_another, check_stance
from workshop.cases.access import authorise
from workshop.cases.writing import changed_fields, writing
from workshop.domain.errors import InvalidInput, NotAllowed, NotFound, StaleEdit
from workshop.domain.model import Role
from workshop.domain.tokens import new_id, request_key
from workshop.ports import Store


def add_persona(
    store: Store, token: object, values: dict[str, object], request_id: str | None = None
) -> Persona:
    """`request_id` (one per form shown) makes a double submission create one persona."""
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        if request_id and (existing := uow.content.persona(workshop.id, request_key(request_id))):
            return existing
        check_room_for_another(uow.content.count_personas(workshop.id))  # VALIDATION
        clean = check_persona_fields(**{k: values.get(k) for k in PERSONA_FIELDS})
        persona = Persona(
            key=request_key(request_id) if request_id else new_id(),
            created_by=caller.name,
            updated_by=caller.name,
            **clean,  # type: ignore[arg-type]  # checked fields, by name
        )
        uow.content.add_persona(workshop.id, persona, caller.participant_id)  # RESOLUTION
        uow.commit()
    return persona


def update_persona(store: Store, token: object, base: Persona, values: dict[str, object]) -> Persona:
    """Save text fields edited from `base`; refused if someone saved the persona since."""
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        current = uow.content.persona(workshop.id, base.key)
        if current is None:
            raise NotFound("This persona was removed by someone else; your text is still in the form.")
        if current.version != base.version:
            raise StaleEdit(
                "persona", current.updated_by, changed_fields(base, current, PERSONA_FIELDS), current
            )
        clean = check_persona_fields(**{k: values.get(k) for k in PERSONA_FIELDS})
        updated = replace(current, version=current.version + 1, updated_by=caller.name, **clean)  # type: ignore[arg-type]
        uow.content.save_persona(workshop.id, updated, caller.participant_id)
        uow.commit()
    return updated


@dataclass(frozen=True)
class StanceChange:
    persona: str
    attribute: str
    base: Stance  # what the editor saw
    score: object
    note: object = ""


def set_stances(store: Store, token: object, changes: list[StanceChange]) -> int:
    """Apply stance edits all or nothing; a cell someone else changed meanwhile refuses the batch."""
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        attribute_names = {a.key: a.name for a in uow.content.attributes(workshop.id)}
        personas = {p.key: p for p in uow.content.personas(workshop.id)}
        touched: dict[str, dict[str, Stance]] = {}
        for change in changes:
            persona = personas.get(change.persona)
            if persona is None:
                raise NotFound("A persona you were rating was removed meanwhile; nothing was saved.")
            if change.attribute not in attribute_names:
                raise NotFound("An attribute you were rating was removed meanwhile; nothing was saved.")
            try:
                new = check_stance(change.score, change.note)
            except InvalidInput as error:  # a form holds a note per attribute: say which one
                name = attribute_names[change.attribute]
                raise InvalidInput(f"{persona.name}, {name}: {error.message}", error.field) from None
            current = persona.stance(change.attribute)
            if current != change.base and current != new:
                fields = [f for f in ("score", "note") if getattr(current, f) != getattr(change.base, f)]
                raise StaleEdit(f"stance of {persona.name}", persona.updated_by, fields, current)
            touched.setdefault(persona.key, dict(persona.stances))[change.attribute] = new
        for key, stances in touched.items():
            uow.content.save_persona(
                workshop.id,
                replace(personas[key], stances=stances, updated_by=caller.name),
                caller.participant_id,
            )
        uow.commit()
    return len(changes)


def removal_impact(store: Store, token: object, persona_key: str) -> str:
    """What goes with a persona when it is removed, in one sentence for the confirmation."""
    with store.read() as uow:
        caller = authorise(uow, token, Role.PARTICIPANT)
        if uow.content.persona(caller.workshop_id, persona_key) is None:
            raise NotFound("This persona was already removed.")
        ratings = uow.content.count_ratings(caller.workshop_id, persona=persona_key)
    return f"Its love/hate stances and {ratings} team rating(s) of ideas for it will be removed too."


def remove_persona(store: Store, token: object, persona_key: str) -> None:
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        persona = uow.content.persona(workshop.id, persona_key)
        if persona is None:
            raise NotFound("This persona was already removed.")
        if not caller.is_facilitator and persona.created_by != caller.name:
            raise NotAllowed("Only the facilitator or the person who created a persona can remove it.")
        uow.content.remove_persona(workshop.id, persona_key)
        uow.commit()


# attributes (the facilitator's)
def add_attribute(store: Store, token: object, name: object, description: object = "") -> Attribute:
    with writing(store, token, Role.FACILITATOR) as (uow, _caller, workshop):
        clean_name, clean_description = check_attribute_fields(name, description)
        existing = uow.content.attributes(workshop.id)
        if any(a.name.lower() == clean_name.lower() for a in existing):
            raise InvalidInput(f"There is already an attribute called {clean_name!r}.", "Attribute name")
        attribute = Attribute(
            attribute_key_for(clean_name, [a.key for a in existing]), clean_name, clean_description
        )
        uow.content.add_attribute(workshop.id, attribute, len(existing))
        uow.commit()
    return attribute


def update_attribute(
    store: Store, token: object, base: Attribute, name: object, description: object
) -> Attribute:
    with writing(store, token, Role.FACILITATOR) as (uow, _caller, workshop):
        current = next((a for a in uow.content.attributes(workshop.id) if a.key == base.key), None)
        if current is None:
            raise NotFound("This attribute was removed meanwhile.")
        if current.version != base.version:
            raise StaleEdit(
                "attribute",
                "another facilitator",
                changed_fields(base, current, ("name", "description")),
                current,
            )
        clean_name, clean_description = check_attribute_fields(name, description)
        updated = replace(
            current, name=clean_name, description=clean_description, version=current.version + 1
        )
        uow.content.save_attribute(workshop.id, updated)
        uow.commit()
    return updated


def reorder_attributes(store: Store, token: object, keys: list[str]) -> None:
    with writing(store, token, Role.FACILITATOR) as (uow, _caller, workshop):
        existing = [a.key for a in uow.content.attributes(workshop.id)]
        if sorted(existing) != sorted(keys):
            raise InvalidInput("The attributes changed meanwhile; look at the list again and reorder.")
        uow.content.set_attribute_order(workshop.id, keys)
        uow.commit()


def attribute_impact(store: Store, token: object, key: str) -> str:
    with store.read() as uow:
        caller = authorise(uow, token, Role.FACILITATOR)
        if key not in {a.key for a in uow.content.attributes(caller.workshop_id)}:
            raise NotFound("This attribute was already removed.")
        stances, effects = uow.content.attribute_usage(caller.workshop_id, key)
    if not stances and not effects:
        return "No persona or idea uses it yet."
    return f"This clears {stances} persona stance(s) and removes it from {effects} idea(s)."


def remove_attribute(store: Store, token: object, key: str) -> None:
    with writing(store, token, Role.FACILITATOR) as (uow, _caller, workshop):
        if key not in {a.key for a in uow.content.attributes(workshop.id)}:
            raise NotFound("This attribute was already removed.")
        uow.content.remove_attribute(workshop.id, key)
        uow.commit()
