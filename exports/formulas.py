"""The workbook's own formulas, built from cell references and fixed words only, and recognised on import.

A persona sheet computes its scores from the stance words people edit, so its chart and its
"loves" and "hates" lines follow an edit made in Excel or LibreOffice. No user text ever goes into
a formula: names and notes are reached through cell references, never written into one.
"""

from __future__ import annotations

import re

from personas.scale import STANCE_LABELS

STRONGLY = " (strongly)"
NOTHING = "nothing in particular"
_SEPARATOR = ", "

# Every function and every piece of quoted text the app's formulas use. A formula in an upload
# that needs anything else is not the app's, and the upload is refused.
FUNCTIONS = frozenset({"IF", "IFERROR", "MATCH", "TRIM", "MID", "COUNTIF", "MAX", "MIN", "N"})
TEXTS = frozenset({*STANCE_LABELS.values(), STRONGLY, NOTHING, _SEPARATOR, "", ">0", "<0"})

_TOKEN = re.compile(
    r"""\s+
    | (?P<text>"(?:[^"]|"")*")
    | (?P<function>(?:_xlfn\.)?[A-Za-z][A-Za-z0-9.]*)(?=\s*\()
    | (?P<ref>\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?)(?![A-Za-z0-9_.!(])
    | (?P<number>\d+(?:\.\d+)?)
    | (?P<operator>[-+*/&=<>,;:(){}])
    """,
    re.X,
)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def stance_score(word: str) -> str:
    """The score (-2..2) of the stance word in cell `word`, or empty when it is not one of the five."""
    words = ",".join(_quoted(w) for w in STANCE_LABELS.values())  # in score order, -2 first
    return f'=IFERROR(MATCH(TRIM({word}),{{{words}}},0)-3,"")'


def love_part(score: str) -> str:
    """The score when it is a love, else 0: the blue series of the profile chart."""
    return f"=MAX(N({score}),0)"


def hate_part(score: str) -> str:
    """The score when it is a hate, else 0: the orange series of the profile chart."""
    return f"=MIN(N({score}),0)"


def listing(rows: range, name_column: str, score_column: str, *, loves: bool) -> str:
    """The attributes a persona loves (or hates) as one line, the strong ones first and marked."""
    strong, mild = (2, 1) if loves else (-2, -1)
    parts = [
        f'IF({score_column}{r}={strong},"{_SEPARATOR}"&{name_column}{r}&"{STRONGLY}","")' for r in rows
    ] + [f'IF({score_column}{r}={mild},"{_SEPARATOR}"&{name_column}{r},"")' for r in rows]
    cells = f"{score_column}{rows.start}:{score_column}{rows.stop - 1}"
    test = ">0" if loves else "<0"
    return f'=IF(COUNTIF({cells},"{test}")=0,"{NOTHING}",MID({"&".join(parts)},{len(_SEPARATOR) + 1},4000))'


def is_own(formula: str) -> bool:
    """True when a formula could only have been written by the app (or re-saved by a spreadsheet).

    It may use only the functions and quoted texts above, cell references on its own sheet,
    numbers and operators: no other sheet, no name, no link, no text a person typed.
    """
    text = formula.strip().removeprefix("=")
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            return False
        if match["text"] is not None and match["text"][1:-1].replace('""', '"') not in TEXTS:
            return False
        if match["function"] is not None:
            name = match["function"].upper().removeprefix("_XLFN.")
            if name not in FUNCTIONS:
                return False
        position = match.end()
    return True
