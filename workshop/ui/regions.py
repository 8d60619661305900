"""Regions of a page: parts of it that draw again on their own when a save touches what they show.

A region is an `st.fragment` with a key. The page's live connection (`live_refresh`) hears which
parts of the workshop a save touched and reruns only the regions that show them; a save that
changes the whole page (a step, the lock, the settings) reruns the page. A region reads what it
shows when it runs (`board` is cheap: the workshop is read once per revision per process), never
from the run that first drew it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection

import streamlit as st

from workshop.cases.board import Board
from workshop.domain import parts
from workshop.ui import context

_SHOWN = "_regions"  # region name -> the parts it shows, for the regions on the page now
_RUNS = "_region_runs"
# Browser tests count how often each region ran (a line of text per region, in tests only).
COUNT_RUNS = os.environ.get("WORKSHOP_COUNT_REGION_RUNS") == "1"


def start_page() -> None:
    """A whole page is being drawn: the regions it draws are the ones on it."""
    st.session_state[_SHOWN] = {}


def shown() -> dict[str, tuple[str, ...]]:
    """The regions on this page and the parts each shows."""
    return dict(st.session_state.get(_SHOWN, {}))


def region(name: str, shows: Collection[str], board: Board, draw: Callable[[Board], None]) -> None:
    """Draw `draw(board)` as the region `name`, drawn again alone when a save touches one of `shows`.

    `board` is what the page (or the region around this one) has just read; when the region is
    drawn again alone, it reads the workshop as it is then.
    """
    given = [board]

    def body() -> None:
        st.session_state.setdefault(_SHOWN, {})[name] = tuple(shows)
        if COUNT_RUNS:
            _count(name)
        draw(given.pop() if given else context.current_board())

    body.__qualname__ = f"region[{name}]"
    st.fragment(body, key=name)()


def plain_region(name: str, shows: Collection[str], draw: Callable[[], None]) -> None:
    """A region that shows no part of the workshop itself (it reads nothing from the database)."""

    def body() -> None:
        st.session_state.setdefault(_SHOWN, {})[name] = tuple(shows)
        draw()

    body.__qualname__ = f"region[{name}]"
    st.fragment(body, key=name)()


def to_redraw(touched: Collection[str] | None) -> set[str] | None:
    """The regions on this page to draw again for a save that touched `touched`; None: the page."""
    return parts.regions_to_redraw(touched, shown())


def _count(name: str) -> None:
    runs = st.session_state.setdefault(_RUNS, {})
    runs[name] = runs.get(name, 0) + 1
    with st.container(key=f"lh_runs_{_plain(name)}"):
        st.text(f"{name} ran {runs[name]}")


def _plain(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)
