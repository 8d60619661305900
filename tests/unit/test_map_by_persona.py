"""The map read one persona at a time, for phones."""

from personas.model import Attribute, Persona, Stance
from workshop.domain.map import fit_matrix
from workshop.domain.map_by_persona import NOT_JUDGED, by_label
from workshop.domain.model import Idea, Rating

ATTRIBUTES = [Attribute("speed", "Speed"), Attribute("human_contact", "Human contact")]
BEA = Persona("bea", "Busy Bea", stances={"speed": Stance(2), "human_contact": Stance(-1)})
CARL = Persona("carl", "Careful Carl", stances={"human_contact": Stance(2)})
KIOSK = Idea("kiosk", "Kiosk", effects={"speed": 2, "human_contact": -2})  # Bea: (4 + 2) / 8
APP = Idea("app", "App", effects={"speed": 1})  # Bea: 2 / 4
CALL = Idea("call", "Call-back", effects={"human_contact": 1})  # Bea: −1 / 4
SLOGAN = Idea("slogan", "Slogan")


def titles(groups):
    return [(name, [(p.title, p.points) for p in placed]) for name, placed in groups]


def test_one_persona_s_ideas_are_grouped_from_delights_down_with_their_scores():
    cells = fit_matrix([CALL, SLOGAN, APP, KIOSK], [BEA, CARL], ATTRIBUTES)
    assert titles(by_label(cells, "bea")) == [
        ("delights", [("App", "+1"), ("Kiosk", "+1.5")]),
        ("neutral", [("Slogan", "0")]),
        ("annoys", [("Call-back", "−0.5")]),
    ]
    assert titles(by_label(cells, "bea", best_first=True))[0] == (
        "delights",
        [("Kiosk", "+1.5"), ("App", "+1")],
    )


def test_the_team_view_groups_by_the_team_s_median_and_lists_what_nobody_judged():
    ratings = [Rating("kiosk", "carl", "Ana", 2), Rating("kiosk", "carl", "Ben", 1)]
    cells = fit_matrix([KIOSK, APP], [BEA, CARL], ATTRIBUTES, ratings)
    groups = by_label(cells, "carl", "team")
    assert titles(groups) == [("delights", [("Kiosk", "+1.5")]), (NOT_JUDGED, [("App", "")])]
    assert groups[0][1][0].disagrees  # the arithmetic says the kiosk alienates Carl
