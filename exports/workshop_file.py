"""The workshop file: a whole workshop as JSON ("love-hate-workshop", version 2), written and read back.

Version 2 added judgements against the promise and the decision; version 1 files still open.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from exports import checks as c
from exports.file_decision import decision_dict, promise_ratings_list, read_decision, read_promise_ratings
from exports.limits import (
    MAX_ATTRIBUTES,
    MAX_IDEAS,
    MAX_PARTICIPANTS,
    MAX_RATINGS,
    MAX_VOTE_COUNT,
    MAX_VOTES,
)
from exports.safety import check_size
from personas.errors import InvalidInput
from personas.model import Attribute, Persona, Stance
from personas.rules import MAX_PERSONAS
from personas.text import LINE_MAX, NAME_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Decision, Idea, Rating, Vote, WorkshopSnapshot
from workshop.domain.phases import PHASE_KEYS

FORMAT = "love-hate-workshop"
VERSION = 2
READABLE_VERSIONS = (1, 2)


def to_json(snapshot: WorkshopSnapshot, *, exported_at: datetime | None = None) -> bytes:
    """The workshop file as UTF-8 bytes, readable by people and by `from_json`."""
    return json.dumps(to_dict(snapshot, exported_at=exported_at), ensure_ascii=False, indent=2).encode()


def to_dict(snapshot: WorkshopSnapshot, *, exported_at: datetime | None = None) -> dict:
    s = snapshot
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (exported_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "title": s.title,
        "promise": s.promise,
        "phase": s.phase,
        "created_at": s.created_at.isoformat() if s.created_at else None,
        "participants": list(s.participants),
        "attributes": [{"key": a.key, "name": a.name, "description": a.description} for a in s.attributes],
        "personas": [_persona_dict(p) for p in s.personas],
        "ideas": [
            {
                "key": i.key,
                "title": i.title,
                "description": i.description,
                "range": i.range,
                "touch": i.touch,
                "effects": {k: v for k, v in i.effects.items() if v},
                "author": i.author,
            }
            for i in s.ideas
        ],
        "ratings": [
            {"idea": r.idea, "persona": r.persona, "by": r.by, "score": r.score, "as_persona": r.as_persona}
            for r in s.ratings
        ],
        "votes": [{"idea": v.idea, "by": v.by, "count": v.count} for v in s.votes],
        "promise_ratings": promise_ratings_list(s.promise_ratings),
        "decision": decision_dict(s.decision),
    }


def _persona_dict(p: Persona) -> dict:
    return {
        "key": p.key,
        **p.fields(),
        "stances": {k: {"score": s.score, "note": s.note} for k, s in p.stances.items() if s.score or s.note},
    }


def as_template(snapshot: WorkshopSnapshot) -> WorkshopSnapshot:
    """The same workshop to run again: attributes, personas and ideas kept; votes, judgements, the
    decision and people dropped."""
    return replace(
        snapshot,
        ratings=(),
        votes=(),
        participants=(),
        phase="promise",
        created_at=None,
        promise_ratings=(),
        decision=Decision(),
    )


def from_json(data: bytes | str) -> WorkshopSnapshot:
    """Read a workshop file; InvalidInput names the first wrong value, e.g. 'personas[2].stances.speed.score'."""
    check_size(data if isinstance(data, bytes) else data.encode(), "workshop file")
    try:
        doc = json.loads(data, object_pairs_hook=_no_duplicate_fields, parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        detail = e.message if isinstance(e, InvalidInput) else "it is not valid JSON"
        raise InvalidInput(f"This is not a workshop file: {detail}.") from None
    return from_dict(doc)


def _no_duplicate_fields(pairs: list[tuple[str, object]]) -> dict:
    result: dict = {}
    for name, value in pairs:
        if name in result:
            # A duplicated field would silently keep the last value; the author meant one of them.
            raise InvalidInput(f"the field {name!r} appears twice in one object")
        result[name] = value
    return result


def _no_constant(name: str) -> None:
    raise InvalidInput(f"{name} is not a number")


def from_dict(doc: object) -> WorkshopSnapshot:
    doc = c.obj(doc, "file")
    if doc.get("format") != FORMAT:
        raise c.fail("format", f"must be {FORMAT!r}; this is not a workshop file")
    version = doc.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        readable = " or ".join(str(v) for v in READABLE_VERSIONS)
        raise c.fail("version", f"must be {readable}; this file is version {version!r}")
    attributes = _attributes(doc.get("attributes"))
    attribute_keys = {a.key for a in attributes}
    personas = _personas(doc.get("personas"), attribute_keys)
    ideas = _ideas(doc.get("ideas"), attribute_keys)
    idea_keys, persona_keys = {i.key for i in ideas}, {p.key for p in personas}
    return WorkshopSnapshot(
        title=c.text(doc.get("title"), "title", TITLE_MAX, required=True),
        promise=c.text(doc.get("promise"), "promise", TEXT_MAX),
        attributes=attributes,
        personas=personas,
        ideas=ideas,
        ratings=_ratings(doc.get("ratings"), idea_keys, persona_keys),
        votes=_votes(doc.get("votes"), idea_keys),
        participants=tuple(
            c.text(name, f"participants[{n}]", NAME_MAX, required=True)
            for n, name in enumerate(c.array(doc.get("participants"), "participants", MAX_PARTICIPANTS))
        ),
        phase=c.choice(doc.get("phase") or "promise", "phase", dict.fromkeys(PHASE_KEYS, "")),
        created_at=_instant(doc.get("created_at"), "created_at"),
        # Version 1 had neither; fields of those names in a version 1 file are ignored like any unknown one.
        promise_ratings=read_promise_ratings(doc.get("promise_ratings"), idea_keys) if version >= 2 else (),
        decision=read_decision(doc.get("decision"), idea_keys) if version >= 2 else Decision(),
    )


def _instant(value: object, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(c.text(value, where, 40))
    except ValueError:
        raise c.fail(where, f"must be an ISO date and time, not {value!r}") from None


def _attributes(value: object) -> tuple[Attribute, ...]:
    result = []
    for n, item in enumerate(c.array(value, "attributes", MAX_ATTRIBUTES)):
        where = f"attributes[{n}]"
        item = c.obj(item, where)
        result.append(
            Attribute(
                key=c.key(item.get("key"), f"{where}.key"),
                name=c.text(item.get("name"), f"{where}.name", NAME_MAX, required=True),
                description=c.text(item.get("description"), f"{where}.description", LINE_MAX),
            )
        )
    c.unique([a.key for a in result], "attributes", "attribute")
    return tuple(result)


def _personas(value: object, attribute_keys: set[str]) -> tuple[Persona, ...]:
    items = c.array(value, "personas", 10_000)
    if len(items) > MAX_PERSONAS:
        raise c.fail("personas", f"at most {MAX_PERSONAS} personas, this file has {len(items)}")
    result = []
    for n, item in enumerate(items):
        where = f"personas[{n}]"
        item = c.obj(item, where)
        result.append(
            Persona(
                key=c.key(item.get("key"), f"{where}.key"),
                name=c.text(item.get("name"), f"{where}.name", NAME_MAX, required=True),
                quote=c.text(item.get("quote"), f"{where}.quote", LINE_MAX),
                description=c.text(item.get("description"), f"{where}.description", TEXT_MAX),
                share=c.share(item.get("share"), f"{where}.share"),
                evidence=c.text(item.get("evidence"), f"{where}.evidence", TEXT_MAX),
                emoji=c.text(item.get("emoji"), f"{where}.emoji", 16),
                colour=_colour(item.get("colour"), f"{where}.colour"),
                stances=_stances(item.get("stances"), f"{where}.stances", attribute_keys),
            )
        )
    c.unique([p.key for p in result], "personas", "persona")
    return tuple(result)


def _colour(value: object, where: str) -> str:
    colour = c.text(value, where, 7)
    if colour and not (colour.startswith("#") and all(ch in "0123456789abcdefABCDEF" for ch in colour[1:])):
        raise c.fail(where, f"must be '#rrggbb' or empty, not {colour!r}")
    return colour


def _stances(value: object, where: str, attribute_keys: set[str]) -> dict[str, Stance]:
    stances = {}
    for attribute, item in c.obj(value or {}, where).items():
        here = f"{where}.{attribute}"
        if attribute not in attribute_keys:
            raise c.fail(here, f"unknown attribute {attribute!r}")
        item = c.obj(item, here)
        stance = Stance(
            score=c.score(item.get("score", 0), f"{here}.score"),
            note=c.text(item.get("note"), f"{here}.note", NOTE_MAX),
        )
        # "Don't care" without a note is the same as no stance; dropping it keeps files comparable.
        if stance != Stance():
            stances[attribute] = stance
    return stances


def _ideas(value: object, attribute_keys: set[str]) -> tuple[Idea, ...]:
    result = []
    for n, item in enumerate(c.array(value, "ideas", MAX_IDEAS)):
        where = f"ideas[{n}]"
        item = c.obj(item, where)
        effects = {}
        for attribute, effect in c.obj(item.get("effects") or {}, f"{where}.effects").items():
            if attribute not in attribute_keys:
                raise c.fail(f"{where}.effects.{attribute}", f"unknown attribute {attribute!r}")
            effects[attribute] = c.score(effect, f"{where}.effects.{attribute}")
        result.append(
            Idea(
                key=c.key(item.get("key"), f"{where}.key"),
                title=c.text(item.get("title"), f"{where}.title", TITLE_MAX, required=True),
                description=c.text(item.get("description"), f"{where}.description", TEXT_MAX),
                range=c.choice(item.get("range"), f"{where}.range", RANGES),
                touch=c.choice(item.get("touch"), f"{where}.touch", TOUCH_MOMENTS),
                effects={k: v for k, v in effects.items() if v},
                author=c.text(item.get("author"), f"{where}.author", NAME_MAX),
            )
        )
    c.unique([i.key for i in result], "ideas", "idea")
    return tuple(result)


def _ratings(value: object, idea_keys: set[str], persona_keys: set[str]) -> tuple[Rating, ...]:
    result = []
    for n, item in enumerate(c.array(value, "ratings", MAX_RATINGS)):
        where = f"ratings[{n}]"
        item = c.obj(item, where)
        idea, persona = item.get("idea"), item.get("persona")
        if idea not in idea_keys:
            raise c.fail(f"{where}.idea", f"unknown idea {idea!r}")
        if persona not in persona_keys:
            raise c.fail(f"{where}.persona", f"unknown persona {persona!r}")
        as_persona = item.get("as_persona", False)
        if not isinstance(as_persona, bool):
            raise c.fail(f"{where}.as_persona", "must be true or false")
        result.append(
            Rating(
                idea=idea,
                persona=persona,
                by=c.text(item.get("by"), f"{where}.by", NAME_MAX, required=True),
                score=c.score(item.get("score"), f"{where}.score"),
                as_persona=as_persona,
            )
        )
    return tuple(result)


def _votes(value: object, idea_keys: set[str]) -> tuple[Vote, ...]:
    result = []
    for n, item in enumerate(c.array(value, "votes", MAX_VOTES)):
        where = f"votes[{n}]"
        item = c.obj(item, where)
        if item.get("idea") not in idea_keys:
            raise c.fail(f"{where}.idea", f"unknown idea {item.get('idea')!r}")
        result.append(
            Vote(
                idea=item["idea"],
                by=c.text(item.get("by"), f"{where}.by", NAME_MAX, required=True),
                count=c.count(item.get("count"), f"{where}.count", MAX_VOTE_COUNT),
            )
        )
    return tuple(result)
