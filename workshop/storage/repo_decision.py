"""Judgements of ideas against the promise, and the decision (chosen ideas, next steps, owners) of one workshop."""

from __future__ import annotations

from sqlalchemy import Connection, and_, delete, insert, select, update

from workshop.domain import parts
from workshop.domain.model import ChosenIdea, Decision, PromiseRating
from workshop.storage import tables as t
from workshop.storage.tables import participant_names


class DecisionRepository:
    def __init__(self, conn: Connection, touched: set[str] | None = None) -> None:
        self.conn = conn
        self.touched = touched if touched is not None else set()

    # promise judgements
    def promise_ratings(self, workshop_id: str) -> list[PromiseRating]:
        rows = self.conn.execute(
            select(t.promise_ratings)
            .where(t.promise_ratings.c.workshop_id == workshop_id)
            .order_by(t.promise_ratings.c.idea_key, t.promise_ratings.c.by_name)
        ).all()
        return [PromiseRating(r.idea_key, r.by_name, r.score) for r in rows]

    def set_promise_rating(
        self, workshop_id: str, idea: str, participant_id: str, name: str, score: int | None
    ) -> None:
        self.touched.add(parts.RATINGS)
        where = and_(
            t.promise_ratings.c.workshop_id == workshop_id,
            t.promise_ratings.c.idea_key == idea,
            t.promise_ratings.c.participant_id == participant_id,
        )
        self.conn.execute(delete(t.promise_ratings).where(where))
        if score is not None:
            self.conn.execute(
                insert(t.promise_ratings).values(
                    workshop_id=workshop_id,
                    idea_key=idea,
                    participant_id=participant_id,
                    score=score,
                    by_name=name,
                )
            )

    # the decision
    def decision(self, workshop_id: str) -> Decision:
        head = self.conn.execute(select(t.decisions).where(t.decisions.c.workshop_id == workshop_id)).first()
        if head is None:
            return Decision()
        names = participant_names(self.conn, workshop_id)
        rows = self.conn.execute(
            select(t.chosen_ideas)
            .where(t.chosen_ideas.c.workshop_id == workshop_id)
            .order_by(t.chosen_ideas.c.position, t.chosen_ideas.c.idea_key)
        ).all()
        chosen = tuple(
            ChosenIdea(r.idea_key, r.next_step, r.owner, r.version, names.get(r.updated_by or "", ""))
            for r in rows
        )
        return Decision(chosen, True, head.version, names.get(head.updated_by or "", ""))

    def save_choice(self, workshop_id: str, decision: Decision, by: str | None) -> None:
        """Store the chosen set, its order and its version; entries keep their own texts and versions."""
        self.touched.add(parts.DECISION)
        exists = self.conn.execute(
            select(t.decisions.c.workshop_id).where(t.decisions.c.workshop_id == workshop_id)
        ).first()
        values = {"version": decision.version, "updated_by": by}
        if exists:
            self.conn.execute(
                update(t.decisions).where(t.decisions.c.workshop_id == workshop_id).values(values)
            )
        else:
            self.conn.execute(insert(t.decisions).values(workshop_id=workshop_id, **values))
        here = t.chosen_ideas.c.workshop_id == workshop_id
        kept = set(self.conn.execute(select(t.chosen_ideas.c.idea_key).where(here)).scalars())
        wanted = [c.idea for c in decision.chosen]
        self.conn.execute(delete(t.chosen_ideas).where(here, t.chosen_ideas.c.idea_key.not_in(wanted)))
        for position, c in enumerate(decision.chosen):
            if c.idea in kept:  # its next step, owner and who wrote them stay as they are
                self.conn.execute(
                    update(t.chosen_ideas)
                    .where(here, t.chosen_ideas.c.idea_key == c.idea)
                    .values(position=position)
                )
            else:
                self.conn.execute(
                    insert(t.chosen_ideas).values(
                        workshop_id=workshop_id,
                        idea_key=c.idea,
                        position=position,
                        next_step=c.next_step,
                        owner=c.owner,
                        version=c.version,
                        updated_by=by,
                    )
                )

    def save_chosen(self, workshop_id: str, chosen: ChosenIdea, by: str | None) -> None:
        self.touched.add(parts.DECISION)
        self.conn.execute(
            update(t.chosen_ideas)
            .where(t.chosen_ideas.c.workshop_id == workshop_id, t.chosen_ideas.c.idea_key == chosen.idea)
            .values(next_step=chosen.next_step, owner=chosen.owner, version=chosen.version, updated_by=by)
        )
