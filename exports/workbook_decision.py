"""The workbook's Decision sheet, and the Promise column of its Fit sheet."""

from __future__ import annotations

from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import BOLD, TITLE, WRAP, header, put, widths
from exports.row_height import height
from workshop.domain.decision import DecisionSummary, summarise_decision
from workshop.domain.model import RANGES, TOUCH_MOMENTS, WorkshopSnapshot
from workshop.domain.promise import promise_medians

DECISION_SHEET = "Decision"
# Pale enough to print the word on; blue for delights, orange for alienates, as on the map.
LABEL_FILLS = {
    "delights": "9DC3E6",
    "helps": "DDEBF7",
    "annoys": "FCE4D6",
    "alienates": "F4B183",
}
PROMISE_FORMAT = "+0.0;-0.0;0"  # a team median: whole or half points on -2..+2
PROMISE_TITLE = "Promise (team median)"
TOP = Alignment(vertical="top")


def write_promise_column(ws: Worksheet, s: WorkshopSnapshot, column: int) -> None:
    """The team's median judgement of each idea against the promise, blank where nobody judged.

    Rows follow the Fit sheet's ideas (row 2 on); the column sits beside the fit numbers.
    """
    medians = promise_medians(s.promise_ratings)
    header(ws, 1, [PROMISE_TITLE], start=column)
    for row, idea in enumerate(s.ideas, start=2):
        if idea.key in medians:
            put(ws, row, column, medians[idea.key]).number_format = PROMISE_FORMAT
    letter = get_column_letter(column)
    if s.ideas:
        _scale(ws, f"{letter}2:{letter}{len(s.ideas) + 1}")
    widths(ws, {letter: 18})


def _scale(ws: Worksheet, cells: str) -> None:
    ws.conditional_formatting.add(
        cells,
        ColorScaleRule(
            start_type="num", start_value=-2, start_color=LABEL_FILLS["alienates"],
            mid_type="num", mid_value=0, mid_color="FFFFFF",
            end_type="num", end_value=2, end_color=LABEL_FILLS["delights"],
        ),
    )  # fmt: skip


def write_decision_sheet(ws: Worksheet, s: WorkshopSnapshot) -> None:
    summary = summarise_decision(s.decision, s.ideas, s.personas, s.attributes, s.votes, s.promise_ratings)
    n = len(summary.personas)
    last = 7 + n  # the Owner column, the widest row of the sheet
    widths(ws, {"A": 34} | {get_column_letter(c): 14 for c in range(2, 6 + n)})
    widths(ws, {get_column_letter(last - 1): 46, get_column_letter(last): 16})
    status = (
        "Marked by the facilitator."
        if summary.marked
        else "Proposed: the top-voted ideas. The facilitator has not marked the decision yet."
    )
    put(ws, 1, 1, "Decision", TITLE)
    _line(ws, 1, status, last)
    put(ws, 2, 1, "Promise", BOLD).alignment = TOP
    _line(ws, 2, s.promise or "(none written)", last)
    put(ws, 3, 1, "Customers reached", BOLD).alignment = TOP
    _line(ws, 3, _reach(summary), last)
    row = _chosen_table(ws, CHOSEN_HEADER_ROW, summary)
    row = _personas_table(ws, row + 2, summary)
    row = _grid(ws, row + 2, summary)
    put(ws, row + 2, 1, "To watch", BOLD).alignment = TOP  # beside the first of its lines
    lines = [*summary.warnings, *summary.gaps] or ["Every persona is served and nothing is off-promise."]
    for offset, sentence in enumerate(lines):
        _line(ws, row + 2 + offset, sentence, last)
    ws.freeze_panes = f"B{CHOSEN_HEADER_ROW + 1}"
    ws.print_title_rows = f"{CHOSEN_HEADER_ROW}:{CHOSEN_HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


CHOSEN_HEADER_ROW = 5


def _line(ws: Worksheet, row: int, text: str, last: int) -> None:
    """A sentence across columns B..last, tall enough for its wrapped lines."""
    put(ws, row, 2, text).alignment = WRAP
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
    width = sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(2, last + 1))
    _at_least(ws, row, height(text, width - 1))


def _at_least(ws: Worksheet, row: int, points: float) -> None:
    # openpyxl does not size rows to wrapped text, and spreadsheet apps keep the height they are given.
    ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, points)


def _fit_row(ws: Worksheet, row: int, merged: dict[int, float] | None = None) -> None:
    """Every cell of the row reads from the top, and the row is tall enough for its longest wrapped text.

    `merged` gives the width of cells merged across columns, by their first column.
    """
    points = height("", 10)  # one line
    for cell in ws[row]:
        cell.alignment = Alignment(
            wrap_text=cell.alignment.wrap_text, vertical="top", horizontal=cell.alignment.horizontal
        )
        if isinstance(cell.value, str) and cell.alignment.wrap_text:
            width = (merged or {}).get(cell.column) or ws.column_dimensions[cell.column_letter].width or 8.43
            points = max(points, height(cell.value, width - 1, bold=bool(cell.font and cell.font.b)))
    _at_least(ws, row, points)


def _reach(summary: DecisionSummary) -> str:
    if not summary.chosen:
        return "No idea is chosen."
    if not summary.shares_known:
        return "Unknown: no persona has a share of customers."
    names = ", ".join(p.name for p in summary.reached) or "nobody"
    return f"{summary.reach:.0f} % of customers ({names})"


def _chosen_table(ws: Worksheet, top: int, summary: DecisionSummary) -> int:
    names = [p.persona.name for p in summary.personas]
    titles = ["Idea", "Range of value", "Touch moment", "Votes", "Promise (team median)", *names]
    header(ws, top, [*titles, "Next step", "Owner"])
    _fit_row(ws, top)
    if not summary.chosen:
        put(ws, top + 1, 1, "No idea is chosen yet.")
        return top + 1
    for row, c in enumerate(summary.chosen, start=top + 1):
        put(ws, row, 1, c.idea.title, BOLD).alignment = WRAP
        put(ws, row, 2, RANGES.get(c.idea.range, c.idea.range)).alignment = WRAP
        put(ws, row, 3, TOUCH_MOMENTS.get(c.idea.touch, c.idea.touch)).alignment = WRAP
        put(ws, row, 4, c.votes)
        if c.promise is not None:  # blank where nobody judged, as in the Fit sheet
            cell = put(ws, row, 5, c.promise)
            cell.number_format = PROMISE_FORMAT
            cell.alignment = Alignment(horizontal="center")
        for col, word in enumerate(c.labels, start=6):
            cell = put(ws, row, col, word)
            if word in LABEL_FILLS:
                cell.fill = PatternFill("solid", fgColor=LABEL_FILLS[word])
        put(ws, row, 6 + len(names), c.next_step).alignment = WRAP
        put(ws, row, 7 + len(names), c.owner).alignment = WRAP
        _fit_row(ws, row)
    return top + len(summary.chosen)


def _personas_table(ws: Worksheet, top: int, summary: DecisionSummary) -> int:
    header(ws, top, ["Persona", "Best chosen idea", "", "Fit", "Share (%)"])
    for row, o in enumerate(summary.personas, start=top + 1):
        put(ws, row, 1, o.persona.name, BOLD).alignment = WRAP
        put(ws, row, 2, o.best.title if o.best else "—").alignment = WRAP
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        cell = put(ws, row, 4, o.best_label or "—")
        if o.best_label in LABEL_FILLS:
            cell.fill = PatternFill("solid", fgColor=LABEL_FILLS[o.best_label])
        put(ws, row, 5, o.persona.share)
        _fit_row(ws, row, merged={2: 28})
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=3)
    return top + len(summary.personas)


def _grid(ws: Worksheet, top: int, summary: DecisionSummary) -> int:
    put(ws, top, 1, "Chosen ideas by range of value and touch moment; “none” marks an empty cell", BOLD)
    header(ws, top + 1, ["Range of value", *TOUCH_MOMENTS.values()])
    cells = {(c.range, c.touch): c for c in summary.grid}
    for row, (range_key, range_name) in enumerate(RANGES.items(), start=top + 2):
        put(ws, row, 1, range_name, BOLD).alignment = WRAP
        for col, touch_key in enumerate(TOUCH_MOMENTS, start=2):
            titles = cells[(range_key, touch_key)].titles
            put(ws, row, col, "; ".join(titles) if titles else "none").alignment = WRAP
        _fit_row(ws, row)
    return top + 1 + len(RANGES)
