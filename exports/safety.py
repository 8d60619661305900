"""Refusing hostile uploads before anything builds from them: size, zip bombs, XML entities, foreign formulas, shape.

`check_xlsx` inflates only the parts a workbook reader needs (content types, the workbook and its
relationships, styles, shared strings, worksheets and their tables), one chunk at a time within
one budget for the whole file, and reads their XML as it streams, counting cells, styles and
elements over the whole workbook, and refusing every formula the app could not have written
(exports/formulas.py). What passes is handed on as a new package holding only those
parts; everything else in the upload (images, drawings, printer settings, anything unknown) is
never inflated and never parsed.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import quoteattr

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from exports.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_SHEETS,
    MAX_STRUCTURE_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_ZIP_MEMBERS,
)
from exports.unpacking import Budget, inflate
from exports.xml_scan import PartScan, Tally
from personas.errors import InvalidInput

Progress = Callable[[float, str], None]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_WORKBOOK_TYPES = ("sheet.main+xml", "template.main+xml", "sheet.macroEnabled.main+xml")
# Relationships of a worksheet that the reader follows and this app's workbooks may carry.
_KEPT_SHEET_RELATIONS = ("/hyperlink", "/table")
# Small parts compress very well; the ratio only says "bomb" once a part is big.
_RATIO_FLOOR_BYTES = 1024 * 1024
_PART_WORDS = {"xl/styles.xml": "the styles"}
_MB = 1024 * 1024
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


def describe_size(size: int | None) -> str:
    """An oversized file's size in words that never understate it ("more than 5 MB" when unknown)."""
    limit = MAX_UPLOAD_BYTES // _MB
    if size is None or round(size / _MB, 1) <= limit:
        return f"more than {limit} MB"
    return f"{size / _MB:.1f} MB"


def check_size(data: bytes, what: str = "file", size: int | None = None) -> None:
    """Refuse more than MAX_UPLOAD_BYTES. `size` is the whole file's size when `data` may be only its start."""
    real = size if size is not None else len(data)
    if real > MAX_UPLOAD_BYTES:
        known = size is not None or len(data) > MAX_UPLOAD_BYTES + 1
        raise InvalidInput(
            f"The {what} is {describe_size(real if known else None)}; "
            f"at most {MAX_UPLOAD_BYTES // _MB} MB can be uploaded."
        )


def check_xlsx(data: bytes, progress: Progress | None = None) -> bytes:
    """A package of only the parts a reader needs, checked; InvalidInput (ImportProblems for formulas) if not."""
    check_size(data, "workbook")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InvalidInput(
            "This is a password-protected workbook or an old .xls file. Remove the password and save as .xlsx."
        )
    if not data.startswith(b"PK\x03\x04"):
        raise InvalidInput(_NOT_XLSX)
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, ValueError):
        raise InvalidInput("The workbook is damaged and cannot be opened. Save it again as .xlsx.") from None
    _check_directory(infos)
    return _Unpacking(data, infos, progress or (lambda _done, _step: None)).run()


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    """Cheap refusals from the zip's directory alone; what really inflates is counted later."""
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InvalidInput(f"The workbook has {len(infos)} parts; a real one has far fewer. It was refused.")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InvalidInput(
            f"The workbook would unpack to {total // _MB} MB (a 'zip bomb'); "
            f"at most {MAX_UNCOMPRESSED_BYTES // _MB} MB is accepted. It was refused."
        )
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


class _Unpacking:
    def __init__(self, data: bytes, infos: list[zipfile.ZipInfo], progress: Progress) -> None:
        self.data = data
        self.parts = {info.filename: info for info in infos}
        self.progress = progress
        self.budget = Budget(MAX_UNCOMPRESSED_BYTES)
        self.tally = Tally()
        self.problems: list[str] = []
        self.buffer = io.BytesIO()
        self.package = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1)

    def run(self) -> bytes:
        try:
            self._unpack()
        finally:
            self.package.close()
        return self.buffer.getvalue()

    def _unpack(self) -> None:
        if "[Content_Types].xml" not in self.parts or "xl/workbook.xml" not in self.parts:
            raise InvalidInput(_NOT_XLSX)
        types = self._structure("[Content_Types].xml")
        workbook = self._structure("xl/workbook.xml")
        rels = (
            self._structure("xl/_rels/workbook.xml.rels")
            if "xl/_rels/workbook.xml.rels" in self.parts
            else None
        )
        strings = _check_manifest(types)
        if workbook.find(f"{_MAIN}pivotCaches") is not None:
            raise InvalidInput(
                "The workbook holds a pivot table. Remove it, save again as .xlsx and upload that."
            )
        sheets = _sheets(workbook, rels)
        streamed = [("xl/styles.xml", None), (strings, None), *((path, name) for name, path in sheets)]
        streamed = [(path, name) for path, name in streamed if path in self.parts]
        total = sum(self.parts[path].compress_size for path, _ in streamed) or 1
        done = 0
        for path, sheet in streamed:
            step = f"sheet '{sheet}'" if sheet is not None else _PART_WORDS.get(path, "the text")
            self.progress(0.05 + 0.5 * done / total, f"Unpacking and checking {step}")
            self._stream(path, sheet=sheet, styles=path == "xl/styles.xml")
            if sheet is not None:
                self._sheet_relations(path)
            done += self.parts[path].compress_size
        if self.problems:
            raise ImportProblems(self.problems)

    def _structure(self, path: str, *, keep: bool = True) -> Element:
        """A small part read whole (within its own cap as well as the budget) and parsed."""
        chunks, size = [], 0
        for chunk in inflate(self.data, self.parts[path], self.budget):
            size += len(chunk)
            if size > MAX_STRUCTURE_BYTES:
                raise InvalidInput(
                    f"The workbook part {path} is over {MAX_STRUCTURE_BYTES // _MB} MB; "
                    "a real one is a few KB. It was refused."
                )
            chunks.append(chunk)
        xml = b"".join(chunks)
        root = _parse(xml, path)
        self.tally.element(sum(1 for _ in root.iter()))
        if keep:
            self.package.writestr(path, xml)
        return root

    def _stream(self, path: str, *, sheet: str | None = None, styles: bool = False) -> None:
        if path in self.package.namelist():
            return  # a table two relationships point to is read once
        scan = PartScan(path, self.tally, self.problems, sheet=sheet, styles=styles)
        with self.package.open(path, "w", force_zip64=True) as out:
            for chunk in inflate(self.data, self.parts[path], self.budget):
                scan.feed(chunk)
                out.write(chunk)
        scan.close()

    def _sheet_relations(self, sheet_path: str) -> None:
        """Keep the worksheet's hyperlinks and tables (the reader looks them up); drop the rest unread."""
        folder, name = posixpath.split(sheet_path)
        path = f"{folder}/_rels/{name}.rels"
        if path not in self.parts:
            return
        root = self._structure(path, keep=False)
        kept = []
        for rel in root.iter(f"{_PKG_REL}Relationship"):
            kind = rel.get("Type", "")
            if not kind.endswith(_KEPT_SHEET_RELATIONS):
                continue
            kept.append(rel)
            if kind.endswith("/table") and rel.get("TargetMode") != "External":
                target = _target(f"{folder}/_rels", rel.get("Target", ""))
                if target not in self.parts:
                    raise InvalidInput(
                        f"The workbook is damaged ({target} is missing). Save it again as .xlsx."
                    )
                self._stream(target)
        attributes = ("Id", "Type", "Target", "TargetMode")
        entries = "".join(
            "<Relationship "
            + " ".join(f"{a}={quoteattr(rel.get(a, ''))}" for a in attributes if rel.get(a) is not None)
            + "/>"
            for rel in kept
        )
        xmlns = _PKG_REL.strip("{}")
        self.package.writestr(path, f'<Relationships xmlns="{xmlns}">{entries}</Relationships>')


def _target(rels_folder: str, target: str) -> str:
    """A relationship's target as a part name, resolved the way spreadsheet readers resolve it."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(rels_folder), target))


def _check_manifest(types: Element) -> str:
    """The shared strings part's name; refuses a workbook whose main part is not xl/workbook.xml."""
    strings = "xl/sharedStrings.xml"
    for override in types.iter(f"{_CONTENT_TYPES}Override"):
        name, kind = override.get("PartName", "").lstrip("/"), override.get("ContentType", "")
        if kind.endswith(_WORKBOOK_TYPES) and "spreadsheetml" in kind and name != "xl/workbook.xml":
            raise InvalidInput(_NOT_XLSX)
        if kind == _SHARED_STRINGS_TYPE:
            strings = name
    return strings


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


def _sheets(workbook: Element, rels: Element | None) -> list[tuple[str, str]]:
    """(sheet name, part path) for every worksheet, in workbook order."""
    targets = {}
    if rels is not None:
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            if rel.get("Type", "").endswith("/worksheet"):
                targets[rel.get("Id")] = _target("xl/_rels", rel.get("Target", ""))
    declared = list(workbook.iter(f"{_MAIN}sheet"))
    if len(declared) > MAX_SHEETS:
        raise InvalidInput(f"The workbook has {len(declared)} sheets; at most {MAX_SHEETS} are accepted.")
    found = [
        (sheet.get("name", "?"), targets[sheet.get(f"{_REL}id")])
        for sheet in declared
        if sheet.get(f"{_REL}id") in targets
    ]
    if len({path for _, path in found}) < len(found):
        # A reader would build the one part once per listing, past everything counted.
        raise InvalidInput("The workbook is damaged (it lists one sheet twice). Save it again as .xlsx.")
    return found
