"""No link reaches into another workshop: every id a use case takes is looked up within the caller's own.

The use cases are found by module: every public function of the `workshop` package (outside
`ui` and `storage`) whose first parameter is the store. Each one is listed either in
TAKES_RECORD_IDS, with the calls to make using another workshop's ids, or in NO_RECORD_IDS,
with the reason it takes none. A new use case in neither list fails
`test_every_use_case_is_checked_across_workshops_or_takes_no_record_id`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest
from sqlalchemy import select

import workshop.cases
from exports.workshop_file import from_json, to_json
from personas.model import Attribute, Persona, Stance
from workshop.cases import (
    decision_cases,
    facilitation,
    idea_cases,
    persona_cases,
    rounds,
    seats,
    sessions,
    transfer,
)
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange
from workshop.domain.errors import DomainError
from workshop.domain.model import ChosenIdea, Idea, WorkshopSnapshot
from workshop.storage import tables
from workshop.store import build_store

ROLES = ("facilitator", "co-facilitator", "participant", "participant link, not joined", "viewer")


@dataclass(frozen=True)
class Room:
    """One workshop with something of every kind a use case can be given the id of."""

    workshop_id: str
    tokens: dict[str, str]  # role -> link
    co_facilitator_id: str
    participant_ids: tuple[str, str]
    personas: tuple[Persona, Persona]
    ideas: tuple[Idea, Idea]
    attributes: tuple[Attribute, ...]
    own_attribute: Attribute  # an attribute only this workshop has
    round_id: str
    snapshot: WorkshopSnapshot


def furnish(store: Any, title: str, attribute_name: str) -> Room:
    started = sessions.start_workshop(store, title, "We keep promises.", "Fay")
    fay = started.facilitator_token
    links = sessions.share_links(store, fay)
    co = sessions.add_co_facilitator(store, fay, "Cole")
    ana = sessions.join(store, links.participant, "Ana").token
    sessions.join(store, links.participant, "Ben")
    own = persona_cases.add_attribute(store, fay, attribute_name, "Only this workshop rates it.")
    hunter = persona_cases.add_persona(store, ana, {"name": f"{title} hunter", "share": 40})
    persona_cases.add_persona(store, fay, {"name": f"{title} rusher"})
    persona_cases.set_stances(store, fay, [StanceChange(hunter.key, own.key, Stance(), 2, "Loves it")])
    kiosk = idea_cases.add_idea(
        store, ana, {"title": f"{title} kiosk", "range": "landmark", "touch": "core", "effects": {own.key: 1}}
    )
    idea_cases.add_idea(store, fay, {"title": f"{title} app", "range": "incremental", "touch": "first"})
    seats.take_seat(store, ana, hunter.key)
    seats.take_seat(store, fay, hunter.key)
    idea_cases.rate(store, ana, kiosk.key, hunter.key, 1)
    idea_cases.rate(store, ana, kiosk.key, hunter.key, 2, as_persona=True)
    facilitation.set_phase(store, fay, "vote")
    idea_cases.cast_vote(store, ana, kiosk.key)
    idea_cases.cast_vote(store, fay, kiosk.key)
    decision_cases.judge_promise(store, ana, kiosk.key, 2)
    decision_cases.choose_ideas(store, fay, 0, [kiosk.key])  # the decision is at version 1
    marked = rounds.mark_round(store, fay, "Before the break", encode=to_json)
    seen = board(store, fay)
    by_name = {p.name: p.id for p in seen.participants}
    return Room(
        workshop_id=seen.workshop.id,
        tokens={
            "facilitator": fay,
            "co-facilitator": co,
            "participant": ana,
            "participant link, not joined": links.participant,
            "viewer": links.viewer,
        },
        co_facilitator_id=by_name["Cole"],
        participant_ids=(by_name["Ana"], by_name["Ben"]),
        personas=tuple(p for p in seen.personas),  # type: ignore[arg-type]
        ideas=tuple(i for i in seen.ideas),  # type: ignore[arg-type]
        attributes=seen.attributes,
        own_attribute=next(a for a in seen.attributes if a.key == own.key),
        round_id=marked.id,
        snapshot=transfer.snapshot(store, fay),
    )


Call = tuple[tuple[Any, ...], dict[str, Any]]


def call(*args: Any, **kwargs: Any) -> Call:
    return args, kwargs


def _edited(snapshot: WorkshopSnapshot, personas: tuple[Persona, ...]) -> WorkshopSnapshot:
    return replace(snapshot, personas=tuple(replace(p, quote="Edited in Excel") for p in personas))


# Each builder gets (mine, theirs) and returns calls that use at least one of *their* ids; with
# mine == theirs the same calls must be accepted (see the control test), so a refusal can only
# come from the workshop boundary, never from a malformed call.
TAKES_RECORD_IDS: dict[str, Callable[[Room, Room], list[Call]]] = {
    "sessions.remove_participant": lambda me, them: [call(them.participant_ids[1])],
    "sessions.revoke_co_facilitator": lambda me, them: [call(them.co_facilitator_id)],
    "seats.assign_seat": lambda me, them: [
        call(them.participant_ids[1], me.personas[0].key),
        call(me.participant_ids[1], them.personas[0].key),
    ],
    "seats.take_seat": lambda me, them: [call(them.personas[1].key)],
    "persona_cases.update_persona": lambda me, them: [call(them.personas[0], {"name": "Renamed"})],
    "persona_cases.set_stances": lambda me, them: [
        call([StanceChange(them.personas[1].key, me.attributes[0].key, Stance(), -1)]),
        call([StanceChange(me.personas[1].key, them.own_attribute.key, Stance(), -1)]),
    ],
    "persona_cases.removal_impact": lambda me, them: [call(them.personas[0].key)],
    "persona_cases.remove_persona": lambda me, them: [call(them.personas[1].key)],
    "persona_cases.update_attribute": lambda me, them: [call(them.own_attribute, "Renamed", "")],
    "persona_cases.reorder_attributes": lambda me, them: [call([a.key for a in reversed(them.attributes)])],
    "persona_cases.attribute_impact": lambda me, them: [call(them.own_attribute.key)],
    "persona_cases.remove_attribute": lambda me, them: [call(them.own_attribute.key)],
    "idea_cases.add_idea": lambda me, them: [
        call({"title": "Fresh", "range": "landmark", "touch": "core", "effects": {them.own_attribute.key: 2}})
    ],
    "idea_cases.update_idea": lambda me, them: [
        call(them.ideas[1], {"title": "Renamed", "range": "landmark", "touch": "core"}),
        call(
            me.ideas[1],
            {
                "title": "Renamed",
                "range": "landmark",
                "touch": "core",
                "effects": {them.own_attribute.key: 1},
            },
        ),
    ],
    "idea_cases.idea_removal_impact": lambda me, them: [call(them.ideas[0].key)],
    "idea_cases.remove_idea": lambda me, them: [call(them.ideas[1].key)],
    "idea_cases.rate": lambda me, them: [
        call(them.ideas[1].key, me.personas[1].key, -1),
        call(me.ideas[1].key, them.personas[1].key, -1),
        call(me.ideas[0].key, them.personas[0].key, None, as_persona=True),
    ],
    "idea_cases.cast_vote": lambda me, them: [call(them.ideas[1].key)],
    "idea_cases.take_back_vote": lambda me, them: [call(them.ideas[0].key)],
    "rounds.round_snapshot": lambda me, them: [call(them.round_id, decode=from_json)],
    "decision_cases.judge_promise": lambda me, them: [call(them.ideas[1].key, 1)],
    "decision_cases.choose_ideas": lambda me, them: [
        call(1, [them.ideas[1].key]),
        call(1, [me.ideas[0].key, them.ideas[0].key]),
    ],
    "decision_cases.set_next_step": lambda me, them: [
        call(ChosenIdea(them.ideas[0].key, version=1), "Pilot it in March", "Ben"),
    ],
    "transfer.apply_persona_edits": lambda me, them: [
        call(them.snapshot, _edited(them.snapshot, them.snapshot.personas)),
        call(me.snapshot, _edited(me.snapshot, them.snapshot.personas)),
        call(
            me.snapshot,
            _edited(
                me.snapshot,
                tuple(
                    replace(p, stances={**p.stances, them.own_attribute.key: Stance(-2, "")})
                    for p in me.snapshot.personas
                ),
            ),
        ),
    ],
}

NO_RECORD_IDS: dict[str, str] = {
    "sessions.start_workshop": "makes a new workshop; takes no link",
    "sessions.share_links": "the caller's own workshop's links",
    "sessions.rotate_link": "a link kind of the caller's own workshop",
    "sessions.rotate_own_link": "the caller's own link",
    "sessions.add_co_facilitator": "a name",
    "sessions.join": "a name",
    "sessions.who_am_i": "the link only",
    "sessions.participants": "the link only",
    "sessions.check_in": "links only, each resolved to the workshop it belongs to",
    "sessions.revisions": "the live stream's read of workshops it resolved from links itself",
    "sessions.delete_workshop": "the title of the caller's own workshop",
    "sessions.workshop_for_token": "the link only",
    "sessions.revision": "the live stream's read of a workshop it resolved from a link itself",
    "persona_cases.add_persona": "new values; the request id only names the new persona",
    "persona_cases.add_attribute": "a name and a description",
    "facilitation.set_phase": "a step",
    "facilitation.set_locked": "a flag",
    "facilitation.timer": "a countdown action",
    "facilitation.update_settings": "settings",
    "facilitation.update_promise": "acts on the caller's own workshop; base is only compared for staleness",
    "rounds.mark_round": "a label",
    "rounds.list_rounds": "the link only",
    "transfer.snapshot": "the link only",
    "transfer.start_from_snapshot": "makes a new workshop from a file; takes no link",
    "transfer.can_export": "the link only",
    "board.board": "the link only",
    "writing.writing": "the frame every write runs in (who may, lock, is it open); not a use case itself",
}

# A parameter that names a record: a participant, persona, idea, attribute, seat or round.
_ID_NAME = re.compile(r"participant|persona|idea|attribute|rating|vote|seat|round|^(key|keys|ids?)$")
_RECORD_TYPES = re.compile(r"\b(Persona|Attribute|Idea|StanceChange|Rating|Vote|Participant)\b")


def use_cases() -> dict[str, Callable[..., Any]]:
    """Every public function of the use cases (workshop/cases) that takes the store first."""
    found = {}
    for info in pkgutil.iter_modules(workshop.cases.__path__):
        module = importlib.import_module(f"workshop.cases.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters and parameters[0] == "store":
                found[f"{info.name}.{name}"] = function
    return found


def looks_like_it_takes_a_record_id(function: Callable[..., Any]) -> bool:
    for name, parameter in inspect.signature(function).parameters.items():
        if name in ("workshop_id", "request_id"):
            continue
        if _ID_NAME.search(name) or _RECORD_TYPES.search(str(parameter.annotation)):
            return True
    return False


def test_every_use_case_is_checked_across_workshops_or_takes_no_record_id():
    found = use_cases()
    assert len(found) > 30  # the discovery itself works
    unlisted = sorted(set(found) - set(TAKES_RECORD_IDS) - set(NO_RECORD_IDS))
    assert unlisted == [], f"say whether these take a record id, and check them across workshops: {unlisted}"
    assert set(TAKES_RECORD_IDS) & set(NO_RECORD_IDS) == set()
    assert sorted((set(TAKES_RECORD_IDS) | set(NO_RECORD_IDS)) - set(found)) == []
    mislabelled = sorted(n for n in NO_RECORD_IDS if looks_like_it_takes_a_record_id(found[n]))
    assert mislabelled == []


def test_the_discovery_would_flag_a_new_use_case_taking_an_idea_key():
    def pin_idea(store: Any, token: object, idea_key: str) -> None: ...

    def promote(store: Any, token: object, base: Idea) -> None: ...

    assert looks_like_it_takes_a_record_id(pin_idea)
    assert looks_like_it_takes_a_record_id(promote)
    assert not looks_like_it_takes_a_record_id(facilitation.set_phase)


def dump(store: Any, workshop_id: str) -> dict[str, list[tuple]]:
    """Every row that belongs to one workshop, table by table."""
    rows = {}
    with store.engine.connect() as conn:
        for table in tables.metadata.sorted_tables:
            if table.name == "schema_version":
                continue
            column = table.c.id if table.name == "workshops" else table.c.workshop_id
            found = conn.execute(select(table).where(column == workshop_id)).all()
            rows[table.name] = sorted(tuple(str(v) for v in row) for row in found)
    return rows


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def two_rooms(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('cross') / 'workshops.db'}"
    else:
        url = request.getfixturevalue("pg_cluster").new_database()
    store = build_store(url)
    mine, theirs = furnish(store, "North", "Loyalty"), furnish(store, "South", "Parking")
    yield store, mine, theirs
    store.close()


@pytest.mark.parametrize("name", sorted(TAKES_RECORD_IDS))
def test_another_workshops_ids_are_refused_for_every_role_and_change_nothing(two_rooms, name):
    store, mine, theirs = two_rooms
    use_case = use_cases()[name]
    before = dump(store, mine.workshop_id), dump(store, theirs.workshop_id)
    accepted = []
    for role in ROLES:
        for args, kwargs in TAKES_RECORD_IDS[name](mine, theirs):
            try:
                use_case(store, mine.tokens[role], *args, **kwargs)
            except DomainError:
                continue
            accepted.append((role, args, kwargs))
    assert accepted == []
    assert (dump(store, mine.workshop_id), dump(store, theirs.workshop_id)) == before


@pytest.mark.parametrize("name", sorted(TAKES_RECORD_IDS))
def test_the_same_calls_with_the_callers_own_ids_are_accepted(sqlite_store, name):
    # The control: what is refused above is refused for the workshop it points into, not its shape.
    use_case = use_cases()[name]
    position, count = 0, 1
    while position < count:
        room = furnish(sqlite_store, f"Room {position}", "Loyalty")
        calls = TAKES_RECORD_IDS[name](room, room)
        args, kwargs = calls[position]
        use_case(sqlite_store, room.tokens["facilitator"], *args, **kwargs)
        position, count = position + 1, len(calls)


def test_every_repository_method_for_a_workshops_records_takes_the_workshop_id():
    from workshop.storage.repo_content import ContentRepository
    from workshop.storage.repo_decision import DecisionRepository
    from workshop.storage.repo_sessions import SessionRepository

    not_within_a_workshop = {
        "SessionRepository.link": "finds which workshop a link belongs to",
        "SessionRepository.link_as_seen": "finds which workshop a link belongs to, with its person and revision",
        "SessionRepository.links": "finds which workshops open pages' links belong to",
        "SessionRepository.participants_by_id": "(workshop id, participant id) pairs: each within its workshop",
        "SessionRepository.touch_participants": "(workshop id, participant id) pairs: each within its workshop",
        "SessionRepository.revisions": "the revisions of workshops, by their ids",
        "SessionRepository.add_workshop": "the workshop itself, carrying its id",
        "SessionRepository.save_workshop": "the workshop itself, carrying its id",
    }
    bare = []
    for repository in (SessionRepository, ContentRepository, DecisionRepository):
        for name, method in inspect.getmembers(repository, inspect.isfunction):
            qualified = f"{repository.__name__}.{name}"
            if name.startswith("_") or qualified in not_within_a_workshop:
                continue
            if "workshop_id" not in inspect.signature(method).parameters:
                bare.append(qualified)
    assert bare == []
