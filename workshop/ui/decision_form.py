"""The facilitator marks the decision on Wrap-up: which ideas go forward, each one's next step and owner.

Both forms follow the room while nothing typed is at stake, and never silently overwrite a
co-facilitator's change: a save from a stale view is refused, said, and the typed choice stays.
"""

from __future__ import annotations

import streamlit as st

from personas.text import LINE_MAX, NAME_MAX
from workshop.cases import decision_cases
from workshop.cases.board import Board
from workshop.domain.decision import chosen_entries
from workshop.domain.errors import DomainError, StaleEdit
from workshop.domain.model import ChosenIdea
from workshop.domain.voting import totals
from workshop.ui import context, edit_conflict
from workshop.ui.text import md_escape

PICKED = "decision_picked"  # the multiselect's value
# Kept per workshop, since one browser tab may open another workshop's link:
BASE = "decision_base"  # workshop id -> (version, idea keys) the choice on screen started from
STALE = "decision_stale"  # workshop id -> the message of a refused save
STEP_BASE = "decision_step_base"  # (workshop id, idea key) -> the ChosenIdea its next-step form started from


def _kept(name: str) -> dict:
    return st.session_state.setdefault(name, {})


def show(token: str, board: Board) -> None:
    with st.container(border=True):
        st.markdown("**Mark the decision**")
        _choose(token, board)
        if board.decision.marked:
            for entry in board.decision.chosen:
                _next_step(token, board, entry)


def _room_choice(board: Board) -> tuple[int, tuple[str, ...]]:
    entries = chosen_entries(board.decision, board.ideas, board.votes, board.personas, board.attribute_keys)
    return board.decision.version, tuple(e.idea for e in entries)


def _choose(token: str, board: Board) -> None:
    titles = {i.key: i.title for i in board.ideas}
    room = _room_choice(board)
    wid = board.workshop.id
    base = _kept(BASE).get(wid)
    untouched = base is not None and tuple(st.session_state.get(PICKED, ())) == base[1]
    if base is None or (base != room and untouched and wid not in _kept(STALE)):
        # Nothing unsaved is at stake: the choice on screen follows the room's.
        _kept(BASE)[wid] = base = room
        st.session_state[PICKED] = list(room[1])
    # An idea removed meanwhile cannot stay picked: the widget only takes ideas that exist.
    st.session_state[PICKED] = [k for k in st.session_state.get(PICKED, []) if k in titles]
    votes = totals(board.votes)

    def named(key: str) -> str:
        count = votes.get(key)
        return f"{titles[key]} ({count} vote{'s' if count != 1 else ''})" if count else titles[key]

    stale = _kept(STALE).get(wid)
    if stale:
        edit_conflict.save_refused(stale)
    picked = st.multiselect(
        "Ideas the room takes forward",
        list(titles),
        format_func=named,
        key=PICKED,
        placeholder="Choose the ideas",
        help="Starts from the top-voted ideas; add or take away any. The order is the order of importance.",
    )
    if not board.decision.marked:
        st.caption(
            "Not marked yet: this starts from the top-voted ideas. Save to make it the room's decision."
            if room[1]
            else "Not marked yet. Once votes are revealed, the top-voted ideas are proposed here."
        )
    elif tuple(picked) != base[1]:
        st.caption("Not saved yet.")
    if st.button("Save the decision", type="primary", key="decision_save", width="stretch"):
        _save_choice(token, wid, base[0], picked)


def _save_choice(token: str, wid: str, version: int, picked: list[str]) -> None:
    try:
        saved = decision_cases.choose_ideas(context.store(), token, version, picked)
    except StaleEdit as stale:
        # The next save goes knowingly over their choice; what was picked here stays picked.
        _kept(BASE)[wid] = (stale.current.version, stale.current.idea_keys)
        _kept(STALE)[wid] = stale.message
        st.rerun()
    except DomainError as error:
        st.error(md_escape(error.message), icon="⚠️")
        return
    _kept(STALE).pop(wid, None)
    _kept(BASE)[wid] = (saved.version, saved.idea_keys)
    context.flash(f"Decision saved: {len(saved.chosen)} idea(s) go forward.")
    st.rerun()


def _next_step(token: str, board: Board, entry: ChosenIdea) -> None:
    titles = {i.key: i.title for i in board.ideas}
    if entry.idea not in titles:
        return
    prefix = f"next_{entry.idea}"
    here = (board.workshop.id, entry.idea)
    bases: dict[tuple[str, str], ChosenIdea] = _kept(STEP_BASE)
    base = bases.get(here)
    conflict = st.session_state.get(f"{prefix}_stale")
    untouched = base is not None and (
        st.session_state.get(f"{prefix}_step"),
        st.session_state.get(f"{prefix}_owner"),
    ) == (base.next_step, base.owner)
    reload = st.session_state.pop(f"{prefix}_saved", False)  # show the text as saved (cleaned)
    if reload or base is None or (base.version != entry.version and untouched and not conflict):
        bases[here] = base = entry
        st.session_state[f"{prefix}_step"] = entry.next_step
        st.session_state[f"{prefix}_owner"] = entry.owner
    with st.form(f"{prefix}_form"):
        st.markdown(f"**{md_escape(titles[entry.idea])}**")
        if conflict:
            edit_conflict.save_refused(conflict)
            st.caption(f"Saved now: {md_escape(_said(entry))}")
        # Side by side on a laptop, one under the other on a phone.
        wide, narrow = st.columns([3, 1])
        step = wide.text_input(
            "Next step",
            key=f"{prefix}_step",
            max_chars=LINE_MAX,
            placeholder="Pilot it on two routes in March",
        )
        owner = narrow.text_input(
            "Owner", key=f"{prefix}_owner", max_chars=NAME_MAX, placeholder="Who sees to it"
        )
        submitted = st.form_submit_button("Save next step")
    if submitted:
        _save_step(token, here, base, step, owner, prefix)


def _said(entry: ChosenIdea) -> str:
    return f"{entry.next_step or '(no next step)'} — {entry.owner or '(no owner)'}"


def _save_step(
    token: str, here: tuple[str, str], base: ChosenIdea, step: str, owner: str, prefix: str
) -> None:
    try:
        decision_cases.set_next_step(context.store(), token, base, step, owner)
    except StaleEdit as stale:
        _kept(STEP_BASE)[here] = stale.current
        st.session_state[f"{prefix}_stale"] = stale.message
        st.rerun()
    except DomainError as error:
        st.error(md_escape(error.message), icon="⚠️")
        return
    st.session_state.pop(f"{prefix}_stale", None)
    st.session_state[f"{prefix}_saved"] = True
    context.flash("Next step saved.")
    st.rerun()
