"""The top of every workshop page: title, promise, the step and what to do now, countdown, lock."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from workshop import phases
from workshop.board import Board
from workshop.ui.text import md_escape


def show(board: Board) -> None:
    w = board.workshop
    step = phases.phase(w.phase)
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        st.markdown(f"## {md_escape(w.title)}")
        if w.promise:
            st.caption(f"Our promise: {md_escape(w.promise)}")
        role = board.caller.role.value
        who = f"{md_escape(board.caller.name)} · {role}" if board.caller.name else role
        st.markdown(f"**Now: {md_escape(step.label)}** — {md_escape(step.instruction)}  \n:gray[{who}]")
    with right:
        countdown(board)
        if w.locked:
            st.warning("Editing is locked for discussion.", icon="🔒")


def countdown(board: Board, big: bool = False) -> None:
    """Remaining time from the stored end time; ticks every second on its own."""
    timer = board.workshop.timer
    if phases.remaining(timer, datetime.now(UTC)) is None:
        return

    @st.fragment(run_every=1 if phases.is_running(timer) else None)
    def _tick() -> None:
        left = phases.remaining(timer, datetime.now(UTC)) or 0.0
        size = "#" if big else "###"
        if left <= 0:
            st.markdown(f"{size} ⏰ Time's up")
        else:
            paused = " (paused)" if not phases.is_running(timer) else ""
            st.markdown(f"{size} ⏱ {phases.clock(left)}{paused}")

    _tick()
