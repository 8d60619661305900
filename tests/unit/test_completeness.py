"""The list of what is missing before the facilitator moves on."""

from personas.model import Attribute, Persona, Stance
from workshop.domain.completeness import missing
from workshop.domain.model import Idea, Rating

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
    assert "The team has not judged 2 ideas for every persona yet: “Kiosk” and “Nothing”." in found
    assert any("range" in s.lower() or "touch" in s.lower() for s in found)


def test_nothing_is_missing_from_a_complete_promise_step():
    assert missing("promise", ATTRS, [], [], []) == []


def test_one_unjudged_idea_names_the_personas_it_still_needs():
    ps = [persona("a", price=2), persona("b", speed=2), persona("c", human_contact=2), persona("d", price=-2)]
    ratings = [Rating("i1", p.key, "Ana", 1) for p in ps[:2]]
    found = missing("map", ATTRS, ps, [Idea("i1", "Kiosk", effects={"speed": 2})], ratings)
    assert "Nobody has judged “Kiosk” for C and D." in found


def test_a_large_workshop_is_summed_up_in_a_few_grouped_sentences():
    ps = [persona(k) for k in ("a", "b", "c", "d", "e")]  # all indifferent, all alike
    ideas = [Idea(f"i{n}", f"Idea {n}", range="incremental", touch="core") for n in range(12)]
    found = missing("map", ATTRS, ps, ideas, [], "Quick and kind.", [])
    assert len(found) <= 8
    assert "A, B, C and 2 more neither love nor hate anything yet." in found
    assert (
        "12 ideas move no attribute, so they cannot be mapped: “Idea 0”, “Idea 1”, “Idea 2” and 9 more."
        in found
    )
    assert "No idea is landmark, breakthrough or disruptive in its range of value yet." in found
    assert "No idea lands at the pre-touch, first touch, last touch or in-touch moment yet." in found
    assert any(s.startswith("The team has not judged 12 ideas for every persona yet") for s in found)
    assert "Nobody has judged 12 ideas against the promise: “Idea 0”, “Idea 1”, “Idea 2” and 9 more." in found


def test_leaving_the_map_names_ideas_nobody_has_judged_against_the_promise():
    from workshop.domain.model import PromiseRating

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
