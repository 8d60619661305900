"""Use cases of a session: start a workshop, its links, joining, presence, removal and deletion."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from personas.catalogue import DEFAULT_ATTRIBUTES
from personas.text import NAME_MAX, TEXT_MAX, TITLE_MAX, clean_text
from workshop.cases.access import Caller, authorise, identify
from workshop.cases.writing import writing
from workshop.domain.errors import InvalidLink, NotAllowed, NotFound
from workshop.domain.model import Participant, Role, Workshop
from workshop.domain.tokens import (
    hash_token,
    looks_like_token,
    new_id,
    new_share_secret,
    new_token,
    same_hash,
    share_token,
    unwrap,
    wrap,
)
from workshop.ports import Store, UnitOfWork


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ShareLinks:
    """Tokens of the three links; the interface turns them into URLs."""

    facilitator: str
    participant: str
    viewer: str


@dataclass(frozen=True)
class Started:
    workshop_id: str
    facilitator_token: str


def check_workshop_fields(title: object, promise: object) -> tuple[str, str]:
    return (
        clean_text(title, field="Title", max_length=TITLE_MAX, required=True),
        clean_text(promise, field="Promise", max_length=TEXT_MAX, multiline=True),
    )


def unique_name(wanted: str, taken: set[str]) -> str:
    """Two people called Ana become "Ana" and "Ana (2)"."""
    if wanted.lower() not in taken:
        return wanted
    n = 2
    while f"{wanted} ({n})".lower() in taken:
        n += 1
    return f"{wanted} ({n})"


def start_workshop(store: Store, title: object, promise: object, facilitator_name: object = "") -> Started:
    # VALIDATION (anyone may start a workshop)
    clean_title, clean_promise = check_workshop_fields(title, promise)
    name = clean_text(facilitator_name, field="Your name", max_length=NAME_MAX) or "Facilitator"
    # RESOLUTION
    workshop = Workshop(id=new_id(), title=clean_title, promise=clean_promise, created_at=now())
    token = new_token()
    secret = new_share_secret()
    facilitator = Participant(id=new_id(), name=name, is_facilitator=True, joined_at=now())
    with store.write() as uow:
        uow.sessions.add_workshop(workshop)
        uow.sessions.add_participant(workshop.id, facilitator)
        uow.sessions.add_link(
            hash_token(token), workshop.id, "facilitator", now(), facilitator.id, wrap(secret, token)
        )
        for kind in ("participant", "viewer"):
            uow.sessions.add_link(hash_token(share_token(secret, kind, 0)), workshop.id, kind, now())
        for position, attribute in enumerate(DEFAULT_ATTRIBUTES):
            uow.content.add_attribute(workshop.id, attribute, position)
        uow.commit()
    return Started(workshop.id, token)


def _share_secret(uow: UnitOfWork, token: str) -> bytes:
    row = uow.sessions.link(hash_token(token))
    if row is None or row.kind != "facilitator" or not row.wrapped_secret:
        raise NotAllowed("Only the facilitator can do this.")
    return unwrap(row.wrapped_secret, token)


def _generation(uow: UnitOfWork, workshop_id: str, kind: str) -> int:
    rows = uow.sessions.active_links(workshop_id, kind)
    if not rows:
        raise NotFound(f"This workshop has no {kind} link.")
    return int(rows[0].generation)


def share_links(store: Store, token: str) -> ShareLinks:
    with store.read() as uow:
        caller = authorise(uow, token, Role.FACILITATOR)
        secret = _share_secret(uow, token)
        return ShareLinks(
            facilitator=token,
            participant=share_token(
                secret, "participant", _generation(uow, caller.workshop_id, "participant")
            ),
            viewer=share_token(secret, "viewer", _generation(uow, caller.workshop_id, "viewer")),
        )


def rotate_link(store: Store, token: str, kind: str) -> ShareLinks:
    """Replace the participant or view-only link; the old one stops working. People who joined keep their own link."""
    if kind not in ("participant", "viewer"):
        raise NotAllowed("Only the participant and view-only links can be replaced here.")
    with store.write() as uow:
        caller = authorise(uow, token, Role.FACILITATOR)
        uow.lock_workshop(caller.workshop_id)
        secret = _share_secret(uow, token)
        generation = _generation(uow, caller.workshop_id, kind) + 1
        uow.sessions.revoke_links(caller.workshop_id, kind)
        uow.sessions.add_link(
            hash_token(share_token(secret, kind, generation)),
            caller.workshop_id,
            kind,
            now(),
            generation=generation,
        )
        uow.commit()
    return share_links(store, token)


def rotate_own_link(store: Store, token: str) -> str:
    """Give the facilitator a new link; the old one stops working at once."""
    with store.write() as uow:
        caller = authorise(uow, token, Role.FACILITATOR)
        uow.lock_workshop(caller.workshop_id)
        secret = _share_secret(uow, token)
        fresh = new_token()
        uow.sessions.revoke_link(caller.workshop_id, hash_token(token))
        uow.sessions.add_link(
            hash_token(fresh),
            caller.workshop_id,
            "facilitator",
            now(),
            caller.participant_id,
            wrap(secret, fresh),
        )
        uow.commit()
    return fresh


def add_co_facilitator(store: Store, token: str, name: object) -> str:
    """A second facilitator link, with a name of its own so changes stay attributed."""
    clean = clean_text(name, field="Name", max_length=NAME_MAX, required=True)
    with store.write() as uow:
        caller = authorise(uow, token, Role.FACILITATOR)
        uow.lock_workshop(caller.workshop_id)
        secret = _share_secret(uow, token)
        person = Participant(
            id=new_id(),
            name=unique_name(clean, uow.sessions.participant_names(caller.workshop_id)),
            is_facilitator=True,
            joined_at=now(),
        )
        uow.sessions.add_participant(caller.workshop_id, person)
        fresh = new_token()
        uow.sessions.add_link(
            hash_token(fresh), caller.workshop_id, "facilitator", now(), person.id, wrap(secret, fresh)
        )
        uow.commit()
    return fresh


def revoke_co_facilitator(store: Store, token: str, participant_id: str) -> None:
    with writing(store, token, Role.FACILITATOR, content=False) as (uow, caller, workshop):
        if participant_id == caller.participant_id:
            raise NotAllowed("You cannot revoke your own link here; replace it instead.")
        # Looked up within the caller's workshop: an id from another workshop is simply not there.
        person = uow.sessions.participant(workshop.id, participant_id)
        if person is None or not person.is_facilitator or person.removed:
            raise NotFound("That co-facilitator is no longer there.")
        uow.sessions.revoke_links(workshop.id, "facilitator", participant_id)
        uow.sessions.save_participant(workshop.id, replace(person, removed=True))
        uow.commit()


@dataclass(frozen=True)
class Joined:
    token: str
    name: str


def join(store: Store, token: str, name: object) -> Joined:
    """A participant gives a display name and receives a personal link that keeps their identity."""
    with store.write() as uow:
        # AUTH: the participant link (or a personal link, re-joining is harmless)
        caller = identify(uow, token)
        if caller.role is not Role.PARTICIPANT:
            raise NotAllowed("Use the participant link to join.")
        if caller.participant_id is not None:
            return Joined(token, caller.name)
        # VALIDATION
        clean = clean_text(name, field="Your name", max_length=NAME_MAX, required=True)
        # RESOLUTION
        uow.lock_workshop(caller.workshop_id)
        person = Participant(
            id=new_id(),
            name=unique_name(clean, uow.sessions.participant_names(caller.workshop_id)),
            joined_at=now(),
        )
        uow.sessions.add_participant(caller.workshop_id, person)
        personal = new_token()
        uow.sessions.add_link(hash_token(personal), caller.workshop_id, "personal", now(), person.id)
        uow.commit()
    return Joined(personal, person.name)


def who_am_i(store: Store, token: object) -> tuple[Caller, Workshop]:
    with store.read() as uow:
        caller = identify(uow, token)
        workshop = uow.sessions.workshop(caller.workshop_id)
        if workshop is None:
            raise InvalidLink()
        return caller, workshop


def participants(store: Store, token: object) -> list[Participant]:
    with store.read() as uow:
        caller = authorise(uow, token, Role.VIEWER)
        return uow.sessions.participants(caller.workshop_id)


def remove_participant(store: Store, token: object, participant_id: str) -> None:
    """The person's link stops working; everything they contributed stays."""
    with writing(store, token, Role.FACILITATOR, content=False) as (uow, _caller, workshop):
        person = uow.sessions.participant(workshop.id, participant_id)  # only this workshop's people
        if person is None or person.removed:
            raise NotFound("That participant is no longer in the workshop.")
        if person.is_facilitator:
            raise NotAllowed("A facilitator cannot be removed here; revoke their link instead.")
        # The personal link stays so the person is told they were removed, not that the link is broken.
        uow.sessions.save_participant(workshop.id, replace(person, removed=True))
        uow.commit()


def delete_workshop(store: Store, token: object, confirm_title: str) -> None:
    """Delete everything; the facilitator confirms by typing the title."""
    with store.write() as uow:
        caller = authorise(uow, token, Role.FACILITATOR)
        workshop = uow.sessions.workshop(caller.workshop_id)
        assert workshop is not None
        if confirm_title.strip() != workshop.title:
            raise NotAllowed("Type the workshop's title exactly to confirm deleting it.")
        uow.sessions.delete_workshop(caller.workshop_id)
        uow.commit()


def workshop_for_token(store: Store, token: object) -> str:
    """The workshop a valid token belongs to (any role); InvalidLink otherwise."""
    with store.read() as uow:
        return identify(uow, token).workshop_id


def revision(store: Store, workshop_id: str) -> int | None:
    with store.read() as uow:
        return uow.sessions.revision(workshop_id)


def check_in(store: Store, tokens: list[str]) -> dict[str, str]:
    """Which of these links still lead to a workshop (token -> workshop id); the people behind
    them are marked present now. The live stream checks every open page this way at once, in a
    few queries, instead of once per page."""
    wanted = {hash_token(t): t for t in tokens if looks_like_token(t)}
    if not wanted:
        return {}
    valid: dict[str, str] = {}
    with store.write() as uow:
        rows = [r for r in uow.sessions.links(list(wanted)) if same_hash(r.token_hash, wanted[r.token_hash])]
        pairs = [(r.workshop_id, r.participant_id) for r in rows if r.participant_id]
        people = {p.id: p for p in uow.sessions.participants_by_id(pairs)} if pairs else {}
        here = []
        for row in rows:
            if row.participant_id:
                person = people.get(row.participant_id)
                if person is None or person.removed:
                    continue  # removed: the page is told when it draws again
                here.append((row.workshop_id, person.id))
            valid[wanted[row.token_hash]] = row.workshop_id
        if here:
            uow.sessions.touch_participants(here, now())
            uow.commit()
    return valid


def revisions(store: Store, workshop_ids: list[str]) -> dict[str, int]:
    """The revision of each of these workshops that still exists, read at once."""
    with store.read() as uow:
        return uow.sessions.revisions(workshop_ids)
