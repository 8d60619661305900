"""Step 1: the personas as cards with their love/hate profile, and the forms to add, edit and remove them."""

from __future__ import annotations

import streamlit as st

from charts.personas import profile_chart
from personas.model import Persona
from workshop.cases.board import Board
from workshop.cases.persona_cases import removal_impact, remove_persona
from workshop.domain import parts
from workshop.ui import chart, context, layout, regions
from workshop.ui.persona_cards import can_write, card, rules, shown_errors, title
from workshop.ui.persona_forms import (
    add_section,
    close_edit,
    edit_base,
    edit_form,
    is_editing,
    open_edit,
    open_edits,
    prefill_add_form,
    typed_edit,
)
from workshop.ui.persona_stances import is_open, open_stances, stance_form
from workshop.ui.text import md_escape


def show(token: str, board: Board) -> None:
    st.subheader("Personas")
    st.caption(
        "Four to six kinds of customers, each with a name, a quote in their own words, "
        "and what they love and hate about doing business with us."
    )
    regions.region("persona_rules", (parts.PERSONAS, parts.ANY_PERSONA), board, rules)
    if can_write(board):
        add_section(token, board)
    else:
        st.caption("This is a view-only link: you see every change as it happens, but cannot edit.")
    regions.region("personas", (parts.PERSONAS,), board, lambda b: _cards(token, b))


def _cards(token: str, board: Board) -> None:
    """Every persona as its own region: a save to one persona redraws that card alone."""
    for persona in board.personas:
        regions.region(
            parts.persona(persona.key),
            (parts.persona(persona.key),),
            board,
            lambda b, key=persona.key: _card(token, b, key),  # type: ignore[misc]  # a default argument: mypy cannot infer it
        )
    if can_write(board):
        _removed_while_editing(board)


def _card(token: str, board: Board, key: str) -> None:
    persona = next((p for p in board.personas if p.key == key), None)
    if persona is None:
        return  # removed a moment ago: the list is drawn again without it
    with st.container(border=True):
        card(persona, anonymous=board.workshop.settings.anonymous)
        if board.attributes:
            # On a phone the card stays short: the chart is drawn when asked for.
            with layout.wide_only(f"profile_{key}"):
                _profile(board, persona)
            with layout.phone_only(f"profile_{key}"):
                box = st.expander("Chart of loves and hates", key=f"profile_open_{key}", on_change="rerun")
                if box.open:
                    with box:
                        _profile(board, persona)
        if can_write(board):
            _actions(token, board, persona)


def _profile(board: Board, persona: Persona) -> None:
    chart.show(
        # The card's heading already names the persona.
        lambda: profile_chart(persona, board.attributes).properties(title=""),
        chart.content_key("profile", persona.key, persona.name, persona.stances, board.attributes),
        width="stretch",
        alt=f"What {persona.name} loves and hates",
    )


def _may_remove(board: Board, persona: Persona) -> bool:
    # Under anonymity the author is hidden, so the use case decides and explains.
    caller = board.caller
    return caller.is_facilitator or not persona.created_by or persona.created_by == caller.name


def _actions(token: str, board: Board, persona: Persona) -> None:
    key = persona.key
    confirm_key = f"prm_{key}"
    with st.container(horizontal=True):
        # A second click on an open form must not reset what was typed in it.
        if st.button("✏️ Edit", key=f"pedit_open_{key}") and not is_editing(key):
            open_edit(persona)
        if st.button("❤️ Love & hate", key=f"pst_open_{key}") and not is_open(key):
            open_stances(persona, board.attributes)
        if _may_remove(board, persona) and st.button("🗑️ Remove…", key=f"prm_open_{key}"):
            st.session_state[confirm_key] = True
    if st.session_state.get(confirm_key):
        _confirm_removal(token, persona, confirm_key)
    edit_form(token, persona)
    stance_form(token, board, persona)


def _confirm_removal(token: str, persona: Persona, confirm_key: str) -> None:
    with st.container(border=True):
        with shown_errors():
            impact = removal_impact(context.store(), token, persona.key)
            st.warning(f"Remove {title(persona)}? {md_escape(impact)}", icon="🗑️")
        with st.container(horizontal=True):
            if st.button("Yes, remove it", key=f"prm_yes_{persona.key}", type="primary"):
                st.session_state.pop(confirm_key, None)
                with shown_errors():
                    remove_persona(context.store(), token, persona.key)
                    context.flash(f"Removed {md_escape(persona.name)}.")
                    st.rerun()
            if st.button("Keep it", key=f"prm_no_{persona.key}"):
                st.session_state.pop(confirm_key, None)
                st.rerun()


def _removed_while_editing(board: Board) -> None:
    """Someone removed a persona while this person was editing it: their text is not thrown away."""
    on_board = {p.key for p in board.personas}
    for key in open_edits():
        if key in on_board:
            continue
        kept_key = f"pedit_orphan_{key}"
        if kept_key not in st.session_state:
            base = edit_base(key)
            st.session_state[kept_key] = (base.name if base else "", typed_edit(key))
        close_edit(key)
    for kept_key in [k for k in st.session_state if str(k).startswith("pedit_orphan_")]:
        name, values = st.session_state[kept_key]
        with st.container(border=True):
            st.warning(
                f"{md_escape(name) or 'A persona'} was removed by someone else while you were editing it. "
                "This is what you had typed:",
                icon="🗑️",
            )
            for field, value in values.items():
                if value:
                    st.text(f"{field}: {value}")
            with st.container(horizontal=True):
                if st.button("Put it in the add form", key=f"{kept_key}_add"):
                    prefill_add_form(values)
                    st.session_state.pop(kept_key, None)
                    st.rerun()  # the add form is outside this region
                if st.button("Dismiss", key=f"{kept_key}_dismiss"):
                    st.session_state.pop(kept_key, None)
                    st.rerun()
