"""The facilitator's use cases: steps, lock, countdown and settings; and the shared promise."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from workshop.cases.sessions import check_workshop_fields
from workshop.cases.writing import changed_fields, writing
from workshop.domain import phases
from workshop.domain.errors import InvalidInput, StaleEdit
from workshop.domain.model import VOTES_MAX, VOTES_MIN, Role, Settings, Workshop
from workshop.ports import Store


def _now() -> datetime:
    return datetime.now(UTC)


def set_phase(store: Store, token: object, phase_key: str) -> Workshop:
    with writing(store, token, Role.FACILITATOR, content=False) as (uow, _caller, workshop):
        updated = replace(workshop, phase=phases.phase(phase_key).key)
        uow.sessions.save_workshop(updated)
        uow.commit()
    return updated


def set_locked(store: Store, token: object, locked: bool) -> Workshop:
    with writing(store, token, Role.FACILITATOR, content=False) as (uow, _caller, workshop):
        updated = replace(workshop, locked=bool(locked))
        uow.sessions.save_workshop(updated)
        uow.commit()
    return updated


def timer(store: Store, token: object, action: str, minutes: float = 0) -> Workshop:
    """action: start (with minutes), pause, resume, extend (one minute) or stop."""
    with writing(store, token, Role.FACILITATOR, content=False) as (uow, _caller, workshop):
        now = _now()
        if action == "start":
            new = phases.start(minutes, now)
        elif action == "pause":
            new = phases.pause(workshop.timer, now)
        elif action == "resume":
            new = phases.resume(workshop.timer, now)
        elif action == "extend":
            new = phases.extend(workshop.timer, now)
        elif action == "stop":
            new = type(workshop.timer)()
        else:
            raise InvalidInput(f"Unknown countdown action {action!r}.")
        updated = replace(workshop, timer=new)
        uow.sessions.save_workshop(updated)
        uow.commit()
    return updated


def update_settings(store: Store, token: object, **changes: object) -> Workshop:
    with writing(store, token, Role.FACILITATOR, content=False) as (uow, _caller, workshop):
        unknown = set(changes) - set(Settings.__dataclass_fields__)
        if unknown:
            raise InvalidInput(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        votes = changes.get("votes_per_participant", workshop.settings.votes_per_participant)
        if isinstance(votes, bool) or not isinstance(votes, int) or not VOTES_MIN <= votes <= VOTES_MAX:
            raise InvalidInput(
                f"Votes per participant must be a whole number from {VOTES_MIN} to {VOTES_MAX}."
            )
        settings = replace(
            workshop.settings,
            **{k: (v if k == "votes_per_participant" else bool(v)) for k, v in changes.items()},  # type: ignore[arg-type]
        )
        updated = replace(workshop, settings=settings)
        uow.sessions.save_workshop(updated)
        uow.commit()
    return updated


def update_promise(store: Store, token: object, base: Workshop, title: object, promise: object) -> Workshop:
    """Title and promise are written together; an edit from a stale view is refused."""
    with writing(store, token, Role.PARTICIPANT) as (uow, caller, workshop):
        if workshop.version != base.version:
            raise StaleEdit(
                "promise", "Someone", changed_fields(base, workshop, ("title", "promise")), workshop
            )
        clean_title, clean_promise = check_workshop_fields(title, promise)
        if not caller.is_facilitator and clean_title != workshop.title:
            raise InvalidInput("Only the facilitator can rename the workshop.")
        updated = replace(workshop, title=clean_title, promise=clean_promise, version=workshop.version + 1)
        uow.sessions.save_workshop(updated)
        uow.commit()
    return updated
