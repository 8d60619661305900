"""How tall a row must be for its wrapped text to print whole.

Spreadsheets do not grow a row to fit wrapped text that was written by a program (and never for
merged cells), so the writer sets each height itself. The estimate errs on the tall side: a line
too many costs a little white space, a line too few cuts a persona's words off the printed page.
"""

from __future__ import annotations

import math
from functools import lru_cache

# Widths in units of an average lowercase letter of Calibri (Carlito in LibreOffice); a column
# width of 1 holds about CHARS_PER_UNIT of them at 11 pt.
_NARROW = set("iljtfrI.,;:'!|()[] ")
_WIDE = set("mwMW@%&—")
CHARS_PER_UNIT = 1.05
LINE_HEIGHT = 1.32  # a line of text, in points per point of font size
PADDING = 5.0  # points above and below the text


def _width(ch: str) -> float:
    if ch in _NARROW:
        return 0.55
    if ch in _WIDE:
        return 1.5
    if ch.isupper() or ord(ch) > 0x2E7F:  # capitals, and CJK or emoji drawn at full width
        return 1.3
    return 1.0


class _Widths(dict):
    def __missing__(self, ch: str) -> float:
        self[ch] = width = _width(ch)
        return width


_WIDTHS = _Widths()
_SPACE = _width(" ")


@lru_cache(maxsize=8192)
def _measured(text: str) -> tuple[tuple[float, ...], ...]:
    """Each paragraph's word widths; measured once, then wrapped at any column width."""
    return tuple(
        tuple(sum(map(_WIDTHS.__getitem__, word)) for word in p.split(" ")) for p in text.split("\n")
    )


def lines(text: str, width: float, size: float = 11, *, bold: bool = False) -> int:
    """Lines the text takes in a column `width` units wide, wrapped at spaces like a spreadsheet does."""
    room = width * CHARS_PER_UNIT * 11 / size / (1.1 if bold else 1.0)
    total = 0
    for paragraph in _measured(str(text)):
        used, count = 0.0, 1
        for length in paragraph:
            if used and used + _SPACE + length > room:
                count += 1
                used = 0.0
            if length > room:  # a word longer than the column is broken across lines
                count += math.ceil(length / room) - 1
                length = length % room
            used += (_SPACE if used else 0.0) + length
        total += count
    return total


def height(text: str, width: float, size: float = 11, *, bold: bool = False, spare_lines: int = 0) -> float:
    """Row height in points for `text` wrapped in `width` units at font `size`."""
    return round((lines(text, width, size, bold=bold) + spare_lines) * size * LINE_HEIGHT + PADDING, 1)
