"""Cleaning of free text typed by people."""

import pytest

from personas.errors import InvalidInput
from personas.text import TEXT_MAX, clean_text


def clean(value, **kwargs):
    kwargs.setdefault("field", "Name")
    kwargs.setdefault("max_length", 100)
    return clean_text(value, **kwargs)


def test_control_characters_are_removed():
    assert clean("Bar\x00gain\x07 \x1bhunter") == "Bargain hunter"


def test_a_right_to_left_override_is_removed_so_the_name_reads_as_stored():
    assert clean("invoice\u202etxt.exe") == "invoicetxt.exe"


def test_zero_width_characters_are_removed():
    assert clean("Ali\u200bce\ufeff") == "Alice"


def test_text_beyond_the_cap_is_refused_not_cut():
    with pytest.raises(InvalidInput, match="too long: 10,000 characters, at most 2,000"):
        clean("x" * 10_000, max_length=TEXT_MAX, multiline=True)


def test_emoji_are_kept():
    assert clean("Night owl 🦉") == "Night owl 🦉"


def test_html_and_markdown_are_kept_as_plain_characters():
    text = "<script>alert(1)</script> **bold** [link](http://x)"
    assert clean(text) == text


def test_empty_text_is_refused_when_required():
    with pytest.raises(InvalidInput, match="Name cannot be empty") as raised:
        clean(" \u200b ", required=True)
    assert raised.value.field == "Name"


def test_empty_text_is_allowed_when_optional():
    assert clean(None) == ""


def test_one_line_text_has_its_whitespace_collapsed():
    assert clean("  two\n  lines\t here ") == "two lines here"


def test_multiline_text_keeps_its_line_breaks():
    assert clean("first\r\nsecond  \n", multiline=True) == "first\nsecond"


def test_something_that_is_not_text_is_refused():
    with pytest.raises(InvalidInput, match="must be text"):
        clean(42)


FAMILY = "👩\u200d👩\u200d👧"
RAINBOW_FLAG = "🏳\ufe0f\u200d🌈"
THUMBS_UP_MEDIUM = "👍🏽"
COUPLE_WITH_SKIN_TONES = "👩🏽\u200d🤝\u200d👨🏿"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
KEYCAP_ONE = "1\ufe0f\u20e3"
RED_HEART = "❤\ufe0f"


@pytest.mark.parametrize(
    "emoji", [FAMILY, RAINBOW_FLAG, THUMBS_UP_MEDIUM, COUPLE_WITH_SKIN_TONES, SCOTLAND, KEYCAP_ONE, RED_HEART]
)
def test_an_emoji_sequence_keeps_its_joiners_variation_selectors_and_tags(emoji):
    assert clean(f"Family {emoji} day") == f"Family {emoji} day"
    assert clean(f"{emoji}\n{emoji}", multiline=True) == f"{emoji}\n{emoji}"


def test_a_joiner_between_letters_or_at_the_edges_of_an_emoji_is_removed():
    assert clean("Ali\u200dce") == "Alice"
    assert clean("\u200d👩 and 👩\u200d") == "👩 and 👩"
    assert clean("👩\u200d a") == "👩 a"


def test_a_variation_selector_after_a_letter_is_removed():
    assert clean("A\ufe0flice\ufe0e") == "Alice"


def test_tag_characters_outside_a_flag_are_removed():
    assert clean("Bob\U000e0067\U000e007f") == "Bob"
    assert clean("🏴\U000e0067\U000e0062 unfinished") == "🏴 unfinished"
