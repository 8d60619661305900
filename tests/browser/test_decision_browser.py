"""In real browsers: three participants judge ideas against the promise, the facilitator marks the decision,
and a phone shows it live; the projector shows it too, and the workshop file carries it home."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from personas.model import Stance
from tests.browser.conftest import no_horizontal_scroll
from tests.browser.helpers import (
    advance,
    chart,
    choose,
    drawing,
    form,
    join,
    now_at,
    page_shot,
    settled,
    token_of,
)
from tests.browser.test_join_flow import participant_link, start_workshop
from workshop.cases import facilitation, idea_cases
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange, add_persona, set_stances
from workshop.store import build_store

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
PROMISE_ROW = "🎯 The promise"
MAP_ALT = "Map of every idea against every persona"

PERSONAS = {
    "Rusher": (50, {"speed": 2, "human_contact": -2}),
    "Chatter": (30, {"human_contact": 2, "speed": -1}),
    "Saver": (20, {"price": 2}),
}
IDEAS = {
    "Self-service kiosk": ("landmark", "core", {"speed": 2, "human_contact": -2}),  # delights Rusher
    "Night-time chat": ("incremental", "in", {"human_contact": 2}),  # delights Chatter
    "Price match": ("incremental", "pre", {"price": 2}),  # delights Saver
}
# What each participant says about each idea against "Quick, kind and clear.".
JUDGED = {
    "Ana": {"Self-service kiosk": "−1", "Night-time chat": "+2"},
    "Ben": {"Self-service kiosk": "0", "Night-time chat": "+1", "Price match": "+1"},
    "Cleo": {"Self-service kiosk": "−1", "Night-time chat": "+2"},
}
OFF_PROMISE = "“Self-service kiosk” delights Rusher but works against the promise (team median −1). Loved, but is it us?"


@pytest.fixture
def store(app_server):
    built = build_store(app_server.database_url)
    yield built
    built.close()


def judge_against_the_promise(page: Page, title: str, score: str) -> None:
    """Pick the idea, choose a score on the promise row of "Your judgement" and save it.

    The save is confirmed by the promise row showing the score for this idea after the page has
    redrawn from the saved judgement (a toast of the previous save may still be on screen)."""
    settled(page)
    choose(page, "Idea to judge", title)
    settled(page)  # the form of the idea just chosen is drawn
    judging = form(page, "Save my judgement")
    row = judging.locator("[data-testid='stElementContainer']").filter(has_text=PROMISE_ROW)
    row.get_by_role("radio", name=score, exact=True).click()
    expect(row.get_by_role("radio", name=score, exact=True)).to_be_checked()
    judging.get_by_role("button", name="Save my judgement").click()
    page.get_by_text("Saved.").first.wait_for()
    settled(page)


def saved_judgements(store, token: str, keys: dict[str, str], expected: dict) -> dict:
    """The judgements against the promise in the workshop, once they are all in (each is its own write)."""
    titles = {key: title for title, key in keys.items()}
    for _ in range(100):
        found = {(r.by, titles[r.idea]): r.score for r in board(store, token).promise_ratings}
        if found == expected:
            break
        time.sleep(0.1)
    return found


def test_three_participants_judge_against_the_promise_the_facilitator_decides_and_a_phone_shows_it(
    new_page, app_server, store
):
    facilitator = start_workshop(new_page, app_server, "Decision room")  # promise: "Quick, kind and clear."
    facilitator.set_viewport_size(LAPTOP)
    link = participant_link(facilitator)
    ana, ben = join(new_page, link, "Ana"), join(new_page, link, "Ben")
    cleo = join(new_page, link, "Cleo", phone=True)
    for laptop in (ana, ben):
        laptop.set_viewport_size(LAPTOP)
    fac_t = token_of(facilitator)
    for name, (share, stances) in PERSONAS.items():
        persona = add_persona(store, fac_t, {"name": name, "share": share})
        set_stances(store, fac_t, [StanceChange(persona.key, k, Stance(), v) for k, v in stances.items()])
    keys = {}
    for title, (range_, touch, effects) in IDEAS.items():
        values = {"title": title, "range": range_, "touch": touch, "effects": effects}
        keys[title] = idea_cases.add_idea(store, fac_t, values).key
    facilitation.set_phase(store, fac_t, "map")
    room = {"Ana": ana, "Ben": ben, "Cleo": cleo}
    for page in (facilitator, *room.values()):
        now_at(page, "Map")
    for page in (facilitator, ana, ben):
        chart(page, MAP_ALT)
    phone_map = cleo.locator("[class*='st-key-lh_phone_map']")  # a phone reads the map as lists
    phone_map.get_by_text("What each idea does for").wait_for()

    # Each judges in their own browser, the phone included, through the promise row of the form.
    before = drawing(chart(facilitator, MAP_ALT))
    for name, page in room.items():
        for title, score in JUDGED[name].items():
            judge_against_the_promise(page, title, score)
    expected = {
        (name, title): int(score.replace("−", "-"))
        for name, scores in JUDGED.items()
        for title, score in scores.items()
    }
    assert saved_judgements(store, fac_t, keys, expected) == expected
    # Everyone's map names the off-promise favourite, live, and draws the promise column.
    for page in (facilitator, *room.values()):
        page.get_by_text(OFF_PROMISE).wait_for()
    for page in (facilitator, ana, ben):
        expect(chart(page, MAP_ALT).locator("svg.marks")).to_contain_text("Promise")
    expect(phone_map.get_by_text("Self-service kiosk").first).to_contain_text("promise: pulls away from it")
    assert drawing(chart(facilitator, MAP_ALT)) != before
    page_shot(facilitator, "promise-map-facilitator")
    assert no_horizontal_scroll(cleo)
    page_shot(cleo, "promise-map-phone")

    # Votes: the kiosk and the chat get two each, the price match one; then the results are revealed.
    advance(facilitator, "Vote")
    for name, titles in {
        "Ana": ["Self-service kiosk", "Night-time chat"],
        "Ben": ["Self-service kiosk", "Price match"],
        "Cleo": ["Night-time chat"],
    }.items():
        for title in titles:
            idea_cases.cast_vote(store, token_of(room[name]), keys[title])
    facilitation.update_settings(store, fac_t, votes_revealed=True)
    results = facilitator.locator("[data-testid='stDataFrame']").filter(has_text="Promise")
    results.wait_for()
    settled(facilitator)
    order = facilitator.get_by_role("radiogroup", name="Order the results by")
    order.get_by_role("radio", name="Promise", exact=True).click()
    expect(order.get_by_role("radio", name="Promise", exact=True)).to_be_checked()
    first_row = results.locator("table tr").nth(1)
    expect(first_row).to_contain_text("Night-time chat")
    expect(first_row).to_contain_text("+2 (embodies it)")

    # Wrap-up: the top-voted ideas are proposed; the facilitator drops the off-promise kiosk and saves.
    advance(facilitator, "Wrap-up")
    for page in room.values():
        now_at(page, "Wrap-up")
    cleo.get_by_text(
        "Proposed: the top-voted ideas. The facilitator has not marked the decision yet."
    ).wait_for()
    picks = facilitator.locator("[data-testid='stMultiSelect']").filter(
        has_text="Ideas the room takes forward"
    )
    for proposed in ("Self-service kiosk (2 votes)", "Night-time chat (2 votes)", "Price match (1 vote)"):
        expect(picks.get_by_role("button", name=f"Remove {proposed}")).to_be_visible()
    settled(facilitator)
    picks.get_by_role("button", name="Remove Self-service kiosk (2 votes)").click()
    expect(picks.get_by_role("button", name="Remove Self-service kiosk (2 votes)")).to_have_count(0)
    settled(facilitator)
    facilitator.get_by_role("button", name="Save the decision").click()
    facilitator.get_by_text("Decision saved: 2 idea(s) go forward.").first.wait_for()
    decision = board(store, fac_t).decision
    assert decision.marked and decision.idea_keys == (keys["Night-time chat"], keys["Price match"])

    # A next step and its owner for the chat.
    steps = form(facilitator, "Save next step").filter(has_text="Night-time chat")
    steps.get_by_label("Next step").fill("Staff the chat from 22:00 on weekdays")
    steps.get_by_label("Owner").fill("Ben")
    steps.get_by_role("button", name="Save next step").click()
    facilitator.get_by_text("Next step saved.").first.wait_for()

    # The phone shows the decision as it now stands, without a reload and without sideways scrolling.
    cleo.get_by_text("Staff the chat from 22:00 on weekdays").wait_for()
    main = cleo.locator("[data-testid='stMain']")
    expect(main.get_by_text("Proposed: the top-voted ideas.")).to_have_count(0)
    expect(main).to_contain_text("1. Night-time chat")
    expect(main).to_contain_text("2. Price match")
    expect(main).not_to_contain_text("Self-service kiosk")
    expect(main.get_by_text("Next: Staff the chat from 22:00 on weekdays — Ben")).to_be_visible()
    expect(main.locator("[data-testid='stMetric']").filter(has_text="Customers reached")).to_contain_text(
        "50 %"
    )
    expect(main).to_contain_text("No chosen idea delights or helps Rusher")
    expect(main).to_contain_text("No chosen idea is landmark, breakthrough or disruptive.")
    grid = main.locator("[class*='st-key-lh_phone_decision_grid']")  # the phone's form of the grid
    expect(grid).to_be_visible()
    expect(grid).to_contain_text("none")
    assert no_horizontal_scroll(cleo)
    page_shot(cleo, "decision-phone")
    page_shot(facilitator, "decision-facilitator")

    # The projector shows it too, in large type.
    projector = new_page(f"{app_server.url}?t={fac_t}&view=presenter")
    projector.set_viewport_size(LAPTOP)
    projector.get_by_role("heading", name="The decision").wait_for()
    chart(projector, "The chosen ideas against every persona and the promise")
    expect(
        projector.get_by_text(re.compile(r"Night-time chat: Staff the chat from 22:00 on weekdays — Ben"))
    ).to_be_visible()
    page_shot(projector, "decision-presenter")

    # The workshop file taken home is version 2, with the judgements and the decision.
    settled(facilitator)
    with facilitator.expect_download() as download:
        facilitator.get_by_role("button", name="Download the workshop file").click()
    doc = json.loads(Path(download.value.path()).read_text())
    assert doc["version"] == 2
    assert len(doc["promise_ratings"]) == sum(len(j) for j in JUDGED.values())
    assert doc["decision"]["chosen"][0] == {
        "idea": keys["Night-time chat"],
        "next_step": "Staff the chat from 22:00 on weekdays",
        "owner": "Ben",
    }
