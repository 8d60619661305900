"""The top of every workshop page: title, promise, the step and what to do now, countdown, lock."""

from __future__ import annotations

import streamlit as st

from workshop.cases.board import Board
from workshop.domain import parts, phases
from workshop.domain.model import Role
from workshop.ui import regions
from workshop.ui.countdown import countdown
from workshop.ui.text import md_escape


def show(board: Board) -> None:
    # The step and the lock change the whole page; the title, the promise and the countdown only this.
    regions.region("header", (parts.PROMISE, parts.TIMER), board, _header)


def _header(board: Board) -> None:
    w = board.workshop
    step = phases.phase(w.phase)
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        st.markdown(f"## {md_escape(w.title)}")
        if w.promise:
            st.caption(f"Our promise: {md_escape(w.promise)}")
        who = md_escape(you_are(board.caller.name, board.caller.role))
        st.markdown(f"**Now: {md_escape(step.label)}** — {md_escape(step.instruction)}  \n:gray[{who}]")
    with right:
        countdown(w.timer)
        if w.locked:
            st.warning("Editing is locked for discussion.", icon="🔒")


ROLE_WORDS = {Role.FACILITATOR: "facilitator", Role.PARTICIPANT: "participant", Role.VIEWER: "view only"}


def you_are(name: str, role: Role) -> str:
    """'Ana · participant'; the role once when the name is the role's own word ('Facilitator')."""
    word = ROLE_WORDS[role]
    if not name or name.casefold() == word.casefold():
        return word[:1].upper() + word[1:]
    return f"{name} · {word}"
