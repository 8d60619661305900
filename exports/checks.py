"""Value checks shared by the workshop file and workbook import; errors name where the value sits."""

from __future__ import annotations

import math
import re

from personas.errors import InvalidInput

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def fail(where: str, problem: str) -> InvalidInput:
    return InvalidInput(f"{where}: {problem}", where)


def obj(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise fail(where, "must be an object")
    return value


def array(value: object, where: str, max_items: int) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail(where, "must be a list")
    if len(value) > max_items:
        raise fail(where, f"at most {max_items} entries, found {len(value)}")
    return value


def text(value: object, where: str, max_length: int, *, required: bool = False) -> str:
    """Text kept exactly as given (the app cleans it when it is edited); only type and length checked."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise fail(where, "must be text")
    if required and not value.strip():
        raise fail(where, "cannot be empty")
    if len(value) > max_length:
        raise fail(where, f"too long: {len(value)} characters, at most {max_length}")
    return value


def key(value: object, where: str) -> str:
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise fail(where, "must be a key of letters, digits, '_', '.' or '-' (at most 64)")
    return value


def score(value: object, where: str) -> int:
    # bool is an int in Python; true/false in a file is a mistake, not a score.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not -2 <= value <= 2:
        raise fail(where, f"must be -2..2, not {value!r}")
    return value


def count(value: object, where: str, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise fail(where, f"must be a whole number from 1 to {maximum}, not {value!r}")
    return value


def share(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise fail(where, f"must be a number from 0 to 100 or null, not {value!r}")
    if not 0 <= value <= 100:
        raise fail(where, f"must be from 0 to 100, not {value!r}")
    return float(value)


def choice(value: object, where: str, allowed: dict[str, str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise fail(where, f"must be one of {', '.join(repr(k) for k in allowed)}, not {value!r}")
    return value


def unique(keys: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for i, k in enumerate(keys):
        if k in seen:
            raise fail(f"{where}[{i}].key", f"duplicate {what} key {k!r}")
        seen.add(k)
