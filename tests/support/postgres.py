"""A throwaway PostgreSQL cluster on 127.0.0.1, started for the test session and removed after."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def find_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class Cluster:
    def __init__(self, options: str = "") -> None:
        self.options = options  # more server settings, e.g. "-c shared_preload_libraries=..."
        self.bin = find_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="lh-pg-"))
        self.data = self.dir / "data"

    def why_unavailable(self) -> str | None:
        if self.bin is None:
            return "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)"
        if os.geteuid() != 0 and shutil.which("runuser") is None:
            return "not root, so initdb cannot be run as the postgres user"
        return None

    def _as_postgres(self, *args: str) -> None:
        cmd = list(args)
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        assert self.bin is not None
        self._as_postgres(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8"
        )
        self.start_server()

    def stop(self) -> None:
        if self.bin is not None and self.data.exists():
            with contextlib.suppress(Exception):
                self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    # An outage, for the tests of what pages do while the database is away.
    def stop_server(self) -> None:
        """Stop PostgreSQL as an administrator would (open connections are ended), keeping the data."""
        assert self.bin is not None
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def start_server(self) -> None:
        """Start it again on the same port."""
        assert self.bin is not None
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            f"-p {self.port} -h 127.0.0.1 -k {self.dir} -c fsync=off -c max_connections=300 {self.options}",
            "start",
        )
