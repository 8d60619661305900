"""In real browsers: a facilitator and two participants (one on a phone) go through every step live.

Every step change reaches both participants without a reload, and the facilitator's own screen
follows it too; a participant's persona edit reaches the others; the countdown shows the same time
on the three screens; typing survives somebody else's change; a locked workshop refuses a write
and keeps the typed text; a participant who reloads is the same participant, on the current step.
The forms a participant needs are photographed at phone size.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from personas.model import Stance
from tests.browser.conftest import no_horizontal_scroll
from tests.browser.helpers import (
    advance,
    card,
    form,
    idea_form,
    join,
    look_at,
    page_shot,
    persona_form,
    settled,
    toast,
    token_of,
)
from tests.browser.test_ideas_browser import ballot
from tests.browser.test_join_flow import participant_link, start_workshop
from workshop.cases import idea_cases
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange, add_persona, set_stances
from workshop.domain.phases import PHASES
from workshop.store import build_store

pytestmark = pytest.mark.browser

INSTRUCTION = {p.label: p.instruction for p in PHASES}
LOCKED = "The facilitator has locked editing for a discussion."
COUNTDOWN = re.compile(r"⏱\s*\d+:\d\d")


@pytest.fixture
def store(app_server):
    built = build_store(app_server.database_url)
    yield built
    built.close()


# -- the room ----------------------------------------------------------------------------------


def mark_loaded(page: Page) -> None:
    """Leave a mark in the page's document: a reload would wipe it."""
    page.evaluate("window.__stillTheSamePage = true")


def never_reloaded(page: Page) -> bool:
    return page.evaluate("window.__stillTheSamePage === true")


def on_step(page: Page, step: str) -> None:
    """The page shows the room at `step`: the step's sentence on top, and the step itself."""
    expect(page.get_by_text(INSTRUCTION[step])).to_be_visible()
    expect(page.get_by_role("radio", name=f"● {step}")).to_be_checked()


def move_room(facilitator: Page, step: str, participants: tuple[Page, ...]) -> None:
    """The facilitator presses the step button; every screen, the facilitator's own too, follows."""
    advance(facilitator, step)  # also checks the facilitator's own screen stays on the new step
    on_step(facilitator, step)
    for page in participants:
        on_step(page, step)
        assert never_reloaded(page)


# -- what the participants do ----------------------------------------------------------------------


def join_on_phone(new_page, link: str, name: str) -> Page:
    phone = new_page(link, phone=True)
    phone.get_by_label("Your name").fill(name)
    assert no_horizontal_scroll(phone)
    page_shot(phone, "live-room-join-phone")
    phone.get_by_role("button", name="Join").click()
    phone.get_by_text(f"{name} · participant").wait_for()
    return phone


def add_persona_form(page: Page, name: str, quote: str = ""):
    adding = persona_form(page)
    adding.get_by_label("Name", exact=True).fill(name)
    if quote:
        adding.get_by_label("Quote, in the customer's own words").fill(quote)
    return adding


def submitted(page: Page, adding, name: str) -> None:
    adding.get_by_role("button", name="Add persona").click()
    toast(page, f"Added {name}.")
    page.get_by_role("heading", name=name).wait_for()


def countdown(page: Page) -> int:
    """Seconds left, as the page shows them."""
    text = page.get_by_text(COUNTDOWN).first.inner_text()
    minutes, seconds = re.search(r"(\d+):(\d\d)", text).groups()
    return int(minutes) * 60 + int(seconds)


def countdowns(pages: tuple[Page, ...]) -> list[float]:
    """Each page's remaining time, brought back to the moment the first one was read."""
    first = time.monotonic()
    shown = []
    for page in pages:
        seconds = countdown(page)
        shown.append(seconds + (time.monotonic() - first))
    return shown


# -- the test --------------------------------------------------------------------------------------


def test_a_room_goes_through_every_step_live(new_page, app_server, store):
    facilitator = start_workshop(new_page, app_server, "Live room")
    link = participant_link(facilitator)
    ana = join(new_page, link, "Ana")
    ben = join_on_phone(new_page, link, "Ben")
    room = (ana, ben)
    for page in (facilitator, *room):
        on_step(page, "Promise")
    for page in room:
        mark_loaded(page)

    # Personas: Ben types on his phone while Ana adds one; his typing stays and then goes in.
    move_room(facilitator, "Personas", room)
    settled(ben)
    ben_adding = add_persona_form(ben, "Night owl", "Open when I am awake.")
    ana_adding = add_persona_form(ana, "Bargain hunter", "Cheap is good.")
    submitted(ana, ana_adding, "Bargain hunter")
    ben.get_by_role("heading", name="Bargain hunter").wait_for()  # his page was redrawn ...
    expect(ben_adding.get_by_label("Name", exact=True)).to_have_value("Night owl")  # ... his typing kept
    expect(ben_adding.get_by_label("Quote, in the customer's own words")).to_have_value(
        "Open when I am awake."
    )
    assert no_horizontal_scroll(ben)
    page_shot(ben, "live-room-persona-form-phone")
    submitted(ben, ben_adding, "Night owl")
    for page in (facilitator, ana):
        page.get_by_role("heading", name="Night owl").wait_for()

    # Ana edits her persona; the others see the new quote without a reload.
    settled(ana)
    card(ana, "Bargain hunter").get_by_role("button", name="Edit").click()
    editing = form(ana, "Edit Bargain hunter")
    editing.get_by_label("Quote, in the customer's own words").fill("Why pay more?")
    editing.get_by_role("button", name="Save", exact=True).click()
    toast(ana, "Saved Bargain hunter.")
    for page in (facilitator, ben):
        expect(card(page, "Bargain hunter").get_by_text("Why pay more?")).to_be_visible()
        expect(card(page, "Bargain hunter").get_by_text("Cheap is good.")).to_have_count(0)
    assert never_reloaded(ben)

    # Locked for a discussion: Ben's new persona is refused with a message, his text stays.
    settled(facilitator)
    facilitator.get_by_role("button", name="🔒 Lock editing").click()
    facilitator.get_by_role("button", name="🔓 Unlock editing").wait_for()
    settled(ben)
    ben_adding = add_persona_form(ben, "Student", "Every cent counts.")
    ben_adding.get_by_role("button", name="Add persona").click()
    ben.get_by_text(LOCKED).wait_for()
    expect(ben_adding.get_by_label("Name", exact=True)).to_have_value("Student")
    expect(ben_adding.get_by_label("Quote, in the customer's own words")).to_have_value("Every cent counts.")
    expect(ana.get_by_role("heading", name="Student")).to_have_count(0)
    settled(facilitator)
    facilitator.get_by_role("button", name="🔓 Unlock editing").click()
    facilitator.get_by_role("button", name="🔒 Lock editing").wait_for()
    settled(ben)
    submitted(ben, ben_adding, "Student")
    ana.get_by_role("heading", name="Student").wait_for()

    # The countdown: the same time on the three screens, running and paused.
    settled(facilitator)
    facilitator.get_by_text("Countdown").click()
    facilitator.get_by_role("button", name="Start", exact=True).click()
    everyone = (facilitator, *room)
    for page in everyone:
        page.get_by_text(COUNTDOWN).first.wait_for()
    shown = countdowns(everyone)
    assert all(4 * 60 <= s <= 5 * 60 + 2 for s in shown), shown  # a five-minute countdown
    assert max(shown) - min(shown) <= 2, shown
    settled(facilitator)
    facilitator.get_by_role("button", name="Pause", exact=True).click()
    for page in everyone:
        page.get_by_text("(paused)").wait_for()
    paused = [countdown(page) for page in everyone]
    assert len(set(paused)) == 1, paused
    settled(facilitator)
    facilitator.get_by_role("button", name="Stop", exact=True).click()
    for page in everyone:
        expect(page.get_by_text(COUNTDOWN)).to_have_count(0)

    # Love & hate: Ben sets a stance on his phone from the Personas step while the room is ahead.
    fac_token = token_of(facilitator)
    add_persona(store, fac_token, {"name": "Busy parent", "quote": "Just make it quick."})
    move_room(facilitator, "Love & hate", room)
    look_at(ben, "Personas")
    card(ben, "Night owl").get_by_role("button", name="Love & hate").click()
    stances = form(ben, "What Night owl loves and hates")
    stances.get_by_label("Why, for Human contact").fill("Nobody answers the phone at 2 am")
    assert no_horizontal_scroll(ben)
    page_shot(ben, "live-room-stance-form-phone")
    stances.get_by_role("button", name="Save love & hate").click()
    toast(ben, "Saved what Night owl loves and hates.")
    _stances_for_the_map(store, fac_token)

    # Ideas: Ben proposes one on his phone; the room moved on, and so did his screen.
    move_room(facilitator, "Ideas", room)
    settled(ben)
    proposing = idea_form(ben)
    proposing.get_by_label("Title").fill("Night-time chat")
    proposing.get_by_role("radio", name="Landmark").click()
    proposing.get_by_role("radio", name="In-touch").click()
    assert no_horizontal_scroll(ben)
    page_shot(ben, "live-room-idea-form-phone")
    proposing.get_by_role("button", name="Add idea").click()
    toast(ben, "Added “Night-time chat”.")
    for title, range_, touch in (("Price match", "incremental", "pre"), ("Express lane", "landmark", "core")):
        idea_cases.add_idea(store, token_of(ana), {"title": title, "range": range_, "touch": touch})
    for page in everyone:
        page.get_by_text("3 ideas").wait_for()

    move_room(facilitator, "Map", room)

    # Vote: Ben votes on his phone, reloads, and is still Ben, on the Vote step, with his vote.
    move_room(facilitator, "Vote", room)
    settled(ben)
    ballot(ben, "Night-time chat").get_by_role("button", name="+1", exact=True).click()
    toast(ben, "Vote placed. 2 left.")
    ben.get_by_text("You have 2 of 3 votes left.").wait_for()
    assert no_horizontal_scroll(ben)
    page_shot(ben, "live-room-vote-phone")
    ben.reload()
    ben.get_by_text("Ben · participant").wait_for()
    on_step(ben, "Vote")
    ben.get_by_text("You have 2 of 3 votes left.").wait_for()
    expect(ballot(ben, "Night-time chat").get_by_text("Your votes: 1")).to_be_visible()
    mark_loaded(ben)

    move_room(facilitator, "Wrap-up", room)
    ana.reload()
    ana.get_by_text("Ana · participant").wait_for()
    on_step(ana, "Wrap-up")


def _stances_for_the_map(store, token: str) -> None:
    for persona in board(store, token).personas:
        if persona.name == "Busy parent":
            set_stances(
                store,
                token,
                [
                    StanceChange(persona.key, "speed", Stance(), 2),
                    StanceChange(persona.key, "price", Stance(), -1),
                ],
            )
