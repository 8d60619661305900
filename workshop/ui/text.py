"""Showing people's text as text: never HTML, never Markdown, never a colour directive or formula."""

from __future__ import annotations

import string

_PUNCTUATION = set(string.punctuation)


def md_escape(value: object) -> str:
    """Backslash-escape every ASCII punctuation character, so Markdown shows it literally.

    CommonMark allows a backslash before any ASCII punctuation; escaping all of them
    defeats links, images, emphasis, HTML, Streamlit's :colour[...] directives and $LaTeX$.
    Newlines become spaces, so a text cannot start a heading or a list.
    """
    text = " ".join(str(value).split())
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)
