"""The Map step's "your judgement" form: one person's own rating of an idea for each persona and the promise."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from personas.model import Persona
from workshop.cases import decision_cases, idea_cases
from workshop.cases.board import Board
from workshop.domain.map import signed
from workshop.domain.promise import PROMISE_HELP
from workshop.ui import context
from workshop.ui.idea_text import can_write
from workshop.ui.labels import label
from workshop.ui.text import md_escape

SCORES = (-2, -1, 0, 1, 2)
SCORE_HELP = "−2 it alienates them … +2 it delights them. Tap the chosen value again to clear it."
PROMISE_ROW = "_promise"  # no persona key starts with "_"
PROMISE_LABEL = "🎯 The promise"


def persona_label(persona: Persona) -> str:
    return f"{persona.emoji} {persona.name}".strip()


def judgement_form(token: str, board: Board) -> None:
    if not can_write(board):
        return
    st.markdown("#### Your judgement")
    promise = board.workshop.promise
    if promise:
        st.caption(
            "Forget the arithmetic: how would each persona really take this idea, and does it keep the "
            f"promise, “{md_escape(promise)}”? Only you change yours."
        )
    else:
        st.caption(
            "Forget the arithmetic: how would each persona really take this idea? Only you change yours. "
            "Once the promise is written (Promise step), you can judge ideas against it here too."
        )
    titles = {i.key: i.title for i in board.ideas}
    idea_key = st.selectbox("Idea to judge", list(titles), format_func=titles.__getitem__, key="judge_idea")
    if idea_key is None:
        return
    rows = [(p.key, persona_label(p)) for p in board.personas]
    mine = {p.key: board.my_ratings.get((idea_key, p.key, False)) for p in board.personas}
    if promise:
        rows.append((PROMISE_ROW, PROMISE_LABEL))
        mine[PROMISE_ROW] = board.my_promise.get(idea_key)
    chosen = scores_form(
        f"judge_{idea_key}",
        rows,
        mine,
        "Save my judgement",
        helps={PROMISE_ROW: f"{PROMISE_HELP} Tap the chosen value again to clear it."},
    )
    if chosen is None:
        return
    changed = {k: v for k, v in chosen.items() if v != mine[k]}
    against = (idea_key, changed.pop(PROMISE_ROW)) if PROMISE_ROW in changed else None
    save_scores(token, [(idea_key, k, v) for k, v in changed.items()], as_persona=False, promise=against)


def scores_form(
    form_key: str,
    rows: Sequence[tuple[str, str]],
    current: Mapping[str, int | None],
    submit: str,
    helps: Mapping[str, str] | None = None,
) -> dict[str, int | None] | None:
    """A −2..+2 choice per (key, label) row, prefilled; returns key -> choice when submitted, else None.

    `helps` gives a row its own help text (the promise row's scale reads differently)."""
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
                help=(helps or {}).get(key, SCORE_HELP),
                width="stretch",
            )
        submitted = st.form_submit_button(submit, type="primary", width="stretch")
    return chosen if submitted else None


def save_scores(
    token: str,
    changes: Sequence[tuple[str, str, int | None]],
    *,
    as_persona: bool,
    promise: tuple[str, int | None] | None = None,
) -> None:
    """Write (idea, persona, score) changes and perhaps one (idea, score) against the promise.

    Each is its own small write: a refusal stops the rest, and what was saved before it stays saved."""
    with context.shown_errors():
        for idea_key, persona_key, score in changes:
            idea_cases.rate(context.store(), token, idea_key, persona_key, score, as_persona=as_persona)
        if promise is not None:
            decision_cases.judge_promise(context.store(), token, *promise)
        context.flash("Saved." if changes or promise else "Nothing changed.")
        st.rerun()
