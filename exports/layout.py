"""Where things sit in the exported workbook; shared by the writer and the importer."""

from __future__ import annotations

from personas.model import PERSONA_PROFILE

WORKBOOK_FORMAT = "love-hate-workbook"
WORKBOOK_VERSION = 1

KEYS_SHEET = "_keys"  # hidden: sheet name -> persona key
DATA_SHEET = "_workshop"  # very hidden: the workshop file, so what the sheets do not show survives
DATA_CHUNK = 30_000  # Excel holds at most 32,767 characters in a cell

# Overview: label in column A, value in column B.
OVERVIEW_ROWS = {"title": 1, "promise": 2}

# Persona sheet, printed as one landscape page: label in column A, value in column B (merged
# across to D), the loves and hates lines the sheet computes, then the love/hate table.
PERSONA_ROWS = {field: row for row, field in enumerate(PERSONA_PROFILE, start=1)}
PERSONA_LABELS = {
    "name": "Persona",
    "quote": "Quote",
    "description": "Who they are",
    "share": "Share of customers (%)",
    "evidence": "Evidence",
}
LOVES_ROW, HATES_ROW = 6, 7
TABLE_HEADER_ROW = 9
# Workbooks exported before the loves and hates lines had the table header on row 7; the importer
# finds the header by the "key" title in its hidden column, within the first rows.
TABLE_HEADER_SEARCH_ROWS = 20
# "key" and the chart's two series ("hates", "loves") are hidden columns.
TABLE_COLUMNS = {"attribute": 1, "stance": 2, "score": 3, "note": 4, "key": 5, "hates": 6, "loves": 7}

# Ideas sheet: row 1 headers for people, row 2 (hidden) field keys the importer finds columns by.
IDEA_FIELDS = ("title", "description", "range", "touch", "effects", "author", "votes")
IDEA_HEADERS = ("Title", "Description", "Range of value", "Touch moment", "Effects", "Author", "Votes")
IDEA_FIRST_ROW = 3
EFFECT_PREFIX = "effect:"
IDEA_KEY_FIELD = "key"
