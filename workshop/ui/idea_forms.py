"""The forms of the Ideas step: propose an idea, edit one safely, remove one with confirmation."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import streamlit as st

from personas.model import Attribute
from workshop.cases import idea_cases
from workshop.cases.board import Board
from workshop.domain.errors import DomainError, StaleEdit
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea
from workshop.ui import context, edit_conflict
from workshop.ui.idea_text import EFFECT_OPTIONS, effect_option, effects_line, place_line
from workshop.ui.labels import label
from workshop.ui.text import md_escape

REQUEST = "idea_request"  # one id per add form shown, so a double submit makes one idea
EDITING = "idea_editing"  # the Idea as it was when its edit form opened
REMOVING = "idea_removing"  # key of the idea waiting for removal confirmation
ADDING = "idea_adding"  # whether the form to propose an idea is open

RANGE_HELP = (
    "Incremental: small steady improvements. Landmark: a clear step up in how the experience is "
    "delivered. Breakthrough: a new kind of solution. Disruptive: a new business or delivery model."
)
TOUCH_HELP = (
    "Pre-touch: before someone is a customer. First touch: the first real contact. Core touch: "
    "everyday business. Last touch: how it ends. In-touch: staying in contact afterwards."
)


def _load(prefix: str, idea: Idea, attributes: Sequence[Attribute], *, overwrite: bool) -> None:
    """Put an idea's values into the form's widget state (widgets then take no default)."""
    values: dict[str, object] = {
        "title": idea.title,
        "description": idea.description,
        "range": idea.range if idea.range in RANGES else "incremental",
        "touch": idea.touch if idea.touch in TOUCH_MOMENTS else "core",
    }
    values.update({f"effect_{a.key}": idea.effects.get(a.key, 0) for a in attributes})
    for name, value in values.items():
        if overwrite or f"{prefix}_{name}" not in st.session_state:
            st.session_state[f"{prefix}_{name}"] = value


def _fields(prefix: str, attributes: Sequence[Attribute]) -> dict[str, object]:
    """The idea's widgets, one under the other so they fit a phone; returns the typed values."""
    title = st.text_input("Title", key=f"{prefix}_title", placeholder="Self-service kiosk")
    description = st.text_area(
        "Description", key=f"{prefix}_description", height=90,
        placeholder="What is it, and what does the customer notice?",
    )  # fmt: skip
    range_ = st.segmented_control(
        "Range of value", list(RANGES), format_func=RANGES.__getitem__, required=True,
        key=f"{prefix}_range", help=RANGE_HELP, width="stretch",
    )  # fmt: skip
    touch = st.segmented_control(
        "Touch moment", list(TOUCH_MOMENTS), format_func=TOUCH_MOMENTS.__getitem__, required=True,
        key=f"{prefix}_touch", help=TOUCH_HELP, width="stretch",
    )  # fmt: skip
    effects: dict[str, int] = {}
    # In the form itself, not folded away: an idea that moves nothing cannot be mapped.
    st.markdown("**What it changes** for the customer, from −2 much worse to +2 much better")
    if not attributes:
        st.caption("The facilitator has not set any attributes yet.")
    else:
        st.caption("Move at least one; leave the rest at 0.")
    columns = st.columns(2) if attributes else []
    for n, a in enumerate(attributes):
        with columns[n % 2]:
            name, shown = label(a.name)
            effects[a.key] = st.select_slider(
                name,
                EFFECT_OPTIONS,
                format_func=effect_option,
                key=f"{prefix}_effect_{a.key}",
                label_visibility=shown,
            )
    return {"title": title, "description": description, "range": range_, "touch": touch, "effects": effects}


def add_section(token: str, board: Board) -> None:
    """The form to propose an idea, drawn once it is opened; open from the start while there are none."""
    # Decided once: a form that was open when the page was drawn stays open when someone adds an idea.
    if not st.session_state.setdefault(ADDING, not board.ideas):
        st.button(
            "💡 Propose an idea",
            key="idea_add_open",
            on_click=st.session_state.__setitem__,
            args=(ADDING, True),
        )
        return
    add_form(token, board)


def add_form(token: str, board: Board) -> None:
    if REQUEST not in st.session_state:
        st.session_state[REQUEST] = uuid.uuid4().hex
    request_id = st.session_state[REQUEST]
    # Widget keys carry the request id, so a new request starts with an empty form
    # while a refused one keeps what was typed. So does the form's key: with the old form's key
    # the browser may reuse a slider and show the previous idea's positions in the new form.
    prefix = f"idea_new_{request_id}"
    _load(prefix, Idea(key="", title=""), board.attributes, overwrite=False)
    with st.form(f"idea_add_{request_id}", border=True):
        st.markdown("**Propose an idea**")
        values = _fields(prefix, board.attributes)
        with st.container(horizontal=True):
            submitted = st.form_submit_button("Add idea", type="primary")
            # What was typed stays for the next time the form is opened.
            close = st.form_submit_button("Close")
    if close:
        st.session_state[ADDING] = False
        st.rerun()
    if submitted:
        with context.shown_errors():
            idea = idea_cases.add_idea(context.store(), token, values, request_id=request_id)
            st.session_state[REQUEST] = uuid.uuid4().hex
            st.session_state[ADDING] = True  # open for the next one
            context.flash(f"Added “{md_escape(idea.title)}”.")
            st.rerun()


def start_edit(idea: Idea, attributes: Sequence[Attribute]) -> None:
    st.session_state[EDITING] = idea
    st.session_state.pop(f"idea_edit_{idea.key}_stale", None)
    _load(f"idea_edit_{idea.key}", idea, attributes, overwrite=True)


def is_editing(idea: Idea) -> bool:
    base = st.session_state.get(EDITING)
    return isinstance(base, Idea) and base.key == idea.key


def _stop_edit(prefix: str) -> None:
    st.session_state.pop(EDITING, None)
    st.session_state.pop(f"{prefix}_stale", None)


def edit_form(token: str, board: Board, idea: Idea) -> None:
    base: Idea = st.session_state[EDITING]
    prefix = f"idea_edit_{base.key}"
    _load(prefix, base, board.attributes, overwrite=False)
    stale = st.session_state.get(f"{prefix}_stale")
    with st.form(f"{prefix}_form", border=False):
        values = _fields(prefix, board.attributes)
        with st.container(horizontal=True):
            save = st.form_submit_button("Save", type="primary")
            cancel = st.form_submit_button("Cancel")
        if stale:  # beside the button that was pressed
            edit_conflict.save_refused(stale)
            st.caption(f"Saved now: {md_escape(_summary(base, board.attributes))}")
        errors = st.container()
    if cancel:
        _stop_edit(prefix)
        st.rerun()
    if not save:
        return
    try:
        updated = idea_cases.update_idea(context.store(), token, base, values)
    except StaleEdit as error:
        # The next save starts from their version: the person has now been told what changed.
        st.session_state[EDITING] = error.current
        st.session_state[f"{prefix}_stale"] = error.message
        st.rerun()
    except DomainError as error:
        errors.error(md_escape(error.message), icon="⚠️")
    else:
        _stop_edit(prefix)
        context.flash(f"Saved “{md_escape(updated.title)}”.")
        st.rerun()


def _summary(idea: Idea, attributes: Sequence[Attribute]) -> str:
    parts = [idea.title, place_line(idea), effects_line(idea, attributes) or "moves nothing"]
    return " — ".join(parts)


def ask_removal(idea: Idea) -> None:
    st.session_state[REMOVING] = idea.key


def removal_confirmation(token: str, idea: Idea) -> None:
    """Say what goes with the idea before it is removed for everyone."""
    if st.session_state.get(REMOVING) != idea.key:
        return
    with context.shown_errors():
        impact = idea_cases.idea_removal_impact(context.store(), token, idea.key)
        st.warning(f"Remove “{md_escape(idea.title)}” for everyone? {md_escape(impact)}")
        with st.container(horizontal=True):
            yes = st.button("Yes, remove", key=f"idea_remove_yes_{idea.key}", type="primary")
            keep = st.button("Keep it", key=f"idea_remove_no_{idea.key}")
        if keep:
            st.session_state.pop(REMOVING, None)
            st.rerun()
        if yes:
            st.session_state.pop(REMOVING, None)
            idea_cases.remove_idea(context.store(), token, idea.key)
            context.flash(f"Removed “{md_escape(idea.title)}”.")
            st.rerun()
