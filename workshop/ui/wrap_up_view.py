"""The Wrap-up step: the decision (which ideas go forward, what they do for each persona), then what to take home."""

from __future__ import annotations

import importlib

import streamlit as st

from workshop.cases.board import Board
from workshop.domain import parts
from workshop.ui import decision_form, decision_view, regions
from workshop.ui.text import md_escape


def show(token: str, board: Board) -> None:
    st.subheader("Wrap-up")
    regions.region("wrap_up", parts.CONTENT, board, lambda b: _wrap_up(token, b))


def _wrap_up(token: str, board: Board) -> None:
    if board.workshop.promise:
        st.markdown(f"Check the chosen ideas against the promise: *{md_escape(board.workshop.promise)}*")
    if not board.ideas:
        st.info("No ideas were proposed in this workshop.")
    else:
        if board.caller.is_facilitator:
            decision_form.show(token, board)
        decision_view.show(board)
    st.markdown("#### Take it home")
    _downloads(token, board)
    _rounds(token, board)


def _downloads(token: str, board: Board) -> None:
    try:
        downloads = importlib.import_module("workshop.ui.downloads")
    except ModuleNotFoundError as error:
        if error.name != "workshop.ui.downloads":
            raise  # a missing dependency inside the module is a real fault, not "not written yet"
        st.caption("Downloads of the persona sheets and the workshop file will appear here.")
        return
    downloads.show(token, board)


def _rounds(token: str, board: Board) -> None:
    from workshop.ui import rounds_view

    rounds_view.show(token, board, key="wrap_up_rounds")
