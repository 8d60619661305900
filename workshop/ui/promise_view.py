"""Step 0: what the organisation stands for, written together; an edit never silently overwrites another."""

from __future__ import annotations

import streamlit as st

from workshop.cases.board import Board
from workshop.cases.facilitation import update_promise
from workshop.domain import parts
from workshop.domain.errors import StaleEdit
from workshop.domain.model import Workshop
from workshop.ui import context, edit_conflict, regions
from workshop.ui.persona_cards import can_write, paragraphs, shown_errors
from workshop.ui.text import md_escape

BASE = "promise_base"
CONFLICT = "promise_conflict"
TITLE = "promise_title"
PROMISE = "promise_text"


def show(token: str, board: Board) -> None:
    st.subheader("Our promise")
    st.caption(
        "What the organisation stands for, in one or two sentences. "
        "Ideas are judged against it later, as well as against the personas."
    )
    regions.region("promise", (parts.PROMISE,), board, lambda b: _promise(token, b))


def _promise(token: str, board: Board) -> None:
    w = board.workshop
    with st.container(border=True):
        st.markdown(f"#### {md_escape(w.title)}")
        if w.promise:
            st.markdown(paragraphs(w.promise))
        else:
            st.caption("No promise written yet.")
    if can_write(board):
        _form(token, board)
    else:
        st.caption("This is a view-only link: you see every change as it happens, but cannot edit.")


def _seed(workshop: Workshop) -> None:
    st.session_state[BASE] = workshop
    st.session_state[TITLE] = workshop.title
    st.session_state[PROMISE] = workshop.promise


def _form(token: str, board: Board) -> None:
    facilitator = board.caller.is_facilitator
    base: Workshop | None = st.session_state.get(BASE)
    if base is None or base.id != board.workshop.id:
        _seed(board.workshop)
        base = board.workshop
    elif base.version != board.workshop.version and CONFLICT not in st.session_state:
        untouched = (
            st.session_state.get(PROMISE) == base.promise and st.session_state.get(TITLE) == base.title
        )
        if untouched:  # nothing typed is at stake: the form follows the newest text
            _seed(board.workshop)
            base = board.workshop
    with st.form("promise_form"):
        st.markdown("**Edit the promise**")
        title = base.title
        if facilitator:
            title = st.text_input("Workshop title", key=TITLE, persist_state="session")
        promise = st.text_area(
            "Promise",
            key=PROMISE,
            height=100,
            placeholder="Fast, Italian, motorsport.",
            persist_state="session",
        )
        saved = st.form_submit_button("Save promise", type="primary")
        conflict = st.session_state.get(CONFLICT)
        if conflict:  # under the button that was pressed
            message, theirs = conflict
            edit_conflict.save_refused(message)
            st.markdown("Their text now reads:")
            st.text(theirs or "(empty)")
        if saved:
            _save(token, base, title, promise)


def _save(token: str, base: Workshop, title: object, promise: object) -> None:
    with shown_errors():
        try:
            update_promise(context.store(), token, base, title, promise)
        except StaleEdit as stale:
            current: Workshop = stale.current
            shown = current.promise if current.title == base.title else f"{current.title}\n{current.promise}"
            # Saving again is then a knowing choice over their version; the typed text stays.
            st.session_state[CONFLICT] = (stale.message, shown)
            st.session_state[BASE] = current
            st.rerun()
        st.session_state.pop(CONFLICT, None)
        st.session_state.pop(BASE, None)
        context.flash("Promise saved.")
        st.rerun()
