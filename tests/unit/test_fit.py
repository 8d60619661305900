"""Hand-computed examples of the fit contract."""

import pytest

from personas.model import Persona, Stance
from workshop.domain.fit import (
    ALIENATES,
    ANNOYS,
    DELIGHTS,
    HELPS,
    NEUTRAL,
    contributions,
    fit,
    label,
    reach,
    score,
)
from workshop.domain.model import Idea

KEYS = ["speed", "self_service", "human_contact"]
KIOSK = Idea("kiosk", "Self-service kiosk", effects={"speed": 2, "self_service": 1, "human_contact": -2})


def persona(key, share=None, **stances):
    return Persona(key, key.title(), share=share, stances={k: Stance(v) for k, v in stances.items()})


# Bea loves speed strongly, likes self-service and dislikes talking to people.
BEA = persona("bea", share=40, speed=2, self_service=1, human_contact=-1)
# Carl does not care about speed, hates self-service, loves human contact strongly.
CARL = persona("carl", share=30, self_service=-2, human_contact=2)


def test_the_kiosk_scores_each_attribute_as_effect_times_stance():
    points = [c.points for c in contributions(KIOSK, BEA, KEYS)]
    assert points == [4, 1, 2]  # 2*2, 1*1, -2*-1
    assert score(KIOSK, BEA, KEYS) == 7


def test_the_kiosk_delights_a_persona_who_wants_speed_and_no_people():
    assert fit(KIOSK, BEA, KEYS) == pytest.approx(7 / 12)
    assert label(fit(KIOSK, BEA, KEYS)) == DELIGHTS


def test_the_kiosk_alienates_a_persona_who_wants_a_person_to_talk_to():
    # 2*0 + 1*-2 + -2*2 = -6 over 3 moved attributes: -6 / 12 = -0.5, exactly the threshold.
    assert fit(KIOSK, CARL, KEYS) == -0.5
    assert label(fit(KIOSK, CARL, KEYS)) == ALIENATES


def test_an_idea_that_moves_no_attribute_is_neutral_for_everyone():
    idle = Idea("idle", "Nicer posters", effects={"speed": 0})
    assert fit(idle, BEA, KEYS) == 0.0
    assert label(fit(idle, BEA, KEYS)) == NEUTRAL


def test_effects_on_attributes_removed_from_the_workshop_are_ignored():
    # Without human_contact the kiosk moves two attributes: (4 + 1) / 8.
    assert fit(KIOSK, BEA, ["speed", "self_service"]) == pytest.approx(5 / 8)
    assert score(KIOSK, CARL, ["speed", "self_service"]) == -2


def test_a_persona_with_no_stances_gets_a_neutral_fit():
    blank = Persona("blank", "Blank")
    assert fit(KIOSK, blank, KEYS) == 0.0
    assert label(0.0) == NEUTRAL


def test_a_fit_of_exactly_one_half_delights():
    one_step = Idea("a", "A", effects={"speed": 1})  # 1 * 2 / 4 = 0.5
    assert fit(one_step, BEA, KEYS) == 0.5
    assert label(0.5) == DELIGHTS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, DELIGHTS),
        (0.49, HELPS),
        (0.01, HELPS),
        (0.0, NEUTRAL),
        (-0.01, ANNOYS),
        (-0.49, ANNOYS),
        (-0.5, ALIENATES),
    ],
)
def test_labels_change_at_one_half_zero_and_minus_one_half(value, expected):
    assert label(value) == expected


def test_reach_adds_the_shares_of_the_personas_an_idea_helps_or_delights():
    helped = persona("dan", share=20, speed=1)  # 2*1 / 12 > 0: helps
    no_share = persona("eve", speed=2)  # delighted but no known share
    assert reach(KIOSK, [BEA, CARL, helped, no_share], KEYS) == 60.0
