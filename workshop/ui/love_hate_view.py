"""Step 2: the projector grid of personas x attributes, the heatmap and the distinctness findings."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from charts.personas import heatmap
from personas.distinctness import findings
from personas.model import Attribute, Persona
from personas.scale import STANCE_LABELS
from workshop.cases.board import Board, board
from workshop.cases.persona_cases import StanceChange, set_stances
from workshop.domain import parts
from workshop.domain.errors import StaleEdit
from workshop.ui import chart, context, edit_conflict, layout, one_persona, regions
from workshop.ui.attribute_admin import attribute_admin
from workshop.ui.persona_cards import can_write, shown_errors
from workshop.ui.text import md_escape

GRID = "love_hate_grid"
CONFLICT = "love_hate_conflict"
PERSONA_COLUMN = "_persona"
SCORE_OF = {label: score for score, label in STANCE_LABELS.items()}


@dataclass(frozen=True)
class GridBase:
    """The board the grid was drawn from: a save is checked against these stances."""

    workshop_id: str
    revision: int
    personas: tuple[Persona, ...]
    attributes: tuple[Attribute, ...]
    carried: dict[tuple[str, str], int] = field(default_factory=dict)  # kept over a refused save
    generation: int = 0

    @property
    def editor_key(self) -> str:
        return f"love_hate_editor_{self.revision}_{self.generation}"


def _from(current: Board, generation: int = 0, carried: dict | None = None) -> GridBase:
    w = current.workshop
    return GridBase(w.id, w.revision, current.personas, current.attributes, carried or {}, generation)


def _column(attribute: Attribute) -> str:
    return f"attr_{attribute.key}"


def show(token: str, current: Board) -> None:
    st.subheader("Love & hate")
    st.caption(
        "How each persona feels about each attribute, from hate strongly to love strongly. "
        "Personas that love and hate the same things are one persona."
    )
    regions.region("love_hate", (parts.PERSONAS, parts.ANY_PERSONA), current, lambda b: _love_hate(token, b))
    if current.caller.is_facilitator:
        attribute_admin(token, current)
    elif not current.attributes:
        st.caption("The facilitator has not chosen any attributes yet.")


def _love_hate(token: str, current: Board) -> None:
    if can_write(current) and current.personas and current.attributes:
        # The grid needs a wide screen; a phone sets one persona at a time with the form below.
        with layout.wide_only("love_hate_grid"):
            _grid(token, current)
        one_persona.section(token, current)
    elif not current.personas:
        st.info("Add personas in the Personas step first; their loves and hates are set here.")
    if current.personas and current.attributes:
        chart.show(
            lambda: heatmap(current.personas, current.attributes),
            chart.content_key(
                "heatmap", [(p.key, p.name, p.emoji, p.stances) for p in current.personas], current.attributes
            ),
            width="stretch",
            alt="Heatmap of what each persona loves and hates",
        )
    _findings(current)


def _findings(current: Board) -> None:
    sentences = findings(current.personas, current.attributes)
    if not current.personas:
        return
    if not sentences:
        st.success("Every persona loves and hates something of its own.", icon="✅")
        return
    st.markdown("**What to look at**")
    st.markdown("\n".join(f"- {md_escape(sentence)}" for sentence in sentences))


def _frame(base: GridBase) -> pd.DataFrame:
    rows = []
    for p in base.personas:
        row = {PERSONA_COLUMN: f"{p.emoji} {p.name}".strip()}
        for a in base.attributes:
            score = base.carried.get((p.key, a.key), p.stance(a.key).score)
            row[_column(a)] = STANCE_LABELS[score]
        rows.append(row)
    return pd.DataFrame(rows, columns=[PERSONA_COLUMN, *(_column(a) for a in base.attributes)])


def _changes(base: GridBase, edited: pd.DataFrame) -> list[StanceChange]:
    changes = []
    for row, p in enumerate(base.personas):
        for a in base.attributes:
            score = SCORE_OF.get(str(edited.iloc[row][_column(a)]), 0)
            was = p.stance(a.key)
            if score != was.score:
                changes.append(StanceChange(p.key, a.key, was, score, was.note))
    return changes


def _current_base(current: Board) -> GridBase:
    base: GridBase | None = st.session_state.get(GRID)
    if base is None or base.workshop_id != current.workshop.id:
        base = _from(current)
    elif base.revision != current.workshop.revision:
        edits = st.session_state.get(base.editor_key) or {}
        if not edits.get("edited_rows") and not base.carried:
            # Nothing unsaved here, so the grid follows everyone else's changes.
            base = _from(current, base.generation + 1)
    st.session_state[GRID] = base
    return base


def _grid(token: str, current: Board) -> None:
    base = _current_base(current)
    labels = list(STANCE_LABELS.values())
    config = {
        PERSONA_COLUMN: st.column_config.TextColumn("Persona", disabled=True, pinned=True),
        **{
            _column(a): st.column_config.SelectboxColumn(
                a.name, options=labels, required=True, help=md_escape(a.description) or None
            )
            for a in base.attributes
        },
    }
    edited = st.data_editor(
        _frame(base),
        key=base.editor_key,
        column_config=config,
        hide_index=True,
        num_rows="fixed",
        alt="Grid of personas and attributes; each cell is a stance from hate strongly to love strongly",
    )
    changes = _changes(base, edited)
    if base.revision != current.workshop.revision and changes:
        st.caption("Someone else changed things since this grid was drawn; save or discard to see it.")
    st.caption("To write why, or to set one persona's loves and hates on their own, choose it below.")
    with st.container(horizontal=True):
        if st.button("Save the grid", type="primary", disabled=not changes, key="love_hate_save"):
            _save(token, base, changes)
        if st.button("Discard my changes", disabled=not changes, key="love_hate_discard"):
            st.session_state.pop(GRID, None)
            st.session_state.pop(CONFLICT, None)
            st.rerun()
    conflict = st.session_state.get(CONFLICT)
    if conflict:  # under the button that was pressed, not above a tall grid
        message, lines = conflict
        edit_conflict.save_refused(message, ["\n".join(f"- {md_escape(line)}" for line in lines)])


def _save(token: str, base: GridBase, changes: list[StanceChange]) -> None:
    with shown_errors():
        try:
            saved = set_stances(context.store(), token, changes)
        except StaleEdit as stale:
            _rebase(token, base, changes, stale.message)
            st.rerun()
        st.session_state.pop(GRID, None)
        st.session_state.pop(CONFLICT, None)
        context.flash(f"Saved {saved} stance(s).")
        st.rerun()


def _rebase(token: str, base: GridBase, changes: list[StanceChange], message: str) -> None:
    """Redraw on the newest stances, keeping this person's changes and listing the other person's."""
    fresh = board(context.store(), token)
    now = {p.key: p for p in fresh.personas}
    names = {a.key: a.name for a in fresh.attributes}
    lines = []
    for p in base.personas:
        for a in base.attributes:
            theirs = now[p.key].stance(a.key) if p.key in now else None
            if theirs is not None and a.key in names and theirs != p.stance(a.key):
                lines.append(f"{p.name}, {a.name}: now {STANCE_LABELS[theirs.score]}.")
    mine = {
        # checked scores: whole numbers -2..2
        (c.persona, c.attribute): int(c.score)  # type: ignore[call-overload]
        for c in changes
        if c.persona in now and c.attribute in names
    }
    st.session_state[GRID] = _from(fresh, base.generation + 1, mine)
    st.session_state[CONFLICT] = (message, lines)
