"""Only the facilitator steers: steps, lock, countdown, settings; a lock refuses participants' writes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workshop.cases import facilitation, persona_cases, sessions
from workshop.cases.board import board
from workshop.domain import phases
from workshop.domain.errors import InvalidInput, Locked, NotAllowed
from workshop.domain.model import VOTES_MAX, VOTES_MIN


@pytest.fixture
def room(store):
    s = sessions.start_workshop(store, "Room", "", "Fay")
    links = sessions.share_links(store, s.facilitator_token)
    ana = sessions.join(store, links.participant, "Ana")
    return store, links, ana.token


@pytest.mark.parametrize(
    "action",
    [
        lambda st, t: facilitation.set_phase(st, t, "ideas"),
        lambda st, t: facilitation.set_locked(st, t, True),
        lambda st, t: facilitation.timer(st, t, "start", 5),
        lambda st, t: facilitation.update_settings(st, t, votes_revealed=True),
        lambda st, t: sessions.rotate_link(st, t, "participant"),
        lambda st, t: sessions.remove_participant(st, t, "x"),
    ],
)
def test_participants_and_viewers_are_refused_every_facilitator_action(room, action):
    store, links, ana = room
    for token in (ana, links.viewer):
        with pytest.raises(NotAllowed):
            action(store, token)


def test_the_facilitator_moves_the_step_and_everyone_reads_it(room):
    store, links, ana = room
    facilitation.set_phase(store, links.facilitator, "love_hate")
    assert board(store, ana).workshop.phase == "love_hate"


def test_a_locked_workshop_refuses_a_participants_edit_and_changes_nothing(room):
    store, links, ana = room
    facilitation.set_locked(store, links.facilitator, True)
    with pytest.raises(Locked):
        persona_cases.add_persona(store, ana, {"name": "Hunter"})
    assert board(store, ana).personas == ()
    facilitation.set_locked(store, links.facilitator, False)
    persona_cases.add_persona(store, ana, {"name": "Hunter"})
    assert [p.name for p in board(store, ana).personas] == ["Hunter"]


def test_the_countdown_is_the_same_for_everyone_because_it_is_stored_as_an_end_time(room):
    store, links, ana = room
    facilitation.timer(store, links.facilitator, "start", 5)
    a = board(store, ana).workshop.timer
    f = board(store, links.facilitator).workshop.timer
    assert a == f and a.ends_at is not None
    left = phases.remaining(a, datetime.now(UTC))
    assert 290 < left <= 300
    facilitation.timer(store, links.facilitator, "pause")
    facilitation.timer(store, links.facilitator, "extend")
    paused = board(store, ana).workshop.timer
    assert paused.paused_remaining is not None and paused.paused_remaining > 340
    facilitation.timer(store, links.facilitator, "stop")
    assert phases.remaining(board(store, ana).workshop.timer, datetime.now(UTC)) is None


def test_votes_per_participant_stay_within_the_named_limits(room):
    store, links, _ana = room
    for votes in (VOTES_MIN, VOTES_MAX):
        assert facilitation.update_settings(store, links.facilitator, votes_per_participant=votes)
    for votes in (VOTES_MIN - 1, VOTES_MAX + 1):
        with pytest.raises(InvalidInput, match=f"from {VOTES_MIN} to {VOTES_MAX}"):
            facilitation.update_settings(store, links.facilitator, votes_per_participant=votes)
    assert board(store, links.facilitator).workshop.settings.votes_per_participant == VOTES_MAX
