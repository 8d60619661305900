"""The documented deployment for browser tests: nginx with deploy/nginx.conf in front of two replicas."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import IN_CI, PHONE
from tests.support import nginx
from tests.support.appserver import AppServer


class Deployment:
    """Two app replicas on one PostgreSQL database behind nginx; browsers choose a replica by cookie."""

    def __init__(self, browser: Browser, database_url: str, directory: Path) -> None:
        self.browser = browser
        self.database_url = database_url
        self.a = AppServer(database_url, log=directory / "replica-a.log")
        self.b = AppServer(database_url, log=directory / "replica-b.log")
        self.dir = directory
        self.proxy: nginx.Nginx | None = None
        self.cookies: dict[int, str] = {}
        self._contexts: list = []

    @property
    def url(self) -> str:
        assert self.proxy is not None
        return self.proxy.url

    def start(self) -> Deployment:
        self.a.start()
        self.b.start()
        self.proxy = nginx.Nginx((self.a.port, self.b.port), self.dir / "nginx").start()
        self.cookies = self.proxy.cookies_for_each_replica()
        return self

    def open(self, replica: AppServer, url: str, *, phone: bool = False) -> Page:
        """A new browser, pinned by nginx's cookie to `replica`, at `url` (an address through nginx)."""
        assert url.startswith(self.url), "every page goes through nginx"
        context = self.browser.new_context(viewport=PHONE if phone else {"width": 1280, "height": 900})
        context.add_cookies([{"name": nginx.COOKIE, "value": self.cookies[replica.port], "url": self.url}])
        self._contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20000)
        page.goto(url)
        return page

    def stop(self) -> None:
        for context in self._contexts:
            with contextlib.suppress(Exception):
                context.close()
        if self.proxy is not None:
            self.proxy.stop()
        self.a.stop()
        self.b.stop()


@contextlib.contextmanager
def deployment(browser: Browser, database_url: str, directory: Path) -> Iterator[Deployment]:
    reason = nginx.why_unavailable()
    if reason:
        if IN_CI:
            pytest.fail(f"browser tests cannot be skipped in CI: {reason}")
        pytest.skip(f"skipping the deployment tests: {reason}")
    running = Deployment(browser, database_url, directory)
    try:
        yield running.start()
    finally:
        running.stop()
