"""Command line: `python -m exports to-xlsx WORKSHOP.json OUT.xlsx` and `from-xlsx IN.xlsx OUT.json`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from exports.limits import MAX_UPLOAD_BYTES
from exports.safety import check_size
from exports.workshop_file import from_json, to_json
from personas.errors import DomainError, InvalidInput


def _read(path: Path, what: str) -> bytes:
    # Read one byte past the cap so an oversized file is refused without loading all of it,
    # and say its real size when the file system knows it.
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size if path.is_file() else None
        data = f.read(MAX_UPLOAD_BYTES + 1)
    check_size(data, what, size)
    return data


def _workbook_to_json(data: bytes) -> bytes:
    # The workbook is read by a process of its own under memory and time limits, as uploads are.
    from exports.reader_process import read_isolated

    reading = read_isolated("workbook", data)
    if reading.after is None or reading.problems:
        raise InvalidInput("; ".join(reading.problems))
    return to_json(reading.after)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failure never leaves a half-written file behind."""
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exports", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    to = commands.add_parser("to-xlsx", help="workshop file (.json) to Excel workbook (.xlsx)")
    back = commands.add_parser(
        "from-xlsx", help="Excel workbook exported by the app (.xlsx) to workshop file"
    )
    for command in (to, back):
        command.add_argument("source", type=Path)
        command.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "to-xlsx":
            from exports.workbook import to_xlsx  # draws charts: loaded only when a workbook is written

            output = to_xlsx(from_json(_read(args.source, "workshop file")))
        else:
            output = _workbook_to_json(_read(args.source, "workbook"))
        _write_atomically(args.target, output)
    except DomainError as e:
        print(f"{args.source}: {' '.join(e.message.split())}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{e.filename or args.source}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
