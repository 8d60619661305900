"""Browser fixtures: Debian's Chromium driven by Playwright, against the real app server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.appserver import AppServer

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"browser tests cannot be skipped in CI: {reason}")
    pytest.skip(f"skipping browser tests: {reason}")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is not installed (make test installs it when run as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "app.db"
    server = AppServer(f"sqlite:///{db}", log=tmp_path_factory.getbasetemp() / "app-server.log").start()
    yield server
    server.stop()


@pytest.fixture
def new_page(browser):
    contexts = []

    def _new(url: str, *, phone: bool = False):
        ctx = browser.new_context(viewport=PHONE if phone else {"width": 1280, "height": 900})
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(20000)
        page.goto(url)
        return page

    yield _new
    for ctx in contexts:
        ctx.close()


def shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def no_horizontal_scroll(page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
