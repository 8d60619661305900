"""The facilitator's list of attributes: add, rename and describe, reorder, and remove with a warning."""

from __future__ import annotations

import streamlit as st

from personas.model import Attribute
from workshop.cases.board import Board
from workshop.cases.persona_cases import (
    add_attribute,
    attribute_impact,
    remove_attribute,
    reorder_attributes,
    update_attribute,
)
from workshop.domain.errors import StaleEdit
from workshop.ui import context
from workshop.ui.persona_cards import shown_errors
from workshop.ui.text import md_escape

ADD_GENERATION = "attr_add_generation"


def attribute_admin(token: str, board: Board) -> None:
    with st.expander("Attributes (facilitator)", expanded=not board.attributes, icon="🧭"):
        st.caption("Every persona is rated on the same attributes, in this order.")
        keys = board.attribute_keys
        for index, attribute in enumerate(board.attributes):
            with st.container(border=True):
                _row(token, keys, index, attribute)
        _add_form(token)


def _move(token: str, keys: list[str], index: int, step: int) -> None:
    order = list(keys)
    order[index], order[index + step] = order[index + step], order[index]
    with shown_errors():
        reorder_attributes(context.store(), token, order)
        st.rerun()


def _row(token: str, keys: list[str], index: int, attribute: Attribute) -> None:
    key = attribute.key
    st.markdown(f"**{md_escape(attribute.name)}**")
    if attribute.description:
        st.caption(md_escape(attribute.description))
    with st.container(horizontal=True):
        if index > 0 and st.button("↑", key=f"attr_up_{key}", help="Move up"):
            _move(token, keys, index, -1)
        if index < len(keys) - 1 and st.button("↓", key=f"attr_down_{key}", help="Move down"):
            _move(token, keys, index, +1)
        if st.button("✏️ Rename or describe", key=f"attr_edit_open_{key}"):
            st.session_state[f"attr_base_{key}"] = attribute
            st.session_state[f"attr_name_{key}"] = attribute.name
            st.session_state[f"attr_desc_{key}"] = attribute.description
        if st.button("🗑️ Remove…", key=f"attr_remove_open_{key}"):
            st.session_state[f"attr_confirm_{key}"] = True
    if st.session_state.get(f"attr_confirm_{key}"):
        _confirm_removal(token, attribute)
    if f"attr_base_{key}" in st.session_state:
        _edit_form(token, attribute)


def _confirm_removal(token: str, attribute: Attribute) -> None:
    key = attribute.key
    with shown_errors():
        impact = attribute_impact(context.store(), token, key)
        st.warning(f"Remove {md_escape(attribute.name)}? {md_escape(impact)}", icon="🗑️")
    with st.container(horizontal=True):
        if st.button("Yes, remove it", key=f"attr_remove_yes_{key}", type="primary"):
            st.session_state.pop(f"attr_confirm_{key}", None)
            with shown_errors():
                remove_attribute(context.store(), token, key)
                context.flash(f"Removed {md_escape(attribute.name)}.")
                st.rerun()
        if st.button("Keep it", key=f"attr_remove_no_{key}"):
            st.session_state.pop(f"attr_confirm_{key}", None)
            st.rerun()


def _edit_form(token: str, attribute: Attribute) -> None:
    key = attribute.key
    base: Attribute = st.session_state[f"attr_base_{key}"]
    with st.form(f"attr_edit_{key}"):
        name = st.text_input("Name", key=f"attr_name_{key}")
        description = st.text_input("Description", key=f"attr_desc_{key}")
        with st.container(horizontal=True):
            save = st.form_submit_button("Save", type="primary")
            close = st.form_submit_button("Close")
        if close:
            st.session_state.pop(f"attr_base_{key}", None)
            st.rerun()
        if save:
            with shown_errors():
                try:
                    update_attribute(context.store(), token, base, name, description)
                except StaleEdit as stale:
                    # Their version becomes the base: saving again is a knowing choice.
                    st.session_state[f"attr_base_{key}"] = stale.current
                    now = stale.current
                    st.info(f"It now reads: {md_escape(now.name)}. {md_escape(now.description)}")
                    raise
                st.session_state.pop(f"attr_base_{key}", None)
                context.flash(f"Saved {md_escape(name)}.")
                st.rerun()


def _add_form(token: str) -> None:
    generation = st.session_state.setdefault(ADD_GENERATION, 0)
    with st.form(f"attr_add_{generation}"):
        st.markdown("**Add an attribute**")
        name = st.text_input("Name", key=f"attr_add_name_{generation}")
        description = st.text_input(
            "Description: what loving or hating it means", key=f"attr_add_desc_{generation}"
        )
        if st.form_submit_button("Add attribute"):
            with shown_errors():
                added = add_attribute(context.store(), token, name, description)
                st.session_state[ADD_GENERATION] = generation + 1
                context.flash(f"Added {md_escape(added.name)}.")
                st.rerun()
