"""How an idea reads on screen: where it lands, what it moves, who wrote it, who may change it."""

from __future__ import annotations

from collections.abc import Sequence

from personas.model import Attribute
from personas.scale import EFFECT_LABELS
from workshop.cases.board import Board
from workshop.domain.map import signed
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, Role

EFFECT_OPTIONS = tuple(EFFECT_LABELS)  # -2 .. 2


def can_write(board: Board) -> bool:
    """Joined participants and the facilitator write; view-only links only look."""
    return board.caller.can(Role.PARTICIPANT) and board.caller.participant_id is not None


def effect_option(value: int) -> str:
    return f"{signed(value)} {EFFECT_LABELS[value]}"


def effects_line(idea: Idea, attributes: Sequence[Attribute]) -> str:
    """'Speed +2 · Human contact −2' in workshop order; attributes removed since are left out."""
    parts = [f"{a.name} {signed(idea.effects[a.key])}" for a in attributes if idea.effects.get(a.key)]
    return " · ".join(parts)


def place_line(idea: Idea) -> str:
    return f"{RANGES.get(idea.range, idea.range)} · {TOUCH_MOMENTS.get(idea.touch, idea.touch)}"


def shown_author(board: Board, idea: Idea) -> str:
    """The author to print, or "" in an anonymous step.

    The board already blanks authors for participants; the facilitator's screen is often
    the one on the projector, so it does not print them either.
    """
    return "" if board.workshop.settings.anonymous else idea.author


def may_remove(board: Board, idea: Idea) -> bool:
    """Offer removal to the facilitator and the author; the use case has the last word."""
    if not can_write(board):
        return False
    if board.caller.is_facilitator or board.workshop.settings.anonymous:
        return True  # with authors hidden we cannot tell; the use case refuses others politely
    return bool(idea.author) and idea.author == board.caller.name
