"""Rules of a persona set: how many personas, what a valid persona and stance look like."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

from personas.emoji import is_tag
from personas.errors import InvalidInput, LimitReached
from personas.model import Persona, Stance
from personas.scale import check_score
from personas.text import LINE_MAX, NAME_MAX, NOTE_MAX, TEXT_MAX, clean_text

MAX_PERSONAS = 6
MIN_PERSONAS = 4

EMOJI_MAX_SYMBOLS = 2
EMOJI_MAX_CODE_POINTS = 8

_NUMBER_WORDS = {4: "four", 6: "six"}
_COLOUR = re.compile(r"#[0-9a-f]{6}")
_SHARE = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def check_room_for_another(current_count: int) -> None:
    """Raise LimitReached when the set already has the most personas a session can handle."""
    if current_count >= MAX_PERSONAS:
        raise LimitReached(
            f"This workshop already has {_NUMBER_WORDS[MAX_PERSONAS]} personas, the most a live session "
            "can work with: with more, nobody can keep them apart in the room. "
            "Merge two that are alike, or sharpen one, instead of adding another."
        )


def shortfall_message(count: int) -> str | None:
    """A sentence saying how many personas are missing, or None when there are enough."""
    if count >= MIN_PERSONAS:
        return None
    missing = MIN_PERSONAS - count
    more = "one more" if missing == 1 else f"{missing} more"
    return f"The workshop needs at least {_NUMBER_WORDS[MIN_PERSONAS]} personas; add {more}."


def check_share(value: object) -> float | None:
    """A share of the customer base in percent (0..100), or None when left blank."""
    message = "Share must be a percentage from 0 to 100, or left empty."
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidInput(message, "Share")
    if isinstance(value, str):
        text = value.replace("%", "").strip()
        if not text:
            return None
        if not _SHARE.fullmatch(text):
            raise InvalidInput(f"{message} {value.strip()[:20]!r} is not a number.", "Share")
        # A decimal comma is common in the rooms this runs in ("12,5 %").
        value = float(text.replace(",", "."))
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(message, "Share")
    if not 0 <= value <= 100:
        raise InvalidInput(f"{message} {value:g} is out of range.", "Share")
    return float(value)


def _is_joiner_or_modifier(ch: str) -> bool:
    # Parts that attach to the symbol before them: variation selectors, skin tones, keycap marks,
    # the zero-width joiner of family/profession emoji and the tag letters of subdivision flags.
    return ch == "\u200d" or is_tag(ch) or unicodedata.category(ch) in ("Mn", "Me", "Sk")


def check_emoji(value: object) -> str:
    """One or two emoji (or other symbols), nothing else; empty is allowed."""
    message = "Emoji must be one or two emoji, without letters, digits or spaces."
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(message, "Emoji")
    text = value.strip()
    if len(text) > EMOJI_MAX_CODE_POINTS:
        raise InvalidInput(message, "Emoji")
    symbols = 0
    previous = ""
    open_flag = False  # a regional indicator waiting for its partner
    for ch in text:
        if _is_joiner_or_modifier(ch):
            if not previous:
                raise InvalidInput(message, "Emoji")
        elif unicodedata.category(ch) == "So":
            if _is_regional(ch) and open_flag:
                open_flag = False  # two regional indicators make one flag
            elif previous != "\u200d":
                symbols += 1
                open_flag = _is_regional(ch)
        else:
            raise InvalidInput(message, "Emoji")
        previous = ch
    if text.endswith("\u200d") or symbols > EMOJI_MAX_SYMBOLS:
        raise InvalidInput(message, "Emoji")
    return text


def _is_regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def check_colour(value: object) -> str:
    """A colour as lowercase "#rrggbb", or "" for none."""
    if value is None:
        return ""
    text = value.strip().lower() if isinstance(value, str) else None
    if text == "":
        return ""
    if text is None or not _COLOUR.fullmatch(text):
        raise InvalidInput('Colour must look like "#1a85ff" (a # and six hexadecimal digits).', "Colour")
    return text


def check_persona_fields(
    name: object,
    quote: object = "",
    description: object = "",
    share: object = None,
    evidence: object = "",
    emoji: object = "",
    colour: object = "",
) -> dict[str, object]:
    """Cleaned persona fields, or InvalidInput naming the first field that is wrong."""
    return {
        "name": clean_text(name, field="Name", max_length=NAME_MAX, required=True),
        "quote": clean_text(quote, field="Quote", max_length=LINE_MAX),
        "description": clean_text(description, field="Description", max_length=TEXT_MAX, multiline=True),
        "share": check_share(share),
        "evidence": clean_text(evidence, field="Evidence", max_length=TEXT_MAX, multiline=True),
        "emoji": check_emoji(emoji),
        "colour": check_colour(colour),
    }


def share_total(personas: Iterable[Persona]) -> float:
    """Sum of the shares given; personas without a share count as nothing."""
    return sum(p.share for p in personas if p.share is not None)


def shares_over_100(personas: Iterable[Persona]) -> bool:
    # A small tolerance so 33.3 + 33.3 + 33.4 is not flagged by float rounding.
    return share_total(personas) > 100 + 1e-6


def check_stance(score: object, note: object = "") -> Stance:
    """A stance from a score on the love/hate scale and a short note saying why."""
    return Stance(check_score(score, "Score"), clean_text(note, field="Note", max_length=NOTE_MAX))
