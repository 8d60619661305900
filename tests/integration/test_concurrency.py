"""No lost update and no broken limit under concurrent writers: threads and processes, SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from tests.integration.workload import Tally, append_marks, lost_and_phantom
from workshop.cases import facilitation, idea_cases, persona_cases, sessions
from workshop.cases.board import board
from workshop.domain.errors import LimitReached
from workshop.store import build_store

WORKERS, EDITS = 8, 6


def setup_room(store, people: int):
    s = sessions.start_workshop(store, "Busy room", "", "Fay")
    links = sessions.share_links(store, s.facilitator_token)
    tokens = [sessions.join(store, links.participant, f"P{i}").token for i in range(people)]
    return links, tokens


def check(store, token, persona_key, tallies: list[Tally]) -> None:
    errors = [e for t in tallies for e in t.errors]
    assert errors == [], errors
    acknowledged = [m for t in tallies for m in t.acknowledged]
    assert len(acknowledged) == WORKERS * EDITS
    description = next(p for p in board(store, token).personas if p.key == persona_key).description
    lost, phantom = lost_and_phantom(description, acknowledged)
    assert (lost, phantom) == (set(), set())


def test_threads_editing_one_persona_lose_no_acknowledged_update(store):
    links, tokens = setup_room(store, WORKERS)
    persona = persona_cases.add_persona(store, tokens[0], {"name": "Shared"})
    with ThreadPoolExecutor(WORKERS) as pool:
        tallies = list(
            pool.map(lambda i: append_marks(store, tokens[i], persona.key, f"t{i}", EDITS), range(WORKERS))
        )
    check(store, links.facilitator, persona.key, tallies)


def _process_worker(args):
    url, token, persona_key, worker = args
    store = build_store(url)
    try:
        return append_marks(store, token, persona_key, worker, EDITS)
    finally:
        store.close()


def test_processes_editing_one_persona_lose_no_acknowledged_update(store, database_url, monkeypatch):
    # Spawned workers re-run the parent's __main__; after AppTest that is a page script, so
    # give them a plain one.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    links, tokens = setup_room(store, WORKERS)
    persona = persona_cases.add_persona(store, tokens[0], {"name": "Shared"})
    jobs = [(database_url, tokens[i], persona.key, f"p{i}") for i in range(WORKERS)]
    # A worker that dies makes the pool raise (BrokenProcessPool) rather than wait forever.
    with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool:
        tallies = list(pool.map(_process_worker, jobs, timeout=240))
    check(store, links.facilitator, persona.key, tallies)


def test_the_check_catches_lost_updates_when_writes_skip_the_version_check(store, monkeypatch):
    """The same workload against a deliberately unsafe update (last write wins) must show losses."""
    links, tokens = setup_room(store, WORKERS)
    persona = persona_cases.add_persona(store, tokens[0], {"name": "Shared"})
    original = persona_cases.update_persona

    def unsafe_update(st, token, base, values):
        fresh = next(p for p in board(st, token).personas if p.key == base.key)
        # Pretend the caller's view is current: the lost-update protection is switched off.
        return original(st, token, fresh, values)

    monkeypatch.setattr(persona_cases, "update_persona", unsafe_update)
    barrier = threading.Barrier(WORKERS)

    def run(i):
        barrier.wait()
        return append_marks(store, tokens[i], persona.key, f"u{i}", EDITS)

    with ThreadPoolExecutor(WORKERS) as pool:
        tallies = list(pool.map(run, range(WORKERS)))
    acknowledged = [m for t in tallies for m in t.acknowledged]
    description = next(
        p for p in board(store, links.facilitator).personas if p.key == persona.key
    ).description
    lost, _ = lost_and_phantom(description, acknowledged)
    assert lost, "an unsafe update should lose acknowledged writes, or this workload proves nothing"


def test_twenty_concurrent_attempts_to_add_a_persona_to_five_leave_exactly_six(store):
    links, tokens = setup_room(store, 4)
    for i in range(5):
        persona_cases.add_persona(store, tokens[0], {"name": f"Existing {i}"})
    barrier = threading.Barrier(20)

    def attempt(i):
        barrier.wait()
        try:
            persona_cases.add_persona(store, tokens[i % 4], {"name": f"New {i}"})
            return "added"
        except LimitReached:
            return "refused"

    with ThreadPoolExecutor(20) as pool:
        outcomes = list(pool.map(attempt, range(20)))
    assert outcomes.count("added") == 1 and outcomes.count("refused") == 19
    assert len(board(store, links.facilitator).personas) == 6


def test_concurrent_votes_from_two_tabs_never_exceed_the_allowance(store):
    links, tokens = setup_room(store, 1)
    facilitation.update_settings(
        store, links.facilitator, votes_per_participant=3, several_votes_per_idea=True
    )
    idea = idea_cases.add_idea(
        store, tokens[0], {"title": "Kiosk", "range": "landmark", "touch": "core", "effects": {"speed": 2}}
    )
    facilitation.set_phase(store, links.facilitator, "vote")
    barrier = threading.Barrier(12)

    def click(_):
        barrier.wait()
        try:
            idea_cases.cast_vote(store, tokens[0], idea.key)
            return True
        except LimitReached:
            return False

    with ThreadPoolExecutor(12) as pool:
        accepted = sum(pool.map(click, range(12)))
    assert accepted == 3
    assert board(store, tokens[0]).my_votes == {idea.key: 3}


def test_a_double_submitted_form_creates_one_persona_and_one_idea(store):
    links, tokens = setup_room(store, 1)
    with ThreadPoolExecutor(4) as pool:
        list(
            pool.map(
                lambda _: persona_cases.add_persona(store, tokens[0], {"name": "Once"}, request_id="form-1"),
                range(4),
            )
        )
        list(
            pool.map(
                lambda _: idea_cases.add_idea(
                    store,
                    tokens[0],
                    {"title": "Once", "range": "incremental", "touch": "pre"},
                    request_id="form-2",
                ),
                range(4),
            )
        )
    b = board(store, links.facilitator)
    assert [p.name for p in b.personas] == ["Once"] and [i.title for i in b.ideas] == ["Once"]


@pytest.mark.parametrize("people", [6])
def test_no_caller_sees_database_is_locked_when_many_write_at_once(store, people):
    links, tokens = setup_room(store, people)
    barrier = threading.Barrier(people)

    def write(i):
        barrier.wait()
        for n in range(5):
            idea_cases.add_idea(
                store, tokens[i], {"title": f"I{i}.{n}", "range": "landmark", "touch": "first"}
            )

    with ThreadPoolExecutor(people) as pool:
        list(pool.map(write, range(people)))
    assert len(board(store, links.facilitator).ideas) == people * 5
