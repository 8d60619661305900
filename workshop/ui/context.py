"""Per-run context for the pages: this process's services and store, the link token, showing domain errors."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workshop.cases.board import Board, board
from workshop.domain.errors import DomainError, Unavailable
from workshop.services import Services, for_this_process
from workshop.store import Store
from workshop.ui.text import md_escape

TOKEN_PARAM = "t"


_SERVICES = "_services"  # what app.py handed this browser's session


def use(services: Services) -> None:
    """Run this session's pages on `services` (app.py hands in the process's own)."""
    st.session_state[_SERVICES] = services


def services() -> Services:
    """The services app.py handed in; a page run on its own (as tests do) gets the process's."""
    handed = st.session_state.get(_SERVICES)
    return handed if handed is not None else for_this_process()


def store() -> Store:
    """The process's one store: its engine, connection pool and cache of workshops."""
    return services().store


_LAST_READ = "_board_last_read"  # (token, board): what this page showed last
STALE = "_board_from_memory"  # the page on screen was drawn from memory: the database was away


def read_board(link: str) -> Board:
    """What the link may see of its workshop now.

    While the database is away (Unavailable), this page's last reading of it is drawn again
    instead, so the page keeps its forms and what people typed in them; `STALE` says so, until
    a reading of the whole page succeeds again. With nothing to show, Unavailable is raised.
    """
    try:
        current = board(store(), link)
    except Unavailable:
        last = st.session_state.get(_LAST_READ)
        if last is None or last[0] != link:
            raise
        st.session_state[STALE] = True
        return last[1]
    st.session_state[_LAST_READ] = (link, current)
    return current


def current_board() -> Board:
    """What this page's link may see of its workshop now, for a region drawn again on its own.

    A link that stopped working since the page was drawn (replaced, its person removed) redraws
    the whole page, which then says so. While the database is away, the region is drawn from
    what the page read last.
    """
    try:
        return read_board(token())
    except DomainError:
        st.rerun()
        raise  # not reached: st.rerun() ends this run


def token() -> str:
    values = st.query_params.get_all(TOKEN_PARAM)
    # A repeated parameter is ambiguous; treat it as no valid link rather than guessing.
    return values[0] if len(values) == 1 else ("" if not values else "\x00invalid")


def set_token(value: str) -> None:
    st.query_params[TOKEN_PARAM] = value


def base_url() -> str:
    url = (st.context.url or "").split("?", 1)[0]
    if url.count("/") == 2:  # "http://host:port" -> "http://host:port/"
        url += "/"
    return url


def link(value: str) -> str:
    return f"{base_url()}?{TOKEN_PARAM}={value}"


@contextlib.contextmanager
def shown_errors(where: DeltaGenerator | None = None) -> Iterator[None]:
    """Show a domain error's message where the action was taken; anything else propagates."""
    try:
        yield
    except DomainError as error:
        # Messages can quote people's names, so they are shown as text too.
        (where or st).error(md_escape(error.message), icon="⚠️")


def flash(message: str) -> None:
    """A confirmation that survives the rerun that follows a successful write."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("_flash", None)
    if message:
        st.toast(message, icon="✅")
