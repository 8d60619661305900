"""Per-process services and per-run context: the store, the link token, showing domain errors."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st

from workshop.board import Board, board
from workshop.errors import DomainError
from workshop.storage.database import database_url
from workshop.store import Store, build_store
from workshop.ui.text import md_escape

TOKEN_PARAM = "t"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return build_store(url)


def store() -> Store:
    """One store (engine and connection pool) per server process and database URL."""
    return _store(database_url())


def current_board() -> Board:
    """What this page's link may see of its workshop now, for a region drawn again on its own.

    A link that stopped working since the page was drawn (replaced, its person removed) redraws
    the whole page, which then says so.
    """
    try:
        return board(store(), token())
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
def shown_errors(where: object = None) -> Iterator[None]:
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
