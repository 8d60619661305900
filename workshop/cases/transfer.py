"""Whole workshops in and out: a snapshot for exports, a new workshop from a file, workbook edits applied."""

from __future__ import annotations

from dataclasses import replace

from personas.model import PERSONA_PROFILE, Persona
from personas.rules import MAX_PERSONAS, check_persona_fields, check_stance
from workshop.cases.access import authorise
from workshop.cases.sessions import Started, now, start_workshop
from workshop.cases.writing import writing
from workshop.domain.anonymity import aliases
from workshop.domain.errors import InvalidInput, LimitReached, StaleEdit
from workshop.domain.model import Participant, Role, WorkshopSnapshot
from workshop.domain.tokens import new_id
from workshop.ports import Store


def snapshot(store: Store, token: object, *, with_authors: bool = True) -> WorkshopSnapshot:
    """Everything the caller may read, as one value (votes only once they are visible to the caller)."""
    from workshop.cases.board import board

    b = board(store, token)
    authors = with_authors and (b.caller.is_facilitator or not b.workshop.settings.anonymous)
    ideas, ratings, votes, promise_ratings = b.ideas, b.ratings, b.votes, b.promise_ratings
    if not authors:
        names = [r.by for r in ratings] + [v.by for v in votes] + [r.by for r in promise_ratings]
        alias = aliases(b.workshop.id, names)
        ideas = tuple(replace(i, author="") for i in ideas)
        ratings = tuple(replace(r, by=alias.get(r.by, r.by)) for r in ratings)
        votes = tuple(replace(v, by=alias.get(v.by, v.by)) for v in votes)
        promise_ratings = tuple(replace(r, by=alias.get(r.by, r.by)) for r in promise_ratings)
    return WorkshopSnapshot(
        title=b.workshop.title,
        promise=b.workshop.promise,
        attributes=b.attributes,
        personas=b.personas,
        ideas=ideas,
        ratings=ratings,
        votes=votes,
        participants=tuple(p.name for p in b.participants if not p.removed),
        phase=b.workshop.phase,
        created_at=b.workshop.created_at,
        promise_ratings=promise_ratings,
        decision=b.decision,
    )


def start_from_snapshot(
    store: Store, snap: WorkshopSnapshot, facilitator_name: str = "", *, template: bool = False
) -> Started:
    """A new workshop holding the snapshot; a template keeps attributes, personas and ideas but no votes,
    judgements or decision."""
    if len(snap.personas) > MAX_PERSONAS:
        raise LimitReached(
            f"A workshop holds at most {MAX_PERSONAS} personas; this file has {len(snap.personas)}."
        )
    started = start_workshop(store, snap.title, snap.promise, facilitator_name)
    with store.write() as uow:
        wid = started.workshop_id
        uow.lock_workshop(wid)
        for a in uow.content.attributes(wid):
            uow.content.remove_attribute(wid, a.key)
        for position, attribute in enumerate(snap.attributes):
            uow.content.add_attribute(wid, attribute, position)
        ratings = () if template else snap.ratings
        votes = () if template else snap.votes
        promise_ratings = () if template else snap.promise_ratings
        names = {i.author for i in snap.ideas} | {r.by for r in ratings} | {v.by for v in votes}
        names |= {r.by for r in promise_ratings}
        people: dict[str, str] = {}
        for name in sorted(n for n in names if n):
            person = Participant(id=new_id(), name=name, joined_at=now())
            uow.sessions.add_participant(wid, person)
            people[name] = person.id
        for persona in snap.personas:
            uow.content.add_persona(wid, replace(persona, version=1), None)
        for idea in snap.ideas:
            uow.content.add_idea(wid, replace(idea, version=1), people.get(idea.author))
        for r in ratings:
            uow.content.set_rating(wid, r.idea, r.persona, people.get(r.by, ""), r.by, r.score, r.as_persona)
        for v in votes:
            uow.content.set_vote(wid, v.idea, people.get(v.by, ""), v.by, v.count)
        for p in promise_ratings:
            uow.decisions.set_promise_rating(wid, p.idea, people.get(p.by, ""), p.by, p.score)
        if snap.decision.marked and not template:
            decision = replace(
                snap.decision, version=1, chosen=tuple(replace(c, version=1) for c in snap.decision.chosen)
            )
            uow.decisions.save_choice(wid, decision, None)
        if not template:
            workshop = uow.sessions.workshop(wid)
            assert workshop is not None, "started above, in this process"
            uow.sessions.save_workshop(replace(workshop, phase=snap.phase))
        uow.commit()
    return started


def apply_persona_edits(
    store: Store, token: object, before: WorkshopSnapshot, after: WorkshopSnapshot
) -> int:
    """Bring persona texts, stances and notes edited in a workbook back, all or nothing.

    `before` is what the workbook was checked against when the preview was shown; if a
    persona changed in the workshop since, the import is refused rather than overwriting.
    """
    with writing(store, token, Role.FACILITATOR) as (uow, caller, workshop):
        current = {p.key: p for p in uow.content.personas(workshop.id)}
        attribute_keys = {a.key for a in uow.content.attributes(workshop.id)}
        old = {p.key: p for p in before.personas}
        changed = 0
        for new in after.personas:
            if new.key not in current:
                raise InvalidInput(f"The workbook's persona {new.name!r} is not in this workshop (any more).")
            here = current[new.key]
            if new.key in old and _content(here) != _content(old[new.key]):
                raise StaleEdit("persona", here.updated_by, [here.name], here)
            # Text from a spreadsheet passes the same checks as text typed in the app.
            clean = check_persona_fields(**_texts(new), emoji=here.emoji, colour=here.colour)
            unknown = sorted(
                k for k, s in new.stances.items() if k not in attribute_keys and (s.score or s.note)
            )
            if unknown:
                raise InvalidInput(
                    f"The workbook rates {new.name!r} on attribute(s) this workshop does not have "
                    f"(any more): {', '.join(unknown)}. Nothing was applied."
                )
            stances = {
                k: check_stance(s.score, s.note) for k, s in new.stances.items() if k in attribute_keys
            }
            updated = replace(
                here,
                **clean,  # type: ignore[arg-type]  # checked fields, by name
                stances=stances,
                version=here.version + 1,
                updated_by=caller.name,
            )
            if _content(updated) != _content(here):
                uow.content.save_persona(workshop.id, updated, caller.participant_id)
                changed += 1
        uow.commit()
    return changed


def _texts(p: Persona) -> dict[str, object]:
    return p.fields(PERSONA_PROFILE)


def _content(p: Persona) -> tuple[object, ...]:
    stances = tuple(sorted((k, s.score, s.note) for k, s in p.stances.items() if s.score or s.note))
    return (*_texts(p).values(), stances)


def can_export(store: Store, token: object) -> bool:
    with store.read() as uow:
        return authorise(uow, token, Role.VIEWER).role in (Role.FACILITATOR, Role.VIEWER)
