"""A committed save names its workshop, its revision and the parts it touched; the stream gets it at once."""

from __future__ import annotations

import asyncio

import pytest

from exports.workshop_file import to_json
from personas.model import Stance
from workshop.cases import facilitation, idea_cases, persona_cases, rounds, seats, sessions
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange
from workshop.domain import parts
from workshop.domain.errors import Locked
from workshop.live.stream import Pushed
from workshop.services import build_services
from workshop.storage.unit_of_work import Change

NEVER = 3600.0  # the watcher's own poll would come after the test has long failed


@pytest.fixture
def changed(store):
    seen: list[tuple[str, Change]] = []
    store.on_change(lambda workshop_id, change: seen.append((workshop_id, change)))
    return seen


@pytest.fixture
def room(store):
    started = sessions.start_workshop(store, "Room", "Kind and quick.", "Fay")
    fay = started.facilitator_token
    links = sessions.share_links(store, fay)
    ana = sessions.join(store, links.participant, "Ana").token
    return store, fay, ana, sessions.workshop_for_token(store, fay)


def last_parts(changed) -> frozenset[str]:
    assert changed, "the save was not announced"
    return changed[-1][1].parts


def test_a_committed_write_names_its_workshop_and_revision_and_a_refused_one_does_not(room, changed):
    store, fay, ana, workshop_id = room
    changed.clear()
    persona = persona_cases.add_persona(store, fay, {"name": "Hunter"})
    ((wid, change),) = changed
    assert wid == workshop_id
    assert change.revision == sessions.revision(store, workshop_id)
    assert change.parts == {parts.PERSONAS, parts.persona(persona.key)}

    facilitation.set_locked(store, fay, True)
    changed.clear()
    with pytest.raises(Locked):
        persona_cases.add_persona(store, ana, {"name": "Rusher"})
    assert changed == []  # rolled back: nothing to push


def test_each_save_names_only_the_parts_it_touched(room, changed):
    store, fay, ana, _ = room
    hunter = persona_cases.add_persona(store, fay, {"name": "Hunter"})
    rusher = persona_cases.add_persona(store, fay, {"name": "Rusher"})
    attribute = board(store, fay).attributes[0]

    persona_cases.update_persona(store, ana, hunter, {"name": "Hunter", "quote": "Cheaper, please."})
    assert last_parts(changed) == {parts.persona(hunter.key)}
    persona_cases.set_stances(store, ana, [StanceChange(rusher.key, attribute.key, Stance(), 2, "")])
    assert last_parts(changed) == {parts.persona(rusher.key)}

    idea = idea_cases.add_idea(store, ana, {"title": "Kiosk", "range": "landmark", "touch": "core"})
    assert last_parts(changed) == {parts.IDEAS, parts.idea(idea.key)}
    idea_cases.update_idea(
        store, ana, idea, {"title": "Kiosk at the door", "range": "landmark", "touch": "core"}
    )
    assert last_parts(changed) == {parts.idea(idea.key)}
    idea_cases.rate(store, ana, idea.key, hunter.key, 2, as_persona=False)
    assert last_parts(changed) == {parts.RATINGS}

    facilitation.set_phase(store, fay, "vote")
    assert last_parts(changed) == {parts.STEP}
    idea_cases.cast_vote(store, ana, idea.key)
    assert last_parts(changed) == {parts.VOTES}
    facilitation.timer(store, fay, "start", 5)
    assert last_parts(changed) == {parts.TIMER}
    facilitation.set_locked(store, fay, True)
    assert last_parts(changed) == {parts.LOCK}
    facilitation.update_settings(store, fay, anonymous=True)
    assert last_parts(changed) == {parts.SETTINGS}
    w = board(store, fay).workshop
    facilitation.update_promise(store, fay, w, w.title, "Kinder still.")
    assert last_parts(changed) == {parts.PROMISE}

    seats.take_seat(store, ana, hunter.key)
    assert last_parts(changed) == {parts.PEOPLE}
    rounds.mark_round(store, fay, "After the map", encode=to_json)
    assert last_parts(changed) == {parts.ROUNDS}
    sessions.rotate_link(store, fay, "participant")
    assert last_parts(changed) == {parts.LINKS}

    idea_cases.remove_idea(store, fay, idea.key)
    assert parts.IDEAS in last_parts(changed) and parts.VOTES in last_parts(changed)
    persona_cases.remove_persona(store, fay, rusher.key)
    assert {parts.PERSONAS, parts.persona(rusher.key)} <= last_parts(changed)
    persona_cases.add_attribute(store, fay, "Warmth")
    assert last_parts(changed) == {parts.ATTRIBUTES}


def test_a_write_to_a_table_nobody_described_counts_as_an_unknown_change(store, changed):
    from workshop.storage import tables

    started = sessions.start_workshop(store, "Room", "", "Fay")
    workshop_id = sessions.workshop_for_token(store, started.facilitator_token)
    changed.clear()
    with store.write() as uow:
        uow.lock_workshop(workshop_id)
        # A write that goes around the repositories names no part: pages must redraw whole.
        uow.sessions.conn.execute(
            tables.votes.delete().where(tables.votes.c.workshop_id == workshop_id)  # nothing to delete
        )
        uow.commit()
    assert last_parts(changed) == {parts.EVERYTHING}


def test_a_failing_listener_does_not_turn_a_save_into_an_error(store, changed):
    def broken(_workshop_id: str, _change: object) -> None:
        raise RuntimeError("listener broke")

    store.on_change(broken)
    started = sessions.start_workshop(store, "Room", "", "Fay")
    persona_cases.add_persona(store, started.facilitator_token, {"name": "Hunter"})
    assert [p.name for p in board(store, started.facilitator_token).personas] == ["Hunter"]


@pytest.fixture
def services(database_url):
    built = build_services(database_url, poll=NEVER)
    yield built
    built.close()


def test_the_stream_gets_a_save_without_waiting_for_its_poll(services):
    store, hub = services.store, services.hub
    started = sessions.start_workshop(store, "Room", "", "Fay")
    workshop_id = sessions.workshop_for_token(store, started.facilitator_token)

    async def scenario() -> None:
        queue = hub.subscribe(workshop_id)
        try:
            first = await asyncio.wait_for(queue.get(), 30)
            persona = await asyncio.to_thread(
                persona_cases.add_persona, store, started.facilitator_token, {"name": "Hunter"}
            )
            pushed = await asyncio.wait_for(queue.get(), 30)
            assert pushed == Pushed(
                first.revision + 1, frozenset({parts.PERSONAS, parts.persona(persona.key)})
            )
        finally:
            hub.unsubscribe(workshop_id, queue)

    asyncio.run(scenario())


def test_services_built_apart_push_only_their_own_saves(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    ours, theirs = build_services(url, poll=NEVER), build_services(url, poll=NEVER)
    try:
        started = sessions.start_workshop(theirs.store, "Room", "", "Fay")
        workshop_id = sessions.workshop_for_token(ours.store, started.facilitator_token)

        async def scenario() -> None:
            heard_by_us, heard_by_them = ours.hub.subscribe(workshop_id), theirs.hub.subscribe(workshop_id)
            try:
                first = await asyncio.wait_for(heard_by_us.get(), 30)
                await asyncio.wait_for(heard_by_them.get(), 30)
                await asyncio.to_thread(
                    persona_cases.add_persona, theirs.store, started.facilitator_token, {"name": "Hunter"}
                )
                assert (await asyncio.wait_for(heard_by_them.get(), 30)).revision == first.revision + 1
                with pytest.raises(TimeoutError):  # only our poll, which never comes, would find it
                    await asyncio.wait_for(heard_by_us.get(), 0.5)
            finally:
                ours.hub.unsubscribe(workshop_id, heard_by_us)
                theirs.hub.unsubscribe(workshop_id, heard_by_them)

        asyncio.run(scenario())
    finally:
        ours.close()
        theirs.close()


def test_judgements_against_the_promise_and_the_decision_name_their_parts(room, changed):
    from workshop.cases.decision_cases import choose_ideas, judge_promise, set_next_step

    store, fay, ana, _ = room
    idea = idea_cases.add_idea(store, ana, {"title": "Kiosk", "range": "landmark", "touch": "core"})
    judge_promise(store, ana, idea.key, 2)
    assert last_parts(changed) == {parts.RATINGS}
    decision = choose_ideas(store, fay, 0, [idea.key])
    assert last_parts(changed) == {parts.DECISION}
    set_next_step(store, fay, decision.chosen[0], "Pilot it", "Ana")
    assert last_parts(changed) == {parts.DECISION}
    idea_cases.remove_idea(store, fay, idea.key)  # its judgement and its place in the decision go too
    assert last_parts(changed) == {
        parts.IDEAS,
        parts.idea(idea.key),
        parts.RATINGS,
        parts.VOTES,
        parts.DECISION,
    }
