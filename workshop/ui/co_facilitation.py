"""Co-facilitation in the facilitator's Links section: add or revoke a co-facilitator, replace my link.

A new co-facilitator's link is shown once, right after it is made: only its hash is stored. What
stops a link working (revoking someone, replacing one's own link) is confirmed first.
"""

from __future__ import annotations

import streamlit as st

from workshop.cases import sessions
from workshop.cases.board import Board
from workshop.domain.model import Participant
from workshop.ui import context
from workshop.ui.text import md_escape

NEW_LINK = "cofac_new_link"  # (name, link) of the co-facilitator just added, shown until dismissed
REVOKING = "cofac_revoking"  # participant id waiting for confirmation
REPLACING = "cofac_replacing_own"  # the facilitator asked to replace their own link
ADDED = "cofac_added"  # how many were added: each add form starts empty


def co_facilitators(board: Board) -> list[Participant]:
    """The other facilitators of this workshop, who hold facilitator links of their own."""
    me = board.caller.participant_id
    return [p for p in board.participants if p.is_facilitator and not p.removed and p.id != me]


def section(token: str, board: Board) -> None:
    st.markdown("**Co-facilitators**")
    _just_added()
    others = co_facilitators(board)
    if not others:
        st.caption("Give someone a facilitator link of their own: they can run the room with you.")
    for person in others:
        _co_facilitator(token, person)
    _add(token)
    _replace_own(token)


def _just_added() -> None:
    added = st.session_state.get(NEW_LINK)
    if not added:
        return
    name, link = added
    with st.container(border=True):
        st.markdown(f"Send this link to **{md_escape(name)}**. It is shown only now: copy it before closing.")
        st.code(link, language=None, wrap_lines=True)
        if st.button("I have copied it", key="cofac_copied"):
            st.session_state.pop(NEW_LINK, None)
            st.rerun()


def _co_facilitator(token: str, person: Participant) -> None:
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(md_escape(person.name))
    if row.button("Revoke…", key=f"cofac_revoke_{person.id}", help=f"{person.name}'s link stops working"):
        st.session_state[REVOKING] = person.id
    if st.session_state.get(REVOKING) != person.id:
        return
    st.warning(
        f"Revoke {md_escape(person.name)}'s facilitator link? It stops working at once; "
        "what they did in the workshop stays.",
        icon="🔑",
    )
    with st.container(horizontal=True):
        yes = st.button("Yes, revoke", key=f"cofac_revoke_yes_{person.id}", type="primary")
        keep = st.button("Keep", key=f"cofac_revoke_no_{person.id}")
    if keep:
        st.session_state.pop(REVOKING, None)
        st.rerun()
    if yes:
        with context.shown_errors():
            sessions.revoke_co_facilitator(context.store(), token, person.id)
            st.session_state.pop(REVOKING, None)
            context.flash(f"{md_escape(person.name)}'s facilitator link no longer works.")
            st.rerun()


def _add(token: str) -> None:
    added = st.session_state.setdefault(ADDED, 0)
    with st.form(f"cofac_add_{added}", border=False):
        name = st.text_input("Co-facilitator's name", placeholder="Who will facilitate with you")
        submitted = st.form_submit_button("Make a co-facilitator link")
    if submitted:
        with context.shown_errors():
            link = sessions.add_co_facilitator(context.store(), token, name)
            st.session_state[NEW_LINK] = (" ".join(str(name).split()), context.link(link))
            st.session_state[ADDED] = added + 1
            st.rerun()


def _replace_own(token: str) -> None:
    if st.button(
        "Replace my link…",
        key="cofac_replace_own",
        help="For a link that was seen by someone who should not have it",
    ):
        st.session_state[REPLACING] = True
    if not st.session_state.get(REPLACING):
        return
    st.warning(
        "Replace your facilitator link? The link you use now stops working at once, on every device "
        "where it is open. This page moves to the new link: bookmark it.",
        icon="🔑",
    )
    with st.container(horizontal=True):
        yes = st.button("Yes, replace my link", key="cofac_replace_yes", type="primary")
        keep = st.button("Keep my link", key="cofac_replace_no")
    if keep:
        st.session_state.pop(REPLACING, None)
        st.rerun()
    if yes:
        with context.shown_errors():
            fresh = sessions.rotate_own_link(context.store(), token)
            st.session_state.pop(REPLACING, None)
            context.set_token(fresh)
            context.flash(
                "Your new facilitator link is in the address bar: bookmark it. The old one no longer works."
            )
            st.rerun()
