"""Pushed live refresh in a real browser: a change reaches another open page, typing survives."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DEMO = Path(__file__).resolve().parent / "live_demo" / "server.py"
# The shared `browser` fixture (tests/browser/conftest.py) launches Chromium, or fails in CI.
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(method: str, url: str) -> tuple[int, str]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def demo_url() -> Iterator[str]:
    port = free_port()
    streamlit = Path(sys.executable).with_name("streamlit")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            str(streamlit),
            "run",
            str(DEMO),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"the demo server exited:\n{process.stdout.read()}")
            try:
                if call("GET", f"{url}/_stcore/health")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the demo server did not start within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


class PrefixProxy:
    """A TCP proxy that serves the app under ``/prefix/`` (stripping it, like a reverse proxy
    with a path prefix) and can cut the live streams that pass through it."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self._live: list[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = []
        self._writers: list[asyncio.StreamWriter] = []
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        assert self._started.wait(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", self.port)
        )
        self._started.set()
        self._loop.run_forever()

    async def _pipe(self, reader, writer, pair=None) -> None:
        try:
            while data := await reader.read(65536):
                if pair is not None:
                    data = data.replace(b" /prefix/", b" /")
                    if b"GET /live?" in data:
                        self._live.append(pair)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    async def _handle(self, client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        self._writers += [client_writer, server_writer]
        pair = (client_writer, server_writer)
        await asyncio.gather(
            self._pipe(client_reader, server_writer, pair),
            self._pipe(server_reader, client_writer),
        )

    def cut_live_streams(self) -> int:
        done = threading.Event()
        count = []

        def cut() -> None:
            count.append(len(self._live))
            for client_writer, server_writer in self._live:
                client_writer.transport.abort()
                server_writer.transport.abort()
            self._live.clear()
            done.set()

        self._loop.call_soon_threadsafe(cut)
        assert done.wait(5)
        return count[0]

    async def _shutdown(self) -> None:
        self._server.close()
        for writer in self._writers:
            writer.transport.abort()
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()


def stats(demo_url: str) -> dict:
    return json.loads(call("GET", f"{demo_url}/demo/stats")[1])


def wait_for_subscribers(demo_url: str, count: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while stats(demo_url)["subscribers"] != count:
        assert time.monotonic() < deadline, f"expected {count} live streams, have {stats(demo_url)}"
        time.sleep(0.1)


def revision_of(page: object) -> int:
    text = page.get_by_text(re.compile(r"^Revision \d+")).inner_text()
    return int(re.match(r"Revision (\d+)", text).group(1))


def open_page(browser: object, url: str) -> object:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_text(re.compile(r"^Revision \d+"))).to_be_visible(timeout=30_000)
    return page


def test_bad_token_gets_404_and_says_nothing(demo_url: str) -> None:
    assert call("GET", f"{demo_url}/live?t=nope") == (404, "Not found")
    assert call("GET", f"{demo_url}/live") == (404, "Not found")
    parts = urllib.parse.urlsplit(demo_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    connection.request("GET", "/live?t=tok-a")
    with connection.getresponse() as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        assert response.headers["Cache-Control"] == "no-cache"
        assert response.headers["X-Accel-Buffering"] == "no"
        assert response.readline() == b"retry: 1000\n"
        assert response.readline() == b"\n"
        assert response.readline() == b"event: revision\n"
        assert response.readline().startswith(b"data: ")
    connection.close()


def test_a_change_reaches_the_other_page_and_typing_survives(demo_url: str, browser: object) -> None:
    wait_for_subscribers(demo_url, 0)
    one = open_page(browser, f"{demo_url}/?t=tok-a")
    two = open_page(browser, f"{demo_url}/?t=tok-a")
    other = open_page(browser, f"{demo_url}/?t=tok-b")
    try:
        wait_for_subscribers(demo_url, 3)
        assert sorted(stats(demo_url)["watched"]) == ["w-a", "w-b"]

        # The live element takes no space.
        live = two.locator('[data-testid="stElementContainer"]:has([data-testid="stBidiComponentRegular"])')
        expect(live).to_have_count(1)
        expect(live).to_be_hidden()

        start = revision_of(two)
        other_start = revision_of(other)

        # Type without submitting: a form field, then a text input that keeps the focus.
        form_field = two.get_by_label("Form field", exact=True)
        form_field.click()
        form_field.press_sequentially("form draft")
        note = two.get_by_label("Note", exact=True)
        note.click()
        note.press_sequentially("half-typed")
        expect(note).to_be_focused()

        one.get_by_role("button", name="Bump", exact=True).click()
        expect(one.get_by_text(f"Revision {start + 1}")).to_be_visible(timeout=5_000)
        # Exactly one rerun on page two, the pushed one: the drafts were not sent.
        expect(two.get_by_text(f"Revision {start + 1} · run 2")).to_be_visible(timeout=5_000)

        expect(note).to_have_value("half-typed")
        expect(note).to_be_focused()
        expect(form_field).to_have_value("form draft")

        # Now a text area that keeps the focus, changed through the demo route.
        long_note = two.get_by_label("Longer note", exact=True)
        long_note.click()
        long_note.press_sequentially("a longer draft")
        expect(long_note).to_be_focused()
        assert call("POST", f"{demo_url}/demo/bump?t=tok-a")[0] == 200
        expect(two.get_by_text(f"Revision {start + 2}")).to_be_visible(timeout=5_000)
        expect(one.get_by_text(f"Revision {start + 2}")).to_be_visible(timeout=5_000)
        expect(long_note).to_have_value("a longer draft")
        expect(long_note).to_be_focused()
        expect(note).to_have_value("half-typed")
        expect(form_field).to_have_value("form draft")

        # Another workshop's page did not move.
        two.wait_for_timeout(1_000)
        assert revision_of(other) == other_start
        run_text = other.get_by_text(re.compile(r"^Revision \d+")).inner_text()
        assert run_text.endswith("run 1"), run_text
    finally:
        for page in (one, two, other):
            page.context.close()
    wait_for_subscribers(demo_url, 0)
    assert stats(demo_url)["watched"] == []


def test_a_page_still_drawing_its_own_change_is_not_interrupted(demo_url: str, browser: object) -> None:
    """The push of a page's own save arrives while the page is drawing it: no second, interrupting run.

    A rerun asked for in the middle of a run would stop it and send the widget values from before
    it (the facilitator's step control would jump back to the old step).
    """
    page = open_page(browser, f"{demo_url}/?t=tok-a")
    try:
        wait_for_subscribers(demo_url, 1)
        start = revision_of(page)
        runs = re.compile(r"^Revision \d+ · run (\d+)$")
        before = int(runs.match(page.get_by_text(runs).inner_text()).group(1))
        page.get_by_role("button", name="Bump, then draw slowly").click()
        expect(page.get_by_text(f"Revision {start + 1} · run {before + 1}")).to_be_visible(timeout=10_000)
        page.wait_for_timeout(1_500)  # a deferred rerun would have happened by now
        expect(page.get_by_text(f"Revision {start + 1} · run {before + 1}")).to_be_visible()
        # Later changes still arrive.
        assert call("POST", f"{demo_url}/demo/bump?t=tok-a&notify=1")[0] == 200
        expect(page.get_by_text(f"Revision {start + 2} · run {before + 2}")).to_be_visible(timeout=5_000)
    finally:
        page.context.close()


def test_changes_heard_while_the_page_draws_give_it_one_more_run_not_one_each(
    demo_url: str, browser: object
) -> None:
    page = open_page(browser, f"{demo_url}/?t=tok-a")
    try:
        wait_for_subscribers(demo_url, 1)
        start = revision_of(page)
        runs = re.compile(r"^Revision \d+ · run (\d+)$")
        before = int(runs.match(page.get_by_text(runs).inner_text()).group(1))
        page.get_by_role("button", name="Draw slowly while five changes come in").click()
        # The slow run draws the revision from before the changes, and all five arrive while it
        # draws: one more run shows the last of them.
        expect(page.get_by_text(f"Revision {start + 5} · run {before + 2}")).to_be_visible(timeout=10_000)
        page.wait_for_timeout(1_500)  # one run per change would have come by now
        expect(page.get_by_text(f"Revision {start + 5} · run {before + 2}")).to_be_visible()
    finally:
        page.context.close()


def test_a_change_right_after_render_is_not_missed(demo_url: str, browser: object) -> None:
    """The page says which revision it shows; a newer one on connect causes one rerun."""
    page = browser.new_context().new_page()
    try:
        # Block the stream, load the page, change the workshop, then let the stream through.
        page.route("**/live?*", lambda route: route.abort())
        page.goto(f"{demo_url}/?t=tok-a")
        expect(page.get_by_text(re.compile(r"^Revision \d+"))).to_be_visible(timeout=30_000)
        shown = revision_of(page)
        call("POST", f"{demo_url}/demo/bump?t=tok-a")
        page.wait_for_timeout(300)
        assert revision_of(page) == shown
        page.unroute("**/live?*")
        # The component retries a refused stream by itself (after about a second).
        expect(page.get_by_text(f"Revision {shown + 1}")).to_be_visible(timeout=10_000)
    finally:
        page.context.close()


def test_behind_a_path_prefix_and_after_the_stream_drops(demo_url: str, browser: object) -> None:
    """The stream URL follows the page's path; a dropped stream comes back and reruns once."""
    proxy = PrefixProxy(int(demo_url.rsplit(":", 1)[1]))
    page = browser.new_context().new_page()
    try:
        wait_for_subscribers(demo_url, 0)
        page.goto(f"http://127.0.0.1:{proxy.port}/prefix/?t=tok-a")
        expect(page.get_by_text(re.compile(r"^Revision \d+ · run 1$"))).to_be_visible(timeout=30_000)
        wait_for_subscribers(demo_url, 1)
        shown = revision_of(page)

        call("POST", f"{demo_url}/demo/bump?t=tok-a")
        expect(page.get_by_text(f"Revision {shown + 1} · run 2")).to_be_visible(timeout=5_000)

        note = page.get_by_label("Note", exact=True)
        note.click()
        note.press_sequentially("draft")
        assert proxy.cut_live_streams() == 1
        # No change happened, but the page cannot know: it reruns once after reconnecting.
        expect(page.get_by_text(f"Revision {shown + 1} · run 3")).to_be_visible(timeout=10_000)
        page.wait_for_timeout(1_500)
        expect(page.get_by_text(f"Revision {shown + 1} · run 3")).to_be_visible()
        expect(note).to_have_value("draft")
        wait_for_subscribers(demo_url, 1)
    finally:
        page.context.close()
        proxy.close()


SET_VISIBILITY = """state => {
    Object.defineProperty(document, "visibilityState", {get: () => state, configurable: true});
    document.dispatchEvent(new Event("visibilitychange"));
}"""


def test_hidden_tabs_give_their_stream_back_and_catch_up(demo_url: str, browser: object) -> None:
    """Over HTTP/1.1 one browser has six connections per server for all tabs; streams of
    hidden tabs must not use them up, or the seventh tab of the app would not load."""
    context = browser.new_context()
    try:
        wait_for_subscribers(demo_url, 0)
        pages = []
        for _ in range(8):
            if pages:
                # Headless Chromium keeps every tab "visible"; do what a real tab switch does.
                pages[-1].evaluate(SET_VISIBILITY, "hidden")
            page = context.new_page()
            page.goto(f"{demo_url}/?t=tok-a")
            expect(page.get_by_text(re.compile(r"^Revision \d+"))).to_be_visible(timeout=10_000)
            pages.append(page)
        wait_for_subscribers(demo_url, 1)

        first = pages[0]
        shown = revision_of(first)
        call("POST", f"{demo_url}/demo/bump?t=tok-a")
        expect(pages[-1].get_by_text(f"Revision {shown + 1}")).to_be_visible(timeout=5_000)
        first.wait_for_timeout(500)
        assert revision_of(first) == shown, "a hidden tab has no stream"

        first.evaluate(SET_VISIBILITY, "visible")
        expect(first.get_by_text(f"Revision {shown + 1} · run 2")).to_be_visible(timeout=5_000)
        wait_for_subscribers(demo_url, 2)
    finally:
        context.close()
