"""Cleaning of free text typed by people: trimmed, no control or direction-override characters, capped."""

from __future__ import annotations

import unicodedata

from personas.emoji import EMOJI_STYLE, TEXT_STYLE, is_tag, sequence_marks
from personas.errors import InvalidInput

# Caps on stored text (documented in the README, "Limits").
NAME_MAX = 60
TITLE_MAX = 120
LINE_MAX = 200
TEXT_MAX = 2000
NOTE_MAX = 300

# Bidirectional overrides/isolates and zero-width characters can make a name read
# differently from what is stored; they are removed.
_INVISIBLE = {
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\ufeff",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
}


# Invisible on their own, so removed like the above, except inside an emoji sequence (see emoji.py).
_EMOJI_MARKS = {"\u200d", EMOJI_STYLE, TEXT_STYLE}


def _keep(ch: str, multiline: bool) -> bool:
    if ch in _INVISIBLE or ch in _EMOJI_MARKS or is_tag(ch):
        return False
    if multiline and ch == "\n":
        return True
    if ch == "\t":
        return True
    return unicodedata.category(ch) not in ("Cc", "Cf")


def clean_text(
    value: object,
    *,
    field: str,
    max_length: int,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """Return `value` as clean text, or raise InvalidInput naming `field`."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text.", field)
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    marks = sequence_marks(text)
    text = "".join(ch for i, ch in enumerate(text) if i in marks or _keep(ch, multiline))
    text = text.replace("\t", " ")
    if multiline:
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    else:
        text = " ".join(text.split())
    if required and not text:
        raise InvalidInput(f"{field} cannot be empty.", field)
    if len(text) > max_length:
        raise InvalidInput(f"{field} is too long: {len(text):,} characters, at most {max_length:,}.", field)
    return text
