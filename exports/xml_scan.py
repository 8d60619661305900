"""Reading a workbook's XML as it inflates, counting what a reader would build before anything is built.

Nothing here keeps a tree: every element is seen once and forgotten. The counts run over the
whole workbook (one Tally), so forty sheets just under every per-sheet cap still meet one cap.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from exports.formulas import is_own
from exports.limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ELEMENTS,
    MAX_ROWS,
    MAX_STYLES,
    MAX_TEXT,
    MAX_XML_DEPTH,
)
from personas.errors import InvalidInput

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
# Records a style sheet turns into objects one by one.
_STYLE_RECORDS = frozenset({"xf", "font", "fill", "border", "numFmt", "dxf", "cellStyle"})
_MAX_LISTED = 1000  # problems named one by one; more are counted


class Tally:
    """What the reader would build from the whole workbook, counted before it builds any of it."""

    def __init__(self) -> None:
        self.elements = 0
        self.cells = 0
        self.styles = 0

    def element(self, count: int = 1) -> None:
        self.elements += count
        if self.elements > MAX_ELEMENTS:
            raise InvalidInput(
                f"The workbook holds more than {MAX_ELEMENTS:,} pieces of XML; a workbook exported by "
                "this app holds a fraction of that. It was refused."
            )

    def cell(self, count: int, sheet: str) -> None:
        self.cells += count
        if self.cells > MAX_CELLS:
            raise InvalidInput(
                f"The workbook has more than {MAX_CELLS:,} cells (sheet '{sheet}' goes past that); "
                "a workbook exported by this app has far fewer. It was refused."
            )

    def style(self) -> None:
        self.styles += 1
        if self.styles > MAX_STYLES:
            raise InvalidInput(
                f"The workbook defines more than {MAX_STYLES:,} cell styles; "
                "a workbook exported by this app defines a few dozen. It was refused."
            )


def column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


class PartScan:
    """Feed a part's bytes as they inflate; raises InvalidInput at the first thing refused.

    `sheet` is the sheet's name when the part is a worksheet (cells, formulas, rows and columns are
    then checked); `styles` marks the style sheet. A formula is read whole when its element ends:
    the app's own (exports/formulas.py) passes, any other is collected in `problems`, so one upload
    lists every cell to fix.
    """

    def __init__(
        self, part: str, tally: Tally, problems: list[str], *, sheet: str | None = None, styles: bool = False
    ) -> None:
        self.part, self.tally, self.problems, self.sheet, self.styles = part, tally, problems, sheet, styles
        self.path: list[str] = []
        self.text = 0
        self.row = 0
        self.column = 0
        self.ref = "?"
        self.unlisted = 0
        self.formula: list[str] | None = None  # the text of the formula being read, in pieces
        self.shared_group: str | None = None  # its shared-formula group, when it has one
        self.own_groups: set[str] = set()  # shared formulas (a fill-down) whose first cell is the app's
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._declaration
        parser.EntityDeclHandler = self._declaration
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        self.parser = parser

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError:
            raise self._damaged() from None

    def close(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError:
            raise self._damaged() from None
        if self.unlisted:
            self.problems.append(f"Sheet '{self.sheet}': {self.unlisted} more cells hold formulas")

    def _damaged(self) -> InvalidInput:
        return InvalidInput(
            f"The workbook is damaged ({self.part} is not valid XML). Save it again as .xlsx."
        )

    def _declaration(self, *_args: object) -> None:
        raise InvalidInput(
            f"The workbook part {self.part} declares XML entities or a DTD, a known way to attack a server. "
            "It was refused."
        )

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if self.formula is not None:
            raise self._damaged()  # a formula is plain text; one with parts inside is not a spreadsheet's
        self.path.append(local)
        self.text = 0
        if len(self.path) > MAX_XML_DEPTH:
            raise InvalidInput(
                f"The workbook part {self.part} nests XML more than {MAX_XML_DEPTH} levels deep; "
                "a real workbook never does. It was refused."
            )
        self.tally.element()
        if "sqref" in attributes:  # each listed range becomes an object of its own
            self.tally.element(len(attributes["sqref"].split()))
        if self.sheet is not None:
            self._sheet_element(local, attributes)
        elif self.styles and local in _STYLE_RECORDS:
            self.tally.style()

    def _end(self, _name: str) -> None:
        if self.formula is not None and self.path[-1] == "f":
            self._formula_read("".join(self.formula))
            self.formula = None
        self.path.pop()
        self.text = 0

    def _characters(self, data: str) -> None:
        self.text += len(data)
        if self.text > MAX_TEXT:
            raise InvalidInput(
                f"The workbook part {self.part} holds a text of more than {MAX_TEXT:,} characters, "
                "more than a spreadsheet cell can hold. It was refused."
            )
        if self.formula is not None:
            self.formula.append(data)

    # worksheets
    def _sheet_element(self, local: str, attributes: dict[str, str]) -> None:
        if local == "row":
            self.row = self._number(attributes.get("r"), self.row + 1)
            self.column = 0
            self._check_position(self.row, 1)
        elif local == "c":
            self.tally.cell(1, str(self.sheet))
            ref = attributes.get("r", "")
            match = _REF.fullmatch(ref)
            if match:
                self.column = column_number(match.group(1))
                self._check_position(int(match.group(2)), self.column)
            else:
                self.column += 1
                self._check_position(self.row, self.column)
            self.ref = ref or "?"
        elif local == "f" and len(self.path) > 1 and self.path[-2] == "c":
            self.formula = []
            self.shared_group = attributes.get("si") if attributes.get("t") == "shared" else None
        elif local in ("mergeCell", "hyperlink") and "ref" in attributes:
            # A reader makes a cell for every position a merged or linked range covers.
            self.tally.cell(self._area(attributes["ref"]), str(self.sheet))

    def _formula_read(self, text: str) -> None:
        """A persona sheet's own formula (score, chart series, loves and hates) passes, however a
        spreadsheet re-saved it; which cells may hold one is checked once the workbook is read."""
        group = self.shared_group
        if group is not None and not text.strip():
            own = group in self.own_groups  # a fill-down's other cells repeat its first, shifted
        else:
            own = bool(text.strip()) and is_own(text)
            if own and group is not None:
                self.own_groups.add(group)
        if own:
            return
        if len(self.problems) < _MAX_LISTED:
            self.problems.append(
                f"Sheet '{self.sheet}' cell {self.ref}: holds a formula; formulas are not accepted, "
                "type the value itself"
            )
        else:
            self.unlisted += 1

    def _number(self, value: str | None, default: int) -> int:
        if value is None:
            return default
        if not value.isdigit() or len(value) > 7:
            raise self._damaged()
        return int(value)

    def _check_position(self, row: int, column: int) -> None:
        if row > MAX_ROWS:
            raise InvalidInput(f"Sheet '{self.sheet}' has {row} rows; at most {MAX_ROWS} are accepted.")
        if column > MAX_COLUMNS:
            raise InvalidInput(
                f"Sheet '{self.sheet}' has {column} columns; at most {MAX_COLUMNS} are accepted."
            )

    def _area(self, ref: str) -> int:
        corners = []
        for end in ref.split(":")[:2]:
            match = _REF.fullmatch(end.strip())
            if not match:
                raise self._damaged()
            row, column = int(match.group(2)), column_number(match.group(1))
            self._check_position(row, column)
            corners.append((row, column))
        if len(corners) == 1:
            return 1
        (r1, c1), (r2, c2) = corners
        return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
