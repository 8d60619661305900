"""Findings read aloud from the map."""

from personas.model import Attribute, Persona, Stance
from workshop.domain.findings import (
    POLARISING,
    RANGE_GAP,
    SERVES_NOBODY,
    TOUCH_GAP,
    UNSERVED_PERSONA,
    all_findings,
    ideas_serving_nobody,
    polarising_ideas,
    portfolio_gaps,
    portfolio_grid,
    unserved_personas,
)
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea

ATTRIBUTES = [
    Attribute("speed", "Speed"),
    Attribute("human_contact", "Human contact"),
    Attribute("price", "Price"),
]
KEYS = [a.key for a in ATTRIBUTES]
BEA = Persona("bea", "Busy Bea", stances={"speed": Stance(2), "human_contact": Stance(-2)})
CARL = Persona("carl", "Careful Carl", stances={"human_contact": Stance(2)})
KIOSK = Idea("kiosk", "Self-service kiosk", effects={"speed": 2, "human_contact": -2})  # Bea +1, Carl -0.5
CALL = Idea("call", "Call-back promise", range="landmark", touch="last", effects={"human_contact": 1})


def test_an_idea_that_delights_one_persona_and_alienates_another_is_polarising():
    [finding] = polarising_ideas([KIOSK], [BEA, CARL], KEYS)
    assert finding.kind == POLARISING
    assert finding.idea_keys == ("kiosk",)
    assert finding.persona_keys == ("bea", "carl")
    assert (
        finding.sentence
        == "“Self-service kiosk” delights Busy Bea but alienates Careful Carl. Who is it really for?"
    )


def test_an_idea_that_only_annoys_the_other_persona_is_not_polarising():
    # Call-back delights Carl (2/4) and alienates Bea (-2/4)...
    assert [f.idea_keys for f in polarising_ideas([CALL], [BEA, CARL], KEYS)] == [("call",)]
    # ...but with a milder Bea it only annoys her.
    mild = Persona("bea", "Busy Bea", stances={"human_contact": Stance(-1)})
    assert polarising_ideas([CALL], [mild, CARL], KEYS) == []


def test_a_persona_no_idea_delights_is_named_with_the_closest_idea():
    helps_carl = Idea("desk", "Help desk", effects={"human_contact": 1, "speed": 1})  # Carl 2/8
    [finding] = unserved_personas([KIOSK, helps_carl], [BEA, CARL], KEYS)
    assert finding.kind == UNSERVED_PERSONA
    assert finding.persona_keys == ("carl",)
    assert finding.idea_keys == ("desk",)
    assert "No idea delights Careful Carl yet" in finding.sentence
    assert "“Help desk”" in finding.sentence


def test_a_persona_nothing_even_helps_gets_a_plainer_sentence():
    [finding] = unserved_personas([KIOSK], [BEA, CARL], KEYS)
    assert finding.sentence == "No idea delights or even helps Careful Carl yet."
    assert finding.idea_keys == ()


def test_no_persona_is_called_unserved_before_there_are_ideas():
    assert unserved_personas([], [BEA, CARL], KEYS) == []


def test_an_idea_that_helps_no_persona_serves_nobody():
    cheaper = Idea("cheap", "Cheaper parking", effects={"price": 2})  # nobody cares about price
    [finding] = ideas_serving_nobody([KIOSK, cheaper], [BEA, CARL], KEYS)
    assert finding.kind == SERVES_NOBODY
    assert finding.idea_keys == ("cheap",)
    assert finding.sentence.startswith("“Cheaper parking” helps none of the personas")


def test_an_idea_that_moves_nothing_is_said_to_not_yet_say_what_it_changes():
    [finding] = ideas_serving_nobody([Idea("blank", "Blank idea")], [BEA], KEYS)
    assert "does not say yet what it changes" in finding.sentence


def test_the_portfolio_grid_counts_ideas_per_range_and_touch_moment_with_zeros():
    grid = portfolio_grid([KIOSK, CALL, Idea("x", "X", range="landmark", touch="last")])
    assert len(grid) == len(RANGES) * len(TOUCH_MOMENTS)
    assert grid[("incremental", "core")] == 1
    assert grid[("landmark", "last")] == 2
    assert grid[("disruptive", "pre")] == 0


def test_every_range_and_touch_moment_with_no_idea_is_a_gap():
    gaps = portfolio_gaps([KIOSK, CALL])  # incremental/core and landmark/last
    assert [f.sentence.split(":")[0] for f in gaps if f.kind == RANGE_GAP] == [
        "There is no breakthrough idea yet",
        "There is no disruptive idea yet",
    ]
    assert [f.sentence.split(":")[0] for f in gaps if f.kind == TOUCH_GAP] == [
        "No idea lands at the pre-touch moment yet",
        "No idea lands at the first touch moment yet",
        "No idea lands at the in-touch moment yet",
    ]


def test_an_empty_board_has_no_portfolio_gaps_to_report():
    assert portfolio_gaps([]) == []


def test_all_findings_puts_polarising_ideas_first_and_includes_every_kind():
    cheaper = Idea("cheap", "Cheaper parking", range="breakthrough", touch="pre", effects={"price": 2})
    kinds = [f.kind for f in all_findings(ATTRIBUTES, [BEA, CARL], [KIOSK, cheaper])]
    assert kinds[0] == POLARISING
    assert set(kinds) == {POLARISING, UNSERVED_PERSONA, SERVES_NOBODY, RANGE_GAP, TOUCH_GAP}


def test_all_findings_ignores_effects_on_attributes_no_longer_in_the_workshop():
    # Without human_contact the kiosk only raises speed, which Bea loves and Carl ignores.
    found = all_findings([ATTRIBUTES[0]], [BEA, CARL], [KIOSK])
    assert POLARISING not in [f.kind for f in found]
