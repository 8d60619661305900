"""A workshop made from a workshop file holds what the file says; a template drops the votes."""

from __future__ import annotations

import pytest

from exports.demo import load_demo
from workshop.cases.board import board
from workshop.cases.transfer import snapshot, start_from_snapshot
from workshop.domain.errors import LimitReached


def stances(snap):
    """Stances that say something; a missing stance means don't care."""
    return {p.key: {k: s for k, s in p.stances.items() if s.score or s.note} for p in snap.personas}


def test_the_demo_opens_as_a_workshop_with_its_personas_ideas_and_votes(store):
    demo = load_demo()
    started = start_from_snapshot(store, demo, "Fay")
    b = board(store, started.facilitator_token)
    assert [p.name for p in b.personas] == [p.name for p in demo.personas]
    assert len(b.ideas) == len(demo.ideas) >= 12
    again = snapshot(store, started.facilitator_token)
    assert stances(again) == stances(demo) and any(stances(demo).values())
    assert {i.key: dict(i.effects) for i in again.ideas} == {i.key: dict(i.effects) for i in demo.ideas}
    assert sorted(again.ratings, key=repr) == sorted(demo.ratings, key=repr)


def test_a_template_keeps_attributes_personas_and_ideas_but_no_votes(store):
    started = start_from_snapshot(store, load_demo(), template=True)
    snap = snapshot(store, started.facilitator_token)
    assert snap.personas and snap.ideas and snap.votes == () and snap.ratings == ()


def test_a_snapshot_with_seven_personas_is_refused(store):
    from dataclasses import replace

    demo = load_demo()
    seven = replace(
        demo, personas=demo.personas + tuple(replace(p, key=p.key + "x") for p in demo.personas[:2])
    )
    with pytest.raises(LimitReached):
        start_from_snapshot(store, seven)


def test_an_anonymous_export_keeps_people_apart_without_naming_them(store):
    from exports.workshop_file import from_json, to_json
    from workshop.cases import facilitation, sessions

    demo = load_demo()
    started = start_from_snapshot(store, demo, "Fay")
    facilitation.update_settings(store, started.facilitator_token, anonymous=True, votes_revealed=True)
    viewer = sessions.share_links(store, started.facilitator_token).viewer
    names = {r.by for r in demo.ratings} | {v.by for v in demo.votes}
    assert len({r.by for r in demo.ratings}) > 1
    for token, with_authors in ((started.facilitator_token, False), (viewer, True)):
        back = from_json(to_json(snapshot(store, token, with_authors=with_authors)))
        shown = {r.by for r in back.ratings} | {v.by for v in back.votes}
        assert not shown & names and all(n.startswith("Participant ") for n in shown)
        assert len({r.by for r in back.ratings}) == len({r.by for r in demo.ratings})
        assert sorted(r.score for r in back.ratings) == sorted(r.score for r in demo.ratings)
        assert sum(v.count for v in back.votes) == sum(v.count for v in demo.votes)
        assert all(i.author == "" for i in back.ideas)
