"""The database tables (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

workshops = Table(
    "workshops",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("promise", Text, nullable=False, default=""),
    Column("phase", String(20), nullable=False, default="promise"),
    Column("locked", Boolean, nullable=False, default=False),
    Column("revision", Integer, nullable=False, default=0),
    Column("settings", Text, nullable=False, default="{}"),
    Column("timer", Text, nullable=False, default="{}"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, default=1),
)

participants = Table(
    "participants",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("name", Text, nullable=False),
    Column("is_facilitator", Boolean, nullable=False, default=False),
    Column("joined_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("removed", Boolean, nullable=False, default=False),
    Column("seat", String(64), nullable=False, default=""),
)

links = Table(
    "links",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    # facilitator | participant | viewer | personal
    Column("kind", String(16), nullable=False),
    Column("participant_id", String(32), ForeignKey("participants.id", ondelete="CASCADE"), nullable=True),
    # For facilitator links: the workshop's share secret, wrapped with a key derived from the token.
    Column("wrapped_secret", String(64), nullable=True),
    Column("generation", Integer, nullable=False, default=0),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

attributes = Table(
    "attributes",
    metadata,
    Column("workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False, default=1),
)

personas = Table(
    "personas",
    metadata,
    Column("workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("quote", Text, nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("share", Float, nullable=True),
    Column("evidence", Text, nullable=False, default=""),
    Column("emoji", String(32), nullable=False, default=""),
    Column("colour", String(16), nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False, default=1),
    Column("created_by", String(32), nullable=True),
    Column("updated_by", String(32), nullable=True),
)

stances = Table(
    "stances",
    metadata,
    Column("workshop_id", String(32), primary_key=True),
    Column("persona_key", String(64), primary_key=True),
    Column("attribute_key", String(64), primary_key=True),
    Column("score", Integer, nullable=False, default=0),
    Column("note", Text, nullable=False, default=""),
    ForeignKeyConstraint(
        ["workshop_id", "persona_key"], ["personas.workshop_id", "personas.key"], ondelete="CASCADE"
    ),
    ForeignKeyConstraint(
        ["workshop_id", "attribute_key"], ["attributes.workshop_id", "attributes.key"], ondelete="CASCADE"
    ),
)

ideas = Table(
    "ideas",
    metadata,
    Column("workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("range", String(16), nullable=False),
    Column("touch", String(16), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False, default=1),
    Column("author_id", String(32), nullable=True),
    Column("author_name", Text, nullable=False, default=""),
    Column("updated_by", String(32), nullable=True),
)

effects = Table(
    "effects",
    metadata,
    Column("workshop_id", String(32), primary_key=True),
    Column("idea_key", String(64), primary_key=True),
    Column("attribute_key", String(64), primary_key=True),
    Column("strength", Integer, nullable=False),
    ForeignKeyConstraint(["workshop_id", "idea_key"], ["ideas.workshop_id", "ideas.key"], ondelete="CASCADE"),
    ForeignKeyConstraint(
        ["workshop_id", "attribute_key"], ["attributes.workshop_id", "attributes.key"], ondelete="CASCADE"
    ),
)

ratings = Table(
    "ratings",
    metadata,
    Column("workshop_id", String(32), primary_key=True),
    Column("idea_key", String(64), primary_key=True),
    Column("persona_key", String(64), primary_key=True),
    Column("participant_id", String(32), primary_key=True),
    Column("as_persona", Boolean, primary_key=True, default=False),
    Column("score", Integer, nullable=False),
    Column("by_name", Text, nullable=False, default=""),
    ForeignKeyConstraint(["workshop_id", "idea_key"], ["ideas.workshop_id", "ideas.key"], ondelete="CASCADE"),
    ForeignKeyConstraint(
        ["workshop_id", "persona_key"], ["personas.workshop_id", "personas.key"], ondelete="CASCADE"
    ),
)

votes = Table(
    "votes",
    metadata,
    Column("workshop_id", String(32), primary_key=True),
    Column("idea_key", String(64), primary_key=True),
    Column("participant_id", String(32), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("by_name", Text, nullable=False, default=""),
    ForeignKeyConstraint(["workshop_id", "idea_key"], ["ideas.workshop_id", "ideas.key"], ondelete="CASCADE"),
)


# Added in schema version 2.
rounds = Table(
    "rounds",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("label", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("snapshot", Text, nullable=False),  # the workshop file (JSON) at that moment; never updated
)

# Added in schema version 3: ideas judged against the promise, and the decision.
promise_ratings = Table(
    "promise_ratings",
    metadata,
    Column("workshop_id", String(32), primary_key=True),
    Column("idea_key", String(64), primary_key=True),
    Column("participant_id", String(32), primary_key=True),
    Column("score", Integer, nullable=False),
    Column("by_name", Text, nullable=False, default=""),
    ForeignKeyConstraint(["workshop_id", "idea_key"], ["ideas.workshop_id", "ideas.key"], ondelete="CASCADE"),
)

# One row once the facilitator has marked the decision; its version guards the chosen set.
decisions = Table(
    "decisions",
    metadata,
    Column("workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_by", String(32), nullable=True),
)

chosen_ideas = Table(
    "chosen_ideas",
    metadata,
    Column("workshop_id", String(32), primary_key=True),
    Column("idea_key", String(64), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    Column("next_step", Text, nullable=False, default=""),
    Column("owner", Text, nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_by", String(32), nullable=True),
    ForeignKeyConstraint(["workshop_id", "idea_key"], ["ideas.workshop_id", "ideas.key"], ondelete="CASCADE"),
)

V3_TABLES = (promise_ratings, decisions, chosen_ideas)

V1_TABLES = (
    schema_version,
    workshops,
    participants,
    links,
    attributes,
    personas,
    stances,
    ideas,
    effects,
    ratings,
    votes,
)


def participant_names(conn: Connection, workshop_id: str) -> dict[str, str]:
    """Participant id -> name in one workshop: how repositories name who wrote a record."""
    rows = conn.execute(
        select(participants.c.id, participants.c.name).where(participants.c.workshop_id == workshop_id)
    ).all()
    return {r.id: r.name for r in rows}
