"""What a page says while the database is away: saving is paused, what was typed stays, it resumes by itself."""

from __future__ import annotations

import streamlit as st

from workshop.domain import parts
from workshop.ui import context, regions
from workshop.ui.live_refresh import saving_paused_heard

_SHOWN = "_saving_paused_shown"
REGION = "saving"
_BOX = "saving_paused"
# Pinned to the top of the window, over the page: whoever is scrolled down to a form sees it too.
# A style-only component outside the shadow DOM, mounted inside the banner while it shows.
_pin = st.components.v2.component(
    "workshop_saving_pinned",
    css=f"""
.st-key-{_BOX} {{
  position: fixed; top: 0.75rem; left: 50%; transform: translateX(-50%); z-index: 1000002;
  width: min(44rem, calc(100vw - 1.5rem)); background: #fff; border-radius: 0.5rem;
  box-shadow: 0 4px 18px rgba(0, 0, 0, 0.18);
}}
""",
    isolate_styles=False,
)

PAUSED = (
    "**Saving is paused.** The workshop's database cannot be reached right now. Keep working: "
    "what you type stays on this page. Saves are refused until it is back; this message goes "
    "away by itself when it is."
)
FROM_MEMORY = "What you see is the workshop as this page last read it; it catches up by itself."


def paused() -> bool:
    """This process cannot save now, or the page's live stream says so."""
    return context.store().availability.paused or saving_paused_heard()


def banner() -> None:
    """At the top of the page: drawn again on its own when saving pauses or resumes."""
    regions.plain_region(REGION, (parts.SAVING,), _draw)


def _draw() -> None:
    now_paused = paused()
    st.session_state[_SHOWN] = now_paused
    if now_paused:
        stale = st.session_state.get(context.STALE, False)
        with st.container(key=_BOX):
            st.warning(PAUSED + (" " + FROM_MEMORY if stale else ""), icon="⏸️")
            _pin(key="saving_pinned", width="content", height="content")


def shown() -> dict[str, bool]:
    """What the page shows about saving, for the live connection to compare with what it hears."""
    return {
        "paused": bool(st.session_state.get(_SHOWN, False)),
        "stale": bool(st.session_state.get(context.STALE, False)),
    }


def unreachable_page(token: str) -> None:
    """A page opened while the database is away, with nothing read before: it appears by itself."""
    st.title("The workshop cannot be reached right now")
    st.write(
        "Its database is not answering, so this page cannot be shown yet. It appears by itself "
        "as soon as the database is back: there is no need to reload."
    )
    st.session_state[_SHOWN] = True
    st.session_state[context.STALE] = True
