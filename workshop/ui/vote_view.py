"""The Vote step: dot voting with hidden votes, the facilitator's reveal, and the ranking."""

from __future__ import annotations

import streamlit as st

from charts.map import ranking_chart
from workshop.cases import facilitation, idea_cases
from workshop.cases.board import Board
from workshop.domain import parts
from workshop.domain.fit import label
from workshop.domain.judgement import signed_points
from workshop.domain.model import Idea
from workshop.domain.promise import promise_word
from workshop.domain.voting import RANKING_ORDERS, RankedIdea, order_ranking, ranking, votes_left, why_no_vote
from workshop.ui import chart, context, regions
from workshop.ui.idea_text import can_write, effects_line, place_line
from workshop.ui.text import md_escape

# The results show the promise median too: judgements (ratings) and the promise itself.
RESULTS_SHOW = (
    parts.VOTES,
    parts.IDEAS,
    parts.ANY_IDEA,
    parts.PERSONAS,
    parts.ANY_PERSONA,
    parts.RATINGS,
    parts.PROMISE,
)


def show(token: str, board: Board) -> None:
    st.subheader("Vote")
    if not board.ideas:
        st.info("There are no ideas to vote on yet.")
        return
    if board.caller.is_facilitator:
        regions.region("vote_status", (parts.VOTES, parts.PEOPLE), board, lambda b: _facilitator(token, b))
    if can_write(board):
        # Only this reader's own votes change the ballot, and those are saved from this page.
        regions.region("ballot", (parts.IDEAS, parts.ANY_IDEA), board, lambda b: _ballot(token, b))
    if board.votes_visible:
        regions.region("results", RESULTS_SHOW, board, results)
    elif not board.caller.is_facilitator:
        st.info("Votes stay hidden until the facilitator reveals the results. You see only your own.")


def _facilitator(token: str, board: Board) -> None:
    """Who still has votes to place — counts per person only, never where anyone's votes went."""
    s = board.workshop.settings
    with st.container(border=True):
        people = [p for p in board.participants if not p.removed and not p.is_facilitator]
        waiting = [p.name for p in people if board.votes_spent.get(p.name, 0) < s.votes_per_participant]
        if not people:
            st.caption("Nobody has joined yet.")
        elif waiting:
            st.markdown(f"**Not voted yet ({len(waiting)} of {len(people)})**")
            st.markdown(", ".join(md_escape(name) for name in waiting))
        else:
            st.markdown(f"**Everyone has placed all their votes ({len(people)} people).**")
        if board.votes_visible:
            if s.hide_votes_until_revealed:
                st.caption("Results are revealed to everyone.")
            return
        st.caption("Votes are hidden from everyone, you included, until you reveal them.")
        if st.button("Reveal results", type="primary", key="reveal_votes", width="stretch"):
            with context.shown_errors():
                facilitation.update_settings(context.store(), token, votes_revealed=True)
                context.flash("Results revealed to everyone.")
                st.rerun()


def _ballot(token: str, board: Board) -> None:
    s = board.workshop.settings
    open_now = board.workshop.phase == "vote"
    left = votes_left(s, board.my_votes)
    total = s.votes_per_participant
    st.markdown(f"**You have {left} of {total} vote{'s' if total != 1 else ''} left.**")
    rule = (
        "You may put several votes on one idea." if s.several_votes_per_idea else "One vote per idea at most."
    )
    st.caption(rule if open_now else "Voting opens when the facilitator moves the room to the Vote step.")
    if open_now and left == 0:
        st.info("All your votes are placed. To vote for another idea, take one back with −1.", icon="🗳️")
    for idea in board.ideas:
        _ballot_line(token, board, idea, open_now)


def _ballot_line(token: str, board: Board, idea: Idea, open_now: bool) -> None:
    mine = board.my_votes.get(idea.key, 0)
    # Said before the click, not refused after it: the button is off and its help says why.
    no_vote = why_no_vote(board.workshop.settings, board.my_votes, idea.key) if open_now else None
    with st.container(border=True):
        st.markdown(f"**{md_escape(idea.title)}**")
        effects = effects_line(idea, board.attributes)
        st.caption(md_escape(place_line(idea) + (f" · {effects}" if effects else "")))
        where = st.container()
        with st.container(horizontal=True, vertical_alignment="center"):
            plus = st.button(
                "+1",
                key=f"vote_plus_{idea.key}",
                disabled=not open_now or no_vote is not None,
                help=no_vote or "Spend a vote here",
            )
            minus = st.button(
                "−1",
                key=f"vote_minus_{idea.key}",
                disabled=not open_now or mine == 0,
                help="Take a vote back",
            )
            st.markdown(f"Your votes: **{mine}**" + (" ●" * mine))
            if no_vote and mine and not board.workshop.settings.several_votes_per_idea:
                st.caption("one vote per idea")
        if plus:
            with context.shown_errors(where):
                left = idea_cases.cast_vote(context.store(), token, idea.key)
                context.flash(f"Vote placed. {left} left.")
                st.rerun()
        if minus:
            with context.shown_errors(where):
                idea_cases.take_back_vote(context.store(), token, idea.key)
                context.flash("Vote taken back.")
                st.rerun()


def ranked(board: Board) -> list[RankedIdea]:
    return ranking(board.ideas, board.votes, board.personas, board.attribute_keys, board.promise_ratings)


def results(board: Board) -> None:
    st.markdown("#### Results")
    rows = ranked(board)
    if board.caller.is_facilitator and board.workshop.promise:
        # The facilitator's own view: the room may want to see the ideas closest to the promise first.
        order = st.segmented_control(
            "Order the results by",
            list(RANKING_ORDERS),
            format_func=RANKING_ORDERS.__getitem__,
            default="votes",
            required=True,
            key="ranking_order",
        )
        rows = order_ranking(rows, order or "votes")
    else:
        order = "votes"
    table = []
    for r in rows:
        row: dict[str, object] = {
            "Rank": r.rank,
            "Idea": r.idea.title,
            "Votes": r.votes,
            "Mean fit": f"{r.mean_fit * 2:+.1f} ({label(r.mean_fit)})",
            "Reach": f"{r.reach:.0f}% of customers",
        }
        if board.workshop.promise:
            row["Promise"] = promise_cell(r.promise)
        table.append(row)
    st.dataframe(table, hide_index=True, width="stretch")
    chart.show(
        lambda: ranking_chart(rows),
        chart.board_key(board, "ranking", order),
        width="stretch",
        alt="Ideas ranked by votes"
        if order == "votes"
        else "Ideas by their promise median, with their votes",
    )
    st.caption("Mean fit is the arithmetic over all personas on the −2..+2 scale; reach adds up the shares "
               "of the personas the idea helps or delights."
               + (" Promise is the team's median judgement against the promise, −2..+2."
                  if board.workshop.promise else ""))  # fmt: skip


def promise_cell(median: float | None) -> str:
    """+1.5 (embodies it), or a dash where nobody judged the idea against the promise."""
    return "—" if median is None else f"{signed_points(median)} ({promise_word(median)})"
