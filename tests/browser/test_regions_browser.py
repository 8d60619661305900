"""In real browsers: a save redraws only the regions of other pages that show what it touched.

The app server here counts every region's runs in the page (an invisible marker per region) and can
save inside its own process, as a page's own save is made (tests/support/server_hooks).
"""

from __future__ import annotations

import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from personas.model import Stance
from tests.browser.helpers import card, form, now_at, settled
from tests.support.appserver import AppServer
from tests.support.postgres import free_port
from workshop.cases import facilitation, sessions
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange, add_persona, set_stances
from workshop.domain import parts
from workshop.store import build_store

pytestmark = pytest.mark.browser

HOOKS = Path(__file__).resolve().parents[1] / "support" / "server_hooks"
ROOT = Path(__file__).resolve().parents[2]
NAMES = ("Bargain hunter", "Busy parent", "Tech fan")

REGION_RUNS = """() => {
  const runs = {};
  for (const marker of document.querySelectorAll("[class*='st-key-lh_runs_']")) {
    const found = marker.innerText.trim().match(/^(.*) ran (\\d+)$/);
    if (found) runs[found[1]] = Math.max(runs[found[1]] || 0, Number(found[2]));
  }
  return runs;
}"""


class Room:
    def __init__(self, server: AppServer, save_port: int, url: str) -> None:
        self.server, self.save_port = server, save_port
        self.store = build_store(url)
        started = sessions.start_workshop(self.store, "Regions", "Kind and quick.", "Fay")
        self.facilitator = started.facilitator_token
        attributes = board(self.store, self.facilitator).attributes
        self.keys = {}
        for n, name in enumerate(NAMES):
            persona = add_persona(self.store, self.facilitator, {"name": name, "quote": f"{name} speaking."})
            set_stances(
                self.store,
                self.facilitator,
                [
                    StanceChange(persona.key, a.key, Stance(), (n + i) % 5 - 2)
                    for i, a in enumerate(attributes)
                ],
            )
            self.keys[name] = persona.key
        facilitation.set_phase(self.store, self.facilitator, "personas")
        link = sessions.share_links(self.store, self.facilitator).participant
        self.ana = sessions.join(self.store, link, "Ana").token
        self.ben = sessions.join(self.store, link, "Ben").token

    def url(self, token: str) -> str:
        return f"{self.server.url}?t={token}"

    def save(self, what: str, **query: str) -> None:
        """A save made in the app server's process, the way a page's own save is made."""
        address = f"http://127.0.0.1:{self.save_port}/{what}?{urllib.parse.urlencode(query)}"
        with urllib.request.urlopen(address, timeout=30) as answer:  # noqa: S310 - loopback only
            assert answer.status == 200

    def describe(self, name: str, text: str) -> None:
        self.save("describe", t=self.ana, persona=self.keys[name], text=text)


@pytest.fixture(scope="module")
def counting_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("regions")
    save_port = free_port()
    url = f"sqlite:///{work / 'app.db'}"
    server = AppServer(
        url,
        log=work / "app-server.log",
        env={
            "WORKSHOP_COUNT_REGION_RUNS": "1",
            "PYTHONPATH": str(HOOKS),
            "BENCH_ROOT": str(ROOT),
            "BENCH_SAVE_PORT": str(save_port),
        },
    ).start()
    yield server, save_port, url
    server.stop()


@pytest.fixture
def room(counting_server):
    server, save_port, url = counting_server
    made = Room(server, save_port, url)
    yield made
    made.store.close()


def runs(page) -> dict[str, int]:
    settled(page)
    return page.evaluate(REGION_RUNS)


def open_room(new_page, room: Room, token: str, name: str):
    page = new_page(room.url(token))
    page.get_by_text(f"{name} · participant").wait_for()
    page.wait_for_function("() => document.querySelectorAll(\"[class*='st-key-lh_runs_']\").length > 3")
    settled(page)
    return page


def description(page, name: str):
    return card(page, name).get_by_text("Seen at", exact=False)


def test_a_save_to_one_persona_redraws_that_persona_alone_on_the_other_pages(new_page, room):
    ben = open_room(new_page, room, room.ben, "Ben")
    before = runs(ben)
    tech = parts.persona(room.keys["Tech fan"])
    assert before[tech] >= 1 and before["personas"] >= 1

    room.describe("Tech fan", "Seen at the launch queue.")
    expect(card(ben, "Tech fan").get_by_text("Seen at the launch queue.")).to_be_visible(timeout=10_000)
    after = runs(ben)

    assert after[tech] > before[tech], "the changed persona is drawn again"
    assert after["persona_rules"] > before["persona_rules"], "the share check adds up every persona"
    again = [
        name for name in before if name not in (tech, "persona_rules") and after.get(name) != before[name]
    ]
    assert again == [], f"regions that do not show this persona ran again: {again}"


def test_a_step_change_still_redraws_the_whole_page(new_page, room):
    ben = open_room(new_page, room, room.ben, "Ben")
    before = runs(ben)
    room.save("phase", t=room.facilitator, phase="love_hate")
    now_at(ben, "Love & hate")
    after = runs(ben)
    assert after["header"] > before["header"] and after["people"] > before["people"]
    assert "love_hate" in after


def test_typing_survives_a_targeted_redraw_of_the_same_persona(new_page, room):
    ben = open_room(new_page, room, room.ben, "Ben")
    card(ben, "Busy parent").get_by_role("button", name="Edit").click()
    editing = form(ben, "Edit Busy parent")
    field = editing.get_by_label("Description")
    field.click()
    field.press_sequentially("Half a thought about school runs")
    before = runs(ben)

    room.describe("Busy parent", "Someone else wrote this.")
    expect(editing.get_by_text("Someone else saved this persona while you had it open")).to_be_visible(
        timeout=10_000
    )
    assert (
        runs(ben)[parts.persona(room.keys["Busy parent"])] > before[parts.persona(room.keys["Busy parent"])]
    )
    expect(field).to_have_value("Half a thought about school runs")


def test_a_burst_of_five_saves_ends_with_every_page_showing_the_last(new_page, room):
    ana = open_room(new_page, room, room.ana, "Ana")
    ben = open_room(new_page, room, room.ben, "Ben")
    before = runs(ben)
    key = parts.persona(room.keys["Bargain hunter"])

    def saves() -> None:
        for n in range(1, 6):
            room.describe("Bargain hunter", f"Seen at burst save {n}.")
            time.sleep(0.03)

    writer = threading.Thread(target=saves)
    writer.start()
    writer.join(30)
    for page in (ana, ben):
        expect(card(page, "Bargain hunter").get_by_text("Seen at burst save 5.")).to_be_visible(
            timeout=10_000
        )
        for n in range(1, 5):
            expect(card(page, "Bargain hunter").get_by_text(f"Seen at burst save {n}.")).to_have_count(0)
    after = runs(ben)
    assert 1 <= after[key] - before[key] <= 5
    assert after["personas"] == before["personas"], "the list of personas was not drawn again"
