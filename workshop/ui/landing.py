"""The start page (start a workshop, open the demo) and the join form for the participant link."""

from __future__ import annotations

import streamlit as st

from workshop.cases import sessions
from workshop.cases.board import Board
from workshop.ui import context
from workshop.ui.text import md_escape


def show() -> None:
    st.title("Love/hate persona workshop")
    st.write(
        "Run a live session where your team describes its customers by what they love and hate, "
        "invents value for them and checks every idea against every persona."
    )
    left, right = st.columns([3, 2], gap="large")
    with left, st.form("start", border=True):
        st.subheader("Start a workshop")
        title = st.text_input("Workshop title", placeholder="Customer day, March")
        promise = st.text_area(
            "Our promise",
            placeholder="What we stand for, in a sentence or two. You can also write it together later.",
        )
        name = st.text_input("Your name (as facilitator)", placeholder="Facilitator")
        if st.form_submit_button("Start workshop", type="primary"):
            with context.shown_errors():
                started = sessions.start_workshop(context.store(), title, promise, name)
                context.set_token(started.facilitator_token)
                context.flash("Workshop started. Share the participant link from the sidebar.")
                st.rerun()
    with right:
        st.subheader("Try it first")
        st.write("Open a ready-made workshop with five personas, a dozen ideas and a few votes.")
        if st.button("Open the demo workshop"):
            with context.shown_errors():
                from exports.take_home import open_demo

                context.set_token(open_demo(context.store()))
                st.rerun()
        st.divider()
        from workshop.ui import landing_import

        landing_import.show()


def join(token: str, board: Board) -> None:
    st.title(md_escape(board.workshop.title))
    if board.workshop.promise:
        st.caption(f"Our promise: {md_escape(board.workshop.promise)}")
    with st.form("join"):
        name = st.text_input("Your name", placeholder="How the others will see you")
        if st.form_submit_button("Join", type="primary"):
            with context.shown_errors():
                joined = sessions.join(context.store(), token, name)
                context.set_token(joined.token)
                context.flash(f"Welcome, {joined.name}. Bookmark this page: its link is yours.")
                st.rerun()
