"""Inflating the parts of an uploaded zip a chunk at a time, every byte counted against one budget.

The zip's own headers (sizes, checksums) are only compared with what actually inflates, never
trusted: a part is inflated by us from its raw compressed bytes, so a header that claims a small
size cannot make a larger stream inflate in one go, and whatever a part really holds is counted.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator

from personas.errors import InvalidInput

CHUNK = 64 * 1024
_MB = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_LOCAL_SIGNATURE = 0x04034B50


class Budget:
    """Bytes that may still be inflated from one file, over all its parts together."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise InvalidInput(
                f"The workbook unpacks to more than {self.limit // _MB} MB (a 'zip bomb'); "
                "a workbook exported by this app unpacks to a few MB. It was refused."
            )


def _damaged(name: str, why: str) -> InvalidInput:
    return InvalidInput(f"The workbook is damaged ({name} {why}). Save it again as .xlsx.")


def _raw(data: bytes | memoryview, info: zipfile.ZipInfo) -> memoryview:
    """The part's compressed bytes, found through its local header."""
    view = memoryview(data)
    start = info.header_offset
    header = bytes(view[start : start + _LOCAL_HEADER.size])
    if len(header) < _LOCAL_HEADER.size or _LOCAL_HEADER.unpack(header)[0] != _LOCAL_SIGNATURE:
        raise _damaged(info.filename, "cannot be found in the file")
    *_, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    begin = start + _LOCAL_HEADER.size + name_length + extra_length
    raw = view[begin : begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise _damaged(info.filename, "is cut short")
    return raw


def inflate(data: bytes | memoryview, info: zipfile.ZipInfo, budget: Budget) -> Iterator[bytes]:
    """The part's content in chunks of at most CHUNK bytes, each counted before it is handed on.

    Refused: compression methods spreadsheet apps do not use, a part that inflates to more (or
    less) than its header says, a wrong checksum, and anything past the budget.
    """
    if info.flag_bits & 0x1:
        raise InvalidInput("The workbook is encrypted. Remove the password and save as .xlsx.")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InvalidInput(
            f"The workbook part {info.filename} is compressed in a way spreadsheet apps do not use. "
            "It was refused; save the workbook again as .xlsx."
        )
    raw = _raw(data, info)
    produced = 0
    crc = 0
    for chunk in _chunks(raw, info):
        produced += len(chunk)
        if produced > info.file_size:
            raise InvalidInput(
                f"The workbook part {info.filename} inflates to more than its header says "
                "(a 'zip bomb'). It was refused."
            )
        budget.spend(len(chunk))
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if produced != info.file_size or crc != info.CRC:
        raise _damaged(info.filename, "does not match its checksum")


def _chunks(raw: memoryview, info: zipfile.ZipInfo) -> Iterator[bytes]:
    if info.compress_type == zipfile.ZIP_STORED:
        for start in range(0, len(raw), CHUNK):
            yield bytes(raw[start : start + CHUNK])
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for start in range(0, len(raw), CHUNK):
            pending = bytes(raw[start : start + CHUNK])
            while True:
                # max_length bounds each step: a tiny input can never inflate to more than CHUNK at once.
                out = inflater.decompress(pending, CHUNK)
                if out:
                    yield out
                pending = inflater.unconsumed_tail
                if inflater.eof or (not pending and len(out) < CHUNK):
                    break
            if inflater.eof:
                break
    except zlib.error:
        raise _damaged(info.filename, "is not valid compressed data") from None
    if not inflater.eof:
        raise _damaged(info.filename, "ends before its compressed data does")
