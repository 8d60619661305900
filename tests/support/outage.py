"""A database file made read-only for a while, even for root: the SQLite outage of the outage tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def why_unavailable() -> str | None:
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        return "making a file read-only for root too needs root and chattr"
    return None


@contextlib.contextmanager
def read_only(database: Path) -> Iterator[None]:
    """The file and its write-ahead log made immutable (chattr +i): nobody can write them, root
    included, not even through files already open; reading goes on."""
    reason = why_unavailable()
    if reason:
        if IN_CI:
            pytest.fail(f"cannot be skipped in CI: {reason}")
        pytest.skip(reason)
    files = [str(database), f"{database}-wal"]
    subprocess.run(["chattr", "+i", *files], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *files], check=True)
