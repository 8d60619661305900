"""Reading the Ideas sheet back: edited ideas and ideas added as new rows."""

from __future__ import annotations

from dataclasses import replace

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports import layout as L
from exports.reading import MISSING, as_text, cell_text, is_blank
from personas.errors import InvalidInput
from personas.scale import check_score
from personas.text import NAME_MAX, TEXT_MAX, TITLE_MAX
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, WorkshopSnapshot


def read_idea_rows(
    ws: Worksheet, columns: dict[str, int], start: WorkshopSnapshot, problems: list[str]
) -> tuple[Idea, ...]:
    """Ideas in workshop order, then new ones; ideas whose rows were deleted stay as they were."""
    known = {i.key: i for i in start.ideas}
    attribute_keys = {a.key for a in start.attributes}
    effect_columns = {
        f.removeprefix(L.EFFECT_PREFIX): c for f, c in columns.items() if f.startswith(L.EFFECT_PREFIX)
    }
    for attribute, col in effect_columns.items():
        if attribute not in attribute_keys:
            problems.append(f"Sheet 'Ideas' cell {get_column_letter(col)}2: unknown attribute {attribute!r}")
    editable = [columns[f] for f in ("title", "description", "range", "touch", "author")]
    editable += list(effect_columns.values())
    edited: dict[str, Idea] = {}
    added: list[Idea] = []
    for row in range(L.IDEA_FIRST_ROW, ws.max_row + 1):
        key = as_text(ws.cell(row, columns[L.IDEA_KEY_FIELD]).value).strip()
        if not key and all(is_blank(ws.cell(row, c).value) for c in editable):
            continue
        if key and key not in known:
            problems.append(f"Sheet 'Ideas' row {row}: idea {key!r} is not in this workshop; clear its key")
            continue
        if key in edited:
            problems.append(f"Sheet 'Ideas' row {row}: idea {key!r} appears twice")
            continue
        idea = _idea_row(ws, row, columns, effect_columns, known.get(key), problems)
        if idea is None:
            continue
        if key:
            edited[key] = idea
        else:
            added.append(replace(idea, key=_new_key(set(known) | {i.key for i in added})))
    return tuple(edited.get(i.key, i) for i in start.ideas) + tuple(added)


def _idea_row(
    ws: Worksheet,
    row: int,
    columns: dict[str, int],
    effect_columns: dict[str, int],
    before: Idea | None,
    problems: list[str],
) -> Idea | None:
    count = len(problems)

    def ref(field: str) -> str:
        return f"{get_column_letter(columns[field])}{row}"

    title = cell_text(ws, ref("title"), problems, TITLE_MAX, required=True)
    description = cell_text(ws, ref("description"), problems, TEXT_MAX)
    author = cell_text(ws, ref("author"), problems, NAME_MAX)
    range_ = _choice(ws, ref("range"), RANGES, "range of value", problems)
    touch = _choice(ws, ref("touch"), TOUCH_MOMENTS, "touch moment", problems)
    effects = {}
    for attribute, col in effect_columns.items():
        value = ws.cell(row, col).value
        if is_blank(value):
            continue
        try:
            effects[attribute] = check_score(value, "Effect")
        except InvalidInput:
            problems.append(
                f"Sheet 'Ideas' cell {get_column_letter(col)}{row}: an effect is a whole number -2..2"
            )
    if len(problems) > count or title is MISSING or description is MISSING or author is MISSING:
        return None
    base = before or Idea(key="", title="")
    # Effects on attributes the sheet has no column for (added in the app since) are kept.
    kept = {k: v for k, v in base.effects.items() if k not in effect_columns}
    return replace(
        base,
        title=title,
        description=description,
        author=author,
        range=range_,
        touch=touch,
        effects=kept | {k: v for k, v in effects.items() if v},
    )


def _choice(ws: Worksheet, ref: str, options: dict[str, str], what: str, problems: list[str]) -> str:
    text = as_text(ws[ref].value).strip().lower()
    for key, label in options.items():
        if text in (key, label.lower()):
            return key
    problems.append(f"Sheet 'Ideas' cell {ref}: the {what} must be one of {', '.join(options.values())}")
    return ""


def _new_key(taken: set[str]) -> str:
    n = 1
    while f"idea-new-{n}" in taken:
        n += 1
    return f"idea-new-{n}"
