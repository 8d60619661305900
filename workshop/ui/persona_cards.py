"""How a persona and the persona set's rules look on screen; every typed text is shown literally."""

from __future__ import annotations

import streamlit as st

from personas.model import Persona
from personas.rules import MAX_PERSONAS, share_total, shares_over_100, shortfall_message
from workshop.cases.board import Board
from workshop.domain.model import Role
from workshop.ui.context import shown_errors  # noqa: F401 - the pages import it from here
from workshop.ui.text import md_escape

# Okabe-Ito colours: told apart by people with the common colour-vision deficiencies.
PALETTE = {
    "": "no colour",
    "#e69f00": "orange",
    "#56b4e9": "sky blue",
    "#009e73": "green",
    "#f0e442": "yellow",
    "#0072b2": "blue",
    "#d55e00": "vermilion",
    "#cc79a7": "pink",
}
# A square of about the colour, shown as text beside its name (no widget, no HTML).
_SQUARES = {
    "#e69f00": "🟧",
    "#56b4e9": "🟦",
    "#009e73": "🟩",
    "#f0e442": "🟨",
    "#0072b2": "🟦",
    "#d55e00": "🟥",
    "#cc79a7": "🟪",
}


def can_write(board: Board) -> bool:
    """Participants and facilitators write; a view-only link only looks."""
    return board.caller.participant_id is not None and board.caller.role is not Role.VIEWER


def paragraphs(text: str) -> str:
    """Multi-line typed text as escaped Markdown lines, so line breaks survive and nothing is markup."""
    return "  \n".join(md_escape(line) for line in text.split("\n") if line.strip())


def title(persona: Persona) -> str:
    """Emoji and name as escaped Markdown."""
    return f"{md_escape(persona.emoji)} {md_escape(persona.name)}".strip()


def rules(board: Board) -> None:
    """The 4-6 rule and the share check, in plain sentences."""
    count = len(board.personas)
    shortfall = shortfall_message(count)
    if shortfall:
        st.warning(shortfall, icon="👥")
    elif count >= MAX_PERSONAS:
        st.info(
            "Six personas is the most a live session can work with, so this set is full. "
            "To add someone new, merge two that are alike or remove one first.",
            icon="✋",
        )
    else:
        st.caption(f"{count} personas: four to six is what the method asks for.")
    if shares_over_100(board.personas):
        st.warning(
            f"The shares add up to {share_total(board.personas):g} %, more than 100 %. "
            "Check the numbers: each customer should count in one persona only.",
            icon="📊",
        )


def card(persona: Persona, *, anonymous: bool) -> None:
    """One persona's text: name, quote, description, share, evidence and who wrote it."""
    st.markdown(f"#### {title(persona)}")
    if persona.quote:
        st.markdown(f"_“{md_escape(persona.quote)}”_")
    if persona.description:
        st.markdown(paragraphs(persona.description))
    facts = []
    if persona.colour in _SQUARES:
        facts.append(f"{_SQUARES[persona.colour]} {PALETTE[persona.colour]}")
    elif persona.colour:
        facts.append(f"colour {persona.colour}")
    if persona.share is not None:
        facts.append(f"{persona.share:g} % of customers")
    if not anonymous and persona.created_by:
        facts.append(f"by {persona.created_by}")
        if persona.updated_by and persona.updated_by != persona.created_by:
            facts.append(f"last changed by {persona.updated_by}")
    if facts:
        st.caption(md_escape(" · ".join(facts)))
    if persona.evidence:
        st.caption(f"Evidence: {paragraphs(persona.evidence)}")
