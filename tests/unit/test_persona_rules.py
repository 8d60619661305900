"""Rules of a persona set: how many personas, valid fields, shares and stances."""

from dataclasses import fields as dataclass_fields
from inspect import signature

import pytest

from exports.workshop_file import to_dict
from personas.errors import InvalidInput, LimitReached
from personas.model import PERSONA_FIELDS, PERSONA_PROFILE, Persona, Stance
from personas.rules import (
    MAX_PERSONAS,
    MIN_PERSONAS,
    check_persona_fields,
    check_room_for_another,
    check_stance,
    share_total,
    shares_over_100,
    shortfall_message,
)
from personas.text import NAME_MAX, NOTE_MAX, TEXT_MAX
from workshop.domain.model import WorkshopSnapshot


def fields(**overrides):
    values = dict(
        name="Bargain hunter", quote="", description="", share=None, evidence="", emoji="", colour=""
    )
    values.update(overrides)
    return check_persona_fields(**values)


def test_a_workshop_has_between_four_and_six_personas():
    assert (MIN_PERSONAS, MAX_PERSONAS) == (4, 6)


def test_a_fifth_and_sixth_persona_may_be_added():
    check_room_for_another(4)
    check_room_for_another(5)


def test_a_seventh_persona_is_refused_with_the_reason():
    with pytest.raises(LimitReached, match="Merge") as raised:
        check_room_for_another(6)
    assert "six" in raised.value.message


def test_four_personas_are_enough():
    assert shortfall_message(4) is None
    assert shortfall_message(6) is None


def test_a_short_set_is_told_how_many_more_it_needs():
    assert shortfall_message(3) == "The workshop needs at least four personas; add one more."
    assert shortfall_message(0) == "The workshop needs at least four personas; add 4 more."


def test_persona_fields_come_back_cleaned():
    cleaned = fields(
        name="  Bargain\u202e hunter ",
        quote="Why pay more?",
        description="Compares.\nAlways.",
        share="25 %",
        evidence="12 interviews",
        emoji="💰",
        colour="#1A85FF",
    )
    assert cleaned == {
        "name": "Bargain hunter",
        "quote": "Why pay more?",
        "description": "Compares.\nAlways.",
        "share": 25.0,
        "evidence": "12 interviews",
        "emoji": "💰",
        "colour": "#1a85ff",
    }


def test_a_persona_needs_a_name():
    with pytest.raises(InvalidInput, match="Name cannot be empty") as raised:
        fields(name="")
    assert raised.value.field == "Name"


def test_a_name_over_the_cap_is_refused():
    with pytest.raises(InvalidInput, match="Name is too long"):
        fields(name="x" * (NAME_MAX + 1))


def test_a_description_over_the_cap_is_refused():
    with pytest.raises(InvalidInput, match="Description is too long"):
        fields(description="x" * (TEXT_MAX + 1))


@pytest.mark.parametrize(
    "share, expected",
    [
        (None, None),
        ("", None),
        ("  ", None),
        (0, 0.0),
        (100, 100.0),
        ("25", 25.0),
        ("25 %", 25.0),
        ("12,5", 12.5),
    ],
)
def test_a_share_may_be_blank_or_a_percentage(share, expected):
    assert fields(share=share)["share"] == expected


@pytest.mark.parametrize("share", [-5, 250, "250", "lots", "12.5.1", True, float("nan")])
def test_a_share_outside_0_to_100_or_not_a_number_is_refused(share):
    with pytest.raises(InvalidInput, match="Share must be a percentage from 0 to 100") as raised:
        fields(share=share)
    assert raised.value.field == "Share"


@pytest.mark.parametrize(
    "emoji",
    [
        "",
        "🦉",
        "🦉💸",
        "👩‍💻",
        "👍🏽",
        "🇫🇷",
        "❤️",
        "🏳️‍🌈",
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    ],
)
def test_one_or_two_emoji_are_accepted(emoji):
    assert fields(emoji=emoji)["emoji"] == emoji


@pytest.mark.parametrize(
    "emoji", ["A", "🦉1", "🦉 🦉", "🦉🦉🦉", "<b>", "\u202e🦉", "🇫🇷🇩🇪🇮🇹", "👩‍👩‍👧‍👦👩‍👩‍👧‍👦"]
)
def test_letters_digits_or_more_than_two_emoji_are_refused(emoji):
    with pytest.raises(InvalidInput, match="Emoji must be one or two emoji") as raised:
        fields(emoji=emoji)
    assert raised.value.field == "Emoji"


@pytest.mark.parametrize("colour", ["#12345", "blue", "#gggggg", "#1a85ff;x"])
def test_a_colour_that_is_not_hash_and_six_hex_digits_is_refused(colour):
    with pytest.raises(InvalidInput, match="Colour must look like") as raised:
        fields(colour=colour)
    assert raised.value.field == "Colour"


def test_no_colour_is_allowed():
    assert fields(colour="")["colour"] == ""


def test_shares_add_up_ignoring_personas_without_one():
    personas = [Persona("a", "A", share=30), Persona("b", "B"), Persona("c", "C", share=12.5)]
    assert share_total(personas) == 42.5


def test_shares_that_add_up_to_exactly_100_are_fine_despite_rounding():
    personas = [Persona("a", "A", share=33.3), Persona("b", "B", share=33.3), Persona("c", "C", share=33.4)]
    assert not shares_over_100(personas)


def test_shares_over_100_are_noticed():
    assert shares_over_100([Persona("a", "A", share=60), Persona("b", "B", share=50)])


def test_a_stance_is_a_score_and_a_clean_note():
    assert check_stance("+2", " wants it  now ") == Stance(2, "wants it now")


def test_a_stance_off_the_scale_is_refused():
    with pytest.raises(InvalidInput, match="from -2 to 2"):
        check_stance(3, "")


def test_a_stance_note_over_the_cap_is_refused():
    with pytest.raises(InvalidInput, match="Note is too long"):
        check_stance(1, "x" * (NOTE_MAX + 1))


def test_the_persona_fields_are_named_once_for_the_model_the_checks_and_the_workshop_file():
    bookkeeping = {"key", "stances", "version", "created_by", "updated_by"}
    assert tuple(f.name for f in dataclass_fields(Persona) if f.name not in bookkeeping) == PERSONA_FIELDS
    assert tuple(signature(check_persona_fields).parameters) == PERSONA_FIELDS
    written = to_dict(WorkshopSnapshot(title="T", personas=(Persona("p", "Dara", emoji="⏱️"),)))
    assert list(written["personas"][0]) == ["key", *PERSONA_FIELDS, "stances"]
    assert set(PERSONA_PROFILE) <= set(PERSONA_FIELDS)
    assert Persona("p", "Dara", share=35).fields(PERSONA_PROFILE) == {
        "name": "Dara",
        "quote": "",
        "description": "",
        "share": 35,
        "evidence": "",
    }
