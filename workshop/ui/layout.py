"""What a page shows on a phone and what on a wider screen, decided in the browser by its width.

The server cannot know how wide a screen is, and asking the browser would cost every page an
extra run. So a part that has a phone form and a wide form draws both, each in a keyed
container, and one fixed style sheet hides the one that does not fit. Hidden parts take no space,
are not read out and cannot be reached with the keyboard. Streamlit stacks columns below the
same width.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

PHONE_MAX_PX = 640
_WIDE, _PHONE = "lh_wide_", "lh_phone_"

# A constant: nothing typed by anyone ever reaches it.
_CSS = f"""
@media (max-width: {PHONE_MAX_PX}px) {{
  [class*="st-key-{_WIDE}"] {{ display: none !important; }}
}}
@media (min-width: {PHONE_MAX_PX + 1}px) {{
  [class*="st-key-{_PHONE}"] {{ display: none !important; }}
}}
"""

_component = st.components.v2.component("workshop_layout", html="", css=_CSS, isolate_styles=False)


def install() -> None:
    """Put the style sheet on the page; once per whole-page run, outside any region."""
    _component(key="workshop_layout", width="content", height="content")


def wide_only(name: str) -> DeltaGenerator:
    """A container shown on screens wider than a phone; `name` is unique on the page."""
    return st.container(key=f"{_WIDE}{name}")


def phone_only(name: str) -> DeltaGenerator:
    """A container shown on phones only; `name` is unique on the page."""
    return st.container(key=f"{_PHONE}{name}")
