"""The demo workshop anyone can open in one click: complete enough to show every step of the method."""

from __future__ import annotations

from exports.demo import load_demo
from workshop.domain.model import RANGES, TOUCH_MOMENTS

DEFAULT_KEYS = [
    "price", "speed", "human_contact", "self_service", "personalisation",
    "reliability", "choice", "exclusivity", "simplicity", "transparency",
]  # fmt: skip


def test_the_demo_has_the_ten_default_attributes():
    assert [a.key for a in load_demo().attributes] == DEFAULT_KEYS


def test_the_demo_has_five_named_personas_with_quotes():
    personas = load_demo().personas
    assert len(personas) == 5
    assert len({p.name for p in personas}) == 5
    assert all(p.quote and p.description and p.evidence for p in personas)


def test_the_demo_shares_add_up_to_at_most_100_percent():
    assert sum(p.share or 0 for p in load_demo().personas) <= 100


def test_every_demo_stance_that_is_not_dont_care_says_why():
    for persona in load_demo().personas:
        for key, stance in persona.stances.items():
            assert stance.score == 0 or stance.note, (persona.name, key)


def test_no_two_demo_personas_love_and_hate_the_same_things():
    demo = load_demo()
    profiles = [tuple(p.stance(a.key).score for a in demo.attributes) for p in demo.personas]
    assert len(set(profiles)) == len(profiles)


def test_the_demo_ideas_cover_every_range_of_value_and_touch_moment():
    ideas = load_demo().ideas
    assert len(ideas) >= 12
    assert {i.range for i in ideas} == set(RANGES)
    assert {i.touch for i in ideas} == set(TOUCH_MOMENTS)
    assert all(i.effects for i in ideas)


def test_the_demo_has_team_ratings_and_a_few_votes():
    demo = load_demo()
    assert demo.ratings and demo.votes


def test_the_demo_has_judgements_against_the_promise_and_a_decision_with_next_steps_and_owners():
    from workshop.domain.findings import OFF_PROMISE_FAVOURITE, promise_findings

    demo = load_demo()
    assert demo.promise and len({r.by for r in demo.promise_ratings}) >= 3
    assert demo.decision.marked and len(demo.decision.chosen) >= 3
    assert all(c.next_step and c.owner for c in demo.decision.chosen)
    keys = [a.key for a in demo.attributes]
    kinds = {f.kind for f in promise_findings(demo.ideas, demo.personas, keys, demo.promise_ratings)}
    assert OFF_PROMISE_FAVOURITE in kinds  # something for the map to say about the promise
