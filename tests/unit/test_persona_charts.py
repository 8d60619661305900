"""Chart specs for a persona's loves and hates, inspected without rendering."""

import altair as alt

from charts.personas import HATE_COLOUR, LOVE_COLOUR, heatmap, profile_chart
from personas.catalogue import DEFAULT_ATTRIBUTES
from personas.model import Attribute, Persona, Stance

BARGAIN = Persona(
    "bargain",
    "Bargain hunter",
    emoji="💰",
    stances={"price": Stance(2, "<b>always</b> compares"), "speed": Stance(-1, "rushing means mistakes")},
)
BUSY = Persona("busy", "Busy parent", stances={"speed": Stance(2)})
SCALE_WORDS = ["hate strongly", "hate", "don't care", "love", "love strongly"]


def rows(spec):
    return spec["data"]["values"]


def test_the_profile_lists_every_attribute_in_catalogue_order_even_at_zero():
    spec = profile_chart(BARGAIN, DEFAULT_ATTRIBUTES).to_dict()
    names = [a.name for a in DEFAULT_ATTRIBUTES]
    assert [r["attribute"] for r in rows(spec)] == names
    assert spec["encoding"]["y"]["sort"] == names
    assert spec["encoding"]["y"]["scale"]["domain"] == names


def test_the_profile_runs_from_minus_two_to_plus_two():
    x = profile_chart(BARGAIN, DEFAULT_ATTRIBUTES).to_dict()["encoding"]["x"]
    assert x["field"] == "score"
    assert x["scale"]["domain"] == [-2, 2]
    assert x["axis"]["values"] == [-2, -1, 0, 1, 2]


def test_the_profile_axis_says_the_scale_in_words():
    label_expr = profile_chart(BARGAIN, DEFAULT_ATTRIBUTES).to_dict()["encoding"]["x"]["axis"]["labelExpr"]
    for word in SCALE_WORDS:
        assert f'"{word}"' in label_expr


def test_hate_is_orange_and_love_is_blue_in_the_profile():
    spec = profile_chart(BARGAIN, DEFAULT_ATTRIBUTES).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    colour_of = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colour_of["hate"] == HATE_COLOUR == "#E66100"
    assert colour_of["love"] == LOVE_COLOUR == "#1A85FF"
    side_of = {r["attribute"]: r["side"] for r in rows(spec)}
    assert (side_of["Price"], side_of["Speed"], side_of["Choice / range"]) == ("love", "hate", "don't care")


def test_the_profile_tooltip_shows_attribute_stance_and_note():
    spec = profile_chart(BARGAIN, DEFAULT_ATTRIBUTES).to_dict()
    assert [t["field"] for t in spec["encoding"]["tooltip"]] == ["attribute", "stance", "note"]
    price = rows(spec)[0]
    assert (price["stance"], price["note"]) == ("love strongly", "<b>always</b> compares")


def test_user_text_stays_in_the_data_and_out_of_expressions():
    spec = profile_chart(BARGAIN, DEFAULT_ATTRIBUTES).to_dict()
    assert "always" not in spec["encoding"]["x"]["axis"]["labelExpr"]


def test_two_attributes_with_the_same_name_keep_their_own_rows():
    twins = [Attribute("a", "Cost"), Attribute("b", "Cost")]
    spec = profile_chart(BARGAIN, twins).to_dict()
    assert [r["attribute"] for r in rows(spec)] == ["Cost", "Cost (2)"]


def test_the_heatmap_has_a_cell_per_persona_and_attribute_in_order():
    spec = heatmap([BARGAIN, BUSY], DEFAULT_ATTRIBUTES).to_dict()
    assert len(rows(spec)) == 2 * len(DEFAULT_ATTRIBUTES)
    cells = spec["layer"][0]["encoding"]
    assert cells["y"]["sort"] == ["💰 Bargain hunter", "Busy parent"]
    assert cells["x"]["sort"] == [a.name for a in DEFAULT_ATTRIBUTES]


def test_the_heatmap_colours_hate_orange_and_love_blue_over_minus_two_to_two():
    scale = heatmap([BARGAIN], DEFAULT_ATTRIBUTES).to_dict()["layer"][0]["encoding"]["color"]["scale"]
    # "blueorange" goes blue to orange; reversed, -2 lands on orange and +2 on blue.
    assert scale == {"scheme": "blueorange", "reverse": True, "domain": [-2, 2]}


def test_the_heatmap_legend_says_the_scale_in_words():
    legend = heatmap([BARGAIN], DEFAULT_ATTRIBUTES).to_dict()["layer"][0]["encoding"]["color"]["legend"]
    assert all(f'"{word}"' in legend["labelExpr"] for word in SCALE_WORDS)


def test_heatmap_cells_are_labelled_with_signed_scores():
    spec = heatmap([BARGAIN], DEFAULT_ATTRIBUTES).to_dict()
    labels = {r["attribute"]: r["label"] for r in rows(spec)}
    assert (labels["Price"], labels["Speed"], labels["Choice / range"]) == ("+2", "-1", "0")
    assert spec["layer"][1]["mark"]["type"] == "text"
    assert spec["layer"][1]["encoding"]["text"]["field"] == "label"


def test_the_heatmap_tooltip_includes_the_note():
    spec = heatmap([BARGAIN], DEFAULT_ATTRIBUTES).to_dict()
    assert "note" in [t["field"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    assert rows(spec)[1]["note"] == "rushing means mistakes"


def test_charts_with_no_personas_or_no_attributes_are_empty_but_valid():
    # to_dict() validates against the Vega-Lite schema, so a broken spec raises here.
    assert rows(heatmap([], DEFAULT_ATTRIBUTES).to_dict()) == []
    assert rows(heatmap([BARGAIN], []).to_dict()) == []
    assert rows(profile_chart(BARGAIN, []).to_dict()) == []


def test_charts_are_specs_not_rendered_output():
    assert isinstance(profile_chart(BARGAIN, DEFAULT_ATTRIBUTES), alt.Chart)
    assert isinstance(heatmap([BARGAIN], DEFAULT_ATTRIBUTES), alt.LayerChart)
