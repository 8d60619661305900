"""The Map step's "your judgement" form: one person's own rating of an idea for each persona."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from personas.model import Persona
from workshop import idea_cases
from workshop.board import Board
from workshop.map import signed
from workshop.ui import context
from workshop.ui.idea_text import can_write
from workshop.ui.labels import label

SCORES = (-2, -1, 0, 1, 2)
SCORE_HELP = "−2 it alienates them … +2 it delights them. Tap the chosen value again to clear it."


def persona_label(persona: Persona) -> str:
    return f"{persona.emoji} {persona.name}".strip()


def judgement_form(token: str, board: Board) -> None:
    if not can_write(board):
        return
    st.markdown("#### Your judgement")
    st.caption("Forget the arithmetic: how would each persona really take this idea? Only you change yours.")
    titles = {i.key: i.title for i in board.ideas}
    idea_key = st.selectbox("Idea to judge", list(titles), format_func=titles.__getitem__, key="judge_idea")
    if idea_key is None:
        return
    rows = [(p.key, persona_label(p)) for p in board.personas]
    mine = {p.key: board.my_ratings.get((idea_key, p.key, False)) for p in board.personas}
    chosen = scores_form(f"judge_{idea_key}", rows, mine, "Save my judgement")
    if chosen is not None:
        save_scores(token, [(idea_key, k, v) for k, v in chosen.items() if v != mine[k]], as_persona=False)


def scores_form(
    form_key: str, rows: Sequence[tuple[str, str]], current: Mapping[str, int | None], submit: str
) -> dict[str, int | None] | None:
    """A −2..+2 choice per (key, label) row, prefilled; returns key -> choice when submitted, else None."""
    chosen: dict[str, int | None] = {}
    with st.form(form_key):
        for key, text in rows:
            name, shown = label(text)
            chosen[key] = st.segmented_control(
                name,
                SCORES,
                label_visibility=shown,
                format_func=signed,
                default=current.get(key),
                key=f"{form_key}_{key}",
                help=SCORE_HELP,
                width="stretch",
            )
        submitted = st.form_submit_button(submit, type="primary", width="stretch")
    return chosen if submitted else None


def save_scores(token: str, changes: Sequence[tuple[str, str, int | None]], *, as_persona: bool) -> None:
    """Write (idea, persona, score) changes; each is its own small write, so one refusal loses no other."""
    with context.shown_errors():
        for idea_key, persona_key, score in changes:
            idea_cases.rate(context.store(), token, idea_key, persona_key, score, as_persona=as_persona)
        context.flash("Saved." if changes else "Nothing changed.")
        st.rerun()
