"""Bringing an edited workbook back: stances, notes, persona texts and ideas; all or nothing."""

from __future__ import annotations

import io
import warnings
from dataclasses import replace

import openpyxl
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exports import layout as L
from exports.cells import unescape
from exports.preview import preview_changes
from exports.reading import MISSING, cell_text
from exports.safety import ImportProblems, Progress, check_xlsx
from exports.workbook_ideas import read_idea_rows
from exports.workshop_file import from_json, to_json
from personas.errors import InvalidInput
from personas.model import Attribute, Persona, Stance
from personas.rules import check_share
from personas.scale import STANCE_LABELS, check_score
from personas.text import LINE_MAX, NAME_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX
from workshop.domain.model import Idea, WorkshopSnapshot

__all__ = ["ImportProblems", "from_xlsx", "preview_changes"]

_WORDS = {label: score for score, label in STANCE_LABELS.items()}


def from_xlsx(
    data: bytes, base: WorkshopSnapshot | None = None, progress: Progress | None = None
) -> WorkshopSnapshot:
    """The workshop with the workbook's edits applied to `base` (or to the copy the workbook carries).

    The stance word is the source of truth; a changed score counts only where the word was left as it was.
    The workbook edits and adds, never removes: a deleted sheet or idea row leaves that persona or idea as is.
    `progress(fraction, step)` hears how far the reading is.
    """
    say = progress or (lambda _done, _step: None)
    say(0.0, "Opening the workbook")
    package = check_xlsx(data, say)  # only the checked parts go on to the reader
    say(0.6, "Reading the cells")
    wb = _load(package)
    say(0.85, "Checking personas, stances and ideas")
    problems: list[str] = []
    persona_sheets = _persona_sheets(wb, problems)
    problems += _formula_problems(wb, persona_sheets)
    start = base if base is not None else _embedded(wb, problems)
    if problems or start is None:
        raise ImportProblems(problems)
    title, promise = _overview(wb, start, problems)
    by_key = {p.key: p for p in start.personas}
    for sheet, key in persona_sheets.items():
        if key not in by_key:
            problems.append(f"Sheet '{sheet}': this persona is no longer in the workshop; delete the sheet")
    sheet_of = {key: sheet for sheet, key in persona_sheets.items()}
    personas = tuple(
        _persona(wb[sheet_of[p.key]], p, start.attributes, problems) if p.key in sheet_of else p
        for p in start.personas
    )
    ideas = _ideas(wb, start, problems)
    if problems:
        raise ImportProblems(problems)
    result = replace(start, title=title, promise=promise, personas=personas, ideas=ideas)
    try:
        # The workshop file's rules are the last word on what a valid workshop is.
        from_json(to_json(result))
    except InvalidInput as e:
        raise ImportProblems([f"Workbook: {e.message}"]) from None
    return result


def _load(data: bytes) -> Workbook:
    try:
        with warnings.catch_warnings():
            # Spreadsheet apps add extensions openpyxl does not know and warns about; they are dropped.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_links=False, keep_vba=False)
    except MemoryError:
        raise  # not damage: the reading process's limit, reported as such
    except Exception:  # any failure here means a damaged file, whatever openpyxl calls it
        raise InvalidInput("The workbook is damaged and cannot be read. Save it again as .xlsx.") from None


def _persona_sheets(wb: Workbook, problems: list[str]) -> dict[str, str]:
    if L.KEYS_SHEET not in wb.sheetnames:
        problems.append(f"Sheet '{L.KEYS_SHEET}' is missing: this workbook was not exported by this app")
        return {}
    ws = wb[L.KEYS_SHEET]
    if ws["B2"].value != L.WORKBOOK_FORMAT or str(ws["C2"].value) != str(L.WORKBOOK_VERSION):
        problems.append(f"Sheet '{L.KEYS_SHEET}' cell B2: not a workbook of this app (or a newer version)")
        return {}
    sheets = {}
    for row in range(3, ws.max_row + 1):
        if ws.cell(row, 1).value != "persona":
            continue
        sheet, key = unescape(str(ws.cell(row, 2).value or "")), unescape(str(ws.cell(row, 3).value or ""))
        if sheet in wb.sheetnames:
            sheets[sheet] = key
    key_column = L.TABLE_COLUMNS["key"]
    for sheet in wb.worksheets:
        # A persona sheet renamed in the spreadsheet is found by the key in its hidden column.
        if sheet.title not in sheets and _table_header(sheet) is not None:
            key = sheet.cell(1, key_column).value
            if isinstance(key, str) and key.strip():
                sheets[sheet.title] = unescape(key)
    return sheets


def _table_header(ws: Worksheet) -> int | None:
    """The row of the love/hate table's titles, found by "key" in the hidden column (it moved once)."""
    key_column = L.TABLE_COLUMNS["key"]
    for row in range(1, min(ws.max_row, L.TABLE_HEADER_SEARCH_ROWS) + 1):
        if ws.cell(row, key_column).value == "key":
            return row
    return None


def _formula_problems(wb: Workbook, persona_sheets: dict[str, str]) -> list[str]:
    """Formulas anywhere but in a persona sheet's computed cells (scores, chart series, loves and hates).

    The safety check already refused any formula the app could not have written; this one makes
    sure none stands where the import reads what people typed.
    """
    problems = []
    for ws in wb.worksheets:
        computed = _computed_cells(ws) if ws.title in persona_sheets else set()
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and (cell.row, cell.column) not in computed:
                    problems.append(
                        f"Sheet '{ws.title}' cell {cell.coordinate}: holds a formula; formulas are not "
                        "accepted, type the value itself"
                    )
    return problems


def _computed_cells(ws: Worksheet) -> set[tuple[int, int]]:
    header = _table_header(ws)
    if header is None:
        return set()
    columns = [L.TABLE_COLUMNS[c] for c in ("score", "hates", "loves")]
    cells = {(row, col) for row in range(header + 1, ws.max_row + 1) for col in columns}
    if header == L.TABLE_HEADER_ROW:
        cells |= {(L.LOVES_ROW, 2), (L.HATES_ROW, 2)}
    return cells


def _embedded(wb: Workbook, problems: list[str]) -> WorkshopSnapshot | None:
    if L.DATA_SHEET not in wb.sheetnames:
        problems.append(f"Sheet '{L.DATA_SHEET}' is missing: import this workbook into an existing workshop")
        return None
    ws = wb[L.DATA_SHEET]
    text = "".join(unescape(str(ws.cell(r, 1).value or "")) for r in range(1, ws.max_row + 1))
    try:
        return from_json(text.encode())
    except InvalidInput as e:
        problems.append(f"Sheet '{L.DATA_SHEET}': the workshop copy in the workbook is damaged ({e.message})")
        return None


def _overview(wb: Workbook, start: WorkshopSnapshot, problems: list[str]) -> tuple[str, str]:
    if "Overview" not in wb.sheetnames:
        return start.title, start.promise
    ws = wb["Overview"]
    title = cell_text(ws, f"B{L.OVERVIEW_ROWS['title']}", problems, TITLE_MAX, required=True)
    promise = cell_text(ws, f"B{L.OVERVIEW_ROWS['promise']}", problems, TEXT_MAX)
    return (start.title if title is MISSING else title), (start.promise if promise is MISSING else promise)


def _persona(
    ws: Worksheet, persona: Persona, attributes: tuple[Attribute, ...], problems: list[str]
) -> Persona:
    limits = {"name": NAME_MAX, "quote": LINE_MAX, "description": TEXT_MAX, "evidence": TEXT_MAX}
    fields: dict[str, object] = {}
    for field, max_length in limits.items():
        value = cell_text(ws, f"B{L.PERSONA_ROWS[field]}", problems, max_length, required=field == "name")
        if value is not MISSING:
            fields[field] = value
    share_ref = f"B{L.PERSONA_ROWS['share']}"
    try:
        fields["share"] = check_share(ws[share_ref].value)
    except InvalidInput as e:
        problems.append(f"Sheet '{ws.title}' cell {share_ref}: {e.message}")
    stances = dict(persona.stances)
    known = {a.key for a in attributes}
    header = _table_header(ws) or L.TABLE_HEADER_ROW
    for row in range(header + 1, ws.max_row + 1):
        key = ws.cell(row, L.TABLE_COLUMNS["key"]).value
        if key is None:
            continue
        key = unescape(str(key))
        if key not in known:
            problems.append(
                f"Sheet '{ws.title}' cell E{row}: unknown attribute {key!r}; add attributes in the app"
            )
            continue
        stance = _stance(ws, row, persona.stance(key), problems)
        if stance is not None:
            stances[key] = stance
    return replace(persona, stances=stances, **fields)  # type: ignore[arg-type]  # checked fields, by name


def _stance(ws: Worksheet, row: int, before: Stance, problems: list[str]) -> Stance | None:
    where = f"Sheet '{ws.title}' cell"
    word, score_cell = ws.cell(row, L.TABLE_COLUMNS["stance"]).value, ws.cell(row, L.TABLE_COLUMNS["score"])
    # The sheet's own score formula follows the word; only a number typed over it is an edit.
    number = None if score_cell.data_type == "f" else score_cell.value
    word_score = score = None
    if word is not None and str(word).strip():
        try:
            word_score = check_score(unescape(word) if isinstance(word, str) else word, "Stance")
        except InvalidInput:
            problems.append(
                f"{where} B{row}: {str(word)[:40]!r} is not a stance; use one of {', '.join(_WORDS)}"
            )
            return None
    if number is not None and str(number).strip():
        try:
            score = check_score(number, "Score")
        except InvalidInput:
            problems.append(f"{where} C{row}: the score must be a whole number from -2 to 2")
            return None
    if word_score is None and score is None:
        problems.append(f"{where} B{row}: the stance is empty; choose one of {', '.join(_WORDS)}")
        return None
    # The word wins, unless it still says what was exported and only the score was changed.
    chosen = word_score if word_score is not None else score
    assert chosen is not None  # one of the two was given, or we returned above
    if score is not None and word_score == before.score and score != word_score:
        chosen = score
    note = cell_text(ws, f"D{row}", problems, NOTE_MAX)
    return None if note is MISSING else Stance(chosen, note)


def _ideas(wb: Workbook, start: WorkshopSnapshot, problems: list[str]) -> tuple[Idea, ...]:
    if "Ideas" not in wb.sheetnames:
        return start.ideas
    ws = wb["Ideas"]
    columns = {str(ws.cell(2, c).value): c for c in range(1, ws.max_column + 1) if ws.cell(2, c).value}
    missing = [f for f in (*L.IDEA_FIELDS, L.IDEA_KEY_FIELD) if f not in columns]
    if missing:
        problems.append(
            f"Sheet 'Ideas' row 2 (hidden): columns {', '.join(missing)} are missing; export again"
        )
        return start.ideas
    return read_idea_rows(ws, columns, start, problems)
