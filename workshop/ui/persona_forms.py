"""The forms that add and edit a persona; typed text survives refusals, locks and others' edits."""

from __future__ import annotations

from typing import Any

import streamlit as st

from personas.model import PERSONA_FIELDS, Persona
from workshop.cases.board import Board
from workshop.cases.persona_cases import add_persona, update_persona
from workshop.domain.errors import StaleEdit
from workshop.domain.tokens import new_id
from workshop.ui import context, edit_conflict
from workshop.ui.persona_cards import PALETTE, shown_errors
from workshop.ui.text import md_escape

ADD_REQUEST = "persona_add_request"
ADDING = "persona_adding"  # whether the add form is open
LABELS = {
    "name": "Name",
    "quote": "Quote, in the customer's own words",
    "description": "Description",
    "share": "Share of customers (%)",
    "evidence": "Evidence: where this comes from",
    "emoji": "Emoji",
    "colour": "Colour",
}


def form_values(persona: Persona) -> dict[str, str]:
    """A persona's fields as the form shows them."""
    values = {f: str(getattr(persona, f) or "") for f in PERSONA_FIELDS}
    values["share"] = "" if persona.share is None else f"{persona.share:g}"
    return values


def typed(prefix: str) -> dict[str, object]:
    return {f: st.session_state.get(f"{prefix}_{f}", "") for f in PERSONA_FIELDS}


def seed(prefix: str, values: dict[str, str]) -> None:
    """Put values into a form's fields; only before the fields are drawn in this run."""
    for f, value in values.items():
        st.session_state[f"{prefix}_{f}"] = value


def forget(prefix: str) -> None:
    for f in PERSONA_FIELDS:
        st.session_state.pop(f"{prefix}_{f}", None)


def _fields(prefix: str, colour: str) -> dict[str, object]:
    # persist_state keeps typed text while the step is switched away and back.
    keep: dict[str, Any] = {"persist_state": "session"}  # Streamlit types it as a Literal
    values: dict[str, object] = {
        "name": st.text_input(
            LABELS["name"],
            key=f"{prefix}_name",
            placeholder="The bargain hunter",
            **keep,
        ),
        "quote": st.text_input(
            LABELS["quote"],
            key=f"{prefix}_quote",
            placeholder="“Why pay more?”",
            **keep,
        ),
        "description": st.text_area(LABELS["description"], key=f"{prefix}_description", height=100, **keep),
        "share": st.text_input(LABELS["share"], key=f"{prefix}_share", placeholder="25", **keep),
        "evidence": st.text_area(
            LABELS["evidence"],
            key=f"{prefix}_evidence",
            height=80,
            placeholder="Interviews, reviews, support tickets, sales data…",
            **keep,
        ),
        "emoji": st.text_input(LABELS["emoji"], key=f"{prefix}_emoji", placeholder="🛒", **keep),
    }
    colours = list(PALETTE) + ([colour] if colour and colour not in PALETTE else [])
    if st.session_state.get(f"{prefix}_colour") not in colours:
        st.session_state.pop(f"{prefix}_colour", None)
    values["colour"] = st.selectbox(
        LABELS["colour"], colours, format_func=lambda c: PALETTE.get(c, c), key=f"{prefix}_colour", **keep
    )
    return values


def add_section(token: str, board: Board) -> None:
    """The add form, drawn once it is opened; open from the start while there are no personas."""
    # Decided once: a form that was open when the page was drawn stays open when someone adds a persona.
    if not st.session_state.setdefault(ADDING, not board.personas):
        st.button(
            "➕ Add a persona",
            key="persona_add_open",
            on_click=st.session_state.__setitem__,
            args=(ADDING, True),
        )
        return
    add_form(token)


def add_form(token: str) -> None:
    """One request id per form shown: a double submission creates one persona, not two."""
    request_id = st.session_state.setdefault(ADD_REQUEST, new_id())
    prefix = f"padd_{request_id}"
    with st.form(f"persona_add_{request_id}"):
        st.markdown("**Add a persona**")
        values = _fields(prefix, "")
        with st.container(horizontal=True):
            add = st.form_submit_button("Add persona", type="primary")
            # What was typed stays for the next time the form is opened.
            close = st.form_submit_button("Close")
        if close:
            st.session_state[ADDING] = False
            st.rerun()
        if add:
            with shown_errors():
                persona = add_persona(context.store(), token, values, request_id)
                st.session_state[ADD_REQUEST] = new_id()
                st.session_state[ADDING] = True  # open for the next one
                forget(prefix)
                context.flash(f"Added {md_escape(persona.name)}.")
                st.rerun()


def prefill_add_form(values: dict[str, object]) -> None:
    request_id = st.session_state.setdefault(ADD_REQUEST, new_id())
    seed(f"padd_{request_id}", {k: str(v) for k, v in values.items()})
    st.session_state[ADDING] = True


# editing
def _keys(persona_key: str) -> tuple[str, str, str]:
    return f"pedit_{persona_key}", f"pedit_base_{persona_key}", f"pedit_conflict_{persona_key}"


def _merge_key(persona_key: str) -> str:
    return f"pedit_merge_{persona_key}"


def open_edit(persona: Persona) -> None:
    """Open the edit form on this version of the persona; a save is checked against it."""
    prefix, base_key, conflict_key = _keys(persona.key)
    st.session_state[base_key] = persona
    st.session_state.pop(conflict_key, None)
    seed(prefix, form_values(persona))


def close_edit(persona_key: str) -> None:
    prefix, base_key, conflict_key = _keys(persona_key)
    st.session_state.pop(base_key, None)
    st.session_state.pop(conflict_key, None)
    st.session_state.pop(_merge_key(persona_key), None)
    forget(prefix)


def is_editing(persona_key: str) -> bool:
    return _keys(persona_key)[1] in st.session_state


def open_edits() -> list[str]:
    return [k.removeprefix("pedit_base_") for k in st.session_state if str(k).startswith("pedit_base_")]


def edit_base(persona_key: str) -> Persona | None:
    return st.session_state.get(_keys(persona_key)[1])


def typed_edit(persona_key: str) -> dict[str, object]:
    return typed(_keys(persona_key)[0])


def _their_changes(base: Persona, current: Persona) -> list[tuple[str, str]]:
    mine, theirs = form_values(base), form_values(current)
    return [(LABELS[f], theirs[f]) for f in PERSONA_FIELDS if mine[f] != theirs[f]]


def _merged(base: Persona, current: Persona, typed_values: dict[str, object]) -> dict[str, str]:
    """Fields only the other person changed: the form takes their value; fields this person typed stay."""
    mine, theirs = form_values(base), form_values(current)
    return {
        f: theirs[f]
        for f in PERSONA_FIELDS
        if theirs[f] != mine[f] and str(typed_values.get(f) or "") == mine[f]
    }


def edit_form(token: str, persona: Persona) -> None:
    """Edit `persona`'s text; a save from an out-of-date form is refused and shows the other change.

    The form never follows someone else's save by itself: what is typed in a browser reaches the
    server only on Save, so redrawing the fields would silently wipe text being typed.
    """
    prefix, base_key, conflict_key = _keys(persona.key)
    base: Persona | None = st.session_state.get(base_key)
    if base is None:
        return
    merge = st.session_state.pop(_merge_key(persona.key), None)
    if merge:
        seed(prefix, merge)  # before the fields are drawn
    with st.form(f"persona_edit_{persona.key}"):
        st.markdown(f"**Edit {md_escape(base.name)}**")
        conflict = st.session_state.get(conflict_key)
        if not conflict and persona.version != base.version:
            edit_conflict.saved_meanwhile("this persona")
        values = _fields(prefix, base.colour)
        with st.container(horizontal=True):
            save = st.form_submit_button("Save", type="primary")
            close = st.form_submit_button("Close")
        if conflict:  # beside the button that was pressed, where the reader is looking
            message, changes = conflict
            edit_conflict.save_refused(
                message,
                (
                    f"**{md_escape(label)}** is now: {md_escape(value) if value else '_empty_'}"
                    for label, value in changes
                ),
            )
        if close:
            close_edit(persona.key)
            st.rerun()
        if save:
            with shown_errors():
                try:
                    saved = update_persona(context.store(), token, base, values)
                except StaleEdit as stale:
                    # The next save is made knowingly over their version; the typed text stays,
                    # and fields this person left alone take the other person's value.
                    st.session_state[conflict_key] = (stale.message, _their_changes(base, stale.current))
                    st.session_state[_merge_key(persona.key)] = _merged(base, stale.current, typed(prefix))
                    st.session_state[base_key] = stale.current
                    st.rerun()
                close_edit(persona.key)
                context.flash(f"Saved {md_escape(saved.name)}.")
                st.rerun()
