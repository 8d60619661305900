"""The facilitator's sidebar: steps, lock, countdown, links and QR code, people, settings, deletion."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import segno
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workshop.cases import facilitation, sessions
from workshop.cases.board import Board
from workshop.cases.board import board as board_of
from workshop.domain import parts, phases
from workshop.domain.completeness import missing
from workshop.domain.errors import DomainError
from workshop.domain.model import VOTES_MAX, VOTES_MIN
from workshop.domain.presence import people
from workshop.ui import co_facilitation, context, regions
from workshop.ui.text import md_escape


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


# Who is here and what each person added.
PEOPLE_SHOW = (parts.PEOPLE, parts.PERSONAS, parts.IDEAS, parts.RATINGS)


def panel(token: str, board: Board) -> None:
    st.markdown("### Facilitate")
    _steps(token, board)
    _lock(token, board)
    regions.region("sidebar_timer", (parts.TIMER,), board, lambda b: _timer(token, b))
    regions.region("sidebar_links", (parts.LINKS,), board, lambda b: _links(token, b))
    regions.region("sidebar_people", PEOPLE_SHOW, board, lambda b: _people(token, b))
    regions.region("sidebar_rounds", parts.CONTENT, board, lambda b: _rounds(token, b))
    _settings(token, board)
    _danger(token, board)


def _section(label: str, key: str, *, expanded: bool = False) -> tuple[DeltaGenerator, bool]:
    """A sidebar section that reads and draws its contents only while it is open."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    return box, bool(box.open)


def _steps(token: str, board: Board) -> None:
    """Step buttons. They act in callbacks, before the page is drawn: the same run that moves the
    room draws the new step, with no second run in which the live update could meet old values."""
    w = board.workshop
    back, forward = phases.neighbour(w.phase, -1), phases.neighbour(w.phase, +1)
    col1, col2 = st.columns(2)
    if back:
        col1.button(
            f"← {phases.phase(back).label}", use_container_width=True, on_click=_move, args=(token, back)
        )
    if forward:
        col2.button(
            f"{phases.phase(forward).label} →",
            type="primary",
            use_container_width=True,
            on_click=_forward,
            args=(token, forward),
        )
    failed = st.session_state.pop("_step_error", None)
    if failed:
        st.error(md_escape(failed), icon="⚠️")
    pending = st.session_state.get("_confirm_advance")
    if pending and pending[0] == w.phase:
        _, target, gaps = pending
        with st.container(border=True):
            st.markdown("**Before moving on, the method expects:**")
            st.markdown("\n".join(f"- {md_escape(sentence)}" for sentence in gaps))
            # Wraps in the narrow sidebar, where two columns would cut "Move on anyway" short.
            choice = st.container(horizontal=True)
            choice.button("Move on anyway", key="advance_anyway", on_click=_move, args=(token, target))
            choice.button(
                "Stay here",
                key="advance_stay",
                on_click=st.session_state.pop,
                args=("_confirm_advance", None),
            )


def _forward(token: str, target: str) -> None:
    """Move on, or first list what the method still expects (read now, only when asked)."""
    try:
        now = board_of(context.store(), token)
    except DomainError as error:
        st.session_state["_step_error"] = error.message
        return
    gaps = missing(
        now.workshop.phase,
        now.attributes,
        now.personas,
        now.ideas,
        now.ratings,
        now.workshop.promise,
        now.promise_ratings,
    )
    if gaps:
        st.session_state["_confirm_advance"] = (now.workshop.phase, target, gaps)
    else:
        _move(token, target)


def _move(token: str, target: str) -> None:
    st.session_state.pop("_confirm_advance", None)
    try:
        facilitation.set_phase(context.store(), token, target)
    except DomainError as error:
        st.session_state["_step_error"] = error.message


def _lock(token: str, board: Board) -> None:
    w = board.workshop
    label = "🔓 Unlock editing" if w.locked else "🔒 Lock editing"
    if st.button(label, use_container_width=True):
        with context.shown_errors():
            facilitation.set_locked(context.store(), token, not w.locked)
            st.rerun()


def _timer(token: str, board: Board) -> None:
    w = board.workshop
    with st.expander("Countdown", expanded=phases.remaining(w.timer, datetime.now(UTC)) is not None):
        minutes = st.segmented_control(
            "Minutes", [*phases.TIMER_PRESETS_MINUTES, "custom"], default=5, key="timer_minutes"
        )
        if minutes == "custom":
            minutes = st.number_input("Custom minutes", 1, phases.TIMER_MAX_MINUTES, 7, key="timer_custom")
        actions = {"start": "Start"}
        if phases.is_running(w.timer):
            actions = {"pause": "Pause", "extend": "+1 min", "stop": "Stop"}
        elif w.timer.paused_remaining is not None:
            actions = {"resume": "Resume", "extend": "+1 min", "stop": "Stop"}
        elif w.timer.ends_at is not None:
            actions = {"start": "Start again", "stop": "Clear"}
        for column, (action, text) in zip(st.columns(len(actions)), actions.items(), strict=True):
            if column.button(text, key=f"timer_{action}", use_container_width=True):
                with context.shown_errors():
                    facilitation.timer(
                        context.store(),
                        token,
                        action,
                        float(minutes or 5),  # type: ignore[arg-type]  # a preset or a typed number
                    )
                    st.rerun()


def _links(token: str, board: Board) -> None:
    box, open_ = _section("Links", "sidebar_links_open", expanded=not board.participants[1:])
    if not open_:
        return
    with box, context.shown_errors():
        links = sessions.share_links(context.store(), token)
        st.caption("Participant link — to join and contribute")
        st.code(context.link(links.participant), language=None, wrap_lines=True)
        st.image(
            qr_png(context.link(links.participant)),
            caption="Scan to join",
            width=200,
            alt="QR code of the participant link",
        )
        st.caption("View-only link — for stakeholders")
        st.code(context.link(links.viewer), language=None, wrap_lines=True)
        st.caption("Your facilitator link — full control, keep it private")
        st.code(context.link(links.facilitator), language=None, wrap_lines=True)
        st.link_button(
            "Open presenter view", context.link(token) + "&view=presenter", use_container_width=True
        )
        if st.button(
            "Replace the participant link", help="The old link stops working; people who joined stay in."
        ):
            sessions.rotate_link(context.store(), token, "participant")
            context.flash("New participant link made; the old one no longer works.")
            st.rerun()
        st.divider()
        co_facilitation.section(token, board)


def _people(token: str, board: Board) -> None:
    present = [p for p in board.participants if not p.removed]
    box, open_ = _section(f"People ({len(present)})", "sidebar_people_open")
    if not open_:
        return
    with box:
        lines = {
            p.name: p
            for p in people(
                board.participants,
                board.personas,
                board.ideas,
                (*board.ratings, *board.promise_ratings),
                datetime.now(UTC),
                reader=board.caller.participant_id,
            )
        }
        for p in present:
            person = lines[p.name]
            row = st.columns([4, 1], vertical_alignment="center")
            role = " · facilitator" if p.is_facilitator else ""
            counts = f"  \n:gray[{person.personas} persona(s), {person.ideas} idea(s), {person.ratings} judgement(s)]"
            row[0].markdown(f"{'🟢' if person.here else '⚪'} {md_escape(p.name)}{role}{counts}")
            if not p.is_facilitator and row[1].button(
                "✕", key=f"remove_{p.id}", help="Remove from the workshop"
            ):
                st.session_state["_confirm_remove"] = p.id
            if st.session_state.get("_confirm_remove") == p.id:
                st.warning(f"Remove {md_escape(p.name)}? Their link stops working; what they wrote stays.")
                if st.button("Yes, remove", key=f"remove_yes_{p.id}"):
                    with context.shown_errors():
                        sessions.remove_participant(context.store(), token, p.id)
                        st.session_state.pop("_confirm_remove", None)
                        st.rerun()


def _rounds(token: str, board: Board) -> None:
    from workshop.ui import rounds_view

    box, open_ = _section("Rounds", "sidebar_rounds_open")
    if open_:
        with box:
            rounds_view.show(token, board, key="sidebar_rounds")


def _settings(token: str, board: Board) -> None:
    s = board.workshop.settings
    box, open_ = _section("Voting and anonymity", "sidebar_settings_open")
    if not open_:
        return
    with box, st.form("settings"):
        votes = st.number_input("Votes per participant", VOTES_MIN, VOTES_MAX, s.votes_per_participant)
        several = st.checkbox("Several votes may go on one idea", s.several_votes_per_idea)
        hidden = st.checkbox("Hide votes until I reveal them", s.hide_votes_until_revealed)
        revealed = st.checkbox("Votes revealed", s.votes_revealed)
        anonymous = st.checkbox("Anonymous: participants don't see who wrote what", s.anonymous)
        if st.form_submit_button("Save settings"):
            with context.shown_errors():
                facilitation.update_settings(
                    context.store(),
                    token,
                    votes_per_participant=int(votes),
                    several_votes_per_idea=several,
                    hide_votes_until_revealed=hidden,
                    votes_revealed=revealed,
                    anonymous=anonymous,
                )
                context.flash("Settings saved.")
                st.rerun()


def _danger(token: str, board: Board) -> None:
    box, open_ = _section("Delete workshop", "sidebar_delete_open")
    if not open_:
        return
    with box:
        st.write("This removes the workshop and everything in it for everyone. It cannot be undone.")
        typed = st.text_input("Type the workshop's title to confirm", key="delete_confirm")
        if st.button("Delete for good", type="primary", disabled=typed.strip() != board.workshop.title):
            with context.shown_errors():
                sessions.delete_workshop(context.store(), token, typed)
                st.query_params.clear()
                st.rerun()
