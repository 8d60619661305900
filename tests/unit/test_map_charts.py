"""Altair specs of the map, the portfolio and the ranking, checked through to_dict()."""

import pytest

from charts.map import map_heatmap, portfolio_chart, ranking_chart
from personas.model import Attribute, Persona, Stance
from workshop.domain.findings import portfolio_grid
from workshop.domain.map import fit_matrix
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, Rating, Vote
from workshop.domain.voting import ranking

ATTRIBUTES = [Attribute("speed", "Speed"), Attribute("human_contact", "Human contact")]
BEA = Persona("bea", "Busy Bea", stances={"speed": Stance(2)})
CARL = Persona("carl", "Careful Carl", stances={"human_contact": Stance(2)})
KIOSK = Idea("kiosk", "Kiosk", effects={"speed": 2, "human_contact": -2})
CALL = Idea("call", "Call-back", touch="last", effects={"human_contact": 1})


def rows(spec):
    [values] = [d for d in spec["datasets"].values()] if "datasets" in spec else [spec["data"]["values"]]
    return values


def heatmap(show="fit", ratings=(), idea_order=("call", "kiosk")):
    cells = fit_matrix([KIOSK, CALL], [BEA, CARL], ATTRIBUTES, ratings)
    return map_heatmap(cells, list(idea_order), ["bea", "carl"], show=show).to_dict()


def test_the_heatmap_colours_alienates_orange_and_delights_blue_on_a_fixed_scale():
    rect = heatmap()["layer"][1]
    scale = rect["encoding"]["color"]["scale"]
    # blueorange reversed: -2 (alienates) takes the orange end, +2 (delights) the blue end.
    assert scale == {"scheme": "blueorange", "domain": [-2, 2], "reverse": True}


def test_the_heatmap_follows_the_idea_and_persona_order_given():
    encoding = heatmap(idea_order=("kiosk", "call"))["layer"][1]["encoding"]
    assert encoding["y"]["sort"] == ["Kiosk", "Call-back"]
    assert encoding["x"]["sort"] == ["Busy Bea", "Careful Carl"]


def test_the_heatmap_shows_fit_doubled_onto_the_rating_scale_with_its_explanation():
    by_cell = {(r["idea"], r["persona"]): r for r in rows(heatmap())}
    kiosk_carl = by_cell[("Kiosk", "Careful Carl")]
    assert kiosk_carl["value"] == -1.0  # fit -0.5
    assert kiosk_carl["label"] == "alienates"
    assert "Human contact −2 × love strongly +2 = −4" in kiosk_carl["explanation"]


def test_the_tooltip_offers_the_label_and_the_explanation():
    for layer in heatmap()["layer"]:  # every layer, so hovering the text works too
        fields = [t["field"] for t in layer["encoding"]["tooltip"]]
        assert {"label", "explanation", "team"} <= set(fields)


def test_a_disagreement_cell_gets_a_frame_and_an_exclamation_mark():
    spec = heatmap(ratings=[Rating("kiosk", "carl", "ann", 2)])
    by_cell = {(r["idea"], r["persona"]): r for r in rows(spec)}
    assert by_cell[("Kiosk", "Careful Carl")]["disagrees"] is True
    assert by_cell[("Kiosk", "Careful Carl")]["text"].endswith("!")
    assert by_cell[("Kiosk", "Busy Bea")]["disagrees"] is False
    assert by_cell[("Kiosk", "Careful Carl")]["frame"] == "black"
    assert by_cell[("Kiosk", "Busy Bea")]["frame"] == "transparent"
    rect = spec["layer"][1]
    assert rect["encoding"]["stroke"] == {"field": "frame", "type": "nominal", "scale": None}
    assert rect["mark"]["strokeWidth"] == 3


def test_the_team_view_greys_out_cells_nobody_rated():
    spec = heatmap(show="team", ratings=[Rating("kiosk", "carl", "ann", 1)])
    by_cell = {(r["idea"], r["persona"]): r for r in rows(spec)}
    assert by_cell[("Kiosk", "Careful Carl")]["value"] == 1.0
    assert by_cell[("Call-back", "Busy Bea")]["rated"] is False
    assert by_cell[("Call-back", "Busy Bea")]["text"] == "no rating"
    # The coloured layer leaves unrated cells out, so the grey layer beneath shows.
    assert spec["layer"][0]["mark"]["color"] == "#dddddd"
    assert spec["layer"][1]["transform"] == [{"filter": "datum.rated"}]


def test_an_unknown_view_of_the_heatmap_is_refused():
    with pytest.raises(ValueError, match="fit' or 'team"):
        map_heatmap([], [], [], show="votes")


def test_empty_inputs_still_give_valid_specs():
    for chart in (map_heatmap([], [], []), portfolio_chart({}), ranking_chart([])):
        spec = chart.to_dict()
        assert "$schema" in spec


def test_the_portfolio_chart_has_every_range_and_touch_moment_with_counts():
    spec = portfolio_chart(portfolio_grid([KIOSK, CALL, CALL])).to_dict()
    values = rows(spec)
    assert len(values) == len(RANGES) * len(TOUCH_MOMENTS)
    counts = {(r["range"], r["touch"]): r["count"] for r in values}
    assert counts[("Incremental", "Last touch")] == 2
    assert counts[("Disruptive", "Pre-touch")] == 0


def test_the_ranking_chart_lists_ideas_in_rank_order_with_their_votes():
    ranked = ranking([KIOSK, CALL], [Vote("call", "ann", 2)], [BEA, CARL], ["speed", "human_contact"])
    spec = ranking_chart(ranked).to_dict()
    assert spec["encoding"]["y"]["sort"] == ["Call-back", "Kiosk"]
    assert [(r["idea"], r["votes"], r["rank"]) for r in rows(spec)] == [("Call-back", 2, 1), ("Kiosk", 0, 2)]


def test_with_a_promise_the_map_has_a_last_column_with_the_team_median_against_it():
    from workshop.domain.model import PromiseRating

    cells = fit_matrix([KIOSK, CALL], [BEA, CARL], ATTRIBUTES)
    judged = [PromiseRating("kiosk", "ann", 2), PromiseRating("kiosk", "ben", 1)]
    spec = map_heatmap(cells, ["kiosk", "call"], ["bea", "carl"], promise_ratings=judged).to_dict()
    assert spec["layer"][1]["encoding"]["x"]["sort"] == ["Busy Bea", "Careful Carl", "🎯 Promise"]
    by_cell = {(r["idea"], r["persona"]): r for r in rows(spec)}
    kiosk = by_cell[("Kiosk", "🎯 Promise")]
    assert (kiosk["value"], kiosk["rated"], kiosk["text"]) == (1.5, True, "+1.5")
    assert kiosk["explanation"] == (
        "The team's median judgement against the promise is +1.5 (embodies it), from 2 people."
    )
    call = by_cell[("Call-back", "🎯 Promise")]
    assert (call["rated"], call["text"]) == (False, "not judged")  # grey, like a cell nobody rated


def test_without_a_promise_the_map_has_no_promise_column_and_a_persona_may_be_called_promise():
    cells = fit_matrix([KIOSK], [BEA, CARL], ATTRIBUTES)
    plain = map_heatmap(cells, ["kiosk"], ["bea", "carl"]).to_dict()
    assert plain["layer"][1]["encoding"]["x"]["sort"] == ["Busy Bea", "Careful Carl"]
    odd = Persona("odd", "Promise", emoji="🎯")
    cells = fit_matrix([KIOSK], [BEA, odd], ATTRIBUTES)
    spec = map_heatmap(cells, ["kiosk"], ["bea", "odd"], promise_ratings=[]).to_dict()
    assert spec["layer"][1]["encoding"]["x"]["sort"] == ["Busy Bea", "🎯 Promise", "🎯 Promise (2)"]
