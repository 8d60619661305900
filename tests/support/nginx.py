"""Debian's nginx with the README's configuration (deploy/nginx.conf), in front of app replicas.

The configuration is used as it is, with only its ports changed: where nginx listens, and where
the two replicas are. A main configuration of the test's own wraps it (as Debian's
/etc/nginx/nginx.conf wraps conf.d/*.conf) and logs which replica served each request, so a
test can choose a browser's replica by its cookie.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.support.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "nginx.conf"
COOKIE = "workshop_replica"
NGINX = "/usr/sbin/nginx"


def why_unavailable() -> str | None:
    if not Path(NGINX).exists():
        return f"{NGINX} is not installed (make test installs Debian's nginx when run as root)"
    return None


def deployed_config(listen: int, replicas: tuple[int, int]) -> str:
    """deploy/nginx.conf with the test's ports; fails if the file no longer has the lines it changes."""
    text = CONFIG.read_text()
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{listen};"),
        ("server 127.0.0.1:8501;", f"server 127.0.0.1:{replicas[0]};"),
        ("server 127.0.0.1:8502;", f"server 127.0.0.1:{replicas[1]};"),
    ):
        assert text.count(old) == 1, f"deploy/nginx.conf should have {old!r} once"
        text = text.replace(old, new)
    return text


class Nginx:
    def __init__(self, replicas: tuple[int, int], directory: Path) -> None:
        self.replicas = replicas
        self.dir = directory
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 20) -> Nginx:
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "workshop.conf").write_text(deployed_config(self.port, self.replicas))
        temp = {name: self.dir / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for path in temp.values():
            path.mkdir(exist_ok=True)
        (self.dir / "nginx.conf").write_text(
            f"""
daemon off;
user root;
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log info;
events {{ worker_connections 1024; }}
http {{
    log_format replica '$request_uri $cookie_{COOKIE} $upstream_addr $status';
    access_log {self.dir}/access.log replica;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    types {{ text/html html; }}
    include {self.dir}/workshop.conf;
}}
"""
        )
        self.proc = subprocess.Popen(
            [
                NGINX,
                "-c",
                str(self.dir / "nginx.conf"),
                "-p",
                str(self.dir),
                "-e",
                str(self.dir / "error.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {(self.dir / 'error.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("nginx did not answer in time")

    def replica_of(self, cookie: str) -> int:
        """The port of the replica nginx sends a browser holding this cookie to."""
        request = urllib.request.Request(  # noqa: S310
            self.url + f"_stcore/health?which={cookie}", headers={"Cookie": f"{COOKIE}={cookie}"}
        )
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
            assert answer.status == 200
        for _ in range(50):
            for line in reversed((self.dir / "access.log").read_text().splitlines()):
                if line.startswith(f"/_stcore/health?which={cookie} "):
                    return int(re.findall(r":(\d+)", line.split()[2])[-1])
            time.sleep(0.05)
        raise AssertionError("nginx did not log the request")

    def cookies_for_each_replica(self) -> dict[int, str]:
        """One cookie value per replica: a browser holding it reaches that replica."""
        found: dict[int, str] = {}
        for n in range(200):
            found.setdefault(self.replica_of(f"browser-{n}"), f"browser-{n}")
            if len(found) == len(self.replicas):
                return found
        raise AssertionError("nginx sent every cookie to the same replica")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        shutil.rmtree(self.dir / "proxy", ignore_errors=True)
