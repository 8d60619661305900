"""Checking the fields of a value idea."""

import pytest

from personas.text import TITLE_MAX
from workshop.domain.errors import InvalidInput
from workshop.domain.ideas import check_idea_fields

KEYS = ["speed", "self_service", "human_contact"]


def check(**changes):
    fields = {
        "title": "Self-service kiosk",
        "description": "",
        "range": "landmark",
        "touch": "core",
        "effects": {"speed": 2},
        "attribute_keys": KEYS,
    }
    fields.update(changes)
    return check_idea_fields(**fields)


def test_a_valid_idea_comes_back_cleaned():
    got = check(title="  Self-service\tkiosk ", description="Line one \nLine two  ")
    assert got == {
        "title": "Self-service kiosk",
        "description": "Line one\nLine two",
        "range": "landmark",
        "touch": "core",
        "effects": {"speed": 2},
    }


def test_an_idea_needs_a_title():
    with pytest.raises(InvalidInput, match="Title cannot be empty"):
        check(title="   ")


def test_a_title_longer_than_the_cap_is_refused():
    with pytest.raises(InvalidInput, match="Title is too long"):
        check(title="x" * (TITLE_MAX + 1))


def test_a_range_outside_the_four_ranges_is_refused_naming_them():
    with pytest.raises(InvalidInput, match="Incremental, Landmark, Breakthrough, Disruptive") as caught:
        check(range="radical")
    assert caught.value.field == "Range of value"


def test_a_range_or_touch_moment_may_be_given_by_its_label():
    got = check(range="Breakthrough", touch="Last touch")
    assert (got["range"], got["touch"]) == ("breakthrough", "last")


def test_an_unknown_touch_moment_is_refused():
    with pytest.raises(InvalidInput, match="Touch moment must be one of"):
        check(touch="after")


def test_an_effect_on_an_attribute_the_workshop_does_not_have_is_refused():
    with pytest.raises(InvalidInput, match="no attribute 'colour'"):
        check(effects={"speed": 1, "colour": 2})


def test_an_effect_given_as_a_word_like_high_is_refused_with_the_allowed_range():
    with pytest.raises(InvalidInput, match=r"Effect on speed must be a whole number from -2 .* not 'high'"):
        check(effects={"speed": "high"})


def test_an_effect_beyond_two_is_refused():
    with pytest.raises(InvalidInput, match="not 3"):
        check(effects={"speed": 3})


def test_effects_of_zero_are_dropped_because_they_move_nothing():
    assert check(effects={"speed": 0, "human_contact": -2})["effects"] == {"human_contact": -2}


def test_effects_written_as_signed_text_or_words_are_read_as_numbers():
    got = check(effects={"human_contact": "-2", "speed": "+1", "self_service": "much better"})
    assert got["effects"] == {"speed": 1, "self_service": 2, "human_contact": -2}


def test_effects_that_are_not_a_mapping_are_refused():
    with pytest.raises(InvalidInput, match="Effects must map"):
        check(effects=["speed"])


def test_missing_effects_mean_the_idea_moves_nothing_yet():
    assert check(effects=None)["effects"] == {}
