"""Reading workbook cells back as the text people typed, with problems named by sheet and cell."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Final, Literal

from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import unescape


class _Missing(enum.Enum):
    MISSING = "missing"


MISSING: Final = _Missing.MISSING  # a cell whose problem has been recorded


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def cell_text(
    ws: Worksheet, ref: str, problems: list[str], max_length: int, *, required: bool = False
) -> str | Literal[_Missing.MISSING]:
    """The cell as text, or MISSING after recording what is wrong with it."""
    value = as_text(ws[ref].value)
    if required and not value.strip():
        problems.append(f"Sheet '{ws.title}' cell {ref}: cannot be empty")
        return MISSING
    if len(value) > max_length:
        problems.append(
            f"Sheet '{ws.title}' cell {ref}: too long, {len(value)} characters, at most {max_length}"
        )
        return MISSING
    return value


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
