"""The idea × persona map as data."""

import pytest

from personas.model import Attribute, Persona, Stance
from workshop.domain.errors import InvalidInput
from workshop.domain.fit import ALIENATES, DELIGHTS, NEUTRAL
from workshop.domain.map import fit_matrix, sort_ideas, sort_personas
from workshop.domain.model import Idea, Rating, Vote

ATTRIBUTES = [Attribute("speed", "Speed"), Attribute("human_contact", "Human contact")]
BEA = Persona("bea", "Busy Bea", share=30, stances={"speed": Stance(2), "human_contact": Stance(1)})
CARL = Persona("carl", "Careful Carl", share=50, stances={"human_contact": Stance(2)})
KIOSK = Idea("kiosk", "Kiosk", range="landmark", touch="core", effects={"speed": 2, "human_contact": -2})
CALL = Idea("call", "Call-back", range="incremental", touch="last", effects={"human_contact": 1})


def test_the_matrix_has_one_cell_per_idea_and_persona_ideas_outer():
    cells = fit_matrix([KIOSK, CALL], [BEA, CARL], ATTRIBUTES)
    assert [(c.idea.key, c.persona.key) for c in cells] == [
        ("kiosk", "bea"),
        ("kiosk", "carl"),
        ("call", "bea"),
        ("call", "carl"),
    ]


def test_a_cell_explains_each_attribute_as_effect_times_stance():
    [cell] = fit_matrix([KIOSK], [BEA], ATTRIBUTES)
    assert cell.explanation.startswith("Speed +2 × love strongly +2 = +4; Human contact −2 × love +1 = −2.")
    assert "Total +2 of a possible ±8" in cell.explanation


def test_a_cell_lists_the_attributes_that_pushed_the_score_up_and_down():
    [cell] = fit_matrix([KIOSK], [BEA], ATTRIBUTES)
    assert (cell.up, cell.down) == (("Speed",), ("Human contact",))
    assert cell.explanation.endswith("Up: Speed. Down: Human contact.")


def test_a_cell_carries_fit_and_label_from_the_fit_contract():
    cells = fit_matrix([KIOSK, CALL], [CARL], ATTRIBUTES)
    assert [(c.fit, c.label) for c in cells] == [(-0.5, ALIENATES), (0.5, DELIGHTS)]


def test_an_idea_that_moves_nothing_is_explained_as_neutral():
    [cell] = fit_matrix([Idea("x", "X")], [BEA], ATTRIBUTES)
    assert cell.label == NEUTRAL
    assert "does not change any attribute" in cell.explanation


def test_a_cell_holds_the_team_median_and_flags_a_disagreement():
    ratings = [Rating("kiosk", "carl", "ann", 1), Rating("kiosk", "carl", "ben", 2)]
    cells = fit_matrix([KIOSK], [BEA, CARL], ATTRIBUTES, ratings)
    assert [(c.team, c.disagrees) for c in cells] == [(None, False), (1.5, True)]  # -1 against +1.5


def test_ideas_sort_by_mean_fit_best_first():
    ordered = sort_ideas([KIOSK, CALL], "fit", personas=[BEA, CARL], attributes=ATTRIBUTES)
    assert [i.key for i in ordered] == ["call", "kiosk"]


def test_ideas_sort_by_votes_most_first_then_title():
    votes = [Vote("kiosk", "ann", 1), Vote("kiosk", "ben", 1), Vote("call", "ann", 1)]
    assert [i.key for i in sort_ideas([CALL, KIOSK], "votes", votes=votes)] == ["kiosk", "call"]
    assert [i.key for i in sort_ideas([KIOSK, CALL], "votes")] == ["call", "kiosk"]  # by title


def test_ideas_sort_by_range_in_the_methods_order():
    assert [i.key for i in sort_ideas([KIOSK, CALL], "range")] == ["call", "kiosk"]


def test_an_unknown_sort_is_refused():
    with pytest.raises(InvalidInput, match="fit, votes, promise or range"):
        sort_ideas([KIOSK], "colour")


def test_personas_sort_by_share_largest_first_with_unknown_shares_last():
    unknown = Persona("dan", "Dan")
    assert [p.key for p in sort_personas([unknown, BEA, CARL])] == ["carl", "bea", "dan"]
