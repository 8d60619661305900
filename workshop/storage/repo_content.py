"""Attributes, personas with stances, ideas with effects, ratings and votes of one workshop."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, and_, delete, func, insert, select, update

from personas.model import Attribute, Persona, Stance
from workshop.domain import parts
from workshop.domain.model import Idea, Rating, Vote
from workshop.storage import tables as t
from workshop.storage.tables import participant_names


class ContentRepository:
    def __init__(self, conn: Connection, touched: set[str] | None = None) -> None:
        self.conn = conn
        self.touched = touched if touched is not None else set()

    # attributes
    def attributes(self, workshop_id: str) -> list[Attribute]:
        rows = self.conn.execute(
            select(t.attributes)
            .where(t.attributes.c.workshop_id == workshop_id)
            .order_by(t.attributes.c.position, t.attributes.c.key)
        ).all()
        return [Attribute(r.key, r.name, r.description, r.version) for r in rows]

    def add_attribute(self, workshop_id: str, attribute: Attribute, position: int) -> None:
        self.touched.add(parts.ATTRIBUTES)
        self.conn.execute(
            insert(t.attributes).values(
                workshop_id=workshop_id,
                key=attribute.key,
                name=attribute.name,
                description=attribute.description,
                position=position,
                version=attribute.version,
            )
        )

    def save_attribute(self, workshop_id: str, attribute: Attribute) -> None:
        self.touched.add(parts.ATTRIBUTES)
        self.conn.execute(
            update(t.attributes)
            .where(t.attributes.c.workshop_id == workshop_id, t.attributes.c.key == attribute.key)
            .values(name=attribute.name, description=attribute.description, version=attribute.version)
        )

    def set_attribute_order(self, workshop_id: str, keys: list[str]) -> None:
        self.touched.add(parts.ATTRIBUTES)
        for position, key in enumerate(keys):
            self.conn.execute(
                update(t.attributes)
                .where(t.attributes.c.workshop_id == workshop_id, t.attributes.c.key == key)
                .values(position=position)
            )

    def remove_attribute(self, workshop_id: str, key: str) -> None:
        self.touched.add(parts.ATTRIBUTES)
        for table in (t.stances, t.effects):
            self.conn.execute(
                delete(table).where(table.c.workshop_id == workshop_id, table.c.attribute_key == key)
            )
        self.conn.execute(
            delete(t.attributes).where(t.attributes.c.workshop_id == workshop_id, t.attributes.c.key == key)
        )

    def attribute_usage(self, workshop_id: str, key: str) -> tuple[int, int]:
        """(personas with a stance other than don't care or a note, ideas that move it)."""
        stances = self.conn.execute(
            select(func.count()).where(
                t.stances.c.workshop_id == workshop_id,
                t.stances.c.attribute_key == key,
                (t.stances.c.score != 0) | (t.stances.c.note != ""),
            )
        ).scalar()
        effects = self.conn.execute(
            select(func.count()).where(
                t.effects.c.workshop_id == workshop_id, t.effects.c.attribute_key == key
            )
        ).scalar()
        return int(stances or 0), int(effects or 0)

    # personas
    def personas(self, workshop_id: str) -> list[Persona]:
        names = participant_names(self.conn, workshop_id)
        stance_rows = self.conn.execute(select(t.stances).where(t.stances.c.workshop_id == workshop_id)).all()
        by_persona: dict[str, dict[str, Stance]] = defaultdict(dict)
        for r in stance_rows:
            by_persona[r.persona_key][r.attribute_key] = Stance(r.score, r.note)
        rows = self.conn.execute(
            select(t.personas)
            .where(t.personas.c.workshop_id == workshop_id)
            .order_by(t.personas.c.position, t.personas.c.key)
        ).all()
        return [
            Persona(
                key=r.key,
                name=r.name,
                quote=r.quote,
                description=r.description,
                share=r.share,
                evidence=r.evidence,
                emoji=r.emoji,
                colour=r.colour,
                stances=dict(by_persona.get(r.key, {})),
                version=r.version,
                created_by=names.get(r.created_by or "", ""),
                updated_by=names.get(r.updated_by or "", ""),
            )
            for r in rows
        ]

    def persona(self, workshop_id: str, key: str) -> Persona | None:
        return next((p for p in self.personas(workshop_id) if p.key == key), None)

    def count_personas(self, workshop_id: str) -> int:
        return int(
            self.conn.execute(select(func.count()).where(t.personas.c.workshop_id == workshop_id)).scalar()
            or 0
        )

    def _persona_values(self, p: Persona) -> dict[str, object]:
        return {**p.fields(), "version": p.version}

    def add_persona(self, workshop_id: str, persona: Persona, by: str | None) -> None:
        self.touched.update((parts.PERSONAS, parts.persona(persona.key)))
        position = self.count_personas(workshop_id)
        self.conn.execute(
            insert(t.personas).values(
                workshop_id=workshop_id,
                key=persona.key,
                position=position,
                created_by=by,
                updated_by=by,
                **self._persona_values(persona),
            )
        )
        self._write_stances(workshop_id, persona)

    def save_persona(self, workshop_id: str, persona: Persona, by: str | None) -> None:
        self.touched.add(parts.persona(persona.key))
        self.conn.execute(
            update(t.personas)
            .where(t.personas.c.workshop_id == workshop_id, t.personas.c.key == persona.key)
            .values(updated_by=by, **self._persona_values(persona))
        )
        self.conn.execute(
            delete(t.stances).where(
                t.stances.c.workshop_id == workshop_id, t.stances.c.persona_key == persona.key
            )
        )
        self._write_stances(workshop_id, persona)

    def _write_stances(self, workshop_id: str, persona: Persona) -> None:
        rows = [
            {
                "workshop_id": workshop_id,
                "persona_key": persona.key,
                "attribute_key": key,
                "score": s.score,
                "note": s.note,
            }
            for key, s in persona.stances.items()
            if s.score != 0 or s.note
        ]
        if rows:
            self.conn.execute(insert(t.stances), rows)

    def remove_persona(self, workshop_id: str, key: str) -> None:
        # Its judgements and the seats of those who played it go with it.
        self.touched.update((parts.PERSONAS, parts.persona(key), parts.RATINGS, parts.PEOPLE))
        for table, col in ((t.ratings, "persona_key"), (t.stances, "persona_key")):
            self.conn.execute(delete(table).where(table.c.workshop_id == workshop_id, table.c[col] == key))
        self.conn.execute(
            delete(t.personas).where(t.personas.c.workshop_id == workshop_id, t.personas.c.key == key)
        )
        # Nobody keeps role-playing a persona that is gone.
        self.conn.execute(
            update(t.participants)
            .where(t.participants.c.workshop_id == workshop_id, t.participants.c.seat == key)
            .values(seat="")
        )

    # ideas
    def ideas(self, workshop_id: str) -> list[Idea]:
        eff: dict[str, dict[str, int]] = defaultdict(dict)
        for r in self.conn.execute(select(t.effects).where(t.effects.c.workshop_id == workshop_id)).all():
            eff[r.idea_key][r.attribute_key] = r.strength
        rows = self.conn.execute(
            select(t.ideas)
            .where(t.ideas.c.workshop_id == workshop_id)
            .order_by(t.ideas.c.position, t.ideas.c.key)
        ).all()
        return [
            Idea(
                key=r.key,
                title=r.title,
                description=r.description,
                range=r.range,
                touch=r.touch,
                effects=dict(eff.get(r.key, {})),
                author=r.author_name,
                version=r.version,
            )
            for r in rows
        ]

    def idea(self, workshop_id: str, key: str) -> Idea | None:
        return next((i for i in self.ideas(workshop_id) if i.key == key), None)

    def idea_author_id(self, workshop_id: str, key: str) -> str | None:
        return self.conn.execute(
            select(t.ideas.c.author_id).where(t.ideas.c.workshop_id == workshop_id, t.ideas.c.key == key)
        ).scalar()

    def count_ideas(self, workshop_id: str) -> int:
        return int(
            self.conn.execute(select(func.count()).where(t.ideas.c.workshop_id == workshop_id)).scalar() or 0
        )

    def add_idea(self, workshop_id: str, idea: Idea, author_id: str | None) -> None:
        self.touched.update((parts.IDEAS, parts.idea(idea.key)))
        position = self.conn.execute(
            select(func.coalesce(func.max(t.ideas.c.position), -1)).where(
                t.ideas.c.workshop_id == workshop_id
            )
        ).scalar()
        self.conn.execute(
            insert(t.ideas).values(
                workshop_id=workshop_id,
                key=idea.key,
                title=idea.title,
                description=idea.description,
                range=idea.range,
                touch=idea.touch,
                position=int(position or 0) + 1,  # coalesce: -1 when there is none yet
                version=idea.version,
                author_id=author_id,
                author_name=idea.author,
                updated_by=author_id,
            )
        )
        self._write_effects(workshop_id, idea)

    def save_idea(self, workshop_id: str, idea: Idea, by: str | None) -> None:
        self.touched.add(parts.idea(idea.key))
        self.conn.execute(
            update(t.ideas)
            .where(t.ideas.c.workshop_id == workshop_id, t.ideas.c.key == idea.key)
            .values(
                title=idea.title,
                description=idea.description,
                range=idea.range,
                touch=idea.touch,
                version=idea.version,
                updated_by=by,
            )
        )
        self.conn.execute(
            delete(t.effects).where(t.effects.c.workshop_id == workshop_id, t.effects.c.idea_key == idea.key)
        )
        self._write_effects(workshop_id, idea)

    def _write_effects(self, workshop_id: str, idea: Idea) -> None:
        rows = [
            {"workshop_id": workshop_id, "idea_key": idea.key, "attribute_key": k, "strength": v}
            for k, v in idea.effects.items()
            if v
        ]
        if rows:
            self.conn.execute(insert(t.effects), rows)

    def remove_idea(self, workshop_id: str, key: str) -> None:
        # Its judgements (for personas and against the promise), votes and place in the decision go too.
        self.touched.update((parts.IDEAS, parts.idea(key), parts.RATINGS, parts.VOTES, parts.DECISION))
        for table in (t.votes, t.ratings, t.promise_ratings, t.chosen_ideas, t.effects):
            self.conn.execute(
                delete(table).where(table.c.workshop_id == workshop_id, table.c.idea_key == key)
            )
        self.conn.execute(delete(t.ideas).where(t.ideas.c.workshop_id == workshop_id, t.ideas.c.key == key))

    # ratings
    def ratings(self, workshop_id: str) -> list[Rating]:
        rows = self.conn.execute(select(t.ratings).where(t.ratings.c.workshop_id == workshop_id)).all()
        return [Rating(r.idea_key, r.persona_key, r.by_name, r.score, bool(r.as_persona)) for r in rows]

    def count_ratings(self, workshop_id: str, *, idea: str | None = None, persona: str | None = None) -> int:
        query = select(func.count()).where(t.ratings.c.workshop_id == workshop_id)
        if idea is not None:
            query = query.where(t.ratings.c.idea_key == idea)
        if persona is not None:
            query = query.where(t.ratings.c.persona_key == persona)
        return int(self.conn.execute(query).scalar() or 0)

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
        self.touched.add(parts.RATINGS)
        where = and_(
            t.ratings.c.workshop_id == workshop_id,
            t.ratings.c.idea_key == idea,
            t.ratings.c.persona_key == persona,
            t.ratings.c.participant_id == participant_id,
            t.ratings.c.as_persona.is_(as_persona),
        )
        self.conn.execute(delete(t.ratings).where(where))
        if score is not None:
            self.conn.execute(
                insert(t.ratings).values(
                    workshop_id=workshop_id,
                    idea_key=idea,
                    persona_key=persona,
                    participant_id=participant_id,
                    as_persona=as_persona,
                    score=score,
                    by_name=name,
                )
            )

    # votes
    def votes(self, workshop_id: str) -> list[Vote]:
        rows = self.conn.execute(
            select(t.votes).where(t.votes.c.workshop_id == workshop_id, t.votes.c.count > 0)
        ).all()
        # `r.count` would read as Sequence.count to mypy; SQLAlchemy gives the column either way.
        return [Vote(r.idea_key, r.by_name, r._mapping["count"]) for r in rows]

    def votes_of(self, workshop_id: str, participant_id: str) -> dict[str, int]:
        rows = self.conn.execute(
            select(t.votes.c.idea_key, t.votes.c.count).where(
                t.votes.c.workshop_id == workshop_id, t.votes.c.participant_id == participant_id
            )
        ).all()
        return {r.idea_key: r._mapping["count"] for r in rows if r._mapping["count"] > 0}

    def voters(self, workshop_id: str) -> dict[str, int]:
        """participant id -> votes spent."""
        rows = self.conn.execute(
            select(t.votes.c.participant_id, func.sum(t.votes.c.count))
            .where(t.votes.c.workshop_id == workshop_id)
            .group_by(t.votes.c.participant_id)
        ).all()
        return {r[0]: int(r[1] or 0) for r in rows}

    def set_vote(self, workshop_id: str, idea: str, participant_id: str, name: str, count: int) -> None:
        self.touched.add(parts.VOTES)
        where = and_(
            t.votes.c.workshop_id == workshop_id,
            t.votes.c.idea_key == idea,
            t.votes.c.participant_id == participant_id,
        )
        self.conn.execute(delete(t.votes).where(where))
        if count > 0:
            self.conn.execute(
                insert(t.votes).values(
                    workshop_id=workshop_id,
                    idea_key=idea,
                    participant_id=participant_id,
                    count=count,
                    by_name=name,
                )
            )
