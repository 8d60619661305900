"""Which regions of a page a save redraws, from the parts of the workshop it touched."""

from __future__ import annotations

from workshop.domain import parts

PAGE = {
    "header": (parts.PROMISE, parts.TIMER),
    "personas": (parts.PERSONAS,),
    "persona:a": (parts.persona("a"),),
    "persona:b": (parts.persona("b"),),
    "love_hate": (parts.PERSONAS, parts.ANY_PERSONA),
    "ballot": (parts.IDEAS, parts.ANY_IDEA),
    "people": (parts.PEOPLE, parts.PERSONAS, parts.IDEAS, parts.RATINGS),
}


def test_a_save_to_one_persona_redraws_its_card_and_what_shows_every_persona():
    assert parts.regions_to_redraw({parts.persona("a")}, PAGE) == {"persona:a", "love_hate"}


def test_a_new_persona_redraws_the_list_and_whatever_counts_personas():
    touched = {parts.PERSONAS, parts.persona("c")}
    assert parts.regions_to_redraw(touched, PAGE) == {"personas", "love_hate", "people"}


def test_a_save_nobody_on_the_page_shows_redraws_nothing():
    assert parts.regions_to_redraw({parts.VOTES}, PAGE) == set()
    assert parts.regions_to_redraw({parts.LINKS}, PAGE) == set()


def test_the_countdown_and_the_promise_redraw_the_header_alone():
    assert parts.regions_to_redraw({parts.TIMER}, PAGE) == {"header"}
    assert parts.regions_to_redraw({parts.PROMISE}, PAGE) == {"header"}


def test_a_step_the_lock_the_settings_or_the_attributes_redraw_the_whole_page():
    for whole in (parts.STEP, parts.LOCK, parts.SETTINGS, parts.ATTRIBUTES, parts.EVERYTHING):
        assert parts.regions_to_redraw({whole, parts.persona("a")}, PAGE) is None


def test_unknown_parts_redraw_the_whole_page():
    assert parts.regions_to_redraw(None, PAGE) is None


def test_one_idea_is_not_one_persona():
    assert parts.regions_to_redraw({parts.idea("a")}, PAGE) == {"ballot"}
    assert not parts.shows(parts.ANY_PERSONA, parts.idea("a"))
    assert not parts.shows(parts.persona("a"), parts.persona("ab"))


def test_saves_seen_as_one_keep_every_part_and_unknown_stays_unknown():
    assert parts.merge({parts.VOTES}, {parts.persona("a")}) == {parts.VOTES, parts.persona("a")}
    assert parts.merge({parts.VOTES}, None) is None
