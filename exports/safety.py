"""Refusing hostile uploads before anything parses them: size, zip bombs, XML entities, foreign formulas, shape."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from exports.formulas import is_own
from exports.limits import (
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_ROWS,
    MAX_SHEETS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_ZIP_MEMBERS,
)
from personas.errors import InvalidInput

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")
# Small parts compress very well; the ratio only says "bomb" once a part is big.
_RATIO_FLOOR_BYTES = 1024 * 1024
_NOT_XLSX = "This is not an Excel workbook (.xlsx). Export the workbook from this app, or save it as .xlsx."


class ImportProblems(InvalidInput):
    """Everything wrong with an upload at once, each problem naming its sheet and cell."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        shown = "; ".join(self.problems[:5]) + (
            f"; and {len(self.problems) - 5} more" if len(self.problems) > 5 else ""
        )
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"Nothing was imported, the workbook has {len(self.problems)} {noun}: {shown}")


def check_size(data: bytes, what: str = "file") -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput(
            f"The {what} is {len(data) / 1024 / 1024:.1f} MB; at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB "
            "can be uploaded."
        )


def check_xlsx(data: bytes) -> None:
    """Raise InvalidInput (or ImportProblems for formulas) unless `data` is a plain, modest .xlsx."""
    check_size(data, "workbook")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InvalidInput(
            "This is a password-protected workbook or an old .xls file. Remove the password and save as .xlsx."
        )
    if not data.startswith(b"PK\x03\x04"):
        raise InvalidInput(_NOT_XLSX)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = _read_parts(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError):
        raise InvalidInput("The workbook is damaged and cannot be opened. Save it again as .xlsx.") from None
    if "[Content_Types].xml" not in parts or "xl/workbook.xml" not in parts:
        raise InvalidInput(_NOT_XLSX)
    sheets = _sheets(parts)
    problems = []
    for name, path in sheets:
        problems += _check_sheet(name, parts.get(path))
    if problems:
        raise ImportProblems(problems)


def _read_parts(archive: zipfile.ZipFile) -> dict[str, Element]:
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InvalidInput(f"The workbook has {len(infos)} parts; a real one has far fewer. It was refused.")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InvalidInput(
            f"The workbook would unpack to {total // 1024 // 1024} MB (a 'zip bomb'); "
            f"at most {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB is accepted. It was refused."
        )
    parts = {}
    for info in infos:
        if info.flag_bits & 0x1:
            raise InvalidInput("The workbook is encrypted. Remove the password and save as .xlsx.")
        if info.file_size > _RATIO_FLOOR_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise InvalidInput(
                f"A part of the workbook is compressed {info.file_size // max(info.compress_size, 1)} times "
                "(a 'zip bomb'). It was refused."
            )
        if info.filename.endswith((".xml", ".rels", ".vml")):
            # zipfile stops at the declared size, so a lying header cannot inflate past the checks above.
            parts[info.filename] = _parse(archive.read(info), info.filename)
    return parts


def _parse(xml: bytes, name: str) -> Element:
    try:
        return SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InvalidInput(
            f"The workbook part {name} declares XML entities or a DTD, a known way to attack a server. "
            "It was refused."
        ) from None
    except ParseError:
        raise InvalidInput(
            f"The workbook is damaged ({name} is not valid XML). Save it again as .xlsx."
        ) from None


def _sheets(parts: dict[str, Element]) -> list[tuple[str, str]]:
    """(sheet name, part path) for every sheet, in workbook order."""
    targets = {}
    rels = parts.get("xl/_rels/workbook.xml.rels")
    if rels is not None:
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            targets[rel.get("Id")] = path
    sheets = [
        (sheet.get("name", "?"), targets.get(sheet.get(f"{_REL}id"), ""))
        for sheet in parts["xl/workbook.xml"].iter(f"{_MAIN}sheet")
    ]
    if len(sheets) > MAX_SHEETS:
        raise InvalidInput(f"The workbook has {len(sheets)} sheets; at most {MAX_SHEETS} are accepted.")
    return sheets


def _check_sheet(name: str, root: Element | None) -> list[str]:
    if root is None:
        return []
    problems = []
    shared: set[str] = set()  # shared formulas (a spreadsheet's fill-down) whose first cell is the app's
    max_row = max_col = 0
    for row_number, row in enumerate(root.iter(f"{_MAIN}row"), start=1):
        row_number = int(row.get("r") or row_number)
        max_row = max(max_row, row_number)
        for col_number, cell in enumerate(row.iter(f"{_MAIN}c"), start=1):
            ref = cell.get("r") or ""
            match = _CELL_REF.fullmatch(ref)
            if match:
                col_number = _column_number(match.group(1))
            max_col = max(max_col, col_number)
            formula = cell.find(f"{_MAIN}f")
            if formula is not None and not _own_formula(formula, shared):
                problems.append(
                    f"Sheet '{name}' cell {ref or '?'}: holds a formula; formulas are not accepted, "
                    "type the value itself"
                )
    if max_row > MAX_ROWS:
        raise InvalidInput(f"Sheet '{name}' has {max_row} rows; at most {MAX_ROWS} are accepted.")
    if max_col > MAX_COLUMNS:
        raise InvalidInput(f"Sheet '{name}' has {max_col} columns; at most {MAX_COLUMNS} are accepted.")
    return problems


def _own_formula(formula: Element, shared: set[str]) -> bool:
    """A persona sheet's own formula (score, chart series, loves and hates), however a spreadsheet re-saved it."""
    text = formula.text or ""
    group = formula.get("si")
    if formula.get("t") == "shared" and group is not None:
        if not text.strip():  # the other cells of a shared formula repeat its first cell, shifted
            return group in shared
        if is_own(text):
            shared.add(group)
    return bool(text.strip()) and is_own(text)


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number
