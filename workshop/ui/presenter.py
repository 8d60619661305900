"""The projector view: read-only, large type, the step, the countdown, how to join and the chart of the step."""

from __future__ import annotations

import altair as alt
import streamlit as st

from charts.map import map_heatmap, ranking_chart
from charts.personas import heatmap
from workshop.cases import sessions
from workshop.cases.board import Board
from workshop.domain import parts, phases
from workshop.domain.errors import DomainError
from workshop.domain.map import fit_matrix
from workshop.domain.voting import ranking
from workshop.ui import chart, context, decision_view, regions
from workshop.ui.countdown import countdown
from workshop.ui.facilitator import qr_png
from workshop.ui.map_view import promise_column
from workshop.ui.text import md_escape


def show(board: Board) -> None:
    # Only public options: a collapsed sidebar, a wide page and an empty app menu.
    st.set_page_config(
        layout="wide",
        initial_sidebar_state="collapsed",
        menu_items={"Get help": None, "Report a bug": None, "About": None},
    )
    w = board.workshop
    step = phases.phase(w.phase)
    main, side = st.columns([3, 1], gap="large")
    with main:
        st.title(md_escape(w.title), anchor=False)
        st.header(f"Now: {md_escape(step.label)}", anchor=False)
        st.markdown(f"### {md_escape(step.instruction)}")
        if w.locked:
            st.markdown("### 🔒 Editing is locked for discussion.")
        regions.region("presenter_chart", parts.CONTENT, board, _chart)
    with side:
        regions.region(
            "presenter_clock", (parts.TIMER,), board, lambda b: countdown(b.workshop.timer, big=True)
        )
        if board.caller.is_facilitator:
            regions.region("presenter_join", (parts.LINKS,), board, _join)


def _join(board: Board) -> None:
    """The QR code and a short link; only the facilitator's token can derive the participant link."""
    try:
        links = sessions.share_links(context.store(), context.token())
    except DomainError:  # e.g. a co-facilitator link revoked a moment ago: show the rest anyway
        return
    url = context.link(links.participant)
    st.image(qr_png(url), caption="Scan to join", width="stretch", alt="QR code of the participant link")
    st.markdown(f"**{md_escape(short_link(url))}**")


def short_link(url: str) -> str:
    """The participant link without its scheme, as people type it from the wall."""
    return url.split("://", 1)[-1]


def _chart(board: Board) -> None:
    key = board.workshop.phase
    if key == "promise":
        if board.workshop.promise:
            st.markdown(f"## “{md_escape(board.workshop.promise)}”")
    elif key in ("personas", "love_hate"):
        if not board.personas:
            st.markdown("### No personas yet.")
            return
        chart.show(
            lambda: _projected(heatmap(board.personas, board.attributes), 48),
            chart.board_key(board, "presenter-heatmap"),
            width="stretch",
        )
    elif key in ("ideas", "map"):
        if not board.ideas or not board.personas:
            st.markdown("### The map appears once there are ideas and personas.")
            return

        def drawing() -> alt.TopLevelMixin:
            cells = fit_matrix(board.ideas, board.personas, board.attributes, board.ratings)
            keys = [i.key for i in board.ideas], [p.key for p in board.personas]
            promise = promise_column(board)
            drawn = map_heatmap(
                cells, *keys, promise_ratings=promise, slant_below=chart.PROJECTED_SLANT_BELOW
            )
            columns = len(board.personas) + (promise is not None)
            return _projected(drawn, 44, column=chart.projected_column(columns))

        chart.show(drawing, chart.board_key(board, "presenter-map"), width="content")
    elif key == "wrap_up" and board.ideas and decision_view.has_decision(board):
        decision_view.show(board, projected=True)
    else:
        _votes(board)


def _projected(chart: alt.TopLevelMixin, row: int, column: int | None = None) -> alt.TopLevelMixin:
    """Taller rows and larger labels, to be read from the back of the room."""
    size = {"height": alt.Step(row)} | ({"width": alt.Step(column)} if column else {})
    return (
        chart.properties(**size)
        .configure_axis(labelFontSize=18, titleFontSize=18, labelLimit=320, labelOverlap=False)
        .configure_legend(labelFontSize=16, titleFontSize=16)
        .configure_text(fontSize=18)
    )


def _votes(board: Board) -> None:
    if board.votes_visible:
        if not board.ideas:
            st.markdown("### No ideas to vote on yet.")
            return
        if not board.votes:
            st.markdown("### No votes yet.")
            return

        def drawing() -> alt.TopLevelMixin:
            ranked = ranking(board.ideas, board.votes, board.personas, board.attribute_keys)
            return _projected(ranking_chart(ranked), 40)

        chart.show(
            drawing,
            chart.board_key(board, "presenter-ranking"),
            width="stretch",
        )
        return
    people = [p for p in board.participants if not p.removed and not p.is_facilitator]
    voted = sum(1 for p in people if board.votes_spent.get(p.name, 0) > 0)
    st.metric("Have voted", f"{voted} of {len(people)}")
    st.markdown("### The results are shown once the facilitator reveals them.")
