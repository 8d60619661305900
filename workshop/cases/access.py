"""Who is calling: a link token resolved to a workshop, a role and perhaps a participant."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.domain.errors import InvalidLink, Locked, NotAllowed
from workshop.domain.model import Role, Workshop
from workshop.domain.tokens import hash_token, looks_like_token, same_hash
from workshop.ports import UnitOfWork

_RANK = {Role.VIEWER: 0, Role.PARTICIPANT: 1, Role.FACILITATOR: 2}
_ROLE_OF_KIND = {
    "facilitator": Role.FACILITATOR,
    "participant": Role.PARTICIPANT,
    "personal": Role.PARTICIPANT,
    "viewer": Role.VIEWER,
}


@dataclass(frozen=True)
class Caller:
    workshop_id: str
    role: Role
    participant_id: str | None = None  # None for viewers and for a participant link not yet joined
    name: str = ""
    link_kind: str = ""

    @property
    def is_facilitator(self) -> bool:
        return self.role is Role.FACILITATOR

    def can(self, role: Role) -> bool:
        return _RANK[self.role] >= _RANK[role]

    @property
    def joined_id(self) -> str:
        """The participant id of a caller who has joined (`authorise` for a participant makes sure)."""
        if self.participant_id is None:
            raise NotAllowed("Join the workshop with your name first.")
        return self.participant_id


_NEED_MESSAGES = {
    Role.FACILITATOR: "Only the facilitator can do this.",
    Role.PARTICIPANT: "This is a view-only link: you can look at everything but not change it.",
}


def identify(uow: UnitOfWork, token: object) -> Caller:
    """Resolve a token; any problem is the same InvalidLink, revealing nothing."""
    if not looks_like_token(token):
        raise InvalidLink()
    assert isinstance(token, str)
    row = uow.sessions.link(hash_token(token))
    if row is None or not same_hash(row.token_hash, token):
        raise InvalidLink()
    name = ""
    if row.participant_id:
        participant = uow.sessions.participant(row.workshop_id, row.participant_id)
        if participant is None:
            raise InvalidLink()
        if participant.removed:
            raise NotAllowed("The facilitator has removed you from this workshop.")
        name = participant.name
    return Caller(row.workshop_id, _ROLE_OF_KIND[row.kind], row.participant_id, name, row.kind)


def identify_at_revision(uow: UnitOfWork, token: object) -> tuple[Caller, int]:
    """`identify` and the workshop's revision now, in one read of the database."""
    if not looks_like_token(token):
        raise InvalidLink()
    assert isinstance(token, str)
    row = uow.sessions.link_as_seen(hash_token(token))
    if row is None or not same_hash(row.token_hash, token):
        raise InvalidLink()
    name = ""
    if row.participant_id:
        if row.participant_name is None:
            raise InvalidLink()
        if row.participant_removed:
            raise NotAllowed("The facilitator has removed you from this workshop.")
        name = row.participant_name
    caller = Caller(row.workshop_id, _ROLE_OF_KIND[row.kind], row.participant_id, name, row.kind)
    return caller, int(row.revision)


def authorise(uow: UnitOfWork, token: object, need: Role) -> Caller:
    caller = identify(uow, token)
    if not caller.can(need):
        raise NotAllowed(_NEED_MESSAGES[need])
    if need is Role.PARTICIPANT and caller.participant_id is None:
        raise NotAllowed("Join the workshop with your name first.")
    return caller


def check_open(workshop: Workshop, caller: Caller) -> None:
    """Content writes are refused while the facilitator has locked editing (facilitators may still edit)."""
    if workshop.locked and not caller.is_facilitator:
        raise Locked()
