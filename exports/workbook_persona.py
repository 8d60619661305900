"""One persona sheet of the workbook: a poster that prints on one landscape page, with a live profile chart.

Texts first (name, quote, who they are, share, evidence), then what the persona loves and hates in
words, then the love/hate table, with the profile chart beside them. The scores, the chart and the
loves and hates lines are computed from the stance words, so an edit in the spreadsheet redraws them.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports import formulas
from exports.cells import BOLD, FONT, HEADER_FILL, Look, dress, put, widths
from exports.layout import (
    HATES_ROW,
    LOVES_ROW,
    PERSONA_LABELS,
    PERSONA_ROWS,
    TABLE_COLUMNS,
    TABLE_HEADER_ROW,
)
from exports.row_height import height
from personas.model import Attribute, Persona
from personas.scale import STANCE_LABELS

# Same hues as the app's charts (orange hate, blue love), safe for common colour-vision deficiencies.
STANCE_FILLS = {-2: "E66100", -1: "F7C19A", 0: "FFFFFF", 1: "A9CFFF", 2: "1A85FF"}
STANCE_WORDS = ",".join(STANCE_LABELS.values())

WIDTHS = {"A": 24, "B": 16, "C": 7}  # D, the notes, is as wide as the page needs (NOTE_WIDTHS)
# Long texts make a tall sheet, which a landscape page shrinks to fit; wider text columns keep
# such a sheet nearer the page's shape, and its print larger.
NOTE_WIDTHS = (40, 50, 60, 80, 100, 130, 160)
PAGE_POINTS = (842 - 0.8 * 72, 595 - 1.0 * 72)  # A4 landscape inside the margins; Letter is close
POINTS_PER_UNIT = 5.25  # a column width unit is about 7 pixels
TOP_WRAP = Alignment(wrap_text=True, vertical="top", horizontal="left")
TEXT = Look(alignment=TOP_WRAP)
LABEL = Look(font=Font(name=FONT, size=10, bold=True, color="595959"), alignment=TOP_WRAP)
NAME = Look(font=Font(name=FONT, size=20, bold=True), alignment=TOP_WRAP)
QUOTE = Look(font=Font(name=FONT, size=13, italic=True, color="404040"), alignment=TOP_WRAP)
ATTRIBUTE = Look(font=BOLD, alignment=TOP_WRAP)
LISTING = ATTRIBUTE  # the loves and hates lines
TABLE_HEADER = Look(font=BOLD, alignment=TOP_WRAP, fill=HEADER_FILL)
SCORE = Look(alignment=Alignment(horizontal="center", vertical="top"), number_format="+0;-0;0")
_TEXT_SIZES = {"name": 20, "quote": 13}
CHART_ANCHOR = "I1"  # after the hidden columns and a narrow gap (H)
CHART_WIDTH_CM = 11.5
_CM_PER_POINT = 2.54 / 72


def write_persona_sheet(
    ws: Worksheet, persona: Persona, attributes: Sequence[Attribute], *, chart: bool = True
) -> None:
    note_width, heights = _note_width(persona, attributes)
    _texts(ws, persona)
    _loves_and_hates(ws, attributes)
    _table(ws, persona, attributes)
    for row, points in heights.items():
        ws.row_dimensions[row].height = points
    # The key also sits in the hidden column, so a sheet renamed in the spreadsheet still maps back.
    put(ws, 1, TABLE_COLUMNS["key"], persona.key)
    widths(ws, WIDTHS | {"D": note_width, "H": 2})
    for column in ("key", "hates", "loves"):
        ws.column_dimensions[_letter(column)].hidden = True
    _page(ws)
    if chart and attributes:
        _chart(ws, len(attributes))


def _row_heights(persona: Persona, attributes: Sequence[Attribute], note_width: float) -> dict[int, float]:
    """Each row's height in points, so every wrapped text prints whole."""
    text_width = WIDTHS["B"] + WIDTHS["C"] + note_width  # a persona text spans B:D
    heights = {}
    for field, row in PERSONA_ROWS.items():
        value = getattr(persona, field)
        heights[row] = max(
            height(
                "" if value is None else str(value),
                text_width,
                _TEXT_SIZES.get(field, 11),
                bold=field == "name",
            ),
            height(PERSONA_LABELS[field], WIDTHS["A"], 10, bold=True),
        )
    for row, loves in ((LOVES_ROW, True), (HATES_ROW, False)):
        # Today's line plus one, so a stance changed in the spreadsheet still fits.
        heights[row] = height(
            _listing_text(persona, attributes, loves=loves), text_width, bold=True, spare_lines=1
        )
    heights[TABLE_HEADER_ROW - 1] = 8
    for n, attribute in enumerate(attributes, start=TABLE_HEADER_ROW + 1):
        heights[n] = max(
            height(persona.stance(attribute.key).note, note_width),
            height(attribute.name, WIDTHS["A"], bold=True),
            height(STANCE_LABELS[-2], WIDTHS["B"]),
        )
    return heights


def _note_width(persona: Persona, attributes: Sequence[Attribute]) -> tuple[float, dict[int, float]]:
    """The narrowest notes column at which the sheet prints largest, and the row heights it gives."""
    width, heights = NOTE_WIDTHS[0], _row_heights(persona, attributes, NOTE_WIDTHS[0])
    scale = _print_scale(heights, width)
    for wider in NOTE_WIDTHS[1:]:
        wider_heights = _row_heights(persona, attributes, wider)
        wider_scale = _print_scale(wider_heights, wider)
        if wider_scale <= scale:  # wider only makes it smaller from here on
            break
        width, heights, scale = wider, wider_heights, wider_scale
    return width, heights


def _print_scale(heights: dict[int, float], note_width: float) -> float:
    """How much a landscape page would shrink the sheet with notes `note_width` wide (1 = not at all)."""
    width = (sum(WIDTHS.values()) + note_width + 2) * POINTS_PER_UNIT + CHART_WIDTH_CM / _CM_PER_POINT
    tall = sum(heights.values()) + 15  # the table's header row
    return min(1.0, PAGE_POINTS[0] / width, PAGE_POINTS[1] / tall)


def _texts(ws: Worksheet, persona: Persona) -> None:
    for field, row in PERSONA_ROWS.items():
        put(ws, row, 1, PERSONA_LABELS[field], look=LABEL)
        value = getattr(persona, field)
        look = NAME if field == "name" else QUOTE if field == "quote" else TEXT
        put(ws, row, 2, "" if value is None else value, look=look)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)


def _loves_and_hates(ws: Worksheet, attributes: Sequence[Attribute]) -> None:
    first = TABLE_HEADER_ROW + 1
    rows = range(first, first + len(attributes))
    for row, loves, label in ((LOVES_ROW, True, "Loves"), (HATES_ROW, False, "Hates")):
        put(ws, row, 1, label, look=LABEL)
        cell = ws.cell(row, 2)
        if attributes:
            cell.value = formulas.listing(rows, "A", "C", loves=loves)
        else:
            put(ws, row, 2, formulas.NOTHING)
        dress(cell, LISTING)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)


def _listing_text(persona: Persona, attributes: Sequence[Attribute], *, loves: bool) -> str:
    """What the loves (or hates) formula shows today, for sizing its row."""
    strong, mild = (2, 1) if loves else (-2, -1)
    names = [a.name + formulas.STRONGLY for a in attributes if persona.stance(a.key).score == strong]
    names += [a.name for a in attributes if persona.stance(a.key).score == mild]
    return ", ".join(names) or formulas.NOTHING


def _table(ws: Worksheet, persona: Persona, attributes: Sequence[Attribute]) -> None:
    cols = TABLE_COLUMNS
    titles = {
        "attribute": "Attribute",
        "stance": "Stance",
        "score": "Score",
        "note": "Note (why)",
        "key": "key",
        "hates": "hate",
        "loves": "love",
    }
    for field, title in titles.items():
        put(ws, TABLE_HEADER_ROW, cols[field], title, look=TABLE_HEADER)
    first = TABLE_HEADER_ROW + 1
    for n, attribute in enumerate(attributes):
        row = first + n
        stance = persona.stance(attribute.key)
        put(ws, row, cols["attribute"], attribute.name, look=ATTRIBUTE)
        put(ws, row, cols["stance"], STANCE_LABELS[stance.score], look=TEXT)
        dress(ws.cell(row, cols["score"], formulas.stance_score(f"B{row}")), SCORE)
        put(ws, row, cols["note"], stance.note, look=TEXT)
        put(ws, row, cols["key"], attribute.key)
        ws.cell(row, cols["hates"], formulas.hate_part(f"C{row}"))
        ws.cell(row, cols["loves"], formulas.love_part(f"C{row}"))
    if not attributes:
        return
    last = first + len(attributes) - 1
    # The word is what people edit, so the colour follows the word.
    words = DataValidation(type="list", formula1=f'"{STANCE_WORDS}"', allow_blank=False)
    words.error = "Choose one of: " + ", ".join(STANCE_LABELS.values())
    words.errorTitle = "Stance"
    ws.add_data_validation(words)
    words.add(f"B{first}:B{last}")
    for score, colour in STANCE_FILLS.items():
        word = STANCE_LABELS[score].replace('"', '""')
        font = Font(color="FFFFFF", bold=True) if abs(score) == 2 else None
        ws.conditional_formatting.add(
            f"A{first}:D{last}",
            FormulaRule(
                formula=[f'TRIM($B{first})="{word}"'],
                fill=PatternFill("solid", start_color=colour, end_color=colour),
                font=font,
            ),
        )


def _chart(ws: Worksheet, count: int) -> None:
    """Two bar series from the sheet's own hidden columns: hates to the left in orange, loves to the right in blue."""
    first = TABLE_HEADER_ROW + 1
    last = first + count - 1
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.overlap = 100  # one bar per attribute: each row has a hate part or a love part, not both
    chart.gapWidth = 40
    chart.title = "Love / hate profile"
    chart.style = 10
    chart.visible_cells_only = False  # the series live in hidden columns
    for field, colour in (("hates", STANCE_FILLS[-2]), ("loves", STANCE_FILLS[2])):
        column = TABLE_COLUMNS[field]
        values = Reference(ws, min_col=column, min_row=first, max_row=last)
        series = Series(values, title="hate" if field == "hates" else "love")
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
        chart.series.append(series)
    names = Reference(ws, min_col=TABLE_COLUMNS["attribute"], min_row=first, max_row=last)
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(names)))  # names are text, not numbers
    categories, scores = chart.x_axis, chart.y_axis
    categories.scaling.orientation = "maxMin"  # the first attribute on top, as in the table
    categories.tickLblPos = "low"  # names at the left edge, clear of the bars
    categories.delete = False
    scores.scaling.min, scores.scaling.max = -2, 2
    scores.majorUnit = 1
    scores.number_format = "+0;-0;0"
    scores.crosses = "max"  # with the categories reversed, this keeps the scale at the bottom
    scores.title = "hate  \u2190  \u2192  love"
    scores.delete = False
    chart.legend = None  # the colours and the scale's title say which side is which
    chart.width = CHART_WIDTH_CM
    # As tall as the printed texts and table beside it, so the page reads as one block.
    rows = sum(ws.row_dimensions[r].height or 15 for r in range(1, last + 1))
    chart.height = max(8.0, rows * _CM_PER_POINT)
    ws.add_chart(chart, CHART_ANCHOR)


def _page(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True


def _letter(field: str) -> str:
    return "ABCDEFG"[TABLE_COLUMNS[field] - 1]
