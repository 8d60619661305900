"""Altair specs of the idea × persona map, the portfolio grid and the vote ranking (nothing rendered here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import altair as alt

# Altair looks pandas up in sys.modules while building a spec. Imported lazily by another
# session's thread, it can be there half-initialised ("no attribute 'Timestamp'"), so this
# module only loads once pandas is complete.
import pandas  # noqa: F401

from charts.labels import unique_labels
from workshop.domain.map import Cell
from workshop.domain.model import RANGES, TOUCH_MOMENTS, PromiseRating
from workshop.domain.promise import promise_counts, promise_medians, promise_word
from workshop.domain.voting import RankedIdea

# Orange for alienates and blue for delights stay apart for the common colour-vision
# deficiencies; "blueorange" runs blue -> orange, so it is reversed over -2..2.
SCHEME: Final = "blueorange"  # Final: Altair takes the name as one of its schemes
DOMAIN = [-2, 2]
NO_RATING = "#dddddd"
PROMISE_COLUMN = "🎯 Promise"


# The legend says the words of the fit labels, not only numbers (fixed words, no user text).
_FIT_WORDS = (
    'datum.value <= -2 ? "alienates" : datum.value <= -1 ? "annoys" : datum.value == 0 ? "neutral" : '
    'datum.value < 2 ? "helps" : "delights"'
)


def _colour(field: str, title: str) -> alt.Color:
    # Below the chart and across, so a phone keeps its width for the cells; when the five words
    # don't fit side by side, both ends and the middle stay.
    return alt.Color(
        f"{field}:Q",
        scale=alt.Scale(scheme=SCHEME, domain=DOMAIN, reverse=True),
        legend=alt.Legend(
            title=title,
            values=[-2, -1, 0, 1, 2],
            labelExpr=_FIT_WORDS,
            orient="bottom",
            direction="horizontal",
            gradientLength=180,
            labelOverlap="parity",
        ),
    )


def _data(rows: list[dict]) -> dict:
    # A plain dict, not alt.Data: Altair validates alt.Data row by row, which costs
    # ~100 ms for a full map, and a dict is moved to top-level datasets unchecked.
    return {"values": rows}


def _points(value: float | None) -> str:
    if value is None:
        return "no rating"
    text = f"{value:+.1f}".removesuffix(".0")
    return "0" if text in ("+0", "-0") else text


def map_heatmap(
    cells: Sequence[Cell],
    idea_order: Sequence[str],
    persona_order: Sequence[str],
    show: str = "fit",
    promise_ratings: Sequence[PromiseRating] | None = None,
    *,
    slant_below: int = 90,
    title_limit: int = 180,
) -> alt.LayerChart:
    """Ideas (rows) × personas (columns) coloured alienates -> delights; a black frame and "!" mark disagreement.

    `idea_order` and `persona_order` are keys; `show` is "fit" (the arithmetic, doubled onto
    -2..2) or "team" (the team's median rating, grey where nobody rated). With `promise_ratings`
    (a workshop that has a promise) a last column shows the team's median against the promise,
    on the same scale and colours, grey where nobody judged. Persona names slant in columns
    narrower than `slant_below` px (larger where the labels are set larger, as on a projector).
    Idea titles longer than `title_limit` pixels end in an ellipsis (a printed page has room
    for more than a phone).
    """
    if show not in ("fit", "team"):
        raise ValueError(f"show must be 'fit' or 'team', not {show!r}")
    idea_titles = {c.idea.key: c.idea.title for c in cells}
    persona_names = {c.persona.key: f"{c.persona.emoji} {c.persona.name}".strip() for c in cells}
    ideas = [k for k in idea_order if k in idea_titles]
    personas = [k for k in persona_order if k in persona_names]
    idea_label = dict(zip(ideas, unique_labels([idea_titles[k] for k in ideas]), strict=True))
    columns = unique_labels([persona_names[k] for k in personas] + [PROMISE_COLUMN])
    persona_label = dict(zip(personas, columns, strict=False))
    rows = []
    for c in cells:
        if c.idea.key not in idea_label or c.persona.key not in persona_label:
            continue
        value = c.fit * 2 if show == "fit" else c.team
        rows.append(
            {
                "idea": idea_label[c.idea.key],
                "persona": persona_label[c.persona.key],
                # Null stays out of the colour field: continuous scales may drop null rows.
                "value": 0 if value is None else value,
                "rated": value is not None,
                "text": (c.label if show == "fit" else _points(c.team)) + (" !" if c.disagrees else ""),
                "label": c.label,
                "fit": round(c.fit, 2),
                "team": _points(c.team),
                "explanation": c.explanation,
                "disagrees": c.disagrees,
                # Colours travel as data with scale=None: conditions in the spec cost Altair
                # tens of milliseconds of schema checks per chart.
                "frame": "black" if c.disagrees else "transparent",
                "ink": "white" if value is not None and abs(value) >= 1.2 else "black",
            }
        )
    if promise_ratings is not None:
        rows += _promise_rows([idea_label[k] for k in ideas], ideas, columns[-1], promise_ratings)
    else:
        columns = columns[:-1]
    # Columns share the width they are given; when a column gets narrow (a phone, six personas)
    # the persona names slant and the words in the cells get smaller, instead of running together.
    column = f"width / {max(1, len(columns))}"
    narrow = f"{column} < {int(slant_below)}"
    x = alt.X(
        "persona:N",
        sort=columns,
        title=None,
        axis=alt.Axis(
            orient="top",
            labelAngle=alt.ExprRef(f"{narrow} ? -40 : 0"),
            labelAlign=alt.ExprRef(f'{narrow} ? "left" : "center"'),
            labelBaseline=alt.ExprRef(f'{narrow} ? "middle" : "bottom"'),
            labelOverlap=False,
            labelLimit=160,
            labelFlush=False,
        ),
    )
    y = alt.Y(
        "idea:N",
        sort=[idea_label[k] for k in ideas],
        title=None,
        axis=alt.Axis(labelLimit=title_limit, labelFlush=False, labelOverlap=False),
    )
    tooltip = [
        alt.Tooltip("idea:N", title="Idea"),
        alt.Tooltip("persona:N", title="Persona"),
        alt.Tooltip("label:N", title="Arithmetic says"),
        alt.Tooltip("fit:Q", title="Fit (−1..1)"),
        alt.Tooltip("team:N", title="Team rating"),
        alt.Tooltip("explanation:N", title="Why"),
    ]
    # Data goes on the layer, not on each part: Altair deep-copies a chart's data on every change.
    base = alt.Chart().encode(x=x, y=y, tooltip=tooltip)
    title = "Fit (arithmetic, −2..+2)" if show == "fit" else "Team rating (median)"
    unrated = base.mark_rect(color=NO_RATING)  # shows through where the coloured layer filters a cell out
    rect = (
        base.transform_filter("datum.rated")
        .mark_rect(strokeWidth=3)
        .encode(color=_colour("value", title), stroke=alt.Stroke("frame:N", scale=None))
    )
    text = base.mark_text(
        fontSize=alt.ExprRef(f"{column} < 64 ? 9 : 11"), limit=alt.ExprRef(f"max({column} - 4, 20)")
    ).encode(text="text:N", color=alt.Color("ink:N", scale=None))
    return (
        alt.layer(unrated, rect, text, data=_data(rows))
        .resolve_scale(color="independent")
        .properties(height=alt.Step(30))
    )


def _promise_rows(
    titles: Sequence[str], idea_keys: Sequence[str], column: str, ratings: Sequence[PromiseRating]
) -> list[dict]:
    medians, counts = promise_medians(ratings), promise_counts(ratings)
    rows = []
    for title, key in zip(titles, idea_keys, strict=True):
        median = medians.get(key)
        if median is None:
            why = "Nobody has judged this idea against the promise yet."
        else:
            people = counts[key]
            why = (
                f"The team's median judgement against the promise is {_points(median)} "
                f"({promise_word(median)}), from {people} {'person' if people == 1 else 'people'}."
            )
        rows.append(
            {
                "idea": title,
                "persona": column,
                "value": 0 if median is None else median,
                "rated": median is not None,
                "text": "not judged" if median is None else _points(median),
                "label": promise_word(median),
                "fit": None,
                "team": _points(median),
                "explanation": why,
                "disagrees": False,
                "frame": "transparent",
                "ink": "white" if median is not None and abs(median) >= 1.2 else "black",
            }
        )
    return rows


def portfolio_chart(grid: Mapping[tuple[str, str], int]) -> alt.LayerChart:
    """Number of ideas per range of value × touch moment; empty cells show "none" to make gaps visible."""
    rows = [
        {"range": RANGES[r], "touch": TOUCH_MOMENTS[t], "count": grid.get((r, t), 0)}
        for r in RANGES
        for t in TOUCH_MOMENTS
    ]
    base = alt.Chart().encode(
        x=alt.X(
            "touch:N", sort=list(TOUCH_MOMENTS.values()), title="Touch moment", axis=alt.Axis(labelAngle=0)
        ),
        y=alt.Y("range:N", sort=list(RANGES.values()), title="Range of value"),
    )
    rect = base.mark_rect(stroke="white").encode(
        color=alt.condition(
            "datum.count == 0",
            alt.value("#f2f2f2"),
            alt.Color(
                "count:Q", scale=alt.Scale(scheme="blues", domainMin=0), legend=alt.Legend(title="Ideas")
            ),
        ),
        tooltip=[
            alt.Tooltip("range:N", title="Range"),
            alt.Tooltip("touch:N", title="Touch"),
            alt.Tooltip("count:Q", title="Ideas"),
        ],
    )
    text = (
        base.transform_calculate(shown="datum.count == 0 ? 'none' : toString(datum.count)")
        .mark_text()
        .encode(text="shown:N")
    )
    # Altair types alt.layer(...).properties() as a layer or a facet; layering marks gives a layer.
    return alt.layer(rect, text, data=_data(rows)).properties(width=alt.Step(100), height=alt.Step(40))  # type: ignore[return-value]


def ranking_chart(ranked: Sequence[RankedIdea]) -> alt.Chart:
    """Votes per idea in rank order, each bar coloured by its mean fit over the personas."""
    titles = unique_labels([r.idea.title for r in ranked])
    rows = [
        {
            "idea": title,
            "votes": r.votes,
            "rank": r.rank,
            "mean_fit": round(r.mean_fit * 2, 2),
            "reach": round(r.reach, 1),
            "promise": "not judged" if r.promise is None else _points(r.promise),
        }
        for title, r in zip(titles, ranked, strict=True)
    ]
    return (
        alt.Chart(_data(rows))
        # An outline keeps a bar visible when its fit is near neutral and its colour near white.
        .mark_bar(stroke="#666666", strokeWidth=0.75)
        .encode(
            x=alt.X("votes:Q", title="Votes", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("idea:N", sort=titles, title=None, axis=alt.Axis(labelLimit=180)),
            color=_colour("mean_fit", "Mean fit (−2..+2)"),
            tooltip=[
                alt.Tooltip("rank:Q", title="Rank"),
                alt.Tooltip("idea:N", title="Idea"),
                alt.Tooltip("votes:Q", title="Votes"),
                alt.Tooltip("mean_fit:Q", title="Mean fit (−2..+2)"),
                alt.Tooltip("reach:Q", title="Reach (% of customers)"),
                alt.Tooltip("promise:N", title="Promise (team median)"),
            ],
        )
        .properties(height=alt.Step(24))
    )
