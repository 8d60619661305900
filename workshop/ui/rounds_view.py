"""Rounds: the facilitator marks one; anyone sees what changed since a round and takes a round home."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from exports.take_home import file_stem
from exports.workbook import to_xlsx
from exports.workshop_file import from_json, to_json
from workshop.cases.board import Board
from workshop.cases.rounds import RoundInfo, list_rounds, mark_round, round_snapshot
from workshop.cases.transfer import snapshot
from workshop.domain.changes import changes_since
from workshop.domain.model import WorkshopSnapshot
from workshop.ui import context
from workshop.ui.text import md_escape


def show(token: str, board: Board, *, key: str = "rounds") -> None:
    """`key` keeps widgets apart when the view appears twice on one page (sidebar and step)."""
    st.markdown("#### Rounds")
    if board.caller.is_facilitator:
        _mark(token, key)
    with context.shown_errors():
        rounds = list_rounds(context.store(), token)
        if not rounds:
            st.caption("No rounds yet. A round keeps the whole workshop as it is now, to compare with later.")
            return
        newest_first = list(reversed(rounds))
        by_id = {r.id: r for r in newest_first}
        chosen = st.selectbox(
            f"Rounds marked: {len(rounds)}. What changed since",
            list(by_id),
            format_func=lambda rid: _describe(by_id[rid]),
            key=f"{key}_pick",
        )
        if chosen:
            _since(token, board, by_id[chosen], key)


def _describe(info: RoundInfo) -> str:
    # Selectbox options are shown as plain text, so the label needs no escaping here.
    return f"{info.label} · {_when(info.created_at)}"


def _when(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%d %b %H:%M UTC")


def _mark(token: str, key: str) -> None:
    # A fresh widget key after each round empties the field without touching a live widget's state.
    generation = st.session_state.get(f"_{key}_generation", 0)
    with st.form(f"{key}_mark", border=False):
        label = st.text_input("Round name", placeholder="after lunch", key=f"{key}_name_{generation}")
        if st.form_submit_button("Mark a round"):
            with context.shown_errors():
                info = mark_round(context.store(), token, label, encode=to_json)
                st.session_state[f"_{key}_generation"] = generation + 1
                st.session_state[f"{key}_pick"] = info.id
                context.flash(f"Round “{info.label}” marked.")
                st.rerun()


def _since(token: str, board: Board, info: RoundInfo, key: str) -> None:
    store = context.store()
    kept = round_snapshot(store, token, info.id, decode=from_json)
    changes = changes_since(kept, snapshot(store, token))
    if changes:
        st.markdown("\n".join(f"- {md_escape(sentence)}" for sentence in changes))
    else:
        st.caption("Nothing has changed since this round.")
    json_bytes, xlsx_bytes = _files(board, info, kept, key)
    stem = file_stem(board.workshop.title, info.label)
    # Side by side where there is room, one under the other in the narrow sidebar: two columns
    # there would cut both labels down to "Round as…".
    files = st.container(horizontal=True)
    files.download_button(
        "Round as workshop file",
        json_bytes,
        file_name=f"{stem}.json",
        mime="application/json",
        on_click="ignore",
        key=f"{key}_json",
    )
    files.download_button(
        "Round as workbook",
        xlsx_bytes,
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key=f"{key}_xlsx",
    )


def _files(board: Board, info: RoundInfo, kept: WorkshopSnapshot, key: str) -> tuple[bytes, bytes]:
    """Built once per round and secrecy setting: a round never changes, so live reruns reuse the bytes."""
    wanted = (info.id, board.caller.role, board.workshop.settings)
    cached = st.session_state.get(f"_{key}_files")
    if cached and cached[0] == wanted:
        return cached[1], cached[2]
    with st.spinner("Preparing the round's files…"):
        files = (to_json(kept, exported_at=info.created_at), to_xlsx(kept, exported_at=info.created_at))
    st.session_state[f"_{key}_files"] = (wanted, *files)
    return files
