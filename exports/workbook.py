"""The workshop as an Excel workbook people can print, share and edit: overview, persona sheets, maps."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports import layout as L
from exports.cells import BOLD, RESERVED_SHEETS, TITLE, WRAP, WRAPPED, Look, header, put, sheet_name, widths
from exports.row_height import height
from exports.workbook_decision import DECISION_SHEET, write_decision_sheet, write_promise_column
from exports.workbook_persona import STANCE_FILLS, write_persona_sheet
from exports.workshop_file import to_json
from personas.model import Attribute
from workshop.domain.findings import all_findings
from workshop.domain.fit import fit, label
from workshop.domain.model import RANGES, TOUCH_MOMENTS, Idea, WorkshopSnapshot
from workshop.domain.phases import PHASE_KEYS, phase

HATE, LOVE = STANCE_FILLS[-2], STANCE_FILLS[2]
OVERVIEW_TEXT_WIDTH = 100
CENTRED = Look(alignment=Alignment(horizontal="center"))
IDEA_WIDTHS = {"A": 34, "B": 50, "C": 14, "D": 13, "E": 34, "F": 16, "G": 7}
EFFECT_WIDTH = 11
FIT_WIDTH = 16
FIT_TITLE_WIDTH = 40


def to_xlsx(snapshot: WorkshopSnapshot, *, exported_at: datetime | None = None, charts: bool = True) -> bytes:
    """The workbook as .xlsx bytes; `charts=False` leaves out the persona profile charts."""
    exported_at = exported_at or datetime.now(UTC)
    wb = Workbook()
    taken = {name.lower() for name in RESERVED_SHEETS}
    overview = wb.active
    overview.title = "Overview"
    _overview(overview, snapshot, exported_at)
    persona_sheets = []
    for n, persona in enumerate(snapshot.personas, start=1):
        ws = wb.create_sheet(sheet_name(persona.name, taken, f"Persona {n}"))
        write_persona_sheet(ws, persona, snapshot.attributes, chart=charts)
        persona_sheets.append((ws.title, persona.key))
    _love_hate(wb.create_sheet("Love-Hate"), snapshot)
    _ideas(wb.create_sheet("Ideas"), snapshot)
    _fit(wb.create_sheet("Fit"), snapshot)
    write_decision_sheet(wb.create_sheet(DECISION_SHEET), snapshot)
    _keys(wb.create_sheet(L.KEYS_SHEET), persona_sheets)
    _data(wb.create_sheet(L.DATA_SHEET), to_json(snapshot, exported_at=exported_at).decode())
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _overview(ws: Worksheet, s: WorkshopSnapshot, exported_at: datetime) -> None:
    votes = sum(v.count for v in s.votes)
    rows = [
        ("Workshop", s.title),
        ("Promise", s.promise),
        ("Exported", exported_at.strftime("%Y-%m-%d %H:%M UTC")),
        ("Phase", phase(s.phase).label if s.phase in PHASE_KEYS else s.phase),
        ("Participants", f"{len(s.participants)}: {', '.join(s.participants)}" if s.participants else "0"),
        ("Personas", len(s.personas)),
        ("Attributes", len(s.attributes)),
        ("Ideas", len(s.ideas)),
        ("Votes cast", votes),
    ]
    for row, (name, value) in enumerate(rows, start=1):
        put(ws, row, 1, name, BOLD)
        put(ws, row, 2, value, TITLE if row == 1 else None).alignment = Alignment(
            wrap_text=True, vertical="top", horizontal="left"
        )
        ws.row_dimensions[row].height = height(str(value), OVERVIEW_TEXT_WIDTH, 16 if row == 1 else 11)
    row = len(rows) + 2
    put(ws, row, 1, "Key findings", BOLD)
    for finding in all_findings(s.attributes, s.personas, s.ideas, s.promise_ratings):
        put(ws, row, 2, finding.sentence).alignment = WRAP
        ws.row_dimensions[row].height = height(finding.sentence, OVERVIEW_TEXT_WIDTH)
        row += 1
    widths(ws, {"A": 18, "B": OVERVIEW_TEXT_WIDTH})
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0


def _colour_scale(ws: Worksheet, cells: str, low: float, high: float) -> None:
    ws.conditional_formatting.add(
        cells,
        ColorScaleRule(
            start_type="num", start_value=low, start_color=HATE,
            mid_type="num", mid_value=0, mid_color="FFFFFF",
            end_type="num", end_value=high, end_color=LOVE,
        ),
    )  # fmt: skip


def _love_hate(ws: Worksheet, s: WorkshopSnapshot) -> None:
    header(ws, 1, ["Persona", *(a.name for a in s.attributes)])
    for row, persona in enumerate(s.personas, start=2):
        put(ws, row, 1, persona.name, BOLD)
        for col, attribute in enumerate(s.attributes, start=2):
            put(ws, row, col, persona.stance(attribute.key).score, look=CENTRED)
    if s.personas and s.attributes:
        _colour_scale(ws, f"B2:{_letter(len(s.attributes) + 1)}{len(s.personas) + 1}", -2, 2)
    ws.freeze_panes = "B2"
    widths(ws, {"A": 26} | {_letter(c): 14 for c in range(2, len(s.attributes) + 2)})
    ws.row_dimensions[1].height = 45
    _landscape(ws)


def _effects_text(idea: Idea, attributes: tuple[Attribute, ...]) -> str:
    # U+2212 minus reads well in print, and the cell cannot be mistaken for a negative number.
    def signed(n: int) -> str:
        return f"+{n}" if n > 0 else f"\u2212{-n}"

    return "; ".join(f"{a.name} {signed(idea.effects[a.key])}" for a in attributes if idea.effects.get(a.key))


def _ideas(ws: Worksheet, s: WorkshopSnapshot) -> None:
    titles = [*L.IDEA_HEADERS, *(a.name for a in s.attributes)]
    header(ws, 1, [*titles, "key"])
    fields = [*L.IDEA_FIELDS, *(L.EFFECT_PREFIX + a.key for a in s.attributes), L.IDEA_KEY_FIELD]
    for col, field in enumerate(fields, start=1):
        put(ws, 2, col, field)
    ws.row_dimensions[2].hidden = True
    votes: Counter[str] = Counter()
    for v in s.votes:
        votes[v.idea] += v.count
    first = L.IDEA_FIRST_ROW
    for row, idea in enumerate(s.ideas, start=first):
        values = [
            idea.title, idea.description, RANGES[idea.range], TOUCH_MOMENTS[idea.touch],
            _effects_text(idea, s.attributes), idea.author, votes[idea.key],
            *(idea.effects.get(a.key) or None for a in s.attributes), idea.key,
        ]  # fmt: skip
        for col, value in enumerate(values, start=1):
            if value is not None:  # an attribute the idea does not move stays an empty cell
                put(ws, row, col, value, look=WRAPPED)
        # LibreOffice prints wrapped text even from a hidden column; ";;;" shows nothing, the key stays.
        ws.cell(row, len(values)).number_format = ";;;"
        # Printed rows must be tall enough for their wrapped texts (spreadsheets do not grow them).
        ws.row_dimensions[row].height = max(
            height(str(v), IDEA_WIDTHS[c])
            for c, v in zip("ABEF", (values[0], values[1], values[4], values[5]), strict=True)
        )
    last = max(first + len(s.ideas) - 1, first) + 200  # room for ideas added in the spreadsheet
    _list_validation(ws, RANGES.values(), f"C{first}:C{last}")
    _list_validation(ws, TOUCH_MOMENTS.values(), f"D{first}:D{last}")
    effect_cols = len(L.IDEA_FIELDS) + 1, len(L.IDEA_FIELDS) + len(s.attributes)
    if s.attributes:
        cells = f"{_letter(effect_cols[0])}{first}:{_letter(effect_cols[1])}{last}"
        whole = DataValidation(type="whole", operator="between", formula1="-2", formula2="2")
        whole.error = "An effect is a whole number from -2 to 2."
        ws.add_data_validation(whole)
        whole.add(cells)
        _colour_scale(ws, cells, -2, 2)
    ws.column_dimensions[_letter(len(fields))].hidden = True
    ws.freeze_panes = "B3"
    widths(ws, IDEA_WIDTHS)
    widths(ws, {_letter(c): EFFECT_WIDTH for c in range(effect_cols[0], effect_cols[1] + 1)})
    ws.row_dimensions[1].height = max(
        [
            height(t, IDEA_WIDTHS.get(_letter(c), EFFECT_WIDTH), bold=True)
            for c, t in enumerate(titles, start=1)
        ]
    )
    ws.print_title_rows = "1:1"
    _landscape(ws)


def _list_validation(ws: Worksheet, words: Iterable[str], cells: str) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=False)
    ws.add_data_validation(dv)
    dv.add(cells)


def _fit(ws: Worksheet, s: WorkshopSnapshot) -> None:
    keys = [a.key for a in s.attributes]
    n = len(s.personas)
    label_start = n + 3  # one empty column between the numbers and their labels
    for col, persona in enumerate(s.personas, start=2):
        header(ws, 1, [persona.name], start=col)
        header(ws, 1, [f"{persona.name}: label"], start=label_start + col - 2)
    for row, idea in enumerate(s.ideas, start=2):
        put(ws, row, 1, idea.title, BOLD).alignment = WRAP
        ws.row_dimensions[row].height = height(idea.title, FIT_TITLE_WIDTH - 1, bold=True)
        for col, persona in enumerate(s.personas, start=2):
            value = fit(idea, persona, keys)  # exact; the number format shows two decimals
            cell = put(ws, row, col, value)
            cell.number_format = "+0.00;-0.00;0.00"
            put(ws, row, label_start + col - 2, label(value))
    if n and s.ideas:
        _colour_scale(ws, f"B2:{_letter(n + 1)}{len(s.ideas) + 1}", -1, 1)
    ws.freeze_panes = "B2"
    widths(ws, {"A": FIT_TITLE_WIDTH} | {_letter(c): FIT_WIDTH for c in range(2, label_start + n)})
    write_promise_column(ws, s, label_start + n)
    # The persona names wrap in their header cells; the row grows to show the longest whole.
    headers = [c for c in ws[1] if isinstance(c.value, str)]
    ws.row_dimensions[1].height = max(
        (height(c.value, ws.column_dimensions[c.column_letter].width - 1, bold=True) for c in headers),
        default=30,
    )
    _landscape(ws)


def _keys(ws: Worksheet, persona_sheets: list[tuple[str, str]]) -> None:
    header(ws, 1, ["kind", "sheet", "key"])
    put(ws, 2, 1, "format")
    put(ws, 2, 2, L.WORKBOOK_FORMAT)
    put(ws, 2, 3, str(L.WORKBOOK_VERSION))
    for row, (title, key) in enumerate(persona_sheets, start=3):
        put(ws, row, 1, "persona")
        put(ws, row, 2, title)
        put(ws, row, 3, key)
    ws.sheet_state = "hidden"


def _data(ws: Worksheet, workshop_json: str) -> None:
    for row, start in enumerate(range(0, len(workshop_json), L.DATA_CHUNK), start=1):
        put(ws, row, 1, workshop_json[start : start + L.DATA_CHUNK])
    ws.sheet_state = "veryHidden"


def _landscape(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _letter(column: int) -> str:
    return get_column_letter(column)
