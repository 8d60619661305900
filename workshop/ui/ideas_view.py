"""The Ideas step: every proposed idea, and for participants the forms to add, edit and remove."""

from __future__ import annotations

import streamlit as st

from workshop.cases.board import Board
from workshop.domain import parts
from workshop.domain.model import Idea
from workshop.ui import idea_forms, regions
from workshop.ui.idea_text import can_write, effects_line, may_remove, place_line, shown_author
from workshop.ui.text import md_escape


def show(token: str, board: Board) -> None:
    st.subheader("Value ideas")
    writer = can_write(board)
    if writer:
        idea_forms.add_section(token, board)
    else:
        st.caption("View-only link: you can follow the ideas as they come in.")
    if board.workshop.settings.anonymous:
        st.caption("This step is anonymous: ideas are shown without their authors.")
    regions.region("ideas", (parts.IDEAS,), board, lambda b: _ideas(token, b))


def _ideas(token: str, board: Board) -> None:
    """Every idea as its own region: a save to one idea redraws that card alone."""
    if not board.ideas:
        st.info("No ideas yet. What new value could you create for your customers?")
        return
    st.markdown(f"**{len(board.ideas)} idea{'s' if len(board.ideas) != 1 else ''}**")
    for idea in board.ideas:
        regions.region(
            parts.idea(idea.key),
            (parts.idea(idea.key),),
            board,
            lambda b, key=idea.key: _idea(token, b, key),  # type: ignore[misc]  # a default argument: mypy cannot infer it
        )


def _idea(token: str, board: Board, key: str) -> None:
    idea = next((i for i in board.ideas if i.key == key), None)
    if idea is not None:  # else removed a moment ago: the list is drawn again without it
        _card(token, board, idea, can_write(board))


def _card(token: str, board: Board, idea: Idea, writer: bool) -> None:
    with st.container(border=True):
        st.markdown(f"**{md_escape(idea.title)}**")
        if idea.description:
            st.markdown(md_escape(idea.description))
        author = shown_author(board, idea)
        st.caption(md_escape(place_line(idea) + (f" · by {author}" if author else "")))
        effects = effects_line(idea, board.attributes)
        st.caption(md_escape(effects) if effects else "Does not say yet which attributes it moves.")
        if not writer:
            return
        if idea_forms.is_editing(idea):
            idea_forms.edit_form(token, board, idea)
            return
        with st.container(horizontal=True):
            if st.button("Edit", key=f"idea_edit_btn_{idea.key}", icon=":material/edit:"):
                idea_forms.start_edit(idea, board.attributes)
                st.rerun()
            if may_remove(board, idea) and st.button(
                "Remove", key=f"idea_remove_btn_{idea.key}", icon=":material/delete:"
            ):
                idea_forms.ask_removal(idea)
                st.rerun()
        idea_forms.removal_confirmation(token, idea)
