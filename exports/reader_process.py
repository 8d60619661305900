"""Reading an upload in a process of its own, under an address-space limit and a CPU-time limit.

Whatever a file makes its reader do, the calling process (the app, or the command line) only ever
holds the file's bytes and a checked result. A reader that runs out of memory or time is ended
and its file refused; the caller goes on as it was. The checks in exports/safety.py refuse hostile
files long before either limit; the limits are there for whatever those checks miss.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exports.limits import READER_MEMORY_BYTES, READER_SECONDS
from exports.reader_child import OUT_OF_MEMORY
from exports.safety import check_size
from exports.workshop_file import from_dict, to_dict
from personas.errors import DomainError
from workshop.domain.model import WorkshopSnapshot

Progress = Callable[[float, str], None]

_ROOT = Path(__file__).resolve().parents[1]
_MB = 1024 * 1024
# However busy the machine, a reader that has not answered by then is ended: its CPU-time limit
# cannot notice a reader that waits instead of working.
WALL_SECONDS = 3 * READER_SECONDS
# Readers running at once in this process; more uploads wait their turn rather than each taking
# its full memory allowance at the same moment.
_READERS = threading.BoundedSemaphore(2)
_MAX_ANSWER_BYTES = 64 * _MB


@dataclass(frozen=True)
class Reading:
    """What the reading process found, and what it cost."""

    kind: str  # "workbook" or "workshop file"
    after: WorkshopSnapshot | None = None
    problems: tuple[str, ...] = ()
    peak_bytes: int = 0  # the reading process's peak resident memory
    seconds: float = 0.0  # from starting the reader to its end
    stopped_by: str = ""  # "memory" or "time" when a limit ended the reader

    @property
    def ok(self) -> bool:
        return self.after is not None and not self.problems


def is_workbook(name: str, data: bytes) -> bool:
    # The content decides, so a workbook renamed to .json still gets the workbook's checks.
    return data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0") or name.lower().endswith((".xlsx", ".xls"))


def read_isolated(
    kind: str,
    data: bytes,
    base: WorkshopSnapshot | None = None,
    *,
    progress: Progress | None = None,
    memory_bytes: int = READER_MEMORY_BYTES,
    cpu_seconds: float = READER_SECONDS,
    wall_seconds: float = WALL_SECONDS,
) -> Reading:
    """Read a workbook (against `base`) or a workshop file in a reader process; problems are returned."""
    say = progress or (lambda _done, _step: None)
    try:
        check_size(data, kind)
    except DomainError as e:
        return Reading(kind, problems=(e.message,))
    say(0.0, "Waiting for the reader")
    if not _READERS.acquire(timeout=wall_seconds):
        return Reading(
            kind,
            problems=(
                "Other uploads are being read right now; nothing changed. Upload the file again in a moment.",
            ),
        )
    try:
        return _Reader(kind, memory_bytes, cpu_seconds, wall_seconds, say).read(data, base)
    finally:
        _READERS.release()


class _Reader:
    def __init__(self, kind: str, memory: int, cpu: float, wall: float, say: Progress) -> None:
        self.kind, self.memory, self.cpu, self.wall, self.say = kind, memory, cpu, wall, say
        self.answer: dict | None = None
        self.errors = b""
        self.peak = 0

    def read(self, data: bytes, base: WorkshopSnapshot | None) -> Reading:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "exports.reader_child", str(self.memory), str(max(1, round(self.cpu)))],
            cwd=_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        request = json.dumps({"kind": self.kind, "base": to_dict(base) if base is not None else None})
        writer = threading.Thread(target=_send, args=(process, request.encode() + b"\n" + data), daemon=True)
        writer.start()
        timed_out = not self._listen(process, started + self.wall)
        if timed_out:
            process.kill()
        # Not wait4's ru_maxrss: Linux counts in it the memory of the process the reader was started from.
        _pid, status, _usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        writer.join()
        for stream in (process.stdout, process.stderr):
            assert stream is not None
            stream.close()
        seconds = time.monotonic() - started
        return self._outcome(status, timed_out, self.peak, seconds)

    def _listen(self, process: subprocess.Popen, deadline: float) -> bool:
        """Hand progress on until the reader's answer and end of output; False if the deadline came first."""
        assert process.stdout is not None and process.stderr is not None
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ, "out")
        selector.register(process.stderr, selectors.EVENT_READ, "err")
        pending, received = b"", 0
        try:
            while selector.get_map():
                self.peak = max(self.peak, _peak_of(process.pid))
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                for key, _ in selector.select(min(left, 0.5)):
                    chunk = os.read(key.fd, 65536)
                    if not chunk:
                        selector.unregister(key.fileobj)
                    elif key.data == "err":
                        self.errors = (self.errors + chunk)[-8192:]
                    else:
                        received += len(chunk)
                        if received > _MAX_ANSWER_BYTES:
                            return False
                        pending += chunk
                        *lines, pending = pending.split(b"\n")
                        for line in lines:
                            self._hear(json.loads(line))
        finally:
            selector.close()
        return True

    def _hear(self, message: dict) -> None:
        if "progress" in message:
            self.say(float(message["progress"]), str(message["step"]))
        elif "peak_bytes" in message:
            self.peak = max(self.peak, int(message["peak_bytes"]))
        else:
            self.answer = message

    def _outcome(self, status: int, timed_out: bool, peak: int, seconds: float) -> Reading:
        kind = self.kind
        ended_by = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        if self.answer is not None and not timed_out and ended_by is None:
            if "after" in self.answer:
                return Reading(kind, after=from_dict(self.answer["after"]), peak_bytes=peak, seconds=seconds)
            return Reading(kind, problems=tuple(self.answer["problems"]), peak_bytes=peak, seconds=seconds)
        if timed_out or ended_by in (signal.SIGXCPU, signal.SIGKILL):
            message = (
                f"Reading this {kind} took longer than {self.cpu:.0f} seconds of work, far longer than any "
                f"{kind} this app exports. It was refused; nothing changed."
            )
            return Reading(kind, problems=(message,), peak_bytes=peak, seconds=seconds, stopped_by="time")
        out_of_memory = os.WIFEXITED(status) and os.WEXITSTATUS(status) == OUT_OF_MEMORY
        if out_of_memory or b"MemoryError" in self.errors or ended_by is not None:
            message = (
                f"Reading this {kind} needed more than {self.memory // _MB} MB of memory, far more than any "
                f"{kind} this app exports. It was refused; nothing changed."
            )
            return Reading(kind, problems=(message,), peak_bytes=peak, seconds=seconds, stopped_by="memory")
        message = (
            f"The {kind} could not be read; nothing changed. Export it again from the app and upload that."
        )
        return Reading(kind, problems=(message,), peak_bytes=peak, seconds=seconds)


def _peak_of(pid: int) -> int:
    """A running reader's peak resident memory so far (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _send(process: subprocess.Popen, request: bytes) -> None:
    assert process.stdin is not None
    try:
        process.stdin.write(request)
        process.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader ended before taking all of it; its end says why
