"""The reading process: one upload read under an address-space and a CPU-time limit, answered as JSON lines.

Started by exports/reader_process.py as `python -m exports.reader_child MEMORY_BYTES CPU_SECONDS`.
It reads one request from stdin (a JSON line {"kind": "workbook" | "workshop file", "base":
a workshop file or null}, then the file's bytes to the end) and writes JSON lines to stdout:
{"progress": 0.4, "step": "..."} as it goes, then {"after": a workshop file} or {"problems": [...]},
then {"peak_bytes": n}. It exits with OUT_OF_MEMORY when the memory limit was reached.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from typing import BinaryIO

OUT_OF_MEMORY = 3  # exit status when the address-space limit was reached

# Reading a workbook needs neither; keeping them out lets the process start in about 30 MB of
# address space instead of 160 MB, and no image is ever decoded.
_UNNEEDED = ("numpy", "PIL")


def limit(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def serve(source: BinaryIO, answer: BinaryIO) -> int:
    def send(message: dict) -> None:
        answer.write(json.dumps(message, ensure_ascii=False).encode() + b"\n")
        answer.flush()

    request = json.loads(source.readline())
    data = source.read()
    from exports.workbook_import import ImportProblems, from_xlsx
    from exports.workshop_file import from_dict, from_json, to_dict
    from personas.errors import DomainError

    try:
        if request["kind"] == "workshop file":
            after = from_json(data)
        else:
            base = from_dict(request["base"]) if request.get("base") is not None else None
            after = from_xlsx(data, base, lambda done, step: send({"progress": done, "step": step}))
        send({"after": to_dict(after)})
    except ImportProblems as e:
        send({"problems": e.problems})
    except DomainError as e:
        send({"problems": [e.message]})
    except MemoryError:
        os._exit(OUT_OF_MEMORY)  # nothing more can be allocated safely, not even a message
    send({"peak_bytes": peak_bytes()})
    return 0


def peak_bytes() -> int:
    """This process's peak resident memory since it started (not counting what it was forked from)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def main(argv: list[str]) -> int:
    for name in _UNNEEDED:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it now fails at once
    limit(int(argv[1]), int(argv[2]))
    return serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
