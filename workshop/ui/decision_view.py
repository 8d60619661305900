"""The decision as everyone sees it: the chosen ideas, what they do for each persona and the promise, the gaps.

One region drawn from the board alone, shared by Wrap-up and the projector.
"""

from __future__ import annotations

import altair as alt
import streamlit as st

from charts.map import map_heatmap
from workshop.cases.board import Board
from workshop.domain.decision import ChosenOutcome, DecisionSummary, summarise_decision
from workshop.domain.fit import ALIENATES, ANNOYS, DELIGHTS, HELPS
from workshop.domain.map import fit_matrix
from workshop.domain.model import RANGES, TOUCH_MOMENTS
from workshop.ui import chart, layout
from workshop.ui.idea_text import place_line
from workshop.ui.map_judgement import persona_label
from workshop.ui.map_view import promise_column
from workshop.ui.text import md_escape
from workshop.ui.vote_view import promise_cell

# Badge colours follow the map: blue for what serves a persona, orange and red for what does not.
BADGES = {DELIGHTS: "blue", HELPS: "green", ANNOYS: "orange", ALIENATES: "red"}


def summary_of(board: Board) -> DecisionSummary:
    return summarise_decision(
        board.decision, board.ideas, board.personas, board.attributes, board.votes, board.promise_ratings
    )


def has_decision(board: Board) -> bool:
    """Something to show: a marked decision, or top-voted ideas standing in for one."""
    return board.decision.marked or bool(summary_of(board).chosen)


def show(board: Board, *, projected: bool = False) -> None:
    """The whole decision; `projected` sets it in larger type for the presenter view."""
    s = summary_of(board)
    st.markdown("## The decision" if projected else "#### The decision")
    if not s.chosen:
        if s.marked:
            st.info("The facilitator has marked the decision, with no idea chosen.")
        elif board.votes_visible:
            st.info("No idea has a vote yet, and the facilitator has not marked the decision.")
        else:
            st.info("The decision appears here once the facilitator marks it or reveals the votes.")
        return
    if not s.marked:
        st.caption("Proposed: the top-voted ideas. The facilitator has not marked the decision yet.")
    _figures(s)
    if projected:
        _wall(board, s)
    else:
        for number, chosen in enumerate(s.chosen, start=1):
            _chosen(board, s, number, chosen)
    _personas(s, projected)
    _grid(s, projected)


def _wall(board: Board, s: DecisionSummary) -> None:
    """For the back of the room: the chosen ideas against every persona and the promise, then the next steps."""
    ideas = [c.idea for c in s.chosen]

    promise = promise_column(board)
    columns = len(board.personas) + (promise is not None)

    def drawing() -> alt.TopLevelMixin:
        cells = fit_matrix(ideas, board.personas, board.attributes, board.ratings)
        keys = [i.key for i in ideas], [p.key for p in board.personas]
        drawn = map_heatmap(cells, *keys, promise_ratings=promise, slant_below=chart.PROJECTED_SLANT_BELOW)
        size = {"height": alt.Step(44), "width": alt.Step(chart.projected_column(columns))}
        return (
            drawn.properties(**size)
            .configure_axis(labelFontSize=18, titleFontSize=18, labelOverlap=False)
            .configure_legend(labelFontSize=16, titleFontSize=16)
            .configure_text(fontSize=18)
        )

    chart.show(
        drawing,
        chart.board_key(board, "presenter-decision"),
        width="content",
        alt="The chosen ideas against every persona and the promise",
    )
    steps = [
        f"{n}. **{md_escape(c.idea.title)}**: {md_escape(c.next_step) if c.next_step else 'no next step yet'}"
        + (f" — {md_escape(c.owner)}" if c.owner else "")
        for n, c in enumerate(s.chosen, start=1)
    ]
    st.markdown("### Next steps")
    st.markdown("\n".join(steps))


def _figures(s: DecisionSummary) -> None:
    with st.container(horizontal=True):
        st.metric("Ideas chosen", len(s.chosen), border=True)
        reach = f"{s.reach:.0f} %" if s.shares_known else "unknown"
        st.metric(
            "Customers reached",
            reach,
            border=True,
            help="The shares of the personas that at least one chosen idea delights or helps.",
        )
        st.metric("Personas served", f"{len(s.reached)} of {len(s.personas)}", border=True)


def _chosen(board: Board, s: DecisionSummary, number: int, c: ChosenOutcome) -> None:
    with st.container(border=True):
        st.markdown(f"**{number}. {md_escape(c.idea.title)}**")
        facts = [place_line(c.idea)]
        if board.votes_visible:
            facts.append(f"{c.votes} vote{'s' if c.votes != 1 else ''}")
        if board.workshop.promise:
            facts.append(f"promise {promise_cell(c.promise)}")
        st.caption(md_escape(" · ".join(facts)))
        labels = [
            f"{md_escape(persona_label(o.persona))} {_badge(word)}"
            for o, word in zip(s.personas, c.labels, strict=True)
        ]
        st.markdown(" · ".join(labels))
        if c.next_step or c.owner:
            step = md_escape(c.next_step) if c.next_step else "no next step yet"
            owner = f" — **{md_escape(c.owner)}**" if c.owner else ""
            st.markdown(f"Next: {step}{owner}")


def _badge(word: str) -> str:
    colour = BADGES.get(word, "gray")
    return f":{colour}-badge[{word}]"  # fixed words only: user text never goes into a directive


def _personas(s: DecisionSummary, projected: bool) -> None:
    st.markdown("### For each persona" if projected else "#### For each persona")
    lines = []
    for o in s.personas:
        share = f" ({o.persona.share:.0f} %)" if o.persona.share is not None else ""
        name = f"**{md_escape(persona_label(o.persona))}**{share}"
        if o.best is None:
            lines.append(f"- {name}: no idea chosen")
        elif o.best_label in (DELIGHTS, HELPS):
            lines.append(f"- {name}: best served by “{md_escape(o.best.title)}” {_badge(o.best_label)}")
        else:
            lines.append(
                f"- {name}: not served; the closest is “{md_escape(o.best.title)}” {_badge(o.best_label)}"
            )
    st.markdown("\n".join(lines))
    for warning in s.warnings:
        st.warning(md_escape(warning), icon="⚠️")


def _grid(s: DecisionSummary, projected: bool) -> None:
    st.markdown("### Range of value × touch moment" if projected else "#### Range of value × touch moment")
    cells = {(c.range, c.touch): c for c in s.grid}
    table = [
        {"Range of value": name}
        | {
            TOUCH_MOMENTS[t]: "; ".join(cells[(r, t)].titles) if cells[(r, t)].titles else "none"
            for t in TOUCH_MOMENTS
        }
        for r, name in RANGES.items()
    ]
    with layout.wide_only("decision_grid"):
        # A table wraps long titles inside its cells.
        st.table(table, hide_index=True)
    with layout.phone_only("decision_grid"):
        # Six columns do not fit a phone (and a table's sideways scroll cannot be reached by
        # keyboard): one line per range of value, naming the moments it covers.
        st.markdown("\n".join(_grid_line(name, r, cells) for r, name in RANGES.items()))
    gaps = " ".join(s.gaps)
    st.caption(md_escape(f"“none” marks an empty cell. {gaps}".strip()))


def _grid_line(name: str, range_key: str, cells: dict) -> str:
    covered = [
        f"{md_escape(TOUCH_MOMENTS[t].lower())}: {md_escape('; '.join(cells[(range_key, t)].titles))}"
        for t in TOUCH_MOMENTS
        if cells[(range_key, t)].titles
    ]
    return f"- **{md_escape(name)}**: " + (" · ".join(covered) if covered else "none")
