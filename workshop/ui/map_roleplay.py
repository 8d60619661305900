"""Role-play on the Map step: seats at personas, answers given as a persona, and the three-way comparison."""

from __future__ import annotations

import streamlit as st

from workshop.cases import seats
from workshop.cases.board import Board
from workshop.domain import judgement
from workshop.domain.model import Rating
from workshop.ui import context
from workshop.ui.idea_text import can_write
from workshop.ui.labels import label
from workshop.ui.map_judgement import persona_label, save_scores, scores_form
from workshop.ui.text import md_escape

NO_SEAT = ""
MOST = 3  # how many of the largest gaps are said out loud


def seat_section(token: str, board: Board) -> None:
    st.markdown("#### Role-play a persona")
    names = {p.key: persona_label(p) for p in board.personas}
    _who_plays_whom(board, names)
    if can_write(board) and board.me is not None:
        _my_seat(token, board, names)
    if board.caller.is_facilitator:
        _assign(token, board, names)


def _who_plays_whom(board: Board, names: dict[str, str]) -> None:
    seated = [(p.name, names[p.seat]) for p in board.participants if p.seat in names and not p.removed]
    if seated:
        st.markdown("\n".join(f"- {md_escape(who)} plays {md_escape(persona)}" for who, persona in seated))
    voiceless = [
        n for k, n in names.items() if k not in {p.seat for p in board.participants if not p.removed}
    ]
    if voiceless:
        st.caption(f"No one speaks for {md_escape(', '.join(voiceless))} yet.")


def _my_seat(token: str, board: Board, names: dict[str, str]) -> None:
    me = board.me
    assert me is not None
    options = [NO_SEAT, *names]
    current = me.seat if me.seat in names else NO_SEAT
    pick = st.selectbox(
        "Your seat",
        options,
        index=options.index(current),
        format_func=lambda k: names.get(k, "No seat: I speak for myself"),
        key=f"my_seat_{current or 'none'}",  # a seat assigned elsewhere starts the choice afresh
    )
    if pick != current and st.button("Take this seat" if pick else "Leave my seat", key="my_seat_go"):
        with context.shown_errors():
            seats.take_seat(context.store(), token, pick or None)
            context.flash(f"You now play {md_escape(names[pick])}." if pick else "You left your seat.")
            st.rerun()
    if current == NO_SEAT:
        return
    st.markdown(f"**Answer as {md_escape(names[current])}**: how would you take each idea?")
    mine = {i.key: board.my_ratings.get((i.key, current, True)) for i in board.ideas}
    rows = [(i.key, i.title) for i in board.ideas]
    chosen = scores_form(f"as_{current}", rows, mine, "Save my answers as this persona")
    if chosen is not None:
        changes = [(k, current, v) for k, v in chosen.items() if v != mine[k]]
        save_scores(token, changes, as_persona=True)


def _assign(token: str, board: Board, names: dict[str, str]) -> None:
    people = [p for p in board.participants if not p.removed and not p.is_facilitator]
    if not people:
        return
    with st.expander("Assign seats so every persona has a voice"), st.form("assign_seats"):
        options = [NO_SEAT, *names]
        picks = {}
        for p in people:
            name, shown = label(p.name)
            picks[p.id] = st.selectbox(
                name,
                options,
                label_visibility=shown,
                index=options.index(p.seat if p.seat in names else NO_SEAT),
                format_func=lambda k: names.get(k, "No seat"),
                key=f"seat_of_{p.id}",
            )
        if st.form_submit_button("Save seats", width="stretch"):
            with context.shown_errors():
                for p in people:
                    if picks[p.id] != (p.seat if p.seat in names else NO_SEAT):
                        seats.assign_seat(context.store(), token, p.id, picks[p.id] or None)
                context.flash("Seats saved.")
                st.rerun()


def comparison(board: Board) -> None:
    """Arithmetic, team and role-play side by side for every cell someone has rated."""
    by_cell: dict[tuple[str, str], list[Rating]] = {}
    for rating in board.ratings:
        by_cell.setdefault((rating.idea, rating.persona), []).append(rating)
    if not any(r.as_persona for r in board.ratings):
        return
    st.markdown("#### Arithmetic, team and role-play side by side")
    keys = board.attribute_keys
    rows = []
    for idea in board.ideas:
        for persona in board.personas:
            cell = by_cell.get((idea.key, persona.key))
            if not cell:
                continue
            c = judgement.compare(idea, persona, keys, cell)
            rows.append((c, idea.title, persona_label(persona)))
    rows.sort(key=lambda r: -r[0].largest_gap)
    most = [c for c, _, _ in rows[:MOST] if c.largest_gap > 0]
    if most:
        st.markdown("**Where they disagree most**")
        st.markdown("\n".join(f"- {md_escape(c.sentence)}" for c in most))
    st.dataframe(
        [
            {
                "Idea": title,
                "Persona": persona,
                "Arithmetic": _points(c.computed),
                "Team": _points(c.team),
                "Role-play": _points(c.roleplay),
                "Largest gap": _points(c.largest_gap).removeprefix("+"),
            }
            for c, title, persona in rows
        ],
        hide_index=True,
        width="stretch",
    )


def _points(value: float | None) -> str:
    """As the sentences above write scores; a dash where nobody answered."""
    return "—" if value is None else judgement.signed_points(value)
