"""Routes one browser to the landing page, the join form, the presenter view or the workshop."""

from __future__ import annotations

import streamlit as st

from workshop.cases.board import Board
from workshop.domain.errors import InvalidLink, NotAllowed, Unavailable
from workshop.domain.model import Role
from workshop.domain.phases import PHASES
from workshop.services import Services
from workshop.ui import context, header, landing, layout, people, regions, saving, steps
from workshop.ui.text import md_escape


def run(services: Services) -> None:
    context.use(services)
    token = context.token()
    if not token:
        landing.show()
        return
    st.session_state[context.STALE] = False  # until the whole page has to be drawn from memory
    try:
        current = context.read_board(token)
    except Unavailable:
        saving.unreachable_page(token)
        _live(token, None)
        return
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
    regions.start_page()
    layout.install()
    saving.banner()
    _live(token, current.workshop.revision)
    if st.query_params.get("view") == "presenter" and current.caller.role is not Role.PARTICIPANT:
        from workshop.ui import presenter

        presenter.show(current)
        return
    workshop_page(token, current)


def _live(token: str, revision: int | None) -> None:
    try:
        from workshop.ui.live_refresh import live_refresh
    except ImportError:  # the page still works by reload without the live stream
        return
    live_refresh(token, revision, redraw=regions.to_redraw, shown=saving.shown)


def invalid_link() -> None:
    st.title("This link is not valid")
    st.write(
        "It may have been mistyped, replaced by the facilitator, or the workshop may have been deleted. "
        "Ask the facilitator for the current link."
    )
    st.link_button("Start page", context.base_url())


def workshop_page(token: str, current: Board) -> None:
    context.show_flash()
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
        # One control per step of the room, starting on that step: when the facilitator moves the
        # room on, every page draws a fresh control on the new step, and no value the browser
        # still holds for the old one (a run cut short, a page not caught up yet) can carry over.
        default=current.workshop.phase,
        key=f"view_{current.workshop.phase}",
        label_visibility="collapsed",
        width="stretch",
    )
    if view is None:  # the chosen step clicked again: stay on the step shown last
        view = st.session_state.get("_shown_view", current.workshop.phase)
    if view != current.workshop.phase:
        st.caption(
            f"You are looking at {md_escape(labels[view])}; the room is at {md_escape(labels[current.workshop.phase])}."
        )
    steps.show(view, token, current)
    st.session_state["_shown_view"] = view
