"""On a 390 × 844 phone: short persona cards with the chart on demand, every stance and note set on the
Love & hate step, and a map whose words are readable, one persona at a time."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from personas.scale import STANCE_LABELS
from tests.browser.conftest import PHONE, no_horizontal_scroll
from tests.browser.helpers import card, chart, choose, form, page_shot, settled, toast
from tests.browser.rooms import demo_room
from workshop.cases.board import board

pytestmark = pytest.mark.browser


def test_persona_cards_on_a_phone_fit_the_screen_and_show_their_chart_when_asked(new_page, app_server):
    workshop = demo_room(app_server, "personas")
    page = new_page(workshop.url(workshop.joined("Ana")), phone=True)
    names = [p.name for p in board(workshop.store, workshop.facilitator).personas]
    for name in names:
        page.get_by_role("heading", name=name).wait_for()
    settled(page)
    add = page.get_by_role("button", name="Add a persona").bounding_box()
    assert add and add["y"] < PHONE["height"], add  # reachable from the top, not after every card
    for name in names:
        box = card(page, name).bounding_box()
        assert box and box["height"] < PHONE["height"], (name, box)
    assert no_horizontal_scroll(page)
    page_shot(page, "personas-compact-phone")

    dara = card(page, names[0])
    dara.get_by_text("Chart of loves and hates").click()
    profile = chart(page, f"What {names[0]} loves and hates")
    expect(profile).to_be_in_viewport()
    assert no_horizontal_scroll(page)


def test_every_stance_and_note_is_set_on_the_love_and_hate_step_on_a_phone(new_page, app_server):
    workshop = demo_room(app_server, "love_hate")
    page = new_page(workshop.url(workshop.joined("Ana")), phone=True)
    current = board(workshop.store, workshop.facilitator)
    persona = current.personas[1]
    label = f"{persona.emoji} {persona.name}".strip()
    expect(page.locator("[data-testid='stDataFrame']")).to_be_hidden()  # the grid needs a wide screen

    choose(page, "Persona to set", label, typed=persona.name)
    stances = form(page, f"{persona.name} loves and hates")
    stances.wait_for()
    settled(page)
    wanted = {a.key: (n % 5) - 2 for n, a in enumerate(current.attributes)}
    for a in current.attributes:
        slider = stances.get_by_role("slider", name=a.name).first
        slider.press("Home")  # hate strongly, then right to the stance wanted
        for _ in range(wanted[a.key] + 2):
            slider.press("ArrowRight")
        expect(slider).to_have_attribute("aria-valuetext", STANCE_LABELS[wanted[a.key]])
    last = current.attributes[-1]
    note = stances.get_by_role("textbox", name=f"Why, for {last.name}")
    note.fill("Wants to see every fare before booking")
    assert no_horizontal_scroll(page)
    page_shot(page, "love-hate-one-persona-phone")
    stances.get_by_role("button", name="Save love & hate").click()
    toast(page, f"Saved what {persona.name} loves and hates.")

    saved = next(p for p in board(workshop.store, workshop.facilitator).personas if p.key == persona.key)
    assert {a.key: saved.stance(a.key).score for a in current.attributes} == wanted
    assert saved.stance(last.key).note == "Wants to see every fare before booking"


def test_the_map_on_a_phone_lists_one_persona_s_ideas_with_whole_words(new_page, app_server):
    workshop = demo_room(app_server, "map")
    page = new_page(workshop.url(workshop.joined("Ana")), phone=True)
    phone_map = page.locator("[class*='st-key-lh_phone_map']")
    phone_map.get_by_text("▲▲ Delights").wait_for()
    expect(page.locator("[aria-label='Map of every idea against every persona']")).to_be_hidden()
    current = board(workshop.store, workshop.facilitator)
    for idea in current.ideas:  # every idea is there, its title whole
        expect(phone_map.get_by_text(idea.title, exact=False).first).to_be_visible()
    island = next(p for p in current.personas if p.name == "Island Iris")
    choose(page, "Persona", f"{island.emoji} {island.name}", typed=island.name)
    phone_map.get_by_text(f"What each idea does for {island.emoji} {island.name}").wait_for()
    expect(phone_map.get_by_text("▼ Annoys (4)")).to_be_visible()
    # The team's judgement reads the same way.
    page.get_by_role("radio", name="Team median").click()
    phone_map.get_by_text("by the team's median judgement").wait_for()
    assert no_horizontal_scroll(page)
    page_shot(page, "map-one-persona-phone")
