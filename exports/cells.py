"""Writing and reading workbook cells safely: text stays text, sheet names stay valid and unique."""

from __future__ import annotations

import re
from collections.abc import Mapping
from copy import copy
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

RESERVED_SHEETS = ("Overview", "Love-Hate", "Ideas", "Fit", "Decision", "_keys", "_workshop")
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")

# XML cannot carry most control characters, and parsers turn CR into LF, so both are written
# with the spreadsheet escape _xHHHH_ (which Excel itself uses); a literal "_x" is escaped too.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")

# Named everywhere: a font with no name prints in the spreadsheet's default face (a serif in LibreOffice).
FONT = "Calibri"
BOLD = Font(name=FONT, size=11, bold=True)
TITLE = Font(name=FONT, size=16, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
WRAP = Alignment(wrap_text=True, vertical="top")


def escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


@dataclass(frozen=True, eq=False)  # compared by identity: looks are module constants
class Look:
    """How a cell looks: font, alignment, number format."""

    font: Font | None = None
    alignment: Alignment | None = None
    number_format: str | None = None
    fill: PatternFill | None = None


WRAPPED = Look(alignment=WRAP)
HEADER = Look(font=BOLD, alignment=WRAP, fill=HEADER_FILL)

# openpyxl registers a style part anew each time one is set, which was a quarter of the time
# of a large export; a look is set once per workbook and then copied as style ids.
_dressed: WeakKeyDictionary[Workbook, dict[Look, StyleArray]] = WeakKeyDictionary()


def dress(cell: Cell, look: Look) -> Cell:
    known = _dressed.setdefault(cell.parent.parent, {})
    style = known.get(look)
    if style is not None:
        cell._style = copy(style)
        return cell
    if look.font is not None:
        cell.font = look.font
    if look.alignment is not None:
        cell.alignment = look.alignment
    if look.number_format is not None:
        cell.number_format = look.number_format
    if look.fill is not None:
        cell.fill = look.fill
    known[look] = copy(cell._style)
    return cell


def put(
    ws: Worksheet, row: int, column: int, value: object, font: Font | None = None, *, look: Look | None = None
) -> Cell:
    """Write a value; strings are always stored as text, so "=..." never becomes a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = escape(value)
        # openpyxl turns any string starting with "=" into a formula; forcing the type keeps it text.
        cell.data_type = "s"
    else:
        cell.value = value
    if look is not None:
        dress(cell, look)
    if font is not None:
        cell.font = font
    return cell


def header(ws: Worksheet, row: int, titles: list[str], start: int = 1) -> None:
    for offset, title in enumerate(titles):
        put(ws, row, start + offset, title, look=HEADER)


def sheet_name(wanted: str, taken: set[str], fallback: str) -> str:
    """A valid sheet name close to `wanted`, unique case-insensitively; adds it to `taken` (lowercase)."""
    name = _BAD_SHEET_CHARS.sub(" ", wanted)
    # Excel refuses names that start or end with an apostrophe, and "History" is its own.
    name = " ".join(name.split()).strip("'").strip()[:SHEET_NAME_MAX].strip()
    if not name or name.lower() == "history":
        name = fallback
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    taken.add(candidate.lower())
    return candidate


def widths(ws: Worksheet, columns: Mapping[str, float]) -> None:
    for letter, width in columns.items():
        ws.column_dimensions[letter].width = width
