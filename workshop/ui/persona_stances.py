"""One persona's loves and hates as a phone-sized form: a five-step slider and a note per attribute."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from personas.model import Attribute, Persona, Stance
from personas.scale import SCORES, stance_label
from workshop.cases.board import Board, board
from workshop.cases.persona_cases import StanceChange, set_stances
from workshop.domain.errors import StaleEdit
from workshop.ui import context, edit_conflict
from workshop.ui.labels import hidden_label, label
from workshop.ui.persona_cards import shown_errors, title
from workshop.ui.text import md_escape


def _keys(persona_key: str) -> tuple[str, str]:
    return f"pst_base_{persona_key}", f"pst_conflict_{persona_key}"


def _merge_key(persona_key: str) -> str:
    return f"pst_merge_{persona_key}"


def _score_key(persona_key: str, attribute_key: str) -> str:
    return f"pst_{persona_key}_{attribute_key}"


def _note_key(persona_key: str, attribute_key: str) -> str:
    return f"pnote_{persona_key}_{attribute_key}"


def _seed(persona_key: str, attribute_key: str, stance: Stance) -> None:
    st.session_state[_score_key(persona_key, attribute_key)] = stance.score
    st.session_state[_note_key(persona_key, attribute_key)] = stance.note


def _typed(persona_key: str, attribute_key: str) -> Stance:
    score = st.session_state.get(_score_key(persona_key, attribute_key), 0)
    note = st.session_state.get(_note_key(persona_key, attribute_key), "")
    return Stance(score, note)


def open_stances(persona: Persona, attributes: tuple[Attribute, ...]) -> None:
    """Open the form on the stances as shown now; a save is checked against them."""
    base_key, conflict_key = _keys(persona.key)
    st.session_state[base_key] = {a.key: persona.stance(a.key) for a in attributes}
    st.session_state.pop(conflict_key, None)
    for a in attributes:
        _seed(persona.key, a.key, persona.stance(a.key))


def close_stances(persona_key: str, attributes: tuple[Attribute, ...]) -> None:
    for key in (*_keys(persona_key), _merge_key(persona_key)):
        st.session_state.pop(key, None)
    for a in attributes:
        st.session_state.pop(_score_key(persona_key, a.key), None)
        st.session_state.pop(_note_key(persona_key, a.key), None)


def is_open(persona_key: str) -> bool:
    return _keys(persona_key)[0] in st.session_state


def stance_form(
    token: str, current: Board, persona: Persona, on_close: Callable[[], None] | None = None
) -> None:
    """The open form for `persona` (see `open_stances`); `on_close` runs when Close is pressed."""
    base_key, conflict_key = _keys(persona.key)
    base: dict[str, Stance] | None = st.session_state.get(base_key)
    if base is None:
        return
    attributes = current.attributes
    for a in attributes:
        if a.key not in base:  # added by the facilitator while the form was open
            base[a.key] = persona.stance(a.key)
            _seed(persona.key, a.key, base[a.key])
    # The form never follows someone else's save by itself: slider moves and notes reach the
    # server only on Save, so redrawing the fields would silently undo what is being set.
    for attribute_key, stance in st.session_state.pop(_merge_key(persona.key), {}).items():
        _seed(persona.key, attribute_key, stance)  # before the fields are drawn
    moved = any(persona.stance(a.key) != base[a.key] for a in attributes)
    with st.form(f"persona_stances_{persona.key}"):
        st.markdown(f"**What {title(persona)} loves and hates**")
        conflict = st.session_state.get(conflict_key)
        if moved and not conflict:
            edit_conflict.saved_meanwhile("loves and hates for this persona", kept="set")
        if not attributes:
            st.caption("There are no attributes yet; the facilitator adds them in Love & hate.")
        for a in attributes:
            name, shown = label(a.name)
            st.select_slider(
                name,
                label_visibility=shown,
                options=list(SCORES),
                format_func=stance_label,
                key=_score_key(persona.key, a.key),
                help=md_escape(a.description) if a.description else None,
                persist_state="session",
            )
            st.text_input(
                hidden_label(f"Why, for {a.name}"),
                key=_note_key(persona.key, a.key),
                placeholder="Why? (optional)",
                label_visibility="collapsed",
                persist_state="session",
            )
        with st.container(horizontal=True):
            save = st.form_submit_button("Save love & hate", type="primary")
            close = st.form_submit_button("Close")
        if conflict:  # beside the button that was pressed, at the end of a long form
            message, changes = conflict
            edit_conflict.save_refused(message, (md_escape(line) for line in changes))
        errors = st.container()  # a refused save says so here, under the button
    if close:
        close_stances(persona.key, attributes)
        if on_close:
            on_close()
        st.rerun()
    if save:
        _save(token, persona, attributes, base, errors)


def _save(
    token: str,
    persona: Persona,
    attributes: tuple[Attribute, ...],
    base: dict[str, Stance],
    where: DeltaGenerator,
) -> None:
    changes = []
    for a in attributes:
        typed = _typed(persona.key, a.key)
        if (typed.score, typed.note.strip()) != (base[a.key].score, base[a.key].note):
            changes.append(StanceChange(persona.key, a.key, base[a.key], typed.score, typed.note))
    if not changes:
        where.info("Nothing changed.")
        return
    with shown_errors(where):
        try:
            set_stances(context.store(), token, changes)
        except StaleEdit as stale:
            _keep_after_conflict(token, persona, attributes, base, stale.message)
            st.rerun()
        close_stances(persona.key, attributes)
        context.flash(f"Saved what {md_escape(persona.name)} loves and hates.")
        st.rerun()


def _keep_after_conflict(
    token: str, persona: Persona, attributes: tuple[Attribute, ...], base: dict[str, Stance], message: str
) -> None:
    """Show which stances someone else changed; the next save is made knowingly over them."""
    fresh = next((p for p in board(context.store(), token).personas if p.key == persona.key), persona)
    lines = []
    merge = {}
    for a in attributes:
        now = fresh.stance(a.key)
        if now != base[a.key]:
            why = f" ({now.note})" if now.note else ""
            lines.append(f"{a.name} is now {stance_label(now.score)}{why}.")
            if _typed(persona.key, a.key) == base[a.key]:
                merge[a.key] = now  # left alone here, so the form takes their stance
            base[a.key] = now
    st.session_state[_keys(persona.key)[1]] = (message, lines)
    st.session_state[_merge_key(persona.key)] = merge
