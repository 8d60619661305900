"""Altair charts of personas' loves and hates, built as specs only (nothing is rendered here)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Final

import altair as alt

# Altair looks pandas up in sys.modules while building a spec. Imported lazily by another
# session's thread, it can be there half-initialised ("no attribute 'Timestamp'"), so this
# module only loads once pandas is complete.
import pandas  # noqa: F401

from charts.labels import unique_labels
from personas.model import Attribute, Persona
from personas.scale import SCORES, STANCE_LABELS

# Orange for hate and blue for love stay apart for the common colour-vision
# deficiencies, and the axis words keep the meaning for anyone who sees no colour.
HATE_COLOUR = "#E66100"
LOVE_COLOUR = "#1A85FF"
NEUTRAL_COLOUR = "#999999"
SIDES = ("hate", "don't care", "love")
SIDE_COLOURS = (HATE_COLOUR, NEUTRAL_COLOUR, LOVE_COLOUR)

# "blueorange" runs blue -> orange; reversed over -2..2 it puts hate on orange, love on blue.
HEATMAP_SCHEME: Final = "blueorange"  # Final: Altair takes the name as one of its schemes

# The expression only maps fixed numbers to fixed words; user text never goes into it.
# json.dumps quotes each word safely ("don't care" has an apostrophe).
_SCALE_LABELS = " : ".join(f"datum.value == {s} ? {json.dumps(STANCE_LABELS[s])}" for s in SCORES) + ' : ""'


def _side(score: int) -> str:
    return "hate" if score < 0 else "love" if score > 0 else "don't care"


def signed(score: int) -> str:
    """A score as a cell label: "+2", "-1", "0"."""
    return f"{score:+d}" if score else "0"


def _persona_label(persona: Persona) -> str:
    return f"{persona.emoji} {persona.name}".strip()


# Below this plot width (a phone) the five scale words no longer fit side by side, so they slant.
NARROW = 360
ROW = 22  # px per attribute in a profile
HEATMAP_ROW = 34  # px per persona in the heatmap


def _score_axis(title: str) -> alt.Axis:
    narrow = f"width < {NARROW}"
    return alt.Axis(
        values=list(SCORES),
        labelExpr=_SCALE_LABELS,
        title=title,
        labelOverlap=False,
        labelAngle=alt.ExprRef(f"{narrow} ? -35 : 0"),
        labelAlign=alt.ExprRef(f'{narrow} ? "right" : "center"'),
        labelBaseline=alt.ExprRef(f'{narrow} ? "middle" : "top"'),
        labelFlush=False,
        labelPadding=6,
    )


def _name_axis() -> alt.Axis:
    # Whole attribute names, each level with its own row (no label pulled flush with the edge).
    return alt.Axis(labelLimit=170, labelFlush=False, labelOverlap=False)


def profile_chart(persona: Persona, attributes: Sequence[Attribute]) -> alt.Chart:
    """A diverging bar per attribute, in the order given: hate to the left, love to the right."""
    names = unique_labels([a.name for a in attributes])
    rows = []
    for attribute, name in zip(attributes, names, strict=True):
        stance = persona.stance(attribute.key)
        rows.append(
            {
                "attribute": name,
                "score": stance.score,
                "stance": STANCE_LABELS[stance.score],
                "side": _side(stance.score),
                "note": stance.note,
            }
        )
    return (
        alt.Chart(alt.Data(values=rows), title=_persona_label(persona))
        .mark_bar()
        .encode(
            y=alt.Y("attribute:N", sort=names, scale=alt.Scale(domain=names), title=None, axis=_name_axis()),
            x=alt.X(
                "score:Q",
                scale=alt.Scale(domain=[min(SCORES), max(SCORES)], nice=False),
                axis=_score_axis("hate  ←  →  love"),
            ),
            color=alt.Color(
                "side:N",
                scale=alt.Scale(domain=list(SIDES), range=list(SIDE_COLOURS)),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("attribute:N", title="Attribute"),
                alt.Tooltip("stance:N", title="Stance"),
                alt.Tooltip("note:N", title="Why"),
            ],
        )
        .properties(height=alt.Step(ROW))
    )


def heatmap(personas: Sequence[Persona], attributes: Sequence[Attribute]) -> alt.LayerChart:
    """Personas (rows) by attributes (columns), coloured from hate to love, each cell labelled."""
    persona_labels = unique_labels([_persona_label(p) for p in personas])
    attribute_names = unique_labels([a.name for a in attributes])
    rows = []
    for persona, persona_label in zip(personas, persona_labels, strict=True):
        for attribute, attribute_name in zip(attributes, attribute_names, strict=True):
            stance = persona.stance(attribute.key)
            rows.append(
                {
                    "persona": persona_label,
                    "attribute": attribute_name,
                    "score": stance.score,
                    "label": signed(stance.score),
                    "stance": STANCE_LABELS[stance.score],
                    "note": stance.note,
                }
            )
    tooltip = [
        alt.Tooltip("persona:N", title="Persona"),
        alt.Tooltip("attribute:N", title="Attribute"),
        alt.Tooltip("stance:N", title="Stance"),
        alt.Tooltip("note:N", title="Why"),
    ]
    # Every attribute named (slanted, so ten fit even on a phone), rows tall enough to read and
    # tap, and the legend below the grid so a narrow screen keeps its width for the cells.
    top = alt.Axis(
        orient="top",
        labelAngle=alt.ExprRef(f"width < {NARROW} ? -60 : -40"),
        labelAlign="left",
        labelBaseline="middle",
        labelOverlap=False,
        labelLimit=150,
        labelFlush=False,
    )
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("attribute:N", sort=attribute_names, title=None, axis=top),
        y=alt.Y("persona:N", sort=persona_labels, title=None, axis=_name_axis()),
        tooltip=tooltip,
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "score:Q",
            scale=alt.Scale(scheme=HEATMAP_SCHEME, reverse=True, domain=[min(SCORES), max(SCORES)]),
            legend=alt.Legend(
                title="Stance",
                values=list(SCORES),
                labelExpr=_SCALE_LABELS,
                orient="bottom",
                direction="horizontal",
                gradientLength=180,
                labelOverlap="parity",  # when the words don't fit: both ends and the middle
            ),
        )
    )
    # The strongest cells are dark at both ends of the scheme, so their labels turn white.
    labels = base.mark_text().encode(
        text=alt.Text("label:N"),
        color=alt.condition("abs(datum.score) == 2", alt.value("white"), alt.value("black")),
    )
    # Altair types alt.layer(...).properties() as a layer or a facet; layering marks gives a layer.
    return alt.layer(cells, labels).properties(height=alt.Step(HEATMAP_ROW))  # type: ignore[return-value]
