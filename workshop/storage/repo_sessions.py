"""Workshops, their links and participants, read and written as domain values."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, tuple_, update

from workshop.domain import parts
from workshop.domain.model import Participant, Settings, Timer, Workshop
from workshop.ports import Link, SeenLink
from workshop.storage import tables as t

# A workshop's own fields and the part of the workshop each one is.
_FIELD_PARTS = {
    "phase": parts.STEP,
    "locked": parts.LOCK,
    "settings": parts.SETTINGS,
    "timer": parts.TIMER,
    "title": parts.PROMISE,
    "promise": parts.PROMISE,
}


def _timer_to_json(timer: Timer) -> str:
    return json.dumps(
        {
            "ends_at": timer.ends_at.isoformat() if timer.ends_at else None,
            "paused_remaining": timer.paused_remaining,
            "duration": timer.duration,
        }
    )


def _timer_from_json(text: str) -> Timer:
    data = json.loads(text or "{}")
    ends = data.get("ends_at")
    return Timer(
        ends_at=datetime.fromisoformat(ends) if ends else None,
        paused_remaining=data.get("paused_remaining"),
        duration=float(data.get("duration") or 0),
    )


def _settings_from_json(text: str) -> Settings:
    data = json.loads(text or "{}")
    known = {k: v for k, v in data.items() if k in Settings.__dataclass_fields__}
    return Settings(**known)


def _workshop(row) -> Workshop:  # type: ignore[no-untyped-def]
    return Workshop(
        id=row.id,
        title=row.title,
        promise=row.promise,
        phase=row.phase,
        locked=bool(row.locked),
        revision=row.revision,
        settings=_settings_from_json(row.settings),
        timer=_timer_from_json(row.timer),
        created_at=row.created_at,
        version=row.version,
    )


def _link(row) -> Link:  # type: ignore[no-untyped-def]
    return Link(
        token_hash=row.token_hash,
        workshop_id=row.workshop_id,
        kind=row.kind,
        participant_id=row.participant_id,
        wrapped_secret=row.wrapped_secret,
        generation=row.generation,
    )


def _participant(row) -> Participant:  # type: ignore[no-untyped-def]
    return Participant(
        id=row.id,
        name=row.name,
        is_facilitator=bool(row.is_facilitator),
        joined_at=row.joined_at,
        last_seen=row.last_seen,
        removed=bool(row.removed),
        seat=row.seat or "",
    )


class SessionRepository:
    def __init__(self, conn: Connection, touched: set[str] | None = None) -> None:
        self.conn = conn
        self.touched = touched if touched is not None else set()
        self._read: dict[str, Workshop] = {}

    # workshops
    def add_workshop(self, workshop: Workshop) -> None:
        self.touched.add(parts.EVERYTHING)
        self.conn.execute(
            insert(t.workshops).values(
                id=workshop.id,
                title=workshop.title,
                promise=workshop.promise,
                phase=workshop.phase,
                locked=workshop.locked,
                revision=workshop.revision,
                settings=json.dumps(asdict(workshop.settings)),
                timer=_timer_to_json(workshop.timer),
                created_at=workshop.created_at,
                version=workshop.version,
            )
        )

    def workshop(self, workshop_id: str) -> Workshop | None:
        row = self.conn.execute(select(t.workshops).where(t.workshops.c.id == workshop_id)).first()
        if row is None:
            return None
        self._read[workshop_id] = found = _workshop(row)
        return found

    def revision(self, workshop_id: str) -> int | None:
        return self.conn.execute(
            select(t.workshops.c.revision).where(t.workshops.c.id == workshop_id)
        ).scalar()

    def save_workshop(self, workshop: Workshop) -> None:
        """Write the workshop's own fields (not its revision, which lock_workshop owns)."""
        before = self._read.get(workshop.id)
        if before is None:
            self.touched.add(parts.EVERYTHING)
        else:
            self.touched.update(
                p for f, p in _FIELD_PARTS.items() if getattr(before, f) != getattr(workshop, f)
            )
        self._read[workshop.id] = workshop
        self.conn.execute(
            update(t.workshops)
            .where(t.workshops.c.id == workshop.id)
            .values(
                title=workshop.title,
                promise=workshop.promise,
                phase=workshop.phase,
                locked=workshop.locked,
                settings=json.dumps(asdict(workshop.settings)),
                timer=_timer_to_json(workshop.timer),
                version=workshop.version,
            )
        )

    def delete_workshop(self, workshop_id: str) -> None:
        self.touched.add(parts.EVERYTHING)
        # Children first as well as by cascade: SQLite files made without foreign keys on still clean up.
        for table in (
            t.rounds,
            t.chosen_ideas,
            t.decisions,
            t.promise_ratings,
            t.votes,
            t.ratings,
            t.effects,
            t.ideas,
            t.stances,
            t.personas,
            t.attributes,
            t.links,
        ):
            self.conn.execute(delete(table).where(table.c.workshop_id == workshop_id))
        self.conn.execute(delete(t.participants).where(t.participants.c.workshop_id == workshop_id))
        self.conn.execute(delete(t.workshops).where(t.workshops.c.id == workshop_id))

    # links
    def add_link(
        self,
        token_hash: str,
        workshop_id: str,
        kind: str,
        created_at: datetime,
        participant_id: str | None = None,
        wrapped_secret: str | None = None,
        generation: int = 0,
    ) -> None:
        self.touched.add(parts.LINKS)
        self.conn.execute(
            insert(t.links).values(
                token_hash=token_hash,
                workshop_id=workshop_id,
                kind=kind,
                participant_id=participant_id,
                wrapped_secret=wrapped_secret,
                generation=generation,
                revoked=False,
                created_at=created_at,
            )
        )

    def link(self, token_hash: str) -> Link | None:
        row = self.conn.execute(
            select(t.links).where(t.links.c.token_hash == token_hash, t.links.c.revoked.is_(False))
        ).first()
        return _link(row) if row else None

    def link_as_seen(self, token_hash: str) -> SeenLink | None:
        """A working link with its person's name and state and its workshop's revision, in one read:
        what a page needs before it knows whether the workshop it shows has changed."""
        p, w = t.participants, t.workshops
        row = self.conn.execute(
            select(
                t.links.c.token_hash,
                t.links.c.workshop_id,
                t.links.c.kind,
                t.links.c.participant_id,
                p.c.name.label("participant_name"),
                p.c.removed.label("participant_removed"),
                w.c.revision,
            )
            .join(w, w.c.id == t.links.c.workshop_id)
            .outerjoin(p, (p.c.id == t.links.c.participant_id) & (p.c.workshop_id == t.links.c.workshop_id))
            .where(t.links.c.token_hash == token_hash, t.links.c.revoked.is_(False))
        ).first()
        return SeenLink(**row._mapping) if row else None

    def revoke_links(self, workshop_id: str, kind: str, participant_id: str | None = None) -> None:
        self.touched.add(parts.LINKS)
        query = update(t.links).where(t.links.c.workshop_id == workshop_id, t.links.c.kind == kind)
        if participant_id is not None:
            query = query.where(t.links.c.participant_id == participant_id)
        self.conn.execute(query.values(revoked=True))

    def revoke_link(self, workshop_id: str, token_hash: str) -> None:
        self.touched.add(parts.LINKS)
        self.conn.execute(
            update(t.links)
            .where(t.links.c.workshop_id == workshop_id, t.links.c.token_hash == token_hash)
            .values(revoked=True)
        )

    def active_links(self, workshop_id: str, kind: str) -> list[Link]:
        rows = self.conn.execute(
            select(t.links).where(
                t.links.c.workshop_id == workshop_id, t.links.c.kind == kind, t.links.c.revoked.is_(False)
            )
        ).all()
        return [_link(r) for r in rows]

    # participants
    def add_participant(self, workshop_id: str, participant: Participant) -> None:
        self.touched.add(parts.PEOPLE)
        self.conn.execute(
            insert(t.participants).values(
                id=participant.id,
                workshop_id=workshop_id,
                name=participant.name,
                is_facilitator=participant.is_facilitator,
                joined_at=participant.joined_at,
                last_seen=participant.last_seen or participant.joined_at,
                removed=participant.removed,
                seat=participant.seat,
            )
        )

    def participant(self, workshop_id: str, participant_id: str | None) -> Participant | None:
        """The participant of this workshop with that id; None for anyone else's, whatever the id."""
        row = self.conn.execute(
            select(t.participants).where(
                t.participants.c.workshop_id == workshop_id, t.participants.c.id == participant_id
            )
        ).first()
        return _participant(row) if row else None

    def participants(self, workshop_id: str) -> list[Participant]:
        rows = self.conn.execute(
            select(t.participants)
            .where(t.participants.c.workshop_id == workshop_id)
            .order_by(t.participants.c.joined_at, t.participants.c.id)
        ).all()
        return [_participant(r) for r in rows]

    def participant_names(self, workshop_id: str) -> set[str]:
        rows = self.conn.execute(
            select(func.lower(t.participants.c.name)).where(t.participants.c.workshop_id == workshop_id)
        ).all()
        return {r[0] for r in rows}

    def save_participant(self, workshop_id: str, participant: Participant) -> None:
        self.touched.add(parts.PEOPLE)
        self.conn.execute(
            update(t.participants)
            .where(t.participants.c.workshop_id == workshop_id, t.participants.c.id == participant.id)
            .values(name=participant.name, removed=participant.removed, seat=participant.seat)
        )

    # rounds: written once, never updated
    def add_round(
        self, workshop_id: str, round_id: str, label: str, created_at: datetime, snapshot: str
    ) -> None:
        self.touched.add(parts.ROUNDS)
        self.conn.execute(
            insert(t.rounds).values(
                id=round_id, workshop_id=workshop_id, label=label, created_at=created_at, snapshot=snapshot
            )
        )

    def rounds(self, workshop_id: str) -> list[tuple[str, str, datetime]]:
        rows = self.conn.execute(
            select(t.rounds.c.id, t.rounds.c.label, t.rounds.c.created_at)
            .where(t.rounds.c.workshop_id == workshop_id)
            .order_by(t.rounds.c.created_at, t.rounds.c.id)
        ).all()
        return [(r.id, r.label, r.created_at) for r in rows]

    def round_snapshot(self, workshop_id: str, round_id: str) -> str | None:
        return self.conn.execute(
            select(t.rounds.c.snapshot).where(
                t.rounds.c.workshop_id == workshop_id, t.rounds.c.id == round_id
            )
        ).scalar()

    # many workshops at once: the live stream's checks of every open page
    def revisions(self, workshop_ids: list[str]) -> dict[str, int]:
        """The revision of each workshop that exists, in one query."""
        rows = self.conn.execute(
            select(t.workshops.c.id, t.workshops.c.revision).where(t.workshops.c.id.in_(workshop_ids))
        ).all()
        return {r.id: r.revision for r in rows}

    def links(self, token_hashes: list[str]) -> list[Link]:
        """The links, not revoked, with these hashes, in one query."""
        rows = self.conn.execute(
            select(t.links).where(t.links.c.token_hash.in_(token_hashes), t.links.c.revoked.is_(False))
        ).all()
        return [_link(r) for r in rows]

    def participants_by_id(self, pairs: list[tuple[str, str]]) -> list[Participant]:
        """The participants named by (workshop id, participant id), in one query."""
        rows = self.conn.execute(
            select(t.participants).where(tuple_(t.participants.c.workshop_id, t.participants.c.id).in_(pairs))
        ).all()
        return [_participant(r) for r in rows]

    def touch_participants(self, pairs: list[tuple[str, str]], when: datetime) -> None:
        """Mark the participants named by (workshop id, participant id) as seen now, in one statement."""
        self.conn.execute(
            update(t.participants)
            .where(tuple_(t.participants.c.workshop_id, t.participants.c.id).in_(pairs))
            .values(last_seen=when)
        )
