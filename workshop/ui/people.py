"""Everyone's view of who is here now and who has contributed what."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from workshop.cases.board import Board
from workshop.domain import parts
from workshop.domain.model import PromiseRating, Rating
from workshop.domain.presence import people
from workshop.ui import regions
from workshop.ui.text import md_escape

SHOWS = (parts.PEOPLE, parts.PERSONAS, parts.IDEAS, parts.RATINGS)  # who is here and what they added


def show(board: Board) -> None:
    regions.region("people", SHOWS, board, _people)


def _people(board: Board) -> None:
    judged: tuple[Rating | PromiseRating, ...] = (*board.ratings, *board.promise_ratings)
    found = people(
        board.participants,
        board.personas,
        board.ideas,
        judged,
        datetime.now(UTC),
        reader=board.caller.participant_id,
    )
    here = sum(p.here for p in found)
    with st.expander(f"Who's here ({here} of {len(found)})"):
        anonymous = board.workshop.settings.anonymous and not board.caller.is_facilitator
        for p in found:
            dot = "🟢" if p.here else "⚪"
            role = " · facilitator" if p.is_facilitator else ""
            line = f"{dot} {md_escape(p.name)}{role}"
            if not anonymous and (p.personas or p.ideas or p.ratings):
                line += f"  \n:gray[{p.personas} persona(s), {p.ideas} idea(s), {p.ratings} judgement(s)]"
            st.markdown(line)
