"""In real browsers: what people type or paste is kept as written, named as written, and a refusal is
said where they are looking.

A paste longer than a field's limit stays in the field and is refused with the field's name and
limit; emoji sequences keep their joiners; fields named after attributes are read out without
Markdown escapes; a save refused because someone else changed the persona says so beside Save.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import card, form, idea_form, persona_form, set_slider, settled, toast
from tests.browser.rooms import room
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange, add_attribute, set_stances, update_persona

pytestmark = pytest.mark.browser

FAMILY = "👩\u200d👩\u200d👧"
FAMILY_OF_FOUR = "👨\u200d👩\u200d👧\u200d👦"
RAINBOW_FLAG = "🏳\ufe0f\u200d🌈"


def paste(field: Locator, text: str) -> None:
    """Paste `text` into an empty field with the keyboard, as someone copying from a document does."""
    page = field.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    field.click()
    page.keyboard.press("Control+V")


def refused(page: Page, where: Locator, message: str) -> None:
    where.get_by_text(message).wait_for()
    settled(page)


def test_a_paste_longer_than_a_field_allows_stays_in_the_field_and_is_refused_with_its_limit(
    new_page, app_server
):
    workshop = room(app_server, "Pasting", phase="personas")
    page = new_page(workshop.url(workshop.facilitator))
    adding = persona_form(page)
    name = adding.get_by_label("Name", exact=True)

    long_name = "Commuter who crosses twice a day and reads the timetable closely"  # 64 characters
    paste(name, long_name)
    expect(name).to_have_value(long_name)
    adding.get_by_role("button", name="Add persona").click()
    refused(page, adding, "Name is too long: 64 characters, at most 60.")
    expect(name).to_have_value(long_name)

    name.fill("Commuter")
    description = adding.get_by_label("Description")
    paste(description, "d" * 2001)
    evidence = adding.get_by_label("Evidence: where this comes from")
    paste(evidence, "e" * 10_000)
    emoji = adding.get_by_label("Emoji")
    paste(emoji, FAMILY_OF_FOUR)  # 11 characters as the browser counts them, one emoji
    adding.get_by_role("button", name="Add persona").click()
    refused(page, adding, "Description is too long: 2,001 characters, at most 2,000.")
    expect(description).to_have_value("d" * 2001)
    expect(evidence).to_have_value("e" * 10_000)
    expect(emoji).to_have_value(FAMILY_OF_FOUR)

    description.fill("Crosses twice a day.")
    adding.get_by_role("button", name="Add persona").click()
    refused(page, adding, "Evidence is too long: 10,000 characters, at most 2,000.")
    evidence.fill("Season-ticket data.")
    adding.get_by_role("button", name="Add persona").click()
    page.get_by_role("heading", name=f"{FAMILY_OF_FOUR} Commuter").wait_for()

    # The promise, an idea's title and a stance's note keep a long paste too.
    page.get_by_role("radio", name="Promise").click()
    promise = form(page, "Edit the promise").get_by_label("Promise")
    promise.fill("")
    paste(promise, "p" * 2001)
    form(page, "Edit the promise").get_by_role("button", name="Save promise").click()
    refused(page, form(page, "Edit the promise"), "Promise is too long: 2,001 characters, at most 2,000.")
    expect(promise).to_have_value("p" * 2001)

    page.get_by_role("radio", name="Ideas").click()
    proposing = idea_form(page)
    title = proposing.get_by_label("Title")
    paste(title, "t" * 121)
    proposing.get_by_role("button", name="Add idea").click()
    refused(page, page.locator("[data-testid='stMain']"), "Title is too long: 121 characters, at most 120.")
    expect(title).to_have_value("t" * 121)

    page.get_by_role("radio", name="● Personas").click()
    card(page, f"{FAMILY_OF_FOUR} Commuter").get_by_role("button", name="Love & hate").click()
    stances = form(page, "loves and hates")
    note = stances.get_by_label("Why, for Price")
    paste(note, "n" * 301)
    stances.get_by_role("button", name="Save love & hate").click()
    refused(page, stances, "Commuter, Price: Note is too long: 301 characters, at most 300.")
    expect(note).to_have_value("n" * 301)


def test_a_name_pasted_too_long_into_the_join_form_stays_there(new_page, app_server):
    workshop = room(app_server, "Joining")
    page = new_page(workshop.url(workshop.participant), phone=True)
    name = page.get_by_label("Your name")
    paste(name, "Anastasia " * 7)
    page.get_by_role("button", name="Join").click()
    page.get_by_text("Name is too long: 69 characters, at most 60.").wait_for()
    expect(name).to_have_value("Anastasia " * 7)


def test_emoji_sequences_are_saved_whole(new_page, app_server):
    workshop = room(app_server, "Families", phase="personas")
    page = new_page(workshop.url(workshop.joined("Ana")), phone=True)
    adding = persona_form(page)
    adding.get_by_label("Name", exact=True).fill(f"The {FAMILY} family")
    adding.get_by_label("Quote, in the customer's own words").fill(f"Proud {RAINBOW_FLAG} and 👍🏽")
    adding.get_by_role("button", name="Add persona").click()
    toast(page, "Added")
    heading = page.get_by_role("heading", name=f"The {FAMILY} family", exact=True)
    heading.wait_for()
    assert FAMILY in heading.inner_text()  # one family, not three people side by side
    quote = board(workshop.store, workshop.facilitator).personas[0].quote
    assert quote == f"Proud {RAINBOW_FLAG} and 👍🏽"
    expect(page.get_by_text(quote)).to_be_visible()


def test_fields_named_after_attributes_are_read_out_as_written(new_page, app_server):
    workshop = room(app_server, "Labels", ("Commuter",), phase="personas")
    add_attribute(workshop.store, workshop.facilitator, "*Status* [club]")
    page = new_page(workshop.url(workshop.joined("Ana")))
    card(page, "Commuter").get_by_role("button", name="Love & hate").click()
    stances = form(page, "What Commuter loves and hates")
    stances.wait_for()
    # (Streamlit's slider names itself twice over, "Price Price", so names are matched, not equated.)
    expect(stances.get_by_role("slider", name="Self-service / digital")).to_have_count(1)
    expect(stances.get_by_role("textbox", name="Why, for Choice / range", exact=True)).to_have_count(1)
    # A name with Markdown characters is shown exactly as typed, and read out without them.
    expect(stances.get_by_text("*Status* [club]", exact=True)).to_be_visible()
    expect(stances.get_by_role("slider", name="Status club")).to_have_count(1)

    page.get_by_role("radio", name="Ideas").click()
    proposing = idea_form(page)
    expect(proposing.get_by_role("slider", name="Self-service / digital")).to_have_count(1)
    expect(proposing.get_by_role("slider", name="Status club")).to_have_count(1)


def test_a_save_refused_because_someone_else_changed_the_persona_says_so_beside_save(new_page, app_server):
    workshop = room(app_server, "Refusals", ("Commuter",), phase="personas")
    ana = workshop.joined("Ana")
    page = new_page(workshop.url(workshop.joined("Ben")), phone=True)

    card(page, "Commuter").get_by_role("button", name="Edit").click()
    editing = form(page, "Edit Commuter")
    editing.get_by_label("Description").fill("Reads on the train.")
    base = board(workshop.store, ana).personas[0]
    update_persona(workshop.store, ana, base, {"name": "Commuter", "quote": "Every minute counts."})
    page.get_by_text("Someone else saved this persona while you had it open.").wait_for()
    save = editing.get_by_role("button", name="Save", exact=True)
    save.click()
    beside(save, editing.get_by_text("Ana changed this persona while you were editing"))
    expect(editing.get_by_label("Description")).to_have_value("Reads on the train.")
    editing.get_by_role("button", name="Close").click()

    card(page, "Commuter").get_by_role("button", name="Love & hate").click()
    stances = form(page, "What Commuter loves and hates")
    slider = stances.locator("[data-testid='stSlider']").filter(has_text="Speed").get_by_role("slider")
    set_slider(slider, 2, "love strongly")
    now = board(workshop.store, ana)
    commuter, speed = now.personas[0], next(a.key for a in now.attributes if a.name == "Speed")
    set_stances(workshop.store, ana, [StanceChange(commuter.key, speed, commuter.stance(speed), -1)])
    page.get_by_text("Someone else saved loves and hates for this persona").wait_for()
    settled(page)
    save = stances.get_by_role("button", name="Save love & hate")
    save.click()
    beside(save, stances.get_by_text("Ana changed this stance of Commuter while you were editing"))
    expect(slider).to_have_attribute("aria-valuetext", "love strongly")


def beside(button: Locator, message: Locator) -> None:
    """The message is on screen, just under the button that was pressed."""
    message.wait_for()
    expect(message).to_be_in_viewport()
    below, pressed = message.bounding_box(), button.bounding_box()
    assert below and pressed
    assert 0 <= below["y"] - (pressed["y"] + pressed["height"]) < 200, (pressed, below)
