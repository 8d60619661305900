"""In real browsers: the database goes away in the middle of a workshop, then comes back.

PostgreSQL is stopped for 10 s under two replicas behind nginx; SQLite's file is made read-only
for a while under one app server. Pages say saving is paused and keep what people typed, saves
meanwhile get a clear message and never a traceback, the live stream reconnects by itself, and
afterwards every acknowledged edit is there and every page catches up without a reload.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot
from tests.browser.helpers import advance, card, form, join, now_at, persona_form, settled, token_of
from tests.browser.replicas import deployment
from tests.browser.test_join_flow import participant_link, start_workshop
from tests.browser.test_personas_browser import add_persona
from tests.support.appserver import AppServer
from tests.support.outage import read_only
from workshop.cases import sessions
from workshop.cases.board import board
from workshop.store import build_store

pytestmark = pytest.mark.browser

PAUSED = "Saving is paused."  # the banner at the top of every page
REFUSED = "Saving is paused: the workshop's database cannot be reached right now."  # beside a form


def banner(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("[data-testid='stAlert']").filter(has_text=PAUSED)


def no_traceback(page: Page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert "Traceback" not in page.content()


def type_new_persona(page: Page, name: str, description: str) -> None:
    adding = persona_form(page)
    adding.get_by_label("Name", exact=True).fill(name)
    adding.get_by_label("Description").fill(description)


def type_description(page: Page, persona: str, text: str) -> None:
    card(page, persona).get_by_role("button", name="Edit").click()
    form(page, f"Edit {persona}").get_by_label("Description").fill(text)


def still_typed(page: Page, form_text: str, label: str, value: str) -> None:
    expect(form(page, form_text).get_by_label(label, exact=True)).to_have_value(value)


def seconds_until_gone(pages: list[Page], since: float) -> list[float]:
    """When each page's banner went away, in seconds after `since` (printed, never asserted)."""
    taken = []
    for page in pages:
        expect(banner(page)).to_have_count(0, timeout=30000)
        taken.append(round(time.monotonic() - since, 1))
    return taken


def test_postgresql_stopped_for_ten_seconds_under_two_replicas_loses_nothing(
    browser, stoppable_pg, tmp_path, capsys
):
    url = stoppable_pg.new_database()
    with deployment(browser, url, tmp_path) as site:
        facilitator = start_workshop(lambda u: site.open(site.a, u), site, "Outage room")
        link = participant_link(facilitator)
        ana = join(lambda u, phone=False: site.open(site.b, u, phone=phone), link, "Ana", phone=True)
        store = build_store(url)
        viewer_link = site.url + "?t=" + sessions.share_links(store, token_of(facilitator)).viewer
        store.close()
        advance(facilitator, "Personas")
        now_at(ana, "Personas")
        add_persona(ana, "Commuter", "Every minute counts.")  # acknowledged before the outage
        facilitator.get_by_role("heading", name="Commuter").wait_for()

        # Both are typing when the database goes away.
        type_new_persona(ana, "Night owl", "Shops after midnight.")
        type_description(facilitator, "Commuter", "Takes the 7:40.")
        stopped = time.monotonic()
        stoppable_pg.stop_server()
        try:
            for page in (facilitator, ana):
                banner(page).wait_for(timeout=15000)  # told by the live stream, without a save
            # A save meanwhile: a clear message beside the form, the typed text stays.
            persona_form(ana).get_by_role("button", name="Add persona").click()
            ana.get_by_text(REFUSED).wait_for()
            still_typed(ana, "Add a persona", "Name", "Night owl")
            still_typed(ana, "Add a persona", "Description", "Shops after midnight.")
            form(facilitator, "Edit Commuter").get_by_role("button", name="Save", exact=True).click()
            facilitator.get_by_text(REFUSED).wait_for()
            still_typed(facilitator, "Edit Commuter", "Description", "Takes the 7:40.")
            # A page opened during the outage says so and appears by itself afterwards.
            viewer = site.open(site.b, viewer_link)
            viewer.get_by_text("The workshop cannot be reached right now").wait_for()
            for page, name in ((facilitator, "facilitator"), (ana, "participant-phone"), (viewer, "viewer")):
                no_traceback(page)
                shot(page, f"outage-postgresql-{name}")
            time.sleep(max(0.0, 10 - (time.monotonic() - stopped)))
        finally:
            stoppable_pg.start_server()
        back = time.monotonic()
        viewer.get_by_role("heading", name="Outage room").wait_for(timeout=30000)
        caught_up = seconds_until_gone([facilitator, ana], back)
        with capsys.disabled():
            print(f"\n  pages without the banner {caught_up} s after PostgreSQL was back")

        # Saving works again, and reaches the other replica live: the stream reconnected by itself.
        persona_form(ana).get_by_role("button", name="Add persona").click()
        facilitator.get_by_role("heading", name="Night owl").wait_for()
        viewer.get_by_role("heading", name="Night owl").wait_for()
        form(facilitator, "Edit Commuter").get_by_role("button", name="Save", exact=True).click()
        expect(card(ana, "Commuter").get_by_text("Takes the 7:40.")).to_be_visible()
        for page in (facilitator, ana, viewer):
            no_traceback(page)

        store = build_store(url)
        try:
            personas = {p.name: p for p in board(store, token_of(facilitator)).personas}
        finally:
            store.close()
        assert set(personas) == {"Commuter", "Night owl"}
        assert personas["Commuter"].description == "Takes the 7:40."
        assert personas["Night owl"].description == "Shops after midnight."
    for replica in ("replica-a.log", "replica-b.log"):
        log = (tmp_path / replica).read_text()
        assert "Traceback" not in log
        assert "saving is paused" in log and "saving works again" in log, "the outage is logged"


def test_the_sqlite_file_made_read_only_for_a_while_loses_nothing(new_page, tmp_path):
    database = tmp_path / "outage.db"
    server = AppServer(f"sqlite:///{database}", log=tmp_path / "server.log").start()
    try:
        facilitator = start_workshop(new_page, server, "Read-only room")
        ana = join(new_page, participant_link(facilitator), "Ana", phone=True)
        advance(facilitator, "Personas")
        now_at(ana, "Personas")
        add_persona(ana, "Commuter", "Every minute counts.")
        facilitator.get_by_role("heading", name="Commuter").wait_for()
        type_new_persona(ana, "Night owl", "Shops after midnight.")
        type_description(facilitator, "Commuter", "Takes the 7:40.")

        with read_only(database):
            settled(ana)
            persona_form(ana).get_by_role("button", name="Add persona").click()
            ana.get_by_text(REFUSED).wait_for()
            still_typed(ana, "Add a persona", "Name", "Night owl")
            # The failed save paused saving for the whole process: every page says so.
            for page in (ana, facilitator):
                banner(page).wait_for(timeout=15000)
            still_typed(facilitator, "Edit Commuter", "Description", "Takes the 7:40.")
            for page, name in ((facilitator, "facilitator"), (ana, "participant-phone")):
                no_traceback(page)
                shot(page, f"outage-sqlite-{name}")
            time.sleep(3)
            assert banner(ana).count() == 1, "still paused while the file cannot be written"
        back = time.monotonic()
        caught_up = seconds_until_gone([facilitator, ana], back)
        print(f"pages without the banner {caught_up} s after the file was writable again")

        persona_form(ana).get_by_role("button", name="Add persona").click()
        facilitator.get_by_role("heading", name="Night owl").wait_for()
        form(facilitator, "Edit Commuter").get_by_role("button", name="Save", exact=True).click()
        expect(card(ana, "Commuter").get_by_text("Takes the 7:40.")).to_be_visible()
        for page in (facilitator, ana):
            no_traceback(page)
        assert re.search(r"saving is paused", (tmp_path / "server.log").read_text())
    finally:
        server.stop()
    assert "Traceback" not in (tmp_path / "server.log").read_text()
    store = build_store(f"sqlite:///{database}")
    try:
        personas = {p.name: p for p in board(store, token_of(facilitator)).personas}
    finally:
        store.close()
    assert set(personas) == {"Commuter", "Night owl"}
    assert personas["Commuter"].description == "Takes the 7:40."
