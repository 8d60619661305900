"""Love & hate, one persona at a time: every stance and its note in a form that fits a phone."""

from __future__ import annotations

import streamlit as st

from workshop.cases.board import Board
from workshop.ui.persona_stances import is_open, open_stances, stance_form

CHOICE = "love_hate_one"
_GENERATION = "love_hate_one_generation"  # a new chooser, with nobody chosen, after Close


def section(token: str, board: Board) -> None:
    st.markdown("**One persona at a time, with the why**")
    generation = st.session_state.setdefault(_GENERATION, 0)
    chosen = st.selectbox(
        "Persona to set",
        [p.key for p in board.personas],
        index=None,
        format_func=lambda key: _plain(board, key),
        placeholder="Choose a persona",
        key=f"{CHOICE}_{generation}",
    )
    persona = next((p for p in board.personas if p.key == chosen), None)
    if persona is None:
        return
    if not is_open(persona.key):  # opened here, or opened again after a save
        open_stances(persona, board.attributes)
    stance_form(token, board, persona, on_close=_close)


def _close() -> None:
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


def _plain(board: Board, key: str) -> str:
    persona = next((p for p in board.personas if p.key == key), None)
    return f"{persona.emoji} {persona.name}".strip() if persona else key
