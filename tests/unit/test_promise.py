"""Ideas judged against the promise: the team's median, what the map says about it, the ranking beside it."""

from __future__ import annotations

import pytest

from personas.errors import InvalidInput
from personas.model import Attribute, Persona, Stance
from workshop.domain.findings import (
    AGAINST_PROMISE_IDEA,
    OFF_PROMISE_FAVOURITE,
    all_findings,
    promise_findings,
)
from workshop.domain.model import Idea, PromiseRating, Vote
from workshop.domain.promise import promise_median, promise_medians, promise_word
from workshop.domain.voting import order_ranking, ranking

ATTRIBUTES = [Attribute("speed", "Speed"), Attribute("human_contact", "Human contact")]
KEYS = [a.key for a in ATTRIBUTES]
RUSHER = Persona("rusher", "Rusher", stances={"speed": Stance(2), "human_contact": Stance(-2)})
CHATTER = Persona("chatter", "Chatter", stances={"speed": Stance(-2), "human_contact": Stance(2)})
KIOSK = Idea("kiosk", "Kiosk", effects={"speed": 2, "human_contact": -2})  # delights Rusher
HOST = Idea("host", "Host at the door", effects={"human_contact": 2})  # delights Chatter, alienates Rusher
SLOGAN = Idea("slogan", "New slogan", effects={"speed": 1, "human_contact": 1})  # delights nobody


def judged(idea: str, *scores: int) -> list[PromiseRating]:
    return [PromiseRating(idea, f"person {n}", s) for n, s in enumerate(scores)]


def test_the_promise_median_is_the_middle_judgement_and_none_when_nobody_judged():
    ratings = judged("kiosk", -2, 1, 2, 0) + judged("host", 2)
    assert promise_median(ratings, "kiosk") == 0.5
    assert promise_median(ratings, "host") == 2.0
    assert promise_median(ratings, "slogan") is None
    assert promise_medians(ratings) == {"kiosk": 0.5, "host": 2.0}


def test_a_median_is_said_with_the_nearest_word_of_the_scale():
    assert promise_word(2.0) == "embodies it"
    assert promise_word(-1.0) == "pulls away from it"
    assert promise_word(0.5) == "fits it"  # halfway between two words leans towards the promise
    assert promise_word(None) == "not judged"


def test_an_idea_the_team_judges_against_the_promise_is_named_with_its_median():
    [found] = promise_findings([SLOGAN], [RUSHER, CHATTER], KEYS, judged("slogan", -1, -2, -1))
    assert found.kind == AGAINST_PROMISE_IDEA
    assert (
        found.sentence == "“New slogan” works against the promise (team median −1). Change it or let it go?"
    )
    assert found.idea_keys == ("slogan",)


def test_a_favourite_of_a_persona_that_the_team_finds_off_promise_is_named_with_who_loves_it():
    [found] = promise_findings([KIOSK], [RUSHER, CHATTER], KEYS, judged("kiosk", 0, 0, 1))
    assert found.kind == OFF_PROMISE_FAVOURITE
    assert found.sentence == (
        "“Kiosk” delights Rusher, yet the team sees little of the promise in it (team median 0). "
        "Can it be made ours?"
    )
    assert found.persona_keys == ("rusher",)


def test_a_favourite_that_works_against_the_promise_is_named_once_saying_both():
    found = promise_findings([KIOSK], [RUSHER, CHATTER], KEYS, judged("kiosk", -2, -1))
    assert [f.kind for f in found] == [OFF_PROMISE_FAVOURITE]
    assert "delights Rusher but works against the promise (team median −1.5)" in found[0].sentence


def test_ideas_on_promise_or_not_judged_are_not_named():
    ratings = judged("kiosk", 1, 0, 1) + judged("slogan", 0)  # slogan: unrelated but delights nobody
    assert promise_findings([KIOSK, HOST, SLOGAN], [RUSHER, CHATTER], KEYS, ratings) == []


def test_all_findings_name_the_promise_right_after_the_splits_between_personas():
    kinds = [
        f.kind for f in all_findings(ATTRIBUTES, [RUSHER, CHATTER], [KIOSK, SLOGAN], judged("kiosk", -1, -1))
    ]
    assert kinds[:2] == ["polarising", OFF_PROMISE_FAVOURITE]
    assert AGAINST_PROMISE_IDEA not in [f.kind for f in all_findings(ATTRIBUTES, [RUSHER], [KIOSK])]


def test_the_ranking_carries_the_promise_median_beside_votes_fit_and_reach():
    votes = [Vote("host", "a", 2), Vote("kiosk", "b", 1)]
    ranked = ranking([KIOSK, HOST, SLOGAN], votes, [RUSHER, CHATTER], KEYS, judged("kiosk", 2, 1))
    assert [(r.idea.key, r.votes, r.promise) for r in ranked] == [
        ("host", 2, None),
        ("kiosk", 1, 1.5),
        ("slogan", 0, None),
    ]


def test_the_ranking_ordered_by_promise_puts_the_highest_median_first_and_unjudged_last():
    votes = [Vote("host", "a", 2), Vote("kiosk", "b", 1), Vote("slogan", "c", 1)]
    ratings = judged("kiosk", 2) + judged("slogan", -1)
    ranked = ranking([KIOSK, HOST, SLOGAN], votes, [RUSHER, CHATTER], KEYS, ratings)
    by_promise = order_ranking(ranked, "promise")
    assert [r.idea.key for r in by_promise] == ["kiosk", "slogan", "host"]
    assert [r.rank for r in by_promise] == [2, 2, 1]  # the vote rank stays what it was
    assert order_ranking(ranked, "votes") == ranked
    with pytest.raises(InvalidInput):
        order_ranking(ranked, "mood")


def test_the_map_can_sort_ideas_by_their_promise_median():
    from workshop.domain.map import sort_ideas

    ratings = judged("slogan", 2) + judged("kiosk", -1)
    assert [i.key for i in sort_ideas([KIOSK, HOST, SLOGAN], "promise", promise_ratings=ratings)] == [
        "slogan",
        "kiosk",
        "host",  # nobody judged it: last
    ]
