"""What a form says when someone else saved the same thing: while it is open, and when a save is refused."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from workshop.ui.text import md_escape

ICON = "🔀"


def saved_meanwhile(what: str, kept: str = "typed") -> None:
    """Before Save: someone else saved `what` since the form opened; nothing typed is lost."""
    st.info(
        f"Someone else saved {what} while you had it open. What you {kept} stays here; "
        "Save first shows you their change.",
        icon=ICON,
    )


def save_refused(message: str, details: Iterable[str] = ()) -> None:
    """A save refused because someone else saved first, shown where the reader is looking (under
    the button pressed). `message` is plain text; `details` are Markdown the caller made safe."""
    st.warning(md_escape(message), icon=ICON)
    for line in details:
        st.markdown(line)
