"""Which view shows which step of the workshop."""

from __future__ import annotations

import importlib

import streamlit as st

from workshop.cases.board import Board

VIEWS = {
    "promise": "workshop.ui.promise_view",
    "personas": "workshop.ui.personas_view",
    "love_hate": "workshop.ui.love_hate_view",
    "ideas": "workshop.ui.ideas_view",
    "map": "workshop.ui.map_view",
    "vote": "workshop.ui.vote_view",
    "wrap_up": "workshop.ui.wrap_up_view",
}


def show(view: str, token: str, board: Board) -> None:
    """Each view module has show(token, board)."""
    try:
        module = importlib.import_module(VIEWS[view])
    except ModuleNotFoundError:
        st.info("This step is not available yet.")
        return
    module.show(token, board)
