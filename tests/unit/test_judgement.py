"""The team's judgement beside the love/hate arithmetic."""

from personas.model import Persona, Stance
from workshop.domain.judgement import compare, disagreements, roleplay_answer, team_median
from workshop.domain.model import Idea, Rating

KEYS = ["speed", "human_contact"]
# Carl loves human contact strongly; the kiosk removes it: fit (0 + -4) / 8 = -0.5, that is -1 on -2..2.
CARL = Persona("carl", "Careful Carl", stances={"human_contact": Stance(2)})
KIOSK = Idea("kiosk", "Self-service kiosk", effects={"speed": 2, "human_contact": -2})


def rate(by, score, as_persona=False, idea="kiosk", persona="carl"):
    return Rating(idea, persona, by, score, as_persona)


def test_team_median_is_the_middle_of_the_teams_own_ratings():
    ratings = [rate("ann", -2), rate("ben", 1), rate("cid", 2), rate("dee", 0)]
    assert team_median(ratings, "kiosk", "carl") == 0.5


def test_team_median_leaves_out_role_play_ratings_and_other_cells():
    ratings = [rate("ann", 1), rate("carl-player", -2, as_persona=True), rate("ben", -2, persona="bea")]
    assert team_median(ratings, "kiosk", "carl") == 1.0


def test_team_median_is_none_when_nobody_rated_the_cell():
    assert team_median([rate("ann", 1, as_persona=True)], "kiosk", "carl") is None


def test_roleplay_answer_uses_only_ratings_given_while_playing_the_persona():
    ratings = [rate("ann", 2), rate("p1", -2, as_persona=True), rate("p2", -1, as_persona=True)]
    assert roleplay_answer(ratings, "kiosk", "carl") == -1.5


def test_a_cell_disagrees_when_team_and_doubled_fit_are_two_points_apart():
    # Computed -1 against team +1: exactly 2 points.
    found = disagreements([KIOSK], [CARL], KEYS, [rate("ann", 1)])
    assert [(d.idea.key, d.persona.key, d.computed, d.team, d.gap) for d in found] == [
        ("kiosk", "carl", -1.0, 1.0, 2.0)
    ]


def test_a_gap_under_two_points_is_not_a_disagreement():
    assert disagreements([KIOSK], [CARL], KEYS, [rate("ann", 0), rate("ben", 1)]) == []  # median 0.5, gap 1.5


def test_role_play_ratings_alone_never_make_a_disagreement():
    assert disagreements([KIOSK], [CARL], KEYS, [rate("p", 2, as_persona=True)]) == []


def test_comparison_names_the_pair_with_the_largest_gap():
    got = compare(KIOSK, CARL, KEYS, [rate("ann", 0), rate("p", 2, as_persona=True)])
    assert (got.computed, got.team, got.roleplay, got.largest_gap) == (-1.0, 0.0, 2.0, 3.0)
    assert (
        "The largest gap, 3 points, is between the love/hate arithmetic and whoever played Careful Carl"
        in got.sentence
    )
    assert got.sentence.startswith("For “Self-service kiosk” and Careful Carl")


def test_comparison_says_so_when_the_readings_broadly_agree():
    got = compare(KIOSK, CARL, KEYS, [rate("ann", -1), rate("p", -2, as_persona=True)])
    assert got.largest_gap == 1.0
    assert "They broadly agree (largest gap 1 point)." in got.sentence


def test_comparison_without_any_rating_has_no_gap():
    got = compare(KIOSK, CARL, KEYS, [])
    assert got.largest_gap == 0.0
    assert got.team is None and got.roleplay is None
    assert "Nobody has rated it yet" in got.sentence
