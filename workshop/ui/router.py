"""Routes one browser to the landing page, the join form, the presenter view or the workshop."""

from __future__ import annotations

import streamlit as st

from workshop.board import Board, board
from workshop.errors import InvalidLink, NotAllowed
from workshop.model import Role
from workshop.phases import PHASES
from workshop.ui import context, header, landing, people, steps
from workshop.ui.text import md_escape


def run() -> None:
    token = context.token()
    if not token:
        landing.show()
        return
    try:
        current = board(context.store(), token)
    except InvalidLink:
        invalid_link()
        return
    except NotAllowed as error:
        st.title("You have left this workshop")
        st.info(error.message)
        return
    if current.caller.role is Role.PARTICIPANT and current.caller.participant_id is None:
        landing.join(token, current)
        return
    _live(token, current)
    if st.query_params.get("view") == "presenter" and current.caller.role is not Role.PARTICIPANT:
        from workshop.ui import presenter

        presenter.show(current)
        return
    workshop_page(token, current)


def _live(token: str, current: Board) -> None:
    try:
        from workshop.ui.live_refresh import live_refresh
    except ImportError:  # the page still works by reload without the live stream
        return
    live_refresh(token, current.workshop.revision)


def invalid_link() -> None:
    st.title("This link is not valid")
    st.write(
        "It may have been mistyped, replaced by the facilitator, or the workshop may have been deleted. "
        "Ask the facilitator for the current link."
    )
    st.link_button("Start page", context.base_url())


def _follow_phase(current: Board) -> None:
    """Everyone's screen moves to the current step when the facilitator changes it.

    The step counts as shown only once a run has drawn the whole page (see ``workshop_page``): a
    run cut short by the next one would otherwise let that next run bring back the step the
    browser showed before.
    """
    state = st.session_state
    if state.get("_shown_phase") != current.workshop.phase:
        state["view"] = current.workshop.phase
    elif state.get("view") is None:
        # The step control lost its choice (the chosen step clicked again, or a browser that
        # reset it while the page was being redrawn): keep showing the step shown last.
        state["view"] = state.get("_shown_view", current.workshop.phase)


def workshop_page(token: str, current: Board) -> None:
    context.show_flash()
    _follow_phase(current)
    with st.sidebar:
        if current.caller.is_facilitator:
            from workshop.ui import facilitator

            facilitator.panel(token, current)
        else:
            people.show(current)
    header.show(current)
    labels = {p.key: p.label for p in PHASES}
    view = st.segmented_control(
        "Step",
        list(labels),
        format_func=lambda k: ("● " if k == current.workshop.phase else "") + labels[k],
        key="view",
        label_visibility="collapsed",
        width="stretch",
    )
    if view is None:
        view = current.workshop.phase
    if view != current.workshop.phase:
        st.caption(
            f"You are looking at {md_escape(labels[view])}; the room is at {md_escape(labels[current.workshop.phase])}."
        )
    steps.show(view, token, current)
    st.session_state["_shown_phase"] = current.workshop.phase
    st.session_state["_shown_view"] = view
