"""The Map step on a phone: one persona at a time, its ideas grouped from delights to alienates.

A grid of ideas × personas cannot keep its words readable at 390 px; a list per persona can.
"""

from __future__ import annotations

import streamlit as st

from workshop.cases.board import Board
from workshop.domain.map import fit_matrix, sort_ideas, sort_personas
from workshop.domain.map_by_persona import by_label
from workshop.domain.promise import promise_medians, promise_word
from workshop.ui.text import md_escape

# A mark per group beside its word, so the groups can be told apart at a glance.
MARKS = {
    "delights": "▲▲",
    "helps": "▲",
    "neutral": "●",
    "annoys": "▼",
    "alienates": "▼▼",
    "not judged yet": "○",
}


def show(board: Board, order: str, shown: str) -> None:
    personas = sort_personas(board.personas)
    names = {p.key: f"{p.emoji} {p.name}".strip() for p in personas}
    chosen = st.selectbox("Persona", list(names), format_func=names.__getitem__, key="map_phone_persona")
    persona = next((p for p in personas if p.key == chosen), personas[0])
    ideas = sort_ideas(
        board.ideas, order, personas=board.personas, attributes=board.attributes, votes=board.votes
    )
    cells = fit_matrix(ideas, [persona], board.attributes, board.ratings)
    what = "the love/hate arithmetic" if shown == "fit" else "the team's median judgement"
    st.caption(
        f"What each idea does for {md_escape(names[persona.key])}, by {what}, on a scale from −2 to +2."
    )
    # The heatmap's promise column, said per idea: the team's median judgement against the promise.
    promise = promise_medians(board.promise_ratings) if board.workshop.promise else {}
    for name, placed in by_label(cells, persona.key, shown, best_first=order == "fit"):
        st.markdown(f"**{MARKS[name]} {name.capitalize()}** ({len(placed)})")
        st.markdown(
            "\n".join(
                f"- {md_escape(p.title)}"
                + (f" · {md_escape(p.points)}" if p.points else "")
                + (" · ! team and arithmetic disagree" if p.disagrees else "")
                + _against_promise(promise, p.key)
                for p in placed
            )
        )


def _against_promise(medians: dict[str, float], idea_key: str) -> str:
    if idea_key not in medians:
        return ""
    return f" · promise: {md_escape(promise_word(medians[idea_key]))}"
