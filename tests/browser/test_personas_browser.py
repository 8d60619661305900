"""In real browsers: a facilitator and two participants (one on a phone) build personas with loves and hates.

They see the profile charts and the heatmap redraw, get the near-duplicate warning, are refused a
seventh persona, and two people editing one persona lose nothing.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import no_horizontal_scroll
from tests.browser.helpers import (
    advance,
    card,
    chart,
    drawing,
    form,
    join,
    look_at,
    now_at,
    page_shot,
    paste_into_grid,
    persona_form,
    quoted,
    set_slider,
    settled,
    toast,
    wait_redrawn,
)
from tests.browser.test_join_flow import participant_link, start_workshop

pytestmark = pytest.mark.browser

# Stances in catalogue order: price, speed, human contact, self-service / digital, personalisation,
# reliability, choice / range, exclusivity / status, simplicity / low effort, transparency.
WORDS = {-2: "hate strongly", -1: "hate", 0: "don't care", 1: "love", 2: "love strongly"}
GRID = {
    "Bargain hunter": [2, 0, -1, 1, -1, 0, 1, -2, 0, 2],
    "Busy parent": [0, 2, -1, 2, 0, 1, -1, 0, 2, 0],
    "Tech fan": [0, 2, -2, 2, 1, 0, 2, 1, -1, 0],
    "Tech geek": [0, 2, -2, 2, 1, 0, 1, 1, -1, 0],  # one step apart from Tech fan, on choice
}


def set_stance(stances, attribute: str, score: int) -> None:
    """Move one attribute's slider on the phone form from "don't care" to `score`."""
    slider = stances.locator("[data-testid='stSlider']").filter(has_text=attribute).get_by_role("slider")
    set_slider(slider, score, WORDS[score])


def add_persona(page, name: str, quote: str = "") -> None:
    settled(page)
    adding = persona_form(page)
    adding.get_by_label("Name", exact=True).fill(name)
    if quote:
        adding.get_by_label("Quote, in the customer's own words").fill(quote)
    adding.get_by_role("button", name="Add persona").click()
    page.get_by_role("heading", name=name).wait_for()
    # The old form stays on screen, faded, until the page has redrawn; then one empty form is left.
    expect(
        page.locator(f"[data-testid='stForm'] input[aria-label='Name'][value={quoted(name)}]")
    ).to_have_count(0)
    expect(form(page, "Add a persona").get_by_label("Name", exact=True)).to_have_value("")


def test_a_team_builds_five_personas_sees_the_charts_and_is_refused_a_seventh(new_page, app_server):
    facilitator = start_workshop(new_page, app_server, "Persona workshop")
    link = participant_link(facilitator)
    ana = join(new_page, link, "Ana")
    ben = join(new_page, link, "Ben", phone=True)

    advance(facilitator, "Personas")
    for page in (ana, ben):
        now_at(page, "Personas")  # everyone's screen follows the room

    add_persona(ana, "Bargain hunter", "Why pay more?")
    add_persona(ana, "Busy parent", "Just make it quick.")
    add_persona(ben, "Loyal regular", "They know my name.")
    add_persona(facilitator, "Tech fan")
    add_persona(facilitator, "Tech geek")
    ana.get_by_text("5 personas: four to six is what the method asks for.").wait_for()

    # Ben sets the loyal regular's loves and hates on his phone, with the per-persona form.
    profile = chart(ben, "What Loyal regular loves and hates")
    before = drawing(profile)
    card(ben, "Loyal regular").get_by_role("button", name="Love & hate").click()
    stances = form(ben, "What Loyal regular loves and hates")
    stances.wait_for()
    set_stance(stances, "Human contact", 2)
    set_stance(stances, "Self-service", -2)
    set_stance(stances, "Reliability", 1)
    stances.get_by_label("Why, for Human contact").fill("Wants a real person who knows them")
    assert no_horizontal_scroll(ben)
    page_shot(ben, "personas-stance-form-phone")
    stances.get_by_role("button", name="Save love & hate").click()
    toast(ben, "Saved what Loyal regular loves and hates.")
    drawn = wait_redrawn(profile, before)
    assert "love strongly" in drawn and "hate strongly" in drawn  # the scale's words label the axis
    # Ana's page follows by itself and redraws the same profile.
    expect(chart(ana, "What Loyal regular loves and hates").locator("svg.marks")).not_to_have_js_property(
        "innerHTML", before
    )
    page_shot(ana, "personas-desktop")
    assert no_horizontal_scroll(ben)
    page_shot(ben, "personas-phone")

    # The facilitator fills the other four on the projector grid, by pasting rows of stances.
    advance(facilitator, "Love & hate")
    facilitator.context.grant_permissions(["clipboard-read", "clipboard-write"])
    heatmap = chart(facilitator, "Heatmap of what each persona loves and hates")
    before = drawing(heatmap)
    grid = facilitator.locator("[data-testid='stDataFrame']")
    words = {name: [WORDS[s] for s in scores] for name, scores in GRID.items()}
    paste_into_grid(facilitator, grid, 0, [words["Bargain hunter"], words["Busy parent"]])
    paste_into_grid(facilitator, grid, 3, [words["Tech fan"], words["Tech geek"]])
    settled(facilitator)  # both pastes have reached the server, as the person sees them in the grid
    facilitator.get_by_role("button", name="Save the grid").click()
    changed = sum(1 for scores in GRID.values() for s in scores if s)
    toast(facilitator, f"Saved {changed} stance(s).")
    wait_redrawn(heatmap, before)

    warning = re.compile(
        r"Tech fan and Tech geek love and hate nearly the same things; they differ only on "
        r"Choice / range \(love strongly vs love\)"
    )
    for page in (facilitator, ana, ben):
        now_at(page, "Love & hate")
        page.get_by_text(warning).wait_for()
    # The loyal regular's stances, set on the phone, were kept by the grid.
    expect(facilitator.get_by_text("Loyal regular doesn't care")).to_have_count(0)
    page_shot(facilitator, "love-hate-desktop")
    assert no_horizontal_scroll(ben)
    page_shot(ben, "love-hate-phone")

    # A sixth persona fits; the seventh is refused with the method's reason, and the name stays typed.
    look_at(ana, "Personas")
    add_persona(ana, "Night owl")
    ana.get_by_text("Six personas is the most a live session can work with").wait_for()
    look_at(ben, "Personas")
    adding = persona_form(ben)
    adding.get_by_label("Name", exact=True).fill("Student")
    adding.get_by_role("button", name="Add persona").click()
    ben.get_by_text(
        "This workshop already has six personas, the most a live session can work with: "
        "with more, nobody can keep them apart in the room."
    ).wait_for()
    expect(form(ben, "Add a persona").get_by_label("Name", exact=True)).to_have_value("Student")
    expect(ben.get_by_role("heading", name="Student")).to_have_count(0)


def test_two_people_editing_one_persona_lose_nothing(new_page, app_server):
    facilitator = start_workshop(new_page, app_server, "Edit race")
    link = participant_link(facilitator)
    advance(facilitator, "Personas")
    add_persona(facilitator, "Commuter")
    ana = join(new_page, link, "Ana")
    ben = join(new_page, link, "Ben", phone=True)

    for page in (ana, ben):
        card(page, "Commuter").get_by_role("button", name="Edit").click()
        form(page, "Edit Commuter").wait_for()
    # Ben is typing when Ana saves: his page redraws with her change, his typing stays.
    ben_form = form(ben, "Edit Commuter")
    ben_form.get_by_label("Description").fill("Travels by train and reads on the way.")
    ana_form = form(ana, "Edit Commuter")
    ana_form.get_by_label("Quote, in the customer's own words").fill("Every minute counts.")
    ana_form.get_by_role("button", name="Save", exact=True).click()
    toast(ana, "Saved Commuter.")
    ben.get_by_text("Someone else saved this persona while you had it open.").wait_for()
    expect(ben_form.get_by_label("Description")).to_have_value("Travels by train and reads on the way.")

    ben_form.get_by_role("button", name="Save", exact=True).click()
    ben.get_by_text(re.compile(r"Ana changed this persona while you were editing")).wait_for()
    expect(ben_form.get_by_text("Every minute counts.")).to_be_visible()  # her change, shown to him
    expect(ben_form.get_by_label("Description")).to_have_value("Travels by train and reads on the way.")
    # The field he left alone now holds her text, so saving again keeps both changes.
    expect(ben_form.get_by_label("Quote, in the customer's own words")).to_have_value("Every minute counts.")
    page_shot(ben, "persona-edit-conflict-phone")
    ben_form.get_by_role("button", name="Save", exact=True).click()
    toast(ben, "Saved Commuter.")
    commuter = card(ana, "Commuter")
    expect(commuter.get_by_text("Travels by train and reads on the way.")).to_be_visible()
    expect(commuter.get_by_text("Every minute counts.")).to_be_visible()
