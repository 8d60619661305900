"""The Map step: the ideas × personas heatmap, what it says, the portfolio, and the team's own judgement."""

from __future__ import annotations

import altair as alt
import streamlit as st

from charts.map import map_heatmap, portfolio_chart
from workshop.cases.board import Board
from workshop.domain import findings, judgement, parts
from workshop.domain.map import fit_matrix, sort_ideas, sort_personas
from workshop.domain.model import PromiseRating
from workshop.ui import chart, layout, map_judgement, map_phone, map_roleplay, regions
from workshop.ui.text import md_escape

SHOW = {"fit": "Computed fit", "team": "Team median"}
SORT = {"fit": "Overall fit", "votes": "Votes", "promise": "Promise", "range": "Range of value"}
ICONS = {
    findings.POLARISING: "⚡",
    findings.OFF_PROMISE_FAVOURITE: "🎯",
    findings.AGAINST_PROMISE_IDEA: "🧭",
    findings.UNSERVED_PERSONA: "👤",
    findings.SERVES_NOBODY: "🚫",
    findings.RANGE_GAP: "🕳️",
    findings.TOUCH_GAP: "🕳️",
}
MAX_DISAGREEMENTS = 10
# The map, its findings and the comparison are drawn from all of these (seats are people).
MAP_SHOWS = (
    parts.PROMISE,  # the promise column comes and goes with the promise
    parts.PERSONAS,
    parts.ANY_PERSONA,
    parts.IDEAS,
    parts.ANY_IDEA,
    parts.RATINGS,
    parts.VOTES,
    parts.PEOPLE,
)


def show(token: str, board: Board) -> None:
    st.subheader("Map: every idea against every persona")
    if not board.personas or not board.ideas:
        missing = "personas" if not board.personas else "ideas"
        st.info(f"The map fills in once there are {missing}. Add them in the earlier steps.")
        return
    regions.region("map", MAP_SHOWS, board, _map)
    regions.region(
        "judge",
        (parts.IDEAS, parts.PERSONAS, parts.PROMISE),  # the promise row needs a promise
        board,
        lambda b: map_judgement.judgement_form(token, b),
    )
    regions.region(
        "seats", (parts.PEOPLE, parts.PERSONAS), board, lambda b: map_roleplay.seat_section(token, b)
    )


def _map(board: Board) -> None:
    if not board.personas or not board.ideas:
        st.rerun()  # the last persona or idea was removed: the whole step says what is missing
    _heatmap(board)
    _findings(board)
    _portfolio(board)
    _disagreements(board)
    map_roleplay.comparison(board)


def _heatmap(board: Board) -> None:
    shown = st.segmented_control(
        "Colour by", list(SHOW), format_func=SHOW.__getitem__, default="fit", required=True, key="map_show"
    )
    sorts = SORT if board.workshop.promise else {k: v for k, v in SORT.items() if k != "promise"}
    order = st.segmented_control(
        "Sort ideas by",
        list(sorts),
        format_func=sorts.__getitem__,
        default="fit",
        required=True,
        key="map_sort",
    )
    order = order if order in sorts else "fit"  # the promise was cleared while it was chosen
    if order == "votes" and not board.votes_visible:
        st.caption("Votes are hidden until the facilitator reveals them, so this order is by title for now.")

    def drawing() -> alt.TopLevelMixin:
        ideas = sort_ideas(
            board.ideas,
            order,
            personas=board.personas,
            attributes=board.attributes,
            votes=board.votes,
            promise_ratings=board.promise_ratings,
        )
        personas = sort_personas(board.personas)
        cells = fit_matrix(ideas, personas, board.attributes, board.ratings)
        keys = [i.key for i in ideas], [p.key for p in personas]
        return map_heatmap(cells, *keys, shown, promise_ratings=promise_column(board))

    with layout.wide_only("map"):
        chart.show(
            drawing,
            chart.board_key(board, "map", order, shown),
            width="stretch",
            alt="Map of every idea against every persona",
        )
        st.caption(
            "Blue delights, orange alienates. Hover or tap a cell to see which attributes pushed it up or down. "
            "A framed cell with “!” is where the team's judgement and the arithmetic are a whole step apart."
            + (
                " The last column is the team's median judgement against the promise, from −2 (works against "
                "it) to +2 (embodies it); grey where nobody has judged."
                if board.workshop.promise
                else ""
            )
        )
    with layout.phone_only("map"):  # the grid's words do not fit a phone: one persona at a time
        map_phone.show(board, order, shown)


def promise_column(board: Board) -> tuple[PromiseRating, ...] | None:
    """The judgements the promise column is drawn from, or None when there is no promise to show."""
    return board.promise_ratings if board.workshop.promise else None


def _findings(board: Board) -> None:
    st.markdown("#### What the map says")
    found = findings.all_findings(board.attributes, board.personas, board.ideas, board.promise_ratings)
    if not found:
        st.success("Every persona has an idea that delights it, and the portfolio has no gaps.")
        return
    st.markdown("\n".join(f"- {ICONS.get(f.kind, '•')} {md_escape(f.sentence)}" for f in found))


def _portfolio(board: Board) -> None:
    with st.expander("Portfolio: range of value × touch moment"):
        chart.show(
            lambda: portfolio_chart(findings.portfolio_grid(board.ideas)),
            chart.board_key(board, "portfolio"),
            width="stretch",
            alt="Number of ideas per range of value and touch moment",
        )
        st.caption("A healthy portfolio has ideas in all four ranges of value. “none” marks an empty cell.")


def _disagreements(board: Board) -> None:
    found = judgement.disagreements(board.ideas, board.personas, board.attribute_keys, board.ratings)
    if not found:
        return
    st.markdown("#### Where the team and the arithmetic disagree")
    lines = [
        f"- “{md_escape(d.idea.title)}” for {md_escape(d.persona.name)}: the love/hate arithmetic says "
        f"{_points(d.computed)}, the team {_points(d.team)}."
        for d in found[:MAX_DISAGREEMENTS]
    ]
    st.markdown("\n".join(lines))
    if len(found) > MAX_DISAGREEMENTS:
        st.caption(f"and {len(found) - MAX_DISAGREEMENTS} more.")


def _points(value: float) -> str:
    return md_escape(judgement.signed_points(value))
