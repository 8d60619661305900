"""Command line: `python -m exports to-xlsx WORKSHOP.json OUT.xlsx`, `from-xlsx IN.xlsx OUT.json`
and `to-pdf WORKSHOP.json OUT.pdf [--paper a4|letter]`."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from exports.limits import MAX_UPLOAD_BYTES
from exports.safety import check_size
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
    from exports.workshop_file import to_json

    reading = read_isolated("workbook", data)
    if reading.after is None or reading.problems:
        raise InvalidInput("; ".join(reading.problems))
    return to_json(reading.after)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failure never leaves a half-written file behind.

    The file is created with mode 666 less the user's umask, as any program's output would be.
    """
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _convert(command: str, data: bytes, paper: str) -> bytes:
    # Each command imports only what it needs: a workbook needs no chart renderer or PDF library.
    if command == "to-xlsx":
        from exports.workbook import to_xlsx
        from exports.workshop_file import from_json

        return to_xlsx(from_json(data))
    if command == "from-xlsx":
        return _workbook_to_json(data)
    from exports.pdf import to_pdf
    from exports.report import build_report
    from exports.workshop_file import from_json

    return to_pdf(build_report(from_json(data)), paper=paper)


def _why(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return (error.strerror or str(error)).lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exports", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    to = commands.add_parser("to-xlsx", help="workshop file (.json) to Excel workbook (.xlsx)")
    back = commands.add_parser(
        "from-xlsx", help="Excel workbook exported by the app (.xlsx) to workshop file"
    )
    pdf = commands.add_parser("to-pdf", help="workshop file (.json) to a PDF report for leadership")
    pdf.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")
    for command in (to, back, pdf):
        command.add_argument("source", type=Path)
        command.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    try:
        what = "workbook" if args.command == "from-xlsx" else "workshop file"
        output = _convert(args.command, _read(args.source, what), getattr(args, "paper", "a4"))
    except DomainError as e:
        print(f"{args.source}: {' '.join(e.message.split())}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{args.source}: cannot read: {_why(e)}", file=sys.stderr)
        return 1
    try:
        if not args.target.parent.is_dir():
            print(
                f"{args.target}: cannot write: the folder {args.target.parent} does not exist",
                file=sys.stderr,
            )
            return 1
        _write_atomically(args.target, output)
    except OSError as e:
        # Name the path the user gave, never the temporary file beside it.
        print(f"{args.target}: cannot write: {_why(e)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
