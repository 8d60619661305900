"""In real browsers: the facilitator adds a co-facilitator who moves the room, revokes them, and replaces
their own link; every link that stops working was confirmed first."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import advance, now_at, page_shot, settled, toast, token_of
from tests.browser.rooms import room

pytestmark = pytest.mark.browser


def links_section(page: Page):
    sidebar = page.locator("[data-testid='stSidebar']")
    if not sidebar.get_by_text("Participant link — to join and contribute").is_visible():
        sidebar.get_by_text("Links", exact=True).click()
    sidebar.get_by_text("Co-facilitators").wait_for()
    return sidebar


def test_a_co_facilitator_moves_the_room_until_revoked_and_the_facilitator_replaces_their_link(
    new_page, app_server
):
    workshop = room(app_server, "Two at the front", ("Commuter",), phase="promise")
    fay = new_page(workshop.url(workshop.facilitator))
    ana = new_page(workshop.url(workshop.joined("Ana")), phone=True)

    sidebar = links_section(fay)
    sidebar.get_by_label("Co-facilitator's name").fill("Ben")
    sidebar.get_by_role("button", name="Make a co-facilitator link").click()
    shown = sidebar.locator("[data-testid='stVerticalBlock']").filter(has_text="Send this link to Ben").last
    code = shown.locator("[data-testid='stCode'] code")
    code.wait_for()
    settled(fay)
    link = "".join(code.inner_text().split())
    page_shot(fay, "co-facilitator-link-facilitator")

    ben = new_page(link)
    ben.get_by_text("Ben · facilitator").wait_for()
    advance(ben, "Personas")
    now_at(fay, "Personas")
    now_at(ana, "Personas")

    # Revoking asks first; then Ben's link stops working and the room stays where he left it.
    sidebar = links_section(fay)
    sidebar.get_by_role("button", name="Revoke…").click()
    sidebar.get_by_text("Revoke Ben's facilitator link? It stops working at once").wait_for()
    sidebar.get_by_role("button", name="Yes, revoke").click()
    toast(fay, "Ben's facilitator link no longer works.")
    settled(ben)
    ben.get_by_role("button", name="Love & hate →").click()
    ben.get_by_text("This link is not valid").first.wait_for()
    now_at(fay, "Personas")
    ben.goto(link)
    ben.get_by_text("This link is not valid").first.wait_for()

    # Replacing her own link asks first, then moves her page to the new link; the old one is dead.
    old = workshop.facilitator
    sidebar = links_section(fay)
    sidebar.get_by_role("button", name="Replace my link…").click()
    sidebar.get_by_text("The link you use now stops working at once").wait_for()
    sidebar.get_by_role("button", name="Keep my link").click()
    expect(sidebar.get_by_text("The link you use now stops working at once")).to_have_count(0)
    assert token_of(fay) == old
    sidebar.get_by_role("button", name="Replace my link…").click()
    sidebar.get_by_role("button", name="Yes, replace my link").click()
    toast(fay, "Your new facilitator link is in the address bar")
    fay.wait_for_url(re.compile(r"\?t=(?!" + re.escape(old) + r")"))
    advance(fay, "Love & hate")
    now_at(ana, "Love & hate")
    stale = new_page(workshop.url(old))
    stale.get_by_text("This link is not valid").first.wait_for()
