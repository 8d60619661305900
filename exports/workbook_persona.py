"""One persona sheet of the workbook: the persona's texts, its love/hate table and profile chart."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

import vl_convert
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import BOLD, TITLE, WRAP, header, put, widths
from exports.layout import PERSONA_LABELS, PERSONA_ROWS, TABLE_COLUMNS, TABLE_HEADER_ROW
from personas.charts import profile_chart
from personas.model import Attribute, Persona
from personas.scale import STANCE_LABELS

# Same hues as the app's charts (orange hate, blue love), safe for common colour-vision deficiencies.
STANCE_FILLS = {-2: "E66100", -1: "F7C19A", 0: "FFFFFF", 1: "A9CFFF", 2: "1A85FF"}
STANCE_WORDS = ",".join(STANCE_LABELS.values())


def write_persona_sheet(
    ws: Worksheet, persona: Persona, attributes: Sequence[Attribute], *, chart: bool = True
) -> None:
    for field, row in PERSONA_ROWS.items():
        put(ws, row, 1, PERSONA_LABELS[field], BOLD).alignment = WRAP
        value = getattr(persona, field)
        cell = put(ws, row, 2, "" if value is None else value, TITLE if field == "name" else None)
        cell.alignment = WRAP
    # The key also sits in the hidden column, so a sheet renamed in the spreadsheet still maps back.
    put(ws, 1, TABLE_COLUMNS["key"], persona.key)
    _table(ws, persona, attributes)
    widths(ws, {"A": 24, "B": 16, "C": 7, "D": 60, "E": 12})
    ws.column_dimensions["E"].hidden = True
    ws.freeze_panes = ws.cell(TABLE_HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{TABLE_HEADER_ROW}:{TABLE_HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if chart:
        _chart(ws, persona, attributes)


def _table(ws: Worksheet, persona: Persona, attributes: Sequence[Attribute]) -> None:
    cols = TABLE_COLUMNS
    header(ws, TABLE_HEADER_ROW, ["Attribute", "Stance", "Score", "Note (why)", "key"])
    first = TABLE_HEADER_ROW + 1
    for n, attribute in enumerate(attributes):
        row = first + n
        stance = persona.stance(attribute.key)
        put(ws, row, cols["attribute"], attribute.name, BOLD)
        put(ws, row, cols["stance"], STANCE_LABELS[stance.score])
        put(ws, row, cols["score"], stance.score).alignment = Alignment(horizontal="center")
        put(ws, row, cols["note"], stance.note).alignment = WRAP
        put(ws, row, cols["key"], attribute.key)
    if not attributes:
        return
    last = first + len(attributes) - 1
    # The word is what people edit, so the colour follows the word, not the (stale) score.
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
                formula=[f'$B{first}="{word}"'],
                fill=PatternFill("solid", start_color=colour, end_color=colour),
                font=font,
            ),
        )


def _chart(ws: Worksheet, persona: Persona, attributes: Sequence[Attribute]) -> None:
    # A chart is a nicety: the sheet is complete without it, so a rendering failure never fails the export.
    try:
        # The renderer has no emoji font and would draw a box; the sheet shows the name anyway.
        spec = profile_chart(replace(persona, emoji=""), attributes).to_dict()
        png = vl_convert.vegalite_to_png(spec, scale=1)
        image = Image(io.BytesIO(png))
    except Exception:
        return
    ws.add_image(image, "G1")
