"""Dot voting rules and the ranking they produce."""

import pytest

from personas.model import Persona, Stance
from workshop.domain.errors import InvalidInput, LimitReached
from workshop.domain.model import Idea, Settings, Vote
from workshop.domain.voting import check_vote, not_voted_yet, ranking, votes_left, why_no_vote

IDEAS = ["a", "b", "c", "d"]


def test_a_participant_may_vote_while_votes_are_left():
    check_vote(Settings(votes_per_participant=3), {"a": 1, "b": 1}, "c", IDEAS)


def test_a_fourth_vote_is_refused_when_each_participant_has_three():
    with pytest.raises(LimitReached, match="used all 3 of your votes"):
        check_vote(Settings(votes_per_participant=3), {"a": 1, "b": 1, "c": 1}, "d", IDEAS)


def test_a_second_vote_on_one_idea_is_refused_by_default():
    with pytest.raises(LimitReached, match="already voted for this idea"):
        check_vote(Settings(), {"a": 1}, "a", IDEAS)


def test_several_votes_on_one_idea_are_allowed_when_the_session_says_so():
    check_vote(Settings(several_votes_per_idea=True), {"a": 2}, "a", IDEAS)


def test_several_votes_per_idea_still_respect_the_total():
    with pytest.raises(LimitReached, match="used all 3"):
        check_vote(Settings(several_votes_per_idea=True), {"a": 3}, "a", IDEAS)


def test_a_vote_for_an_idea_that_is_not_on_the_board_is_invalid():
    with pytest.raises(InvalidInput, match="no longer on the board"):
        check_vote(Settings(), {}, "gone", IDEAS)


def test_votes_left_counts_down_and_never_below_zero():
    assert votes_left(Settings(votes_per_participant=3), {"a": 1}) == 2
    assert votes_left(Settings(votes_per_participant=2), {"a": 1, "b": 2}) == 0


BEA = Persona("bea", "Bea", share=60, stances={"speed": Stance(2)})
CARL = Persona("carl", "Carl", share=40, stances={"speed": Stance(-1)})
FAST = Idea("fast", "Fast lane", effects={"speed": 2})  # Bea +1, Carl -0.5: mean 0.25
SLOW = Idea("slow", "Slow lane", effects={"speed": -1})  # Bea -0.5, Carl +0.25: mean -0.125
ALSO = Idea("also", "Another fast lane", effects={"speed": 2})


def test_ranking_orders_by_votes_then_mean_fit_then_title():
    votes = [Vote("slow", "ann", 1), Vote("slow", "ben", 1), Vote("fast", "ann", 1), Vote("also", "cid", 1)]
    ranked = ranking([SLOW, FAST, ALSO], votes, [BEA, CARL], ["speed"])
    assert [(r.idea.key, r.votes, r.rank) for r in ranked] == [("slow", 2, 1), ("also", 1, 2), ("fast", 1, 2)]
    assert ranked[1].mean_fit == pytest.approx(0.25)
    assert ranked[1].reach == 60.0


def test_ideas_tied_on_votes_but_not_on_mean_fit_get_different_ranks():
    ranked = ranking([SLOW, FAST], [Vote("slow", "a", 1), Vote("fast", "b", 1)], [BEA, CARL], ["speed"])
    assert [(r.idea.key, r.rank) for r in ranked] == [("fast", 1), ("slow", 2)]


def test_the_rank_after_a_tie_skips_the_shared_places():
    ranked = ranking([FAST, ALSO, SLOW], [], [BEA, CARL], ["speed"])
    assert [r.rank for r in ranked] == [1, 1, 3]


def test_ranking_without_personas_has_a_mean_fit_of_zero():
    assert [r.mean_fit for r in ranking([FAST], [], [], ["speed"])] == [0.0]


def test_not_voted_yet_lists_participants_with_votes_left_in_the_order_given():
    votes = [Vote("fast", "ann", 2), Vote("slow", "ann", 1), Vote("fast", "ben", 1)]
    assert not_voted_yet(["cid", "ann", "ben"], votes, Settings(votes_per_participant=3)) == ["cid", "ben"]


def test_the_reason_a_vote_is_not_possible_is_known_before_anyone_tries():
    three = Settings(votes_per_participant=3)
    assert why_no_vote(three, {"a": 1, "b": 1}, "c") is None
    assert "used all 3 of your votes" in (why_no_vote(three, {"a": 1, "b": 1, "c": 1}, "d") or "")
    assert "already voted for this idea" in (why_no_vote(three, {"a": 1}, "a") or "")
