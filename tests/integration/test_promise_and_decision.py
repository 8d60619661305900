"""Judging ideas against the promise and marking the decision: who may, stale edits, and where they go."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from exports.workshop_file import from_json, to_json
from personas.model import Stance
from workshop.cases import facilitation, idea_cases, persona_cases, sessions
from workshop.cases.board import board
from workshop.cases.decision_cases import choose_ideas, judge_promise, set_next_step
from workshop.cases.persona_cases import StanceChange
from workshop.cases.rounds import mark_round, round_snapshot
from workshop.cases.transfer import snapshot, start_from_snapshot
from workshop.domain.errors import DomainError, InvalidInput, Locked, NotAllowed, NotFound, StaleEdit
from workshop.storage import tables


@pytest.fixture
def room(store):
    started = sessions.start_workshop(store, "Ferries", "Across the water safely and on time.", "Fay")
    links = sessions.share_links(store, started.facilitator_token)
    ana = sessions.join(store, links.participant, "Ana").token
    ben = sessions.join(store, links.participant, "Ben").token
    rusher = persona_cases.add_persona(store, ana, {"name": "Rusher", "share": 60})
    persona_cases.set_stances(store, ana, [StanceChange(rusher.key, "speed", Stance(), 2)])

    def idea(title: str) -> str:
        values = {"title": title, "range": "landmark", "touch": "core", "effects": {"speed": 2}}
        return idea_cases.add_idea(store, ana, values).key

    return store, links, ana, ben, idea("Tap on"), idea("Water taxi")


def unchanged(store, token, call, error=DomainError, match=None):
    before = snapshot(store, token)
    with pytest.raises(error, match=match):
        call()
    assert snapshot(store, token) == before


# Judging against the promise


def test_a_participant_judges_an_idea_against_the_promise_and_everyone_sees_the_judgement(room):
    store, links, ana, ben, tap, _taxi = room
    judge_promise(store, ana, tap, 2)
    judge_promise(store, ben, tap, -1)
    assert board(store, ana).my_promise == {tap: 2}
    assert board(store, ben).my_promise == {tap: -1}
    seen = board(store, links.viewer).promise_ratings
    assert sorted((r.by, r.score) for r in seen) == [("Ana", 2), ("Ben", -1)]


def test_judging_again_replaces_ones_own_judgement_and_none_clears_it(room):
    store, _links, ana, _ben, tap, _taxi = room
    judge_promise(store, ana, tap, 2)
    judge_promise(store, ana, tap, 0)
    assert [r.score for r in board(store, ana).promise_ratings] == [0]
    judge_promise(store, ana, tap, None)
    assert board(store, ana).promise_ratings == () and board(store, ana).my_promise == {}


def test_a_view_only_link_and_a_link_not_yet_joined_cannot_judge(room):
    store, links, ana, _ben, tap, _taxi = room
    for token in (links.viewer, links.participant):
        unchanged(store, ana, lambda t=token: judge_promise(store, t, tap, 1), NotAllowed)


def test_a_judgement_off_the_scale_is_refused_and_changes_nothing(room):
    store, _links, ana, _ben, tap, _taxi = room
    for score in (3, "very", True, 1.5):
        unchanged(store, ana, lambda s=score: judge_promise(store, ana, tap, s), InvalidInput, "-2 to 2")


def test_a_locked_workshop_refuses_participants_judgements_but_not_the_facilitators(room):
    store, links, ana, _ben, tap, _taxi = room
    facilitation.set_locked(store, links.facilitator, True)
    unchanged(store, ana, lambda: judge_promise(store, ana, tap, 1), Locked)
    judge_promise(store, links.facilitator, tap, 1)
    assert [(r.by, r.score) for r in board(store, ana).promise_ratings] == [("Fay", 1)]


def test_without_a_promise_there_is_nothing_to_judge_against(room):
    store, links, ana, _ben, tap, _taxi = room
    facilitation.update_promise(store, ana, board(store, ana).workshop, "Ferries", "")
    unchanged(store, ana, lambda: judge_promise(store, ana, tap, 1), InvalidInput, "no promise")


def test_an_idea_removed_while_someone_judges_it_refuses_the_judgement_with_a_message(room):
    store, links, ana, ben, tap, _taxi = room
    idea_cases.remove_idea(store, links.facilitator, tap)
    unchanged(store, ben, lambda: judge_promise(store, ben, tap, 2), NotFound, "removed meanwhile")


def test_an_idea_of_another_workshop_cannot_be_judged_from_this_one(room):
    store, _links, ana, _ben, _tap, _taxi = room
    other = sessions.start_workshop(store, "Other", "Something else.", "Olga")
    theirs = idea_cases.add_idea(
        store, other.facilitator_token, {"title": "Theirs", "range": "landmark", "touch": "core"}
    )
    unchanged(store, ana, lambda: judge_promise(store, ana, theirs.key, 2), NotFound)
    assert board(store, other.facilitator_token).promise_ratings == ()


def test_in_an_anonymous_workshop_participants_see_judgements_without_names_and_the_facilitator_with(room):
    store, links, ana, ben, tap, _taxi = room
    judge_promise(store, ana, tap, 2)
    judge_promise(store, ben, tap, 1)
    facilitation.update_settings(store, links.facilitator, anonymous=True)
    shown = {r.by for r in board(store, ben).promise_ratings}
    assert shown == {"Participant 1", "Participant 2"}
    assert board(store, ben).my_promise == {tap: 1}  # one's own judgement stays one's own
    assert {r.by for r in board(store, links.facilitator).promise_ratings} == {"Ana", "Ben"}


def test_removing_an_idea_removes_its_judgements_and_takes_it_out_of_the_decision(room):
    store, links, ana, _ben, tap, taxi = room
    judge_promise(store, ana, tap, 2)
    choose_ideas(store, links.facilitator, 0, [tap, taxi])
    assert "1 team rating" not in idea_cases.idea_removal_impact(store, ana, tap)
    idea_cases.remove_idea(store, links.facilitator, tap)
    after = board(store, ana)
    assert after.promise_ratings == () and after.decision.idea_keys == (taxi,)


# Marking the decision


def test_the_facilitator_marks_the_decision_and_everyone_sees_it(room):
    store, links, ana, _ben, tap, taxi = room
    assert not board(store, ana).decision.marked
    decision = choose_ideas(store, links.facilitator, 0, [taxi, tap, taxi])
    assert decision.idea_keys == (taxi, tap) and decision.version == 1
    seen = board(store, links.viewer).decision
    assert seen.marked and seen.idea_keys == (taxi, tap) and seen.updated_by == "Fay"


def test_participants_and_viewers_cannot_mark_the_decision_or_write_next_steps(room):
    store, links, ana, _ben, tap, _taxi = room
    for token in (ana, links.viewer):
        unchanged(store, links.facilitator, lambda t=token: choose_ideas(store, t, 0, [tap]), NotAllowed)
    decision = choose_ideas(store, links.facilitator, 0, [tap])
    for token in (ana, links.viewer):
        unchanged(
            store,
            links.facilitator,
            lambda t=token: set_next_step(store, t, decision.chosen[0], "Mine now", "Ana"),
            NotAllowed,
        )


def test_a_choice_made_from_a_stale_view_is_refused_naming_who_changed_it(room):
    store, links, _ana, _ben, tap, taxi = room
    co = sessions.add_co_facilitator(store, links.facilitator, "Cleo")
    choose_ideas(store, co, 0, [tap])
    unchanged(
        store,
        links.facilitator,
        lambda: choose_ideas(store, links.facilitator, 0, [taxi]),
        StaleEdit,
        "Cleo changed this decision while you were editing",
    )
    assert choose_ideas(store, links.facilitator, 1, [taxi]).idea_keys == (taxi,)  # knowingly, over theirs


def test_changing_the_chosen_set_keeps_the_next_steps_of_ideas_that_stay(room):
    store, links, _ana, _ben, tap, taxi = room
    first = choose_ideas(store, links.facilitator, 0, [tap])
    set_next_step(store, links.facilitator, first.chosen[0], "Quote from two suppliers", "Ben")
    again = choose_ideas(store, links.facilitator, first.version, [taxi, tap])
    assert [(c.idea, c.next_step, c.owner) for c in again.chosen] == [
        (taxi, "", ""),
        (tap, "Quote from two suppliers", "Ben"),
    ]
    assert board(store, links.facilitator).decision == again


def test_choosing_an_idea_that_does_not_exist_here_changes_nothing(room):
    store, links, _ana, _ben, tap, _taxi = room
    other = sessions.start_workshop(store, "Other", "", "Olga")
    theirs = idea_cases.add_idea(
        store, other.facilitator_token, {"title": "Theirs", "range": "landmark", "touch": "core"}
    )
    for keys in ([tap, theirs.key], ["no-such-idea"]):
        unchanged(
            store, links.facilitator, lambda k=keys: choose_ideas(store, links.facilitator, 0, k), NotFound
        )
    unchanged(store, links.facilitator, lambda: choose_ideas(store, links.facilitator, 0, tap), InvalidInput)


def test_a_next_step_written_from_a_stale_view_is_refused_and_the_second_save_goes_over_it(room):
    store, links, _ana, _ben, tap, _taxi = room
    co = sessions.add_co_facilitator(store, links.facilitator, "Cleo")
    [seen] = choose_ideas(store, links.facilitator, 0, [tap]).chosen
    set_next_step(store, co, seen, "Call the bank", "Cleo")
    with pytest.raises(
        StaleEdit, match=r"Cleo changed this next step while you were editing \(next step, owner\)"
    ) as refused:
        set_next_step(store, links.facilitator, seen, "Write to suppliers", "Fay")
    assert board(store, links.facilitator).decision.chosen[0].owner == "Cleo"
    saved = set_next_step(store, links.facilitator, refused.value.current, "Write to suppliers", "Fay")
    assert (saved.next_step, saved.owner, saved.version) == ("Write to suppliers", "Fay", 3)


def test_a_next_step_for_an_idea_no_longer_chosen_is_refused_with_a_message(room):
    store, links, _ana, _ben, tap, taxi = room
    decision = choose_ideas(store, links.facilitator, 0, [tap])
    choose_ideas(store, links.facilitator, decision.version, [taxi])
    unchanged(
        store,
        links.facilitator,
        lambda: set_next_step(store, links.facilitator, decision.chosen[0], "Too late", ""),
        NotFound,
        "no longer among the chosen",
    )


def test_next_steps_and_owners_are_cleaned_and_capped_like_any_text(room):
    store, links, _ana, _ben, tap, _taxi = room
    [entry] = choose_ideas(store, links.facilitator, 0, [tap]).chosen
    saved = set_next_step(store, links.facilitator, entry, "  Pilot\u202e in\x07 March ", "Be\u200bn")
    assert (saved.next_step, saved.owner) == ("Pilot in March", "Ben")
    for step, owner, field in (("x" * 201, "", "Next step"), ("", "y" * 61, "Owner")):
        unchanged(
            store,
            links.facilitator,
            lambda s=step, o=owner: set_next_step(store, links.facilitator, saved, s, o),
            InvalidInput,
            f"{field} is too long",
        )


# Everywhere the workshop goes


def test_a_round_keeps_the_promise_judgements_and_the_decision_as_they_were(room):
    store, links, ana, _ben, tap, taxi = room
    judge_promise(store, ana, tap, 2)
    [entry] = choose_ideas(store, links.facilitator, 0, [tap]).chosen
    set_next_step(store, links.facilitator, entry, "Pilot in March", "Ben")
    info = mark_round(store, links.facilitator, "Before lunch", encode=to_json)
    judge_promise(store, ana, tap, -2)
    choose_ideas(store, links.facilitator, 1, [taxi])
    kept = round_snapshot(store, links.facilitator, info.id, decode=from_json)
    assert [(r.idea, r.by, r.score) for r in kept.promise_ratings] == [(tap, "Ana", 2)]
    assert [(c.idea, c.next_step, c.owner) for c in kept.decision.chosen] == [(tap, "Pilot in March", "Ben")]


def test_a_workshop_file_carries_judgements_and_decision_into_a_new_workshop(room):
    store, links, ana, ben, tap, taxi = room
    judge_promise(store, ana, tap, 2)
    judge_promise(store, ben, taxi, -1)
    [entry] = choose_ideas(store, links.facilitator, 0, [tap]).chosen
    set_next_step(store, links.facilitator, entry, "Pilot in March", "Ben")
    file = from_json(to_json(snapshot(store, links.facilitator)))
    copy = start_from_snapshot(store, file, "Gil")
    again = board(store, copy.facilitator_token)
    assert sorted((r.idea, r.by, r.score) for r in again.promise_ratings) == sorted(
        [(tap, "Ana", 2), (taxi, "Ben", -1)]
    )
    assert [(c.idea, c.next_step, c.owner) for c in again.decision.chosen] == [(tap, "Pilot in March", "Ben")]
    assert again.decision.version == 1  # a fresh workshop: its editing history starts anew
    template = board(store, start_from_snapshot(store, file, "Gil", template=True).facilitator_token)
    assert template.promise_ratings == () and not template.decision.marked


def test_deleting_a_workshop_deletes_its_judgements_and_decision(room):
    store, links, ana, _ben, tap, _taxi = room
    judge_promise(store, ana, tap, 2)
    choose_ideas(store, links.facilitator, 0, [tap])
    sessions.delete_workshop(store, links.facilitator, "Ferries")
    with store.read() as uow:
        for table in tables.V3_TABLES:
            assert uow.content.conn.execute(select(func.count()).select_from(table)).scalar() == 0


def test_the_facilitator_may_decide_to_take_nothing_forward(room):
    store, links, _ana, _ben, tap, _taxi = room
    first = choose_ideas(store, links.facilitator, 0, [tap])
    nothing = choose_ideas(store, links.facilitator, first.version, [])
    seen = board(store, links.viewer).decision
    assert nothing.marked and seen.marked and seen.chosen == () and seen.version == 2
