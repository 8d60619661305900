"""Builders of hostile workbooks: small files that cost a naive reader gigabytes or minutes.

Shared by the tests (tests/unit/test_workbook_budget.py) and the benchmark
(bench/hostile_workbook_bench.py). Everything is written with streaming zip writes or
repeated compressed blocks, so building a file that inflates to gigabytes takes well under
a second and little memory.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_WORKSHEET_REL = f"{REL_NS}/worksheet"
_STYLES_REL = f"{REL_NS}/styles"

Part = bytes | Iterable[bytes]


def write_zip(parts: dict[str, Part], level: int = 9) -> bytes:
    """A zip of `parts`; a part given as chunks is streamed, never held whole."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in parts.items():
            if isinstance(content, bytes):
                archive.writestr(name, content)
                continue
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as member:
                for chunk in content:
                    member.write(chunk)
    return out.getvalue()


def skeleton(sheets: dict[str, Part], styles: Part | None = None) -> dict[str, Part]:
    """The parts of a minimal workbook holding `sheets` (name -> worksheet XML) in order."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_SHEET_TYPE}"/>'
        for n in range(1, len(names) + 1)
    )
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
        f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_entries = "".join(
        f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(names, 1)
    )
    workbook = f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{sheet_entries}</sheets></workbook>'
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_WORKSHEET_REL}" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(names) + 1)
    )
    rels += f'<Relationship Id="rId{len(names) + 1}" Type="{_STYLES_REL}" Target="styles.xml"/>'
    parts: dict[str, Part] = {
        "[Content_Types].xml": content_types.encode(),
        "_rels/.rels": root_rels.encode(),
        "xl/workbook.xml": workbook.encode(),
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'.encode(),
        "xl/styles.xml": styles if styles is not None else plain_styles(),
    }
    for n, name in enumerate(names, 1):
        parts[f"xl/worksheets/sheet{n}.xml"] = sheets[name]
    return parts


def plain_styles(cell_formats: int = 2) -> bytes:
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * cell_formats
    return (
        f'<styleSheet xmlns="{MAIN_NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{cell_formats}">{xfs}</cellXfs>'
        "</styleSheet>"
    ).encode()


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def dense_sheet(
    rows: int, columns: int, *, styled: bool = False, cell: bytes | None = None
) -> Iterator[bytes]:
    """Worksheet XML of rows x columns empty cells (styled: s="1"), streamed a row at a time.

    Cells and rows carry no reference (the format allows that: they follow one another), so the
    part repeats itself and compresses to almost nothing.
    """
    yield f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
    row = b"<row>" + (cell or (b'<c s="1"/>' if styled else b"<c/>")) * columns + b"</row>"
    for _ in range(rows):
        yield row
    yield b"</sheetData></worksheet>"


def dense_workbook(sheets: int = 40, rows: int = 1292, columns: int = 200) -> bytes:
    """Every sheet full of empty cells, each sheet just under 1 MiB: 10 million cells in about 100 KB."""
    return write_zip(skeleton({f"S{n}": dense_sheet(rows, columns) for n in range(1, sheets + 1)}))


def deep_sheet(depth: int) -> bytes:
    """A worksheet whose one cell holds `depth` nested elements."""
    return (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'.encode()
        + b"<x>" * depth
        + b"</x>" * depth
        + b"</is></c></row></sheetData></worksheet>"
    )


def many_styles(count: int) -> bytes:
    """A style sheet with `count` cell formats and as many fonts."""
    fonts = '<font><sz val="11"/></font>' * count
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * count
    return (
        f'<styleSheet xmlns="{MAIN_NS}"><fonts count="{count}">{fonts}</fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        f'<cellXfs count="{count}">{xfs}</cellXfs></styleSheet>'
    ).encode()


def wide_merge_sheet(ref: str = "A1:GR5000") -> bytes:
    """One merged range over a whole sheet: a naive reader makes a cell object for every position."""
    return (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
        f'</row></sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells></worksheet>'
    ).encode()


def junk_part(size: int) -> Iterator[bytes]:
    """An XML part of at most `size` bytes of tiny empty elements (the costliest tree to build)."""
    yield b"<junk>"
    elements = (size - len(b"<junk></junk>")) // 4
    block = 16_384
    for _ in range(elements // block):
        yield b"<a/>" * block
    yield b"<a/>" * (elements % block)
    yield b"</junk>"


def with_extra_parts(data: bytes, count: int, size: int) -> bytes:
    """`data` plus `count` extra XML parts of `size` bytes each that no workbook needs."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for n in range(count):
            info = zipfile.ZipInfo(f"xl/extra/part{n}.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as member:
                for chunk in junk_part(size):
                    member.write(chunk)
    return out.getvalue()


def zeros_deflated(total: int, block: int = 1 << 20) -> bytes:
    """A raw deflate stream of `total` zero bytes, built from repeated identical compressed blocks."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    zero = bytes(block)
    # After a full flush the compressor forgets its history, so every further block compresses alike.
    first = squeeze.compress(zero) + squeeze.flush(zlib.Z_FULL_FLUSH)
    repeated = squeeze.compress(zero) + squeeze.flush(zlib.Z_FULL_FLUSH)
    blocks, rest = divmod(total, block)
    tail = squeeze.compress(bytes(rest)) + squeeze.flush(zlib.Z_FINISH)
    return first + repeated * max(0, blocks - 1) + tail


def lying_bomb(
    data: bytes, part: str, inflated: int, claimed: int = 1000, *, honest_crc: bool = True
) -> bytes:
    """`data` with `part` replaced by `inflated` zero bytes that its headers claim are only `claimed`.

    With `honest_crc` the recorded checksum is that of the first `claimed` bytes, so a reader that
    stops at the claimed size finds nothing wrong; only counting what actually inflates catches it.
    """
    stream = zeros_deflated(inflated)
    crc = zlib.crc32(bytes(claimed)) if honest_crc else 0x1234ABCD
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        others = [(info, source.read(info)) for info in source.infolist() if info.filename != part]
    out = io.BytesIO()
    entries = []
    for name, raw, method, size, crc32 in [
        *((i.filename, zlib.compress(d, 9)[2:-4], 8, len(d), zlib.crc32(d)) for i, d in others),
        (part, stream, 8, claimed, crc),
    ]:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc32, len(raw), size, len(encoded), 0
            )
        )
        out.write(encoded)
        out.write(raw)
        entries.append((encoded, method, crc32, len(raw), size, offset))
    directory = out.tell()
    for encoded, method, crc32, compressed, size, offset in entries:
        out.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0,
                crc32,
                compressed,
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        out.write(encoded)
    end = out.tell()
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), end - directory, directory, 0)
    )
    return out.getvalue()


def long_text_sheet(characters: int) -> Iterator[bytes]:
    """A worksheet whose one cell holds `characters` characters (Excel's cap is 32,767)."""
    yield f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'.encode()
    block = b"x" * 65_536
    for _ in range(characters // len(block)):
        yield block
    yield b"x" * (characters % len(block))
    yield b"</t></is></c></row></sheetData></worksheet>"


def listed_ranges_sheet(ranges: int) -> Iterator[bytes]:
    """A worksheet with one conditional format listing `ranges` single-cell ranges."""
    yield f'<worksheet xmlns="{MAIN_NS}"><sheetData/><conditionalFormatting sqref="'.encode()
    block = b"A1 " * 16_384
    for _ in range(ranges // 16_384):
        yield block
    yield b"A1 " * (ranges % 16_384)
    yield b'"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting></worksheet>'


def linked_range_sheet(ref: str) -> bytes:
    """A hyperlink over a range: a naive reader gives every cell in it a link object."""
    return (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData/><hyperlinks>'
        f'<hyperlink ref="{ref}" location="\'S\'!A1"/></hyperlinks></worksheet>'
    ).encode()


def bzip2_part(data: bytes, part: str) -> bytes:
    """`data` with `part` stored with bzip2 compression, which no spreadsheet app uses."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename == part else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, source.read(info), compress_type=method)
    return out.getvalue()


def one_sheet_listed(times: int, sheet: Part) -> bytes:
    """A workbook listing the same worksheet part `times` times, as `times` sheets."""
    parts = skeleton({f"S{n}": b"" for n in range(1, times + 1)})
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_WORKSHEET_REL}" Target="worksheets/sheet1.xml"/>'
        for n in range(1, times + 1)
    )
    rels += f'<Relationship Id="rId{times + 1}" Type="{_STYLES_REL}" Target="styles.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'.encode()
    )
    for n in range(2, times + 1):
        del parts[f"xl/worksheets/sheet{n}.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet
    return write_zip(parts)
