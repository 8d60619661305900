"""The use cases' rules, run on the in-memory unit of work: who may, what is valid, stale edits, limits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from personas.model import Stance
from workshop.cases import facilitation, idea_cases, persona_cases, sessions
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange
from workshop.domain.errors import InvalidInput, InvalidLink, LimitReached, Locked, NotAllowed, StaleEdit
from workshop.storage.memory import MemoryStore

IDEA = {"range": "incremental", "touch": "core"}


@pytest.fixture
def store():
    return MemoryStore()


@pytest.fixture
def room(store):
    started = sessions.start_workshop(store, "Loyalty", "Members feel known.", "Fay")
    links = sessions.share_links(store, started.facilitator_token)
    ana = sessions.join(store, links.participant, "Ana").token
    ben = sessions.join(store, links.participant, "Ben").token
    return {"fay": started.facilitator_token, "ana": ana, "ben": ben, "viewer": links.viewer, "link": links}


def test_two_people_with_one_name_are_told_apart(store, room):
    again = sessions.join(store, room["link"].participant, "ana")
    assert again.name == "ana (2)"


def test_a_view_only_link_cannot_add_a_persona(store, room):
    with pytest.raises(NotAllowed):
        persona_cases.add_persona(store, room["viewer"], {"name": "Bargain hunter"})


def test_an_unknown_link_is_refused(store, room):
    with pytest.raises(InvalidLink):
        board(store, "x" * 43)


def test_a_persona_without_a_name_is_refused_and_nothing_is_saved(store, room):
    with pytest.raises(InvalidInput):
        persona_cases.add_persona(store, room["ana"], {"name": "  "})
    assert board(store, room["ana"]).personas == ()


def test_a_double_submission_creates_one_persona(store, room):
    for _ in range(2):
        persona_cases.add_persona(store, room["ana"], {"name": "Bargain hunter"}, request_id="form-1")
    assert [p.name for p in board(store, room["ana"]).personas] == ["Bargain hunter"]


def test_an_edit_from_a_stale_view_is_refused_and_names_who_changed_it(store, room):
    seen = persona_cases.add_persona(store, room["ana"], {"name": "Bargain hunter"})
    persona_cases.update_persona(store, room["ben"], seen, {"name": "Deal seeker"})
    with pytest.raises(StaleEdit) as refused:
        persona_cases.update_persona(store, room["ana"], seen, {"name": "Price watcher"})
    assert refused.value.changed_by == "Ben" and "name" in refused.value.fields
    assert board(store, room["ana"]).personas[0].name == "Deal seeker"


def test_a_stance_someone_changed_meanwhile_refuses_the_whole_batch(store, room):
    persona = persona_cases.add_persona(store, room["ana"], {"name": "Bargain hunter"})
    persona_cases.set_stances(store, room["ben"], [StanceChange(persona.key, "price", Stance(), 2)])
    with pytest.raises(StaleEdit):
        persona_cases.set_stances(
            store,
            room["ana"],
            [
                StanceChange(persona.key, "speed", Stance(), 1),
                StanceChange(persona.key, "price", Stance(), -2),
            ],
        )
    kept = board(store, room["ana"]).personas[0]
    assert kept.stance("price") == Stance(2) and kept.stance("speed") == Stance()


def test_no_more_than_six_personas(store, room):
    for n in range(6):
        persona_cases.add_persona(store, room["ana"], {"name": f"Persona {n}"})
    with pytest.raises(LimitReached):
        persona_cases.add_persona(store, room["ana"], {"name": "One too many"})


def test_locked_editing_refuses_participants_but_not_the_facilitator(store, room):
    facilitation.set_locked(store, room["fay"], True)
    with pytest.raises(Locked):
        idea_cases.add_idea(store, room["ana"], {**IDEA, "title": "Free delivery"})
    assert idea_cases.add_idea(store, room["fay"], {**IDEA, "title": "Free delivery"}).author == "Fay"


def test_only_the_facilitator_or_the_author_removes_an_idea(store, room):
    idea = idea_cases.add_idea(store, room["ana"], {**IDEA, "title": "Free delivery"})
    with pytest.raises(NotAllowed):
        idea_cases.remove_idea(store, room["ben"], idea.key)
    idea_cases.remove_idea(store, room["ana"], idea.key)
    assert board(store, room["fay"]).ideas == ()


def test_an_idea_moving_an_unknown_attribute_is_refused(store, room):
    with pytest.raises(InvalidInput):
        idea_cases.add_idea(
            store, room["ana"], {**IDEA, "title": "Free delivery", "effects": {"nonsense": 2}}
        )


def test_ratings_are_each_persons_own_and_can_be_cleared(store, room):
    persona = persona_cases.add_persona(store, room["ana"], {"name": "Bargain hunter"})
    idea = idea_cases.add_idea(store, room["ana"], {**IDEA, "title": "Free delivery"})
    idea_cases.rate(store, room["ana"], idea.key, persona.key, 2)
    idea_cases.rate(store, room["ben"], idea.key, persona.key, -1)
    assert board(store, room["ana"]).my_ratings == {(idea.key, persona.key, False): 2}
    idea_cases.rate(store, room["ana"], idea.key, persona.key, None)
    assert [r.by for r in board(store, room["fay"]).ratings] == ["Ben"]
    with pytest.raises(InvalidInput):
        idea_cases.rate(store, room["ana"], idea.key, persona.key, 7)


def test_answering_as_a_persona_needs_its_seat(store, room):
    persona = persona_cases.add_persona(store, room["ana"], {"name": "Bargain hunter"})
    idea = idea_cases.add_idea(store, room["ana"], {**IDEA, "title": "Free delivery"})
    with pytest.raises(NotAllowed):
        idea_cases.rate(store, room["ana"], idea.key, persona.key, 1, as_persona=True)


def test_votes_open_at_the_vote_step_and_stop_at_the_allowance(store, room):
    ideas = [idea_cases.add_idea(store, room["ana"], {**IDEA, "title": f"Idea {n}"}).key for n in range(4)]
    with pytest.raises(NotAllowed):
        idea_cases.cast_vote(store, room["ana"], ideas[0])
    facilitation.set_phase(store, room["fay"], "vote")
    left = [idea_cases.cast_vote(store, room["ana"], key) for key in ideas[:3]]
    assert left == [2, 1, 0]
    with pytest.raises(LimitReached):
        idea_cases.cast_vote(store, room["ana"], ideas[3])
    idea_cases.take_back_vote(store, room["ana"], ideas[0])
    assert board(store, room["ana"]).my_votes == {ideas[1]: 1, ideas[2]: 1}


def test_a_second_vote_on_one_idea_needs_the_setting(store, room):
    idea = idea_cases.add_idea(store, room["ana"], {**IDEA, "title": "Free delivery"})
    facilitation.set_phase(store, room["fay"], "vote")
    idea_cases.cast_vote(store, room["ana"], idea.key)
    with pytest.raises(LimitReached):
        idea_cases.cast_vote(store, room["ana"], idea.key)
    facilitation.update_settings(store, room["fay"], several_votes_per_idea=True)
    assert idea_cases.cast_vote(store, room["ana"], idea.key) == 1


def test_settings_are_the_facilitators_and_checked(store, room):
    with pytest.raises(NotAllowed):
        facilitation.update_settings(store, room["ana"], votes_per_participant=5)
    with pytest.raises(InvalidInput):
        facilitation.update_settings(store, room["fay"], votes_per_participant=21)


def test_a_removed_participants_link_stops_working_and_their_work_stays(store, room):
    persona_cases.add_persona(store, room["ana"], {"name": "Bargain hunter"})
    ana = board(store, room["ana"]).me
    sessions.remove_participant(store, room["fay"], ana.id)
    with pytest.raises(NotAllowed):
        board(store, room["ana"])
    assert [p.created_by for p in board(store, room["fay"]).personas] == ["Ana"]


def test_a_refused_write_leaves_nothing_behind(store, room):
    persona = persona_cases.add_persona(store, room["ana"], {"name": "Bargain hunter"})
    revision = board(store, room["ana"]).workshop.revision
    with pytest.raises(StaleEdit):
        persona_cases.update_persona(store, room["ana"], replace(persona, version=0), {"name": "Other"})
    assert board(store, room["ana"]).workshop.revision == revision


def test_every_committed_write_is_heard_with_its_revision_and_parts(store, room):
    heard = []
    store.on_change(lambda workshop_id, change: heard.append(change))
    persona = persona_cases.add_persona(store, room["ana"], {"name": "Bargain hunter"})
    facilitation.set_phase(store, room["fay"], "vote")
    assert [sorted(c.parts) for c in heard] == [sorted({"personas", f"persona:{persona.key}"}), ["step"]]
    assert heard[1].revision == heard[0].revision + 1 == board(store, room["ana"]).workshop.revision
