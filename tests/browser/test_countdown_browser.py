"""The countdown in real browsers: the same time on every screen, ticking without asking the server.

A countdown is started with the facilitator's use case on the app server's database; everything
checked is what the open pages show. One page runs with a clock seven minutes behind, like a laptop
whose clock is off, and must still show what the other one shows.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import no_horizontal_scroll, shot
from tests.browser.helpers import page_shot, settled
from workshop.cases import facilitation, sessions
from workshop.store import build_store

pytestmark = pytest.mark.browser

CLOCK = re.compile(r"(\d+):(\d\d)")
RUNNING = re.compile(r"^⏱ \d+:\d\d$")
SLOW_CLOCK_MS = -7 * 60 * 1000
# The browser's own clock, moved: everything on the page that asks Date.now() gets the moved time.
_MOVE_CLOCK = f"""(() => {{
  const real = Date.now.bind(Date);
  Date.now = () => real() + ({SLOW_CLOCK_MS});
}})();"""


@pytest.fixture
def store(app_server):
    built = build_store(app_server.database_url)
    yield built
    built.close()


@pytest.fixture
def room(store):
    """A workshop's links: the facilitator's, the viewer's and Ana's own participant token."""
    started = sessions.start_workshop(store, "Countdown room", "Quick, kind and clear.", "Fran")
    links = sessions.share_links(store, started.facilitator_token)
    ana = sessions.join(store, links.participant, "Ana").token
    return links, ana


class Sent:
    """How many messages a page has sent over its websocket: a script run is only ever asked for that way."""

    def __init__(self, page: Page) -> None:
        self.count = 0
        page.on("websocket", lambda socket: socket.on("framesent", self._one))

    def _one(self, _frame) -> None:
        self.count += 1


def open_page(
    new_page,
    app_server,
    token: str,
    *,
    slow_clock: bool = False,
    presenter: bool = False,
    phone: bool = False,
):
    page = new_page("about:blank", phone=phone)
    sent = Sent(page)
    if slow_clock:
        page.add_init_script(_MOVE_CLOCK)
    page.goto(f"{app_server.url}?t={token}" + ("&view=presenter" if presenter else ""))
    return page, sent


def timer(page: Page) -> Locator:
    return page.get_by_role("timer")


def seconds_shown(page: Page) -> int:
    minutes, seconds = CLOCK.search(timer(page).text_content()).groups()
    return int(minutes) * 60 + int(seconds)


def test_every_screen_shows_the_same_time_and_it_ticks_in_the_browser(new_page, app_server, store, room):
    links, ana_token = room
    facilitation.timer(store, links.facilitator, "start", 10)
    fran, fran_sent = open_page(new_page, app_server, links.facilitator)
    ana, ana_sent = open_page(new_page, app_server, ana_token, slow_clock=True, phone=True)
    assert ana.evaluate("Date.now()") < fran.evaluate("Date.now()") - 6 * 60 * 1000  # Ana's clock is behind
    for page in (fran, ana):
        expect(timer(page)).to_have_text(RUNNING, timeout=30000)
        settled(page)
    sent_before = (fran_sent.count, ana_sent.count)
    assert all(sent_before)  # the pages' own requests to run their script were seen

    first = time.monotonic()
    shown = {page: (timer(page).text_content(), seconds_shown(page)) for page in (fran, ana)}
    read_apart = time.monotonic() - first
    fran_left, ana_left = shown[fran][1], shown[ana][1] + read_apart
    assert abs(fran_left - ana_left) <= 2, (fran_left, ana_left)
    assert 9 * 60 <= fran_left <= 10 * 60

    # It ticks on its own: the text changes and goes down, and neither page asked for a script run.
    for page, (text, left) in shown.items():
        expect(timer(page)).not_to_have_text(text, timeout=15000)
        deadline = (
            time.monotonic() + 15
        )  # the text may change in passing (a redraw) before the clock moves on
        while seconds_shown(page) >= left and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert seconds_shown(page) < left
    assert (fran_sent.count, ana_sent.count) == sent_before

    presenter, _ = open_page(new_page, app_server, links.facilitator, presenter=True)
    expect(timer(presenter)).to_have_text(RUNNING, timeout=30000)
    assert abs(seconds_shown(presenter) - seconds_shown(fran)) <= 2
    page_shot(fran, "countdown-header-running")
    assert no_horizontal_scroll(ana)
    shot(ana, "countdown-header-running-phone")
    shot(presenter, "countdown-presenter-running")

    # Paused: every screen stops on the very same time and says so.
    facilitation.timer(store, links.facilitator, "pause")
    for page in (fran, ana, presenter):
        expect(timer(page)).to_have_text(re.compile(r"^⏱ \d+:\d\d \(paused\)$"), timeout=30000)
    assert len({timer(page).text_content() for page in (fran, ana, presenter)}) == 1
    shot(presenter, "countdown-presenter-paused")


def test_time_is_up_on_every_screen_when_the_end_is_reached_or_already_past(
    new_page, app_server, store, room
):
    links, ana_token = room
    facilitation.timer(store, links.facilitator, "start", 0.2)  # twelve seconds
    fran, fran_sent = open_page(new_page, app_server, links.facilitator)
    ana, ana_sent = open_page(new_page, app_server, ana_token, slow_clock=True)
    for page in (fran, ana):
        expect(timer(page)).to_have_text(RUNNING, timeout=30000)
    sent_before = (fran_sent.count, ana_sent.count)
    for page in (fran, ana):
        expect(timer(page)).to_have_text("⏰ Time's up", timeout=30000)
        expect(page.get_by_role("status").filter(has_text="Time's up")).to_have_count(1)
    assert (fran_sent.count, ana_sent.count) == sent_before  # reached zero in the browser alone

    # A page opened after the end shows time's up at once.
    late, _ = open_page(new_page, app_server, links.viewer, presenter=True)
    expect(timer(late)).to_have_text("⏰ Time's up", timeout=30000)
    shot(late, "countdown-presenter-time-is-up")
