"""Role-play seats: a participant takes a persona's seat, the facilitator assigns seats, nobody else can."""

from __future__ import annotations

import pytest

from workshop.cases import idea_cases, persona_cases, seats, sessions
from workshop.cases.board import board
from workshop.domain.errors import NotAllowed, NotFound


@pytest.fixture
def room(store):
    started = sessions.start_workshop(store, "Room", "", "Fay")
    links = sessions.share_links(store, started.facilitator_token)
    ana = sessions.join(store, links.participant, "Ana").token
    ben = sessions.join(store, links.participant, "Ben").token
    hunter = persona_cases.add_persona(store, links.facilitator, {"name": "Price Hunter"})
    idea = idea_cases.add_idea(store, ana, {"title": "Kiosk", "range": "landmark", "touch": "core"})
    return store, links, ana, ben, hunter.key, idea.key


def _seat_of(store, token, name):
    return next(p.seat for p in board(store, token).participants if p.name == name)


def test_a_participant_takes_a_persona_seat_and_everyone_sees_it(room):
    store, links, ana, ben, hunter, _ = room
    seats.take_seat(store, ana, hunter)
    assert _seat_of(store, ben, "Ana") == hunter
    assert board(store, ana).me.seat == hunter


def test_leaving_a_seat_clears_it(room):
    store, _links, ana, _ben, hunter, _ = room
    seats.take_seat(store, ana, hunter)
    seats.take_seat(store, ana, None)
    assert board(store, ana).me.seat == ""


def test_a_seated_participant_can_answer_as_the_persona_and_an_unseated_one_cannot(room):
    store, _links, ana, ben, hunter, idea = room
    seats.take_seat(store, ana, hunter)
    idea_cases.rate(store, ana, idea, hunter, -2, as_persona=True)
    with pytest.raises(NotAllowed):
        idea_cases.rate(store, ben, idea, hunter, 2, as_persona=True)
    played = [r for r in board(store, ana).ratings if r.as_persona]
    assert [(r.persona, r.score) for r in played] == [(hunter, -2)]


def test_a_seat_at_a_persona_that_does_not_exist_is_refused_and_nothing_changes(room):
    store, _links, ana, _ben, _hunter, _ = room
    with pytest.raises(NotFound):
        seats.take_seat(store, ana, "no-such-persona")
    assert board(store, ana).me.seat == ""


def test_the_facilitator_assigns_and_frees_a_seat(room):
    store, links, ana, _ben, hunter, _ = room
    ana_id = board(store, ana).caller.participant_id
    seats.assign_seat(store, links.facilitator, ana_id, hunter)
    assert board(store, ana).me.seat == hunter
    seats.assign_seat(store, links.facilitator, ana_id, None)
    assert board(store, ana).me.seat == ""


def test_participants_and_viewers_cannot_assign_seats(room):
    store, links, ana, ben, hunter, _ = room
    ben_id = board(store, ben).caller.participant_id
    for token in (ana, links.viewer):
        with pytest.raises(NotAllowed):
            seats.assign_seat(store, token, ben_id, hunter)
    assert board(store, ben).me.seat == ""


def test_a_viewer_cannot_take_a_seat(room):
    store, links, _ana, _ben, hunter, _ = room
    with pytest.raises(NotAllowed):
        seats.take_seat(store, links.viewer, hunter)


def test_the_facilitator_cannot_seat_someone_from_another_workshop(room):
    store, links, ana, _ben, hunter, _ = room
    other = sessions.start_workshop(store, "Other room", "", "Olga")
    other_links = sessions.share_links(store, other.facilitator_token)
    zoe = sessions.join(store, other_links.participant, "Zoe").token
    zoe_id = board(store, zoe).caller.participant_id
    zoe_persona = persona_cases.add_persona(store, other.facilitator_token, {"name": "Night Owl"})
    with pytest.raises(NotFound):
        seats.assign_seat(store, links.facilitator, zoe_id, hunter)
    with pytest.raises(NotFound):
        seats.assign_seat(store, links.facilitator, board(store, ana).caller.participant_id, zoe_persona.key)
    assert board(store, zoe).me.seat == ""


def test_a_removed_participant_cannot_be_seated(room):
    store, links, ana, _ben, hunter, _ = room
    ana_id = board(store, ana).caller.participant_id
    sessions.remove_participant(store, links.facilitator, ana_id)
    with pytest.raises(NotFound):
        seats.assign_seat(store, links.facilitator, ana_id, hunter)


def test_a_locked_workshop_still_lets_people_change_seats(room):
    from workshop.cases.facilitation import set_locked

    store, links, ana, _ben, hunter, _ = room
    set_locked(store, links.facilitator, True)
    seats.take_seat(store, ana, hunter)
    assert board(store, ana).me.seat == hunter


def test_removing_a_persona_frees_the_seats_that_played_it(room):
    store, links, ana, _ben, hunter, _ = room
    seats.take_seat(store, ana, hunter)
    persona_cases.remove_persona(store, links.facilitator, hunter)
    assert board(store, ana).me.seat == ""
