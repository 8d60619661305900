"""axe-core on every step, as facilitator, participant and view-only link, at 1280 × 800 and 390 × 844.

No serious or critical WCAG 2.2 A/AA violation may be left, apart from the few Streamlit itself
causes (listed in a11y.STREAMLIT_OWN and in the README). Forms are checked open, as people use them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.a11y import STREAMLIT_OWN, violations
from tests.browser.conftest import PHONE
from tests.browser.helpers import card, choose, idea_form, look_at, persona_form
from tests.browser.rooms import demo_room

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
STEPS = {  # step: its heading
    "Promise": "Our promise",
    "Personas": "Personas",
    "Love & hate": "Love & hate",
    "Ideas": "Value ideas",
    "Map": "Map: every idea against every persona",
    "Vote": "Vote",
    "Wrap-up": "Wrap-up",
}
ROOT = Path(__file__).resolve().parents[2]


def both_sizes(page: Page, where: str) -> list[str]:
    found = violations(page, f"{where} at 1280×800")
    page.set_viewport_size(PHONE)
    try:
        found += violations(page, f"{where} at 390×844")
    finally:
        page.set_viewport_size(DESKTOP)
    return found


def every_step(page: Page, who: str, opened=None) -> list[str]:
    found = []
    for step, heading in STEPS.items():
        look_at(page, step)
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        found += both_sizes(page, f"{who}, {step}")
        if opened and step in opened:
            opened[step](page)
            found += both_sizes(page, f"{who}, {step}, form open")
    return found


def test_the_facilitator_s_pages_have_no_serious_accessibility_violations(new_page, app_server):
    start = new_page(app_server.url)
    start.get_by_label("Workshop title").wait_for()
    found = both_sizes(start, "start page")
    workshop = demo_room(app_server, "vote")
    page = new_page(workshop.url(workshop.facilitator))
    sidebar = page.locator("[data-testid='stSidebar']")
    for section in ("Links", re.compile(r"^People \(\d+\)$"), "Countdown"):
        sidebar.get_by_text(section, exact=True).click()
    found += every_step(page, "facilitator")
    assert found == [], "\n".join(found)


def test_a_participant_s_pages_have_no_serious_accessibility_violations(new_page, app_server):
    workshop = demo_room(app_server, "vote")
    page = new_page(workshop.url(workshop.participant))
    page.get_by_label("Your name").wait_for()
    found = both_sizes(page, "join form")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_role("button", name="Join").click()
    page.get_by_text("Ana · participant").wait_for()

    def personas(p: Page) -> None:
        persona_form(p)
        card(p, "Island Iris").get_by_role("button", name="Love & hate").click()
        card(p, "Island Iris").get_by_role("button", name="Edit").click()

    def love_hate(p: Page) -> None:
        choose(p, "Persona to set", "🧶 Island Iris", typed="Island Iris")

    opened = {"Personas": personas, "Love & hate": love_hate, "Ideas": idea_form}
    found += every_step(page, "participant", opened)
    assert found == [], "\n".join(found)


def test_a_view_only_link_s_pages_have_no_serious_accessibility_violations(new_page, app_server):
    workshop = demo_room(app_server, "vote")
    page = new_page(workshop.url(workshop.viewer))
    found = every_step(page, "view-only link")
    assert found == [], "\n".join(found)


def test_what_streamlit_itself_causes_is_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert [rule for rule in STREAMLIT_OWN if f"`{rule}`" not in readme] == []
