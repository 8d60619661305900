"""The love/hate scale from -2 to +2."""

import pytest

from personas.errors import InvalidInput
from personas.scale import SCORES, STANCE_LABELS, check_score, stance_label


def test_the_scale_runs_from_hate_strongly_to_love_strongly():
    assert SCORES == (-2, -1, 0, 1, 2)
    assert [STANCE_LABELS[s] for s in SCORES] == [
        "hate strongly",
        "hate",
        "don't care",
        "love",
        "love strongly",
    ]


@pytest.mark.parametrize("value, expected", [(2, 2), (-2, -2), (0, 0), (1.0, 1), ("+1", 1), (" -2 ", -2)])
def test_whole_numbers_in_range_are_accepted(value, expected):
    assert check_score(value) == expected


def test_a_stance_word_is_read_as_its_score():
    assert check_score("Love strongly") == 2
    assert check_score("don't care") == 0


@pytest.mark.parametrize("value", [3, -3, 1.5, "lots", True, None, ""])
def test_anything_else_is_refused(value):
    with pytest.raises(InvalidInput, match="from -2 to 2"):
        check_score(value)


def test_the_refusal_names_the_field():
    with pytest.raises(InvalidInput) as raised:
        check_score(9, "Speed")
    assert raised.value.field == "Speed"


def test_each_score_has_a_label():
    assert stance_label(-1) == "hate"
