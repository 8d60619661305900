"""In a real browser: a facilitator starts a workshop, a participant joins in a second browser and shows up."""

from __future__ import annotations

import re

from tests.browser.conftest import no_horizontal_scroll, shot
from tests.browser.helpers import settled


def start_workshop(new_page, app_server, title="Browser workshop"):
    page = new_page(app_server.url)
    page.get_by_label("Workshop title").fill(title)
    page.get_by_label("Our promise").fill("Quick, kind and clear.")
    page.get_by_role("button", name="Start workshop").click()
    page.wait_for_url(re.compile(r"\?t="))
    page.get_by_text("Participant link").first.wait_for()
    return page


def participant_link(page) -> str:
    """The link shown under "Participant link", read once the page has stopped redrawing
    (while it redraws, an element of the previous run may still stand first)."""
    code = page.locator(
        "[data-testid='stElementContainer']:has-text('Participant link — to join and contribute')"
        " + [data-testid='stElementContainer'] [data-testid='stCode'] code"
    )
    code.wait_for()
    settled(page)
    return "".join(code.inner_text().split())


def test_a_participant_joins_in_a_second_browser_and_appears_on_the_facilitators_page(new_page, app_server):
    facilitator = start_workshop(new_page, app_server)
    link = participant_link(facilitator)
    shot(facilitator, "facilitator-start")
    participant = new_page(link, phone=True)
    participant.get_by_label("Your name").fill("Ana <b>bold</b>")
    participant.get_by_role("button", name="Join").click()
    participant.get_by_text("Ana <b>bold</b> · participant").wait_for()
    assert no_horizontal_scroll(participant)
    shot(participant, "participant-joined-phone")
    facilitator.get_by_text(re.compile(r"People \(2\)")).wait_for(timeout=15000)
    facilitator.get_by_text(re.compile(r"People \(2\)")).click()
    facilitator.get_by_text("Ana <b>bold</b>").first.wait_for()


def test_a_reload_keeps_the_participants_identity(new_page, app_server):
    facilitator = start_workshop(new_page, app_server, "Reload workshop")
    participant = new_page(participant_link(facilitator))
    participant.get_by_label("Your name").fill("Ben")
    participant.get_by_role("button", name="Join").click()
    participant.get_by_text("Ben · participant").wait_for()
    participant.reload()
    participant.get_by_text("Ben · participant").wait_for()


def test_a_tampered_link_shows_the_plain_invalid_page(new_page, app_server):
    page = new_page(app_server.url + "?t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    page.get_by_text("This link is not valid").first.wait_for()
    assert "Traceback" not in page.content()
