"""The Wrap-up step: the chosen ideas and what they do for each persona, then what to take home."""

from __future__ import annotations

import importlib

import streamlit as st

from workshop import parts
from workshop.board import Board
from workshop.fit import fit, label
from workshop.map import sort_ideas
from workshop.ui import regions
from workshop.ui.map_judgement import persona_label
from workshop.ui.text import md_escape
from workshop.voting import ranking


def show(token: str, board: Board) -> None:
    st.subheader("Wrap-up")
    regions.region("wrap_up", parts.CONTENT, board, lambda b: _wrap_up(token, b))


def _wrap_up(token: str, board: Board) -> None:
    if board.workshop.promise:
        st.markdown(f"Check the chosen ideas against the promise: *{md_escape(board.workshop.promise)}*")
    _chosen(board)
    st.markdown("#### Take it home")
    _downloads(token, board)
    _rounds(token, board)


def _chosen(board: Board) -> None:
    if not board.ideas:
        st.info("No ideas were proposed in this workshop.")
        return
    keys = board.attribute_keys
    if board.votes_visible:
        ranked = [r for r in ranking(board.ideas, board.votes, board.personas, keys) if r.votes > 0]
        ideas = [r.idea for r in ranked] or list(board.ideas)
        votes = {r.idea.key: r.votes for r in ranked}
        st.markdown("#### The chosen ideas" if ranked else "#### The ideas (nobody has voted yet)")
    else:
        ideas = sort_ideas(board.ideas, "fit", personas=board.personas, attributes=board.attributes)
        votes = {}
        st.markdown("#### The ideas, best overall fit first")
        st.caption("The vote results appear here once the facilitator reveals them.")
    if not board.personas:
        st.markdown("\n".join(f"- {md_escape(i.title)}" for i in ideas))
        return
    names: list[str] = []
    for p in board.personas:  # two personas may share a name; table columns may not
        name = persona_label(p)
        names.append(name if name not in names else f"{name} ({len(names) + 1})")
    table = []
    for position, idea in enumerate(ideas, start=1):
        row: dict[str, object] = {"#": position, "Idea": idea.title}
        if board.votes_visible:
            row["Votes"] = votes.get(idea.key, 0)
        for name, persona in zip(names, board.personas, strict=True):
            row[name] = label(fit(idea, persona, keys))
        table.append(row)
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption("For each persona: delights, helps, neutral, annoys or alienates, from their loves and hates.")


def _downloads(token: str, board: Board) -> None:
    try:
        downloads = importlib.import_module("workshop.ui.downloads")
    except ModuleNotFoundError as error:
        if error.name != "workshop.ui.downloads":
            raise  # a missing dependency inside the module is a real fault, not "not written yet"
        st.caption("Downloads of the persona sheets and the workshop file will appear here.")
        return
    downloads.show(token, board)


def _rounds(token: str, board: Board) -> None:
    from workshop.ui import rounds_view

    rounds_view.show(token, board, key="wrap_up_rounds")
