"""Which invisible characters belong to an emoji sequence (families, skin tones, flags, keycaps).

Joiners, variation selectors and tag characters are invisible on their own and can make a name read
differently from what is stored, so text cleaning removes them; inside an emoji sequence they are
what makes 👩‍👩‍👧 one family instead of three people, so there they stay.
"""

from __future__ import annotations

JOINER = "\u200d"
TEXT_STYLE, EMOJI_STYLE = "\ufe0e", "\ufe0f"
KEYCAP = "\u20e3"
BLACK_FLAG = "\U0001f3f4"  # starts a subdivision flag: 🏴 + tag letters + cancel tag
CANCEL_TAG = "\U000e007f"

# Extended_Pictographic (Unicode emoji data), in ranges; Python's unicodedata does not carry it.
_PICTOGRAPHIC = (
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x2388, 0x2388),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0x1F000, 0x1F0FF),
    (0x1F10D, 0x1F10F),
    (0x1F12F, 0x1F12F),
    (0x1F16C, 0x1F171),
    (0x1F17E, 0x1F17F),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F1AD, 0x1F1E5),
    (0x1F201, 0x1F20F),
    (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F),
    (0x1F232, 0x1F23A),
    (0x1F23C, 0x1F23F),
    (0x1F249, 0x1F3FA),
    (0x1F400, 0x1F53D),
    (0x1F546, 0x1F64F),
    (0x1F680, 0x1F6FF),
    (0x1F774, 0x1F77F),
    (0x1F7D5, 0x1F7FF),
    (0x1F80C, 0x1F80F),
    (0x1F848, 0x1F84F),
    (0x1F85A, 0x1F85F),
    (0x1F888, 0x1F88F),
    (0x1F8AE, 0x1F8FF),
    (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
)


def is_pictographic(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _PICTOGRAPHIC)


def is_skin_tone(ch: str) -> bool:
    return "\U0001f3fb" <= ch <= "\U0001f3ff"


def is_tag(ch: str) -> bool:
    return "\U000e0020" <= ch <= "\U000e007f"


def _takes_style(ch: str) -> bool:
    """Characters a variation selector may follow: emoji, and the digits and signs of keycaps."""
    return is_pictographic(ch) or ch in "#*0123456789"


def sequence_marks(text: str) -> set[int]:
    """Positions in `text` of joiners, variation selectors and tags that are part of an emoji sequence."""
    kept: set[int] = set()
    i = 0
    while i < len(text):
        ch = text[i]
        styled = ch in (TEXT_STYLE, EMOJI_STYLE) and i > 0 and _takes_style(text[i - 1])
        if styled or (ch == JOINER and 0 < i < len(text) - 1 and _joins(text, i)):
            kept.add(i)
        elif ch == BLACK_FLAG:
            end = _tag_run_end(text, i + 1)
            if end is not None:
                kept.update(range(i + 1, end + 1))
                i = end
        i += 1
    return kept


def _joins(text: str, i: int) -> bool:
    """A joiner between an emoji (with its skin tone or style) and the next emoji."""
    before = text[i - 1]
    if before == EMOJI_STYLE or is_skin_tone(before):
        before = text[i - 2] if i >= 2 else ""
    return bool(before) and is_pictographic(before) and is_pictographic(text[i + 1])


def _tag_run_end(text: str, start: int) -> int | None:
    """The position of the cancel tag ending a run of tag letters from `start`, if the run is well formed."""
    i = start
    while i < len(text) and is_tag(text[i]) and text[i] != CANCEL_TAG:
        i += 1
    if i > start and i < len(text) and text[i] == CANCEL_TAG:
        return i
    return None
