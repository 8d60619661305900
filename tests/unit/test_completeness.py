"""The list of what is missing before the facilitator moves on."""

from personas.model import Attribute, Persona, Stance
from workshop.completeness import missing
from workshop.model import Idea, Rating

ATTRS = [
    Attribute("price", "Price"),
    Attribute("speed", "Speed"),
    Attribute("human_contact", "Human contact"),
]


def persona(key, **scores):
    return Persona(key, key.title(), stances={k: Stance(v) for k, v in scores.items()})


def test_leaving_personas_with_three_says_one_more_is_needed():
    found = missing("personas", ATTRS, [persona("a", price=1), persona("b"), persona("c")], [], [])
    assert any("at least four" in s and "one more" in s for s in found)


def test_leaving_love_and_hate_names_a_persona_with_no_love_and_no_hate():
    ps = [
        persona("a", price=2),
        persona("b", speed=-2, price=-1),
        persona("c", human_contact=2),
        persona("calm"),
    ]
    found = missing("love_hate", ATTRS, ps, [], [])
    assert "Calm neither loves nor hates anything yet." in found


def test_near_identical_personas_are_named_with_where_they_differ():
    ps = [
        persona("a", price=2, speed=1),
        persona("b", price=2, speed=2),
        persona("c", human_contact=-2),
        persona("d", price=-2),
    ]
    found = missing("love_hate", ATTRS, ps, [], [])
    assert any("A and B" in s and "Speed" in s for s in found)


def test_an_idea_that_moves_nothing_and_unjudged_ideas_are_listed_when_leaving_the_map():
    ps = [persona("a", price=2), persona("b", speed=2), persona("c", human_contact=2), persona("d", price=-2)]
    ideas = [Idea("i1", "Kiosk", effects={"speed": 2}), Idea("i2", "Nothing")]
    ratings = [Rating("i1", p.key, "Ana", 1) for p in ps[:3]]
    found = missing("map", ATTRS, ps, ideas, ratings)
    assert "The idea “Nothing” moves no attribute, so it cannot be mapped." in found
    assert "Nobody has judged “Kiosk” for D." in found
    assert any("range" in s.lower() or "touch" in s.lower() for s in found)


def test_nothing_is_missing_from_a_complete_promise_step():
    assert missing("promise", ATTRS, [], [], []) == []


def test_leaving_the_map_names_ideas_nobody_has_judged_against_the_promise():
    from workshop.model import PromiseRating

    ps = [persona("a", price=1)]
    ideas = [Idea("k", "Kiosk", effects={"price": 1}), Idea("c", "Call-back"), Idea("s", "Slogan")]
    ratings = [Rating(i.key, "a", "ann", 1) for i in ideas]
    judged = [PromiseRating("k", "ann", 2)]
    found = missing("map", ATTRS, ps, ideas, ratings, "Quick and kind.", judged)
    assert "Nobody has judged 2 ideas against the promise: “Call-back” and “Slogan”." in found
    one = missing("map", ATTRS, ps, ideas[:2], ratings, "Quick and kind.", judged)
    assert "Nobody has judged “Call-back” against the promise." in one
    # Without a promise there is nothing to judge against, so nothing is missing.
    assert not [s for s in missing("map", ATTRS, ps, ideas, ratings, "", []) if "promise" in s]
