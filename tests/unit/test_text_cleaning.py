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
    with pytest.raises(InvalidInput, match="too long: 10000 characters"):
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
