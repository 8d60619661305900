"""In a real browser, with the keyboard alone: a participant joins, edits a persona and its loves and
hates, looks at another step and votes. No mouse click anywhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import now_at, settled, toast, token_of
from tests.browser.rooms import room
from workshop.cases import facilitation, idea_cases
from workshop.cases.board import board

pytestmark = pytest.mark.browser

# What the focused element is called: its label for a field, its text for a button or radio.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el) return "";
  return (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
}"""


def tab_to(page: Page, name: str, *, limit: int = 120) -> None:
    """Press Tab until the element called `name` has the focus, as a keyboard user does."""
    settled(page)
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused == name:
            return
        seen.append(focused)
    raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")


def arrow_to(page: Page, name: str, *, limit: int = 10) -> None:
    """Move within a group (the step control) with the right arrow until `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("ArrowRight")
        if page.evaluate(_FOCUSED) == name:
            return
    raise AssertionError(f"the arrow keys never reached {name!r}")


def test_a_participant_joins_edits_a_persona_and_votes_with_the_keyboard_alone(new_page, app_server):
    workshop = room(app_server, "Keyboard room", ("Commuter", "Tourist"), phase="personas")
    for title in ("Express lane", "Harbour café"):
        idea_cases.add_idea(
            workshop.store, workshop.facilitator, {"title": title, "range": "incremental", "touch": "core",
                                                   "effects": {"speed": 2}},
        )  # fmt: skip
    page = new_page(workshop.url(workshop.participant))
    page.get_by_label("Your name").wait_for()

    # Join: the name field, then Enter submits the form.
    tab_to(page, "Your name")
    page.keyboard.type("Kai")
    page.keyboard.press("Enter")
    page.get_by_text("Kai · participant").wait_for()
    now_at(page, "Personas")

    # Edit the first persona's description, and save with the Save button.
    tab_to(page, "✏️ Edit")
    page.keyboard.press("Enter")
    page.get_by_text("Edit Commuter").wait_for()
    tab_to(page, "Description")
    page.keyboard.type("Crosses twice a day and knows the timetable by heart.")
    tab_to(page, "Save")
    page.keyboard.press("Enter")
    toast(page, "Saved Commuter.")
    commuter = board(workshop.store, workshop.facilitator).personas[0]
    assert commuter.description == "Crosses twice a day and knows the timetable by heart."

    # Its loves and hates: a slider moves with the arrow keys.
    tab_to(page, "❤️ Love & hate")
    page.keyboard.press("Enter")
    page.get_by_text("What Commuter loves and hates").wait_for()
    tab_to(page, "Speed")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("input[type=range][aria-label='Speed']")).to_have_attribute(
        "aria-valuetext", "love strongly"
    )
    tab_to(page, "Save love & hate")
    page.keyboard.press("Enter")
    toast(page, "Saved what Commuter loves and hates.")
    speed = next(a.key for a in board(workshop.store, workshop.facilitator).attributes if a.name == "Speed")
    assert board(workshop.store, workshop.facilitator).personas[0].stance(speed).score == 2

    # Look at another step: Tab into the step control, then the arrow keys, as in any radio group.
    tab_to(page, "Promise")
    arrow_to(page, "Ideas")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Value ideas").wait_for()

    # The facilitator opens the vote; a vote is placed with Enter on +1.
    facilitation.set_phase(workshop.store, workshop.facilitator, "vote")
    now_at(page, "Vote")
    page.get_by_text("You have 3 of 3 votes left.").wait_for()
    tab_to(page, "+1")
    page.keyboard.press("Enter")
    toast(page, "Vote placed. 2 left.")
    page.get_by_text("You have 2 of 3 votes left.").wait_for()
    assert sum(board(workshop.store, token_of(page)).my_votes.values()) == 1  # votes are hidden from others
