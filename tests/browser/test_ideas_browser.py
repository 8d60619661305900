"""In real browsers: a team enters ten ideas, reads the map and what it says, judges, and votes.

A facilitator and two participants (one on a phone). Some ideas go through the form in the browser;
the personas and the other ideas are written through the use cases, on the server's database, so
the test stays fast; the persona forms have their own browser test.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from personas.model import Stance
from tests.browser.conftest import no_horizontal_scroll
from tests.browser.helpers import (
    advance,
    chart,
    choose,
    form,
    idea_form,
    join,
    page_shot,
    quoted,
    set_slider,
    settled,
    toast,
    token_of,
)
from tests.browser.rooms import room
from tests.browser.test_join_flow import participant_link, start_workshop
from workshop.cases import idea_cases
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange, add_persona, set_stances
from workshop.domain.voting import ranking
from workshop.store import build_store

pytestmark = pytest.mark.browser

EFFECT_WORDS = {-2: "−2 much worse", -1: "−1 worse", 1: "+1 better", 2: "+2 much better"}

PERSONAS = {  # name: (share, stances)
    "Bargain hunter": (40, {"price": 2, "self_service": 1, "human_contact": -1, "exclusivity": -2}),
    "Busy parent": (30, {"speed": 2, "simplicity": 2, "self_service": 1, "human_contact": -1}),
    "Loyal regular": (20, {"human_contact": 2, "personalisation": 2, "self_service": -2, "reliability": 1}),
    "Status seeker": (10, {"exclusivity": 2, "personalisation": 1, "price": -2, "choice": 1}),
}
# Written through the use cases; three more come through the browser form below.
MORE_IDEAS = [
    ("Loyalty points app", "incremental", "in", {"self_service": 1, "personalisation": 1}),
    ("Express lane", "incremental", "core", {"speed": 2}),
    ("Members' lounge", "landmark", "core", {"exclusivity": 1, "simplicity": -1}),
    ("One-click reorder", "incremental", "last", {"simplicity": 2, "speed": 1}),
    ("Named account manager", "landmark", "in", {"human_contact": 2, "personalisation": 1}),
    ("Transparent price list", "incremental", "pre", {"transparency": 2}),
    ("Same-day repair", "breakthrough", "core", {"reliability": 2, "speed": 1}),
]


@pytest.fixture
def store(app_server):
    built = build_store(app_server.database_url)
    yield built
    built.close()


def add_personas(store, token: str) -> None:
    for name, (share, stances) in PERSONAS.items():
        persona = add_persona(store, token, {"name": name, "share": share})
        set_stances(store, token, [StanceChange(persona.key, k, Stance(), s) for k, s in stances.items()])


def propose(page, title: str, range_: str, touch: str, effects: dict[str, int]) -> None:
    """Fill the idea form as a participant does: title, range and touch moment, and what it moves."""
    settled(page)
    adding = idea_form(page)
    adding.get_by_label("Title").fill(title)
    adding.get_by_role("radio", name=range_).click()
    adding.get_by_role("radio", name=touch).click()
    for attribute, steps in effects.items():
        slider = adding.locator("[data-testid='stSlider']").filter(has_text=attribute).get_by_role("slider")
        set_slider(slider, steps, EFFECT_WORDS[steps])
    adding.get_by_role("button", name="Add idea").click()
    toast(page, f"Added “{title}”.")
    # The old form stays on screen, faded, until the page has redrawn; then one empty form is left.
    expect(
        page.locator(f"[data-testid='stForm'] input[aria-label='Title'][value={quoted(title)}]")
    ).to_have_count(0)
    expect(form(page, "Propose an idea").get_by_label("Title")).to_have_value("")


def ballot(page, title: str):
    """One idea's line on the ballot: its title, its +1 and −1 buttons and the caller's own votes."""
    return (
        page.locator("[data-testid='stVerticalBlock']")
        .filter(has=page.get_by_text(title, exact=True))
        .filter(has=page.get_by_role("button", name="+1", exact=True))
        .last
    )


def vote(page, title: str, left: int) -> None:
    settled(page)
    ballot(page, title).get_by_role("button", name="+1", exact=True).click()
    toast(page, f"Vote placed. {left} left.")
    page.get_by_text(f"You have {left} of 3 votes left.").wait_for()


def test_a_team_maps_ten_ideas_judges_them_and_votes(new_page, app_server, store):
    facilitator = start_workshop(new_page, app_server, "Idea workshop")
    link = participant_link(facilitator)
    ana = join(new_page, link, "Ana")
    ben = join(new_page, link, "Ben", phone=True)
    add_personas(store, token_of(facilitator))
    facilitator.reload()  # a fresh page: no live update in flight while the facilitator clicks on
    facilitator.get_by_role("button", name="Personas →").wait_for()
    for step in ("Personas", "Love & hate", "Ideas"):
        advance(facilitator, step)

    # Three ideas through the browser form, one of them on the phone; seven through the use cases.
    propose(
        ana,
        "Self-service kiosk",
        "Landmark",
        "Core touch",
        {"Speed": 2, "Self-service": 1, "Human contact": -2},
    )
    propose(
        ana,
        "Personal shopper",
        "Breakthrough",
        "First touch",
        {"Human contact": 2, "Personalisation": 2, "Price": -1},
    )
    propose(ben, "Price match promise", "Incremental", "Pre-touch", {"Price": 2})
    for n, (title, range_, touch, effects) in enumerate(MORE_IDEAS):
        author = token_of(ana if n % 2 else ben)
        idea_cases.add_idea(
            store, author, {"title": title, "range": range_, "touch": touch, "effects": effects}
        )
    for page in (facilitator, ana, ben):
        page.get_by_text("10 ideas").wait_for()
    for effects in (
        "Speed +2 · Human contact −2 · Self-service / digital +1",
        "Price −1 · Human contact +2 · Personalisation +2",
        "Price +2",
    ):
        ben.get_by_text(effects, exact=True).wait_for()
    page_shot(ana, "ideas-desktop")
    assert no_horizontal_scroll(ben)
    page_shot(ben, "ideas-phone")

    # The map: the heatmap, each cell explained when hovered, and what it says in sentences.
    advance(facilitator, "Map")
    heatmap = chart(ana, "Map of every idea against every persona")
    said = {
        "polarising": "“Self-service kiosk” delights Busy parent but alienates Loyal regular. Who is it really for?",
        "unserved": "No idea delights Status seeker yet; the closest is “Personal shopper”, which only helps.",
        "gap": "There is no disruptive idea yet: a change to the business or delivery model itself.",
        "nobody": "“Transparent price list” helps none of the personas.",
    }
    for sentence in said.values():
        ana.get_by_text(sentence).wait_for()
    # Every cell carries its explanation in the chart's data (screen readers get it as the label) ...
    cell = "[aria-label*='idea: Self-service kiosk;'][aria-label*='persona: Loyal regular;']"
    expect(heatmap.locator(f"svg.marks path{cell}").first).to_have_attribute(
        "aria-label", re.compile("Why: .*Human contact −2 × love strongly \\+2 = −4")
    )
    # ... and shows it when hovered (the cell's word lies on top of the coloured square).
    heatmap.locator(f"svg.marks text{cell}").hover()
    tooltip = ana.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Why")
    expect(tooltip).to_contain_text("Human contact −2 × love strongly +2 = −4")
    expect(tooltip).to_contain_text("Down: Human contact, Self-service / digital.")

    # Ana's own judgement: the arithmetic says the kiosk alienates the loyal regular; she thinks not.
    judging = form(ana, "Save my judgement")
    choose(ana, "Idea to judge", "Self-service kiosk")
    judging.get_by_role("radio", name="+2").nth(
        2
    ).click()  # rows in persona order: the third is Loyal regular
    judging.get_by_role("button", name="Save my judgement").click()
    toast(ana, "Saved.")
    ana.get_by_text("Where the team and the arithmetic disagree").wait_for()
    ana.get_by_text(
        "“Self-service kiosk” for Loyal regular: the love/hate arithmetic says −1, the team +2."
    ).wait_for()
    page_shot(ana, "map-desktop")
    ben.get_by_text(said["polarising"]).wait_for()
    # The phone reads the map one persona at a time, every word whole, instead of the grid.
    phone_map = ben.locator("[class*='st-key-lh_phone_map']")
    expect(phone_map.get_by_text("▲ Helps")).to_be_visible()
    expect(phone_map.get_by_text("Self-service kiosk · +0.5")).to_be_visible()
    expect(ben.locator("[aria-label='Map of every idea against every persona']")).to_be_hidden()
    assert no_horizontal_scroll(ben)
    page_shot(ben, "map-phone")

    # Voting: three votes each, hidden from the others until the facilitator reveals them.
    advance(facilitator, "Vote")
    for page in (ana, ben):
        page.get_by_text("You have 3 of 3 votes left.").wait_for()
    vote(ana, "Self-service kiosk", 2)
    vote(ana, "Personal shopper", 1)
    vote(ana, "Express lane", 0)
    # With no votes left, +1 is off before anyone tries, and the page says why.
    ana.get_by_text("All your votes are placed. To vote for another idea, take one back with −1.").wait_for()
    expect(ana.get_by_text("You have 0 of 3 votes left.")).to_be_visible()
    for title in ("Same-day repair", "Express lane"):
        expect(ballot(ana, title).get_by_role("button", name="+1", exact=True)).to_be_disabled()
    expect(ballot(ana, "Express lane").get_by_text("one vote per idea")).to_be_visible()
    ballot(ana, "Express lane").get_by_role("button", name="−1", exact=True).click()
    toast(ana, "Vote taken back.")
    ana.get_by_text("You have 1 of 3 votes left.").wait_for()
    # One vote per idea in this session: +1 stays off on the ideas Ana voted for, and is back elsewhere.
    expect(ballot(ana, "Personal shopper").get_by_role("button", name="+1", exact=True)).to_be_disabled()
    expect(ballot(ana, "Same-day repair").get_by_role("button", name="+1", exact=True)).to_be_enabled()
    vote(ana, "Express lane", 0)

    vote(ben, "Express lane", 2)
    vote(ben, "Personal shopper", 1)
    ben.get_by_text(
        "Votes stay hidden until the facilitator reveals the results. You see only your own."
    ).wait_for()
    expect(ballot(ben, "Self-service kiosk").get_by_text("Your votes: 0")).to_be_visible()  # not Ana's
    expect(ben.get_by_role("heading", name="Results")).to_have_count(0)
    assert no_horizontal_scroll(ben)
    page_shot(ben, "vote-phone-hidden")
    facilitator.get_by_text("Not voted yet (1 of 2)").wait_for()
    expect(facilitator.get_by_text("Ben", exact=True)).to_be_visible()

    facilitator.get_by_role("button", name="Reveal results").click()
    facilitator.get_by_role("heading", name="Results").wait_for()
    expected = [r.idea.title for r in ranking(*_for_ranking(store, token_of(facilitator)))]
    assert expected[:3] == ["Express lane", "Personal shopper", "Self-service kiosk"]
    for page in (facilitator, ana, ben):
        page.get_by_role("heading", name="Results").wait_for()
        ranked = chart(page, "Ideas ranked by votes")
        labels = ranked.locator(
            "svg.marks [aria-roledescription='axis'][aria-label^='Y-axis'] .role-axis-label text"
        )
        expect(labels.first).to_have_text(expected[0])
        assert labels.all_text_contents()[:3] == expected[:3]
    page_shot(ana, "vote-desktop")
    assert no_horizontal_scroll(ben)
    page_shot(ben, "vote-phone")


def _for_ranking(store, token: str):
    current = board(store, token)
    return current.ideas, current.votes, current.personas, current.attribute_keys


def test_what_an_idea_changes_is_part_of_the_form_the_first_time_and_after_a_save(new_page, app_server):
    workshop = room(app_server, "Effects in view", phase="ideas")
    page = new_page(workshop.url(workshop.joined("Ana")), phone=True)

    def speed(scope):
        return scope.locator("[data-testid='stSlider']").filter(has_text="Speed").get_by_role("slider")

    adding = idea_form(page)
    expect(speed(adding)).to_be_visible()  # no click needed to find what the idea moves
    adding.get_by_label("Title").fill("Express lane")
    set_slider(speed(adding), 2, "+2 much better")
    adding.get_by_role("button", name="Add idea").click()
    toast(page, "Added “Express lane”.")
    fresh = form(page, "Propose an idea")
    expect(fresh.get_by_label("Title")).to_have_value("")
    expect(speed(fresh)).to_be_visible()
    expect(speed(fresh)).to_have_attribute("aria-valuetext", "0 no change")
    assert no_horizontal_scroll(page)
