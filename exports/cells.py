"""Writing and reading workbook cells safely: text stays text, sheet names stay valid and unique."""

from __future__ import annotations

import re

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

RESERVED_SHEETS = ("Overview", "Love-Hate", "Ideas", "Fit", "_keys", "_workshop")
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


def put(ws: Worksheet, row: int, column: int, value: object, font: Font | None = None) -> Cell:
    """Write a value; strings are always stored as text, so "=..." never becomes a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = escape(value)
        # openpyxl turns any string starting with "=" into a formula; forcing the type keeps it text.
        cell.data_type = "s"
    else:
        cell.value = value
    if font is not None:
        cell.font = font
    return cell


def header(ws: Worksheet, row: int, titles: list[str], start: int = 1) -> None:
    for offset, title in enumerate(titles):
        cell = put(ws, row, start + offset, title, BOLD)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


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


def widths(ws: Worksheet, columns: dict[str, float]) -> None:
    for letter, width in columns.items():
        ws.column_dimensions[letter].width = width
