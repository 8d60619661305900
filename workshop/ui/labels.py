"""Widget labels made from people's text (attribute, persona and idea names): read out as written.

Streamlit renders a widget's label as Markdown but gives screen readers the raw string as the
field's name, so an escaped label is read out with its backslashes ("Self\\-service \\/ digital").
A name without Markdown in it is therefore passed as it is. A name with Markdown characters is
shown as escaped text above a collapsed label, and the label itself, which the page never shows,
keeps its words without those characters.
"""

from __future__ import annotations

import re
from typing import Literal

import streamlit as st

from workshop.ui.text import md_escape

# What Markdown in a label could turn into something else: emphasis, code, links and images,
# HTML, LaTeX, character references, colour directives and emoji short codes.
_MARKUP = re.compile(r"[\\`*_~\[\]<>$]|&#?\w+;|:[\w-]+[:\[]")
_MARKUP_CHARACTERS = re.compile(r"[\\`*_~\[\]<>$]")

Visibility = Literal["visible", "collapsed"]


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text))


def read_out(text: str) -> str:
    """The words of `text` without Markdown characters, on one line."""
    return " ".join(_MARKUP_CHARACTERS.sub(" ", text).split())


def label(text: object) -> tuple[str, Visibility]:
    """A label and its visibility for a widget named by `text`; draws the name itself if it must.

    Use as ``name, shown = label(a.name)`` then ``st.slider(name, ..., label_visibility=shown)``.
    """
    plain = " ".join(str(text).split())
    if not has_markup(plain):
        return plain, "visible"
    st.markdown(f":small[{md_escape(plain)}]")
    return read_out(plain) or "Unnamed", "collapsed"


def hidden_label(text: object) -> str:
    """A label the page does not show (collapsed): only screen readers hear it."""
    return read_out(" ".join(str(text).split())) or "Unnamed"
