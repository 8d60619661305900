"""The in-memory store's repositories: the same reads and writes as the SQL ones, over plain dicts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from personas.model import Attribute, Persona, Stance
from workshop.domain import parts
from workshop.domain.model import (
    ChosenIdea,
    Decision,
    Idea,
    Participant,
    PromiseRating,
    Rating,
    Vote,
    Workshop,
)
from workshop.ports import Link, SeenLink

_FIELD_PARTS = {"phase": parts.STEP, "locked": parts.LOCK, "settings": parts.SETTINGS}
_FIELD_PARTS |= {"timer": parts.TIMER, "title": parts.PROMISE, "promise": parts.PROMISE}


@dataclass
class Room:
    """One workshop's records. Personas keep who wrote them as participant ids, as the tables do."""

    workshop: Workshop
    participants: dict[str, Participant] = field(default_factory=dict)
    attributes: dict[str, tuple[int, Attribute]] = field(default_factory=dict)
    personas: dict[str, tuple[int, Persona, str | None, str | None]] = field(default_factory=dict)
    ideas: dict[str, tuple[int, Idea, str | None]] = field(default_factory=dict)  # with its author's id
    ratings: dict[tuple[str, str, str, bool], tuple[str, int]] = field(default_factory=dict)
    votes: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    promise_ratings: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    decision: tuple[int, str | None] | None = None  # version, by whom
    chosen: list[tuple[ChosenIdea, str | None]] = field(default_factory=list)
    rounds: dict[str, tuple[str, datetime, str]] = field(default_factory=dict)


@dataclass
class State:
    rooms: dict[str, Room] = field(default_factory=dict)
    links: dict[str, tuple[Link, bool]] = field(default_factory=dict)  # token hash -> link, revoked


class _Repository:
    def __init__(self, state: State, touched: set[str], writable: Callable[[], None]) -> None:
        self.state = state
        self.touched = touched
        self._writable = writable

    def _room(self, workshop_id: str) -> Room:
        return self.state.rooms.get(workshop_id) or Room(Workshop(workshop_id, ""))

    def _write(self, workshop_id: str, *touched: str) -> Room:
        self._writable()
        self.touched.update(touched)
        return self.state.rooms.get(workshop_id) or Room(Workshop(workshop_id, ""))

    def _names(self, workshop_id: str) -> dict[str, str]:
        return {p.id: p.name for p in self._room(workshop_id).participants.values()}


class MemorySessions(_Repository):
    def __init__(self, state: State, touched: set[str], writable: Callable[[], None]) -> None:
        super().__init__(state, touched, writable)
        self._read: dict[str, Workshop] = {}

    def add_workshop(self, workshop: Workshop) -> None:
        self._write(workshop.id, parts.EVERYTHING)
        self.state.rooms[workshop.id] = Room(workshop)

    def workshop(self, workshop_id: str) -> Workshop | None:
        room = self.state.rooms.get(workshop_id)
        if room is not None:
            self._read[workshop_id] = room.workshop
        return room.workshop if room else None

    def revision(self, workshop_id: str) -> int | None:
        room = self.state.rooms.get(workshop_id)
        return room.workshop.revision if room else None

    def save_workshop(self, workshop: Workshop) -> None:
        before = self._read.get(workshop.id)
        self._write(workshop.id)
        if before is None:
            self.touched.add(parts.EVERYTHING)
        else:
            self.touched.update(
                p for f, p in _FIELD_PARTS.items() if getattr(before, f) != getattr(workshop, f)
            )
        self._read[workshop.id] = workshop
        room = self.state.rooms.get(workshop.id)
        if room is not None:  # the revision is lock_workshop's
            room.workshop = replace(workshop, revision=room.workshop.revision)

    def delete_workshop(self, workshop_id: str) -> None:
        self._write(workshop_id, parts.EVERYTHING)
        self.state.rooms.pop(workshop_id, None)
        for key in [k for k, (link, _) in self.state.links.items() if link.workshop_id == workshop_id]:
            del self.state.links[key]

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
        self._write(workshop_id, parts.LINKS)
        if token_hash in self.state.links:
            raise ValueError("a link with this token exists already")  # the table's primary key
        link = Link(token_hash, workshop_id, kind, participant_id, wrapped_secret, generation)
        self.state.links[token_hash] = (link, False)

    def link(self, token_hash: str) -> Link | None:
        link, revoked = self.state.links.get(token_hash, (None, True))
        return None if revoked else link

    def link_as_seen(self, token_hash: str) -> SeenLink | None:
        link = self.link(token_hash)
        room = self.state.rooms.get(link.workshop_id) if link else None
        if link is None or room is None:
            return None
        person = room.participants.get(link.participant_id or "")
        return SeenLink(
            link.token_hash,
            link.workshop_id,
            link.kind,
            link.participant_id,
            person.name if person else None,
            person.removed if person else None,
            room.workshop.revision,
        )

    def _revoke(self, keep: Callable[[Link], bool]) -> None:
        for key, (link, _revoked) in list(self.state.links.items()):
            if not keep(link):
                self.state.links[key] = (link, True)

    def revoke_links(self, workshop_id: str, kind: str, participant_id: str | None = None) -> None:
        self._write(workshop_id, parts.LINKS)
        self._revoke(
            lambda k: (
                not (
                    k.workshop_id == workshop_id
                    and k.kind == kind
                    and (participant_id is None or k.participant_id == participant_id)
                )
            )
        )

    def revoke_link(self, workshop_id: str, token_hash: str) -> None:
        self._write(workshop_id, parts.LINKS)
        self._revoke(lambda k: not (k.workshop_id == workshop_id and k.token_hash == token_hash))

    def active_links(self, workshop_id: str, kind: str) -> list[Link]:
        return [
            k
            for k, revoked in self.state.links.values()
            if not revoked and (k.workshop_id, k.kind) == (workshop_id, kind)
        ]

    def add_participant(self, workshop_id: str, participant: Participant) -> None:
        room = self._write(workshop_id, parts.PEOPLE)
        room.participants[participant.id] = replace(
            participant, last_seen=participant.last_seen or participant.joined_at
        )

    def participant(self, workshop_id: str, participant_id: str | None) -> Participant | None:
        return self._room(workshop_id).participants.get(participant_id or "")

    def participants(self, workshop_id: str) -> list[Participant]:
        found = self._room(workshop_id).participants.values()
        return sorted(found, key=lambda p: (p.joined_at is not None, p.joined_at or 0, p.id))

    def participant_names(self, workshop_id: str) -> set[str]:
        return {p.name.lower() for p in self._room(workshop_id).participants.values()}

    def save_participant(self, workshop_id: str, participant: Participant) -> None:
        room = self._write(workshop_id, parts.PEOPLE)
        if (kept := room.participants.get(participant.id)) is not None:
            room.participants[participant.id] = replace(
                kept, name=participant.name, removed=participant.removed, seat=participant.seat
            )

    def add_round(
        self, workshop_id: str, round_id: str, label: str, created_at: datetime, snapshot: str
    ) -> None:
        self._write(workshop_id, parts.ROUNDS).rounds[round_id] = (label, created_at, snapshot)

    def rounds(self, workshop_id: str) -> list[tuple[str, str, datetime]]:
        found = [(rid, label, at) for rid, (label, at, _) in self._room(workshop_id).rounds.items()]
        return sorted(found, key=lambda r: (r[2], r[0]))

    def round_snapshot(self, workshop_id: str, round_id: str) -> str | None:
        kept = self._room(workshop_id).rounds.get(round_id)
        return kept[2] if kept else None

    def revisions(self, workshop_ids: list[str]) -> dict[str, int]:
        rooms = self.state.rooms
        return {wid: rooms[wid].workshop.revision for wid in workshop_ids if wid in rooms}

    def links(self, token_hashes: list[str]) -> list[Link]:
        return [k for k in (self.link(h) for h in dict.fromkeys(token_hashes)) if k is not None]

    def participants_by_id(self, pairs: list[tuple[str, str]]) -> list[Participant]:
        return [p for wid, pid in pairs if (p := self.participant(wid, pid)) is not None]

    def touch_participants(self, pairs: list[tuple[str, str]], when: datetime) -> None:
        self._writable()
        for wid, pid in pairs:
            room = self.state.rooms.get(wid)
            if room is not None and pid in room.participants:
                room.participants[pid] = replace(room.participants[pid], last_seen=when)


def _kept_stances(persona: Persona) -> dict[str, Stance]:
    """Don't care without a note is not stored, as in the stances table."""
    return {k: s for k, s in persona.stances.items() if s.score != 0 or s.note}


class MemoryContent(_Repository):
    def attributes(self, workshop_id: str) -> list[Attribute]:
        found = sorted(self._room(workshop_id).attributes.values(), key=lambda pa: (pa[0], pa[1].key))
        return [a for _, a in found]

    def add_attribute(self, workshop_id: str, attribute: Attribute, position: int) -> None:
        self._write(workshop_id, parts.ATTRIBUTES).attributes[attribute.key] = (position, attribute)

    def save_attribute(self, workshop_id: str, attribute: Attribute) -> None:
        room = self._write(workshop_id, parts.ATTRIBUTES)
        if attribute.key in room.attributes:
            room.attributes[attribute.key] = (room.attributes[attribute.key][0], attribute)

    def set_attribute_order(self, workshop_id: str, keys: list[str]) -> None:
        room = self._write(workshop_id, parts.ATTRIBUTES)
        for position, key in enumerate(keys):
            if key in room.attributes:
                room.attributes[key] = (position, room.attributes[key][1])

    def remove_attribute(self, workshop_id: str, key: str) -> None:
        room = self._write(workshop_id, parts.ATTRIBUTES)
        room.attributes.pop(key, None)
        for pkey, (position, p, created, updated) in room.personas.items():
            stances = {k: s for k, s in p.stances.items() if k != key}
            room.personas[pkey] = (position, replace(p, stances=stances), created, updated)
        for ikey, (position, i, author) in room.ideas.items():
            effects = {k: v for k, v in i.effects.items() if k != key}
            room.ideas[ikey] = (position, replace(i, effects=effects), author)

    def attribute_usage(self, workshop_id: str, key: str) -> tuple[int, int]:
        room = self._room(workshop_id)
        return (
            sum(1 for _, p, _, _ in room.personas.values() if key in p.stances),
            sum(1 for _, i, _ in room.ideas.values() if key in i.effects),
        )

    def personas(self, workshop_id: str) -> list[Persona]:
        names = self._names(workshop_id)
        found = sorted(self._room(workshop_id).personas.values(), key=lambda row: (row[0], row[1].key))
        return [
            replace(
                p,
                stances=dict(p.stances),
                created_by=names.get(c or "", ""),
                updated_by=names.get(u or "", ""),
            )
            for _, p, c, u in found
        ]

    def persona(self, workshop_id: str, key: str) -> Persona | None:
        return next((p for p in self.personas(workshop_id) if p.key == key), None)

    def count_personas(self, workshop_id: str) -> int:
        return len(self._room(workshop_id).personas)

    def add_persona(self, workshop_id: str, persona: Persona, by: str | None) -> None:
        room = self._write(workshop_id, parts.PERSONAS, parts.persona(persona.key))
        if persona.key in room.personas:
            raise ValueError("a persona with this key exists already")  # the table's primary key
        kept = replace(persona, stances=_kept_stances(persona))
        room.personas[persona.key] = (len(room.personas), kept, by, by)

    def save_persona(self, workshop_id: str, persona: Persona, by: str | None) -> None:
        room = self._write(workshop_id, parts.persona(persona.key))
        if (row := room.personas.get(persona.key)) is not None:
            room.personas[persona.key] = (
                row[0],
                replace(persona, stances=_kept_stances(persona)),
                row[2],
                by,
            )

    def remove_persona(self, workshop_id: str, key: str) -> None:
        room = self._write(workshop_id, parts.PERSONAS, parts.persona(key), parts.RATINGS, parts.PEOPLE)
        room.ratings = {k: v for k, v in room.ratings.items() if k[1] != key}
        room.personas.pop(key, None)
        for pid, p in room.participants.items():
            if p.seat == key:  # nobody keeps role-playing a persona that is gone
                room.participants[pid] = replace(p, seat="")

    def ideas(self, workshop_id: str) -> list[Idea]:
        found = sorted(self._room(workshop_id).ideas.values(), key=lambda row: (row[0], row[1].key))
        return [replace(i, effects=dict(i.effects)) for _, i, _ in found]

    def idea(self, workshop_id: str, key: str) -> Idea | None:
        return next((i for i in self.ideas(workshop_id) if i.key == key), None)

    def idea_author_id(self, workshop_id: str, key: str) -> str | None:
        row = self._room(workshop_id).ideas.get(key)
        return row[2] if row else None

    def count_ideas(self, workshop_id: str) -> int:
        return len(self._room(workshop_id).ideas)

    def add_idea(self, workshop_id: str, idea: Idea, author_id: str | None) -> None:
        room = self._write(workshop_id, parts.IDEAS, parts.idea(idea.key))
        if idea.key in room.ideas:
            raise ValueError("an idea with this key exists already")  # the table's primary key
        position = max((row[0] for row in room.ideas.values()), default=-1) + 1
        room.ideas[idea.key] = (
            position,
            replace(idea, effects={k: v for k, v in idea.effects.items() if v}),
            author_id,
        )

    def save_idea(self, workshop_id: str, idea: Idea, by: str | None) -> None:
        room = self._write(workshop_id, parts.idea(idea.key))
        if (row := room.ideas.get(idea.key)) is not None:  # the author stays who wrote it first
            kept = replace(idea, effects={k: v for k, v in idea.effects.items() if v}, author=row[1].author)
            room.ideas[idea.key] = (row[0], kept, row[2])

    def remove_idea(self, workshop_id: str, key: str) -> None:
        room = self._write(
            workshop_id, parts.IDEAS, parts.idea(key), parts.RATINGS, parts.VOTES, parts.DECISION
        )
        room.ratings = {k: v for k, v in room.ratings.items() if k[0] != key}
        room.votes = {k: v for k, v in room.votes.items() if k[0] != key}
        room.promise_ratings = {k: v for k, v in room.promise_ratings.items() if k[0] != key}
        room.chosen = [(c, by) for c, by in room.chosen if c.idea != key]
        room.ideas.pop(key, None)

    def ratings(self, workshop_id: str) -> list[Rating]:
        found = self._room(workshop_id).ratings.items()
        return [
            Rating(idea, persona, name, score, as_persona)
            for (idea, persona, _, as_persona), (name, score) in found
        ]

    def count_ratings(self, workshop_id: str, *, idea: str | None = None, persona: str | None = None) -> int:
        return sum(
            1
            for k in self._room(workshop_id).ratings
            if (idea is None or k[0] == idea) and (persona is None or k[1] == persona)
        )

    def set_rating(
        self,
        workshop_id: str,
        idea: str,
        persona: str,
        participant_id: str,
        name: str,
        score: int | None,
        as_persona: bool,
    ) -> None:
        room = self._write(workshop_id, parts.RATINGS)
        key = (idea, persona, participant_id, as_persona)
        room.ratings.pop(key, None)
        if score is not None:
            room.ratings[key] = (name, score)

    def votes(self, workshop_id: str) -> list[Vote]:
        return [
            Vote(idea, name, n) for (idea, _), (name, n) in self._room(workshop_id).votes.items() if n > 0
        ]

    def votes_of(self, workshop_id: str, participant_id: str) -> dict[str, int]:
        found = self._room(workshop_id).votes.items()
        return {idea: n for (idea, pid), (_, n) in found if pid == participant_id and n > 0}

    def voters(self, workshop_id: str) -> dict[str, int]:
        spent: dict[str, int] = {}
        for (_, pid), (_, n) in self._room(workshop_id).votes.items():
            spent[pid] = spent.get(pid, 0) + n
        return spent

    def set_vote(self, workshop_id: str, idea: str, participant_id: str, name: str, count: int) -> None:
        room = self._write(workshop_id, parts.VOTES)
        room.votes.pop((idea, participant_id), None)
        if count > 0:
            room.votes[(idea, participant_id)] = (name, count)


class MemoryDecisions(_Repository):
    def promise_ratings(self, workshop_id: str) -> list[PromiseRating]:
        found = [
            PromiseRating(i, name, s) for (i, _), (name, s) in self._room(workshop_id).promise_ratings.items()
        ]
        return sorted(found, key=lambda r: (r.idea, r.by))

    def set_promise_rating(
        self, workshop_id: str, idea: str, participant_id: str, name: str, score: int | None
    ) -> None:
        room = self._write(workshop_id, parts.RATINGS)
        room.promise_ratings.pop((idea, participant_id), None)
        if score is not None:
            room.promise_ratings[(idea, participant_id)] = (name, score)

    def decision(self, workshop_id: str) -> Decision:
        room = self._room(workshop_id)
        if room.decision is None:
            return Decision()
        names = self._names(workshop_id)
        chosen = tuple(replace(c, updated_by=names.get(by or "", "")) for c, by in room.chosen)
        return Decision(chosen, True, room.decision[0], names.get(room.decision[1] or "", ""))

    def save_choice(self, workshop_id: str, decision: Decision, by: str | None) -> None:
        room = self._write(workshop_id, parts.DECISION)
        room.decision = (decision.version, by)
        kept = {c.idea: (c, who) for c, who in room.chosen}
        # Ideas that stay keep their next step, owner and who wrote them; new ones are written now.
        room.chosen = [kept.get(c.idea, (c, by)) for c in decision.chosen]

    def save_chosen(self, workshop_id: str, chosen: ChosenIdea, by: str | None) -> None:
        room = self._write(workshop_id, parts.DECISION)
        room.chosen = [(chosen, by) if c.idea == chosen.idea else (c, who) for c, who in room.chosen]
