"""In real browsers: the facilitator's tools for running the room.

An anonymous step hides who wrote what from the participants (their pages and what their sessions
receive) while the facilitator keeps the names; two participants role-play personas and the map
sets arithmetic, team and role-play side by side; the step button lists what the method still
expects before moving on; a marked round shows everyone what changed since, live.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from personas.model import Stance
from tests.browser.conftest import no_horizontal_scroll
from tests.browser.helpers import advance, form, join, look_at, now_at, page_shot, settled, token_of
from tests.browser.rooms import demo_room
from tests.browser.test_ideas_browser import ballot
from tests.browser.test_join_flow import participant_link, start_workshop
from workshop.cases import facilitation, idea_cases
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange, add_persona, set_stances
from workshop.domain.completeness import missing
from workshop.store import build_store

pytestmark = pytest.mark.browser


@pytest.fixture
def store(app_server):
    built = build_store(app_server.database_url)
    yield built
    built.close()


def persona_with(store, token: str, name: str, stances: dict[str, int]) -> str:
    persona = add_persona(store, token, {"name": name})
    set_stances(store, token, [StanceChange(persona.key, k, Stance(), s) for k, s in stances.items()])
    return persona.key


def idea(store, token: str, title: str, range_: str, touch: str, effects: dict[str, int]) -> str:
    return idea_cases.add_idea(
        store, token, {"title": title, "range": range_, "touch": touch, "effects": effects}
    ).key


def mark_loaded(page: Page) -> None:
    """Leave a mark in the page's document: a reload would wipe it."""
    page.evaluate("window.__mark = true")


def never_reloaded(page: Page) -> bool:
    return page.evaluate("window.__mark === true")


def on_step(page: Page, step: str) -> None:
    expect(page.get_by_role("radio", name=f"● {step}")).to_be_checked()


def sidebar(page: Page) -> Locator:
    return page.locator("[data-testid='stSidebar']")


def look(page: Page, step: str) -> None:
    """Look at another step than the one on screen (pressing the shown one again would deselect it)."""
    look_at(page, step)
    expect(page.get_by_role("radio", name=re.compile(rf"^(● )?{re.escape(step)}$"))).to_be_checked()
    settled(page)


def body_text(page: Page) -> str:
    """Everything the page shows as text, the sidebar included."""
    return page.evaluate("document.body.innerText")


def whole_label(button: Locator) -> bool:
    """The button shows its whole label, not cut short with "…"."""
    expect(button).to_be_visible()
    return button.evaluate("b => [b, ...b.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth)")


def bullets(scope: Locator) -> list[str]:
    return [" ".join(t.split()) for t in scope.locator("li").all_inner_texts()]


# -- 1. anonymity ----------------------------------------------------------------------------------

PRESENCE = re.compile(r"^(🟢|⚪) (Ana|Ben)$")  # an alternation: the browser's regex has no "u" flag


def record_frames(page: Page) -> list[bytes]:
    """Reload the page and keep every websocket message its session receives from then on."""
    frames: list[bytes] = []

    def on_socket(ws) -> None:
        ws.on(
            "framereceived",
            lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode()),
        )

    page.on("websocket", on_socket)
    page.reload()
    return frames


def names_only_as_presence(text: str, name: str) -> list[str]:
    """Lines of `text` naming `name` other than the "Who's here" line: they would tell authorship."""
    return [line for line in text.splitlines() if name in line and not PRESENCE.match(line.strip())]


def open_whos_here(page: Page) -> None:
    summary = sidebar(page).get_by_text(re.compile(r"Who's here \(\d of \d\)"))
    summary.click()
    sidebar(page).get_by_text(PRESENCE).first.wait_for()


def downloaded_file(page: Page) -> dict:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the workshop file").click()
    return json.loads(Path(download.value.path()).read_text())


def test_an_anonymous_step_hides_who_wrote_what_from_participants_but_not_from_the_facilitator(
    new_page, app_server, store
):
    facilitator = start_workshop(new_page, app_server, "Anonymous room")
    link = participant_link(facilitator)
    ana = join(new_page, link, "Ana")
    ben = join(new_page, link, "Ben", phone=True)
    ana_t, ben_t = token_of(ana), token_of(ben)
    hunter = add_persona(store, ana_t, {"name": "Bargain hunter", "quote": "Why pay more?"})
    set_stances(store, ana_t, [StanceChange(hunter.key, "price", Stance(), 2, "cheap wins")])
    owl = persona_with(store, ben_t, "Night owl", {"speed": 2, "human_contact": 1})
    chat = idea(store, ben_t, "Night-time chat", "landmark", "in", {"human_contact": 2})
    match = idea(store, ana_t, "Price match", "incremental", "pre", {"price": 2})
    idea_cases.rate(store, ben_t, match, hunter.key, 2)
    idea_cases.rate(store, ana_t, chat, owl, 1)
    facilitation.set_phase(store, token_of(facilitator), "ideas")
    for page in (facilitator, ana, ben):
        now_at(page, "Ideas")

    # Not anonymous yet: each sees who wrote what.
    ana.get_by_text("Landmark · In-touch · by Ben").wait_for()
    ben.get_by_text("Incremental · Pre-touch · by Ana").wait_for()
    look(ana, "Personas")
    ana.get_by_text("by Ben").wait_for()

    # The facilitator switches anonymity on in the sidebar.
    settled(facilitator)
    sidebar(facilitator).get_by_text("Voting and anonymity").click()
    settings = form(facilitator, "Save settings")
    settings.get_by_text("Anonymous: participants don't see who wrote what").click()
    expect(
        settings.get_by_role("checkbox", name="Anonymous: participants don't see who wrote what")
    ).to_be_checked()
    settings.get_by_role("button", name="Save settings").click()
    # Saved (a confirmation toast is easily gone with the next live redraw; the step's note stays).
    facilitator.get_by_text("This step is anonymous: ideas are shown without their authors.").wait_for()

    # Ana's page drops the authors live; every step she looks at names nobody as an author.
    expect(ana.get_by_text("by Ben")).to_have_count(0)
    open_whos_here(ana)
    expect(sidebar(ana).get_by_text(re.compile(r"persona\(s\)"))).to_have_count(0)  # no counts per person
    seen = {}
    for step in ("Love & hate", "Ideas", "Map", "Personas"):  # she was looking at Personas
        look(ana, step)
        seen[step] = body_text(ana)
        assert names_only_as_presence(seen[step], "Ben") == [], step
    assert "“Why pay more?”" in seen["Personas"] and "Night owl" in seen["Personas"]
    assert "This step is anonymous: ideas are shown without their authors." in seen["Ideas"]
    assert "Landmark · In-touch" in seen["Ideas"] and "by " not in seen["Ideas"]
    page_shot(ana, "anonymous-personas-participant")

    # What Ben's session receives, collapsed and hidden parts included, never names Ana as an author.
    frames = record_frames(ben)
    ben.get_by_text("Ben · participant").wait_for()
    for step in ("Personas", "Love & hate", "Map", "Ideas"):  # the room is at Ideas
        look(ben, step)
    received = b"".join(frames)
    assert b"Night-time chat" in received  # the recording did catch the pages' content ...
    assert b"cheap wins" in received  # ... Ana's note on her persona's stance among it
    assert b"by Ana" not in received
    assert b"persona(s)" not in received
    assert received.count(b"Ana") == len(re.findall("(?:🟢|⚪) Ana".encode(), received))
    assert no_horizontal_scroll(ben)
    page_shot(ben, "anonymous-ideas-phone")

    # The facilitator still sees who contributed what, and may take the names home in a file.
    settled(facilitator)
    sidebar(facilitator).get_by_text(re.compile(r"People \(3\)")).click()
    lines = sidebar(facilitator).locator("[data-testid='stMarkdownContainer']")
    for name in ("Ana", "Ben"):
        lines.filter(
            has_text=re.compile(rf"{name}\s+1 persona\(s\), 1 idea\(s\), 1 judgement\(s\)")
        ).wait_for()
    look(facilitator, "Wrap-up")
    facilitator.get_by_text(
        "This workshop is anonymous: participants never see names. Include them only in files that stay with you."
    ).wait_for()
    without = downloaded_file(facilitator)
    assert {i["author"] for i in without["ideas"]} == {""}
    assert {r["by"] for r in without["ratings"]} == {"Participant 1", "Participant 2"}
    facilitator.get_by_text("Include who wrote what").click()
    expect(facilitator.get_by_role("checkbox", name="Include who wrote what")).to_be_checked()
    settled(facilitator)
    named = downloaded_file(facilitator)
    assert {i["title"]: i["author"] for i in named["ideas"]} == {
        "Night-time chat": "Ben",
        "Price match": "Ana",
    }
    assert {r["by"] for r in named["ratings"]} == {"Ana", "Ben"}
    page_shot(facilitator, "anonymous-wrap-up-facilitator")


# -- 2. role-play -------------------------------------------------------------------------------

ROLEPLAY_PERSONAS = {
    "Bargain hunter": {"price": 2, "human_contact": -1, "self_service": 1},
    "Loyal regular": {"human_contact": 2, "self_service": -2, "personalisation": 1},
}


def take_seat(page: Page, persona: str) -> None:
    """Pick a persona in "Your seat" from the keyboard (arrow down opens the list) and take it."""
    settled(page)
    seat = page.locator("[data-testid='stSelectbox']").filter(has_text="Your seat").get_by_role("combobox")
    option = page.get_by_role("option", name=persona, exact=True)
    for _ in range(3):  # a redraw of the page (somebody else's change) can close the list again
        seat.focus()
        seat.press("ArrowDown")
        try:
            option.wait_for(timeout=3000)
            break
        except PlaywrightTimeout:
            settled(page)
    option.click()
    expect(seat).to_have_value(persona)
    page.get_by_role("button", name="Take this seat").click()
    page.get_by_text(f"Answer as {persona}: how would you take each idea?").wait_for()


def comparison_row(page: Page, title: str, persona: str, *, roleplay: str) -> Locator:
    """The comparison table's row for one idea and persona, with the given role-play answer."""
    cell = "[role='gridcell']"
    return (
        page.locator("[data-testid='stDataFrame'] table tr")
        .filter(has=page.locator(cell, has_text=re.compile(rf"^{re.escape(title)}$")))
        .filter(has=page.locator(cell, has_text=re.compile(rf"^{re.escape(persona)}$")))
        .filter(
            has=page.locator(f"{cell}[aria-colindex='5']", has_text=re.compile(rf"^{re.escape(roleplay)}$"))
        )
    )


def answer_as_persona(page: Page, persona: str, answers: dict[str, str]) -> None:
    """Rate each idea as the persona whose seat the person has taken, in the role-play form."""
    settled(page)
    answering = form(page, "Save my answers as this persona")
    for title, score in answers.items():
        row = answering.locator("[data-testid='stElementContainer']").filter(has_text=title)
        row.get_by_role("radio", name=score, exact=True).click()
        expect(row.get_by_role("radio", name=score, exact=True)).to_be_checked()
    answering.get_by_role("button", name="Save my answers as this persona").click()
    for title, score in answers.items():  # the answers are in, in the table on the map
        comparison_row(page, title, persona, roleplay=score).wait_for(state="attached")


def test_two_participants_role_play_personas_and_the_map_compares_three_readings(new_page, app_server, store):
    facilitator = start_workshop(new_page, app_server, "Role-play room")
    link = participant_link(facilitator)
    ana = join(new_page, link, "Ana")
    ben = join(new_page, link, "Ben", phone=True)
    fac_t, ana_t, ben_t = token_of(facilitator), token_of(ana), token_of(ben)
    keys = {name: persona_with(store, fac_t, name, stances) for name, stances in ROLEPLAY_PERSONAS.items()}
    kiosk = idea(
        store, fac_t, "Self-service kiosk", "landmark", "core", {"self_service": 1, "human_contact": -1}
    )
    idea(
        store,
        fac_t,
        "Personal shopper",
        "breakthrough",
        "first",
        {"human_contact": 2, "personalisation": 2, "price": -1},
    )
    for token in (ana_t, ben_t):  # the team's own judgement: regulars would cope with a kiosk
        idea_cases.rate(store, token, kiosk, keys["Loyal regular"], 1)
    facilitation.set_phase(store, fac_t, "map")
    room = (facilitator, ana, ben)
    for page in room:
        now_at(page, "Map")
        page.get_by_text("No one speaks for Bargain hunter, Loyal regular yet.").wait_for()
        expect(page.get_by_text("Arithmetic, team and role-play side by side")).to_have_count(0)

    take_seat(ana, "Bargain hunter")
    for page in room:
        page.get_by_text("Ana plays Bargain hunter").wait_for()
        page.get_by_text("No one speaks for Loyal regular yet.").wait_for()
    take_seat(ben, "Loyal regular")
    for page in room:
        page.get_by_text("Ben plays Loyal regular").wait_for()
        expect(page.get_by_text("Ana plays Bargain hunter")).to_be_visible()
        expect(page.get_by_text("No one speaks for")).to_have_count(0)
    assert no_horizontal_scroll(ben)
    page_shot(ben, "roleplay-seat-phone")

    answer_as_persona(ana, "Bargain hunter", {"Self-service kiosk": "+2", "Personal shopper": "−2"})
    answer_as_persona(ben, "Loyal regular", {"Self-service kiosk": "−2", "Personal shopper": "+2"})

    most = [
        "For “Self-service kiosk” and Loyal regular, the love/hate arithmetic says −1, the team says +1 and "
        "whoever played Loyal regular says −2. The largest gap, 3 points, is between the team and whoever "
        "played Loyal regular: worth a discussion.",
        "For “Self-service kiosk” and Bargain hunter, the love/hate arithmetic says +0.5 and whoever played "
        "Bargain hunter says +2. They broadly agree (largest gap 1.5 points).",
        "For “Personal shopper” and Bargain hunter, the love/hate arithmetic says −0.7 and whoever played "
        "Bargain hunter says −2. They broadly agree (largest gap 1.3 points).",
    ]
    # Each answer is its own small write: wait for the last one on every screen.
    for page in room:
        page.locator("[data-testid='stDataFrame'] table tr").nth(4).wait_for(state="attached")
        page.get_by_role("heading", name="Arithmetic, team and role-play side by side").wait_for()
        expect(page.get_by_text("Where they disagree most", exact=True)).to_be_visible()
        page.get_by_text(most[0]).wait_for()
    shown = [
        line for line in bullets(facilitator.locator("[data-testid='stMain']")) if line.startswith("For “")
    ]
    assert shown == most
    # The table beside it: one row per rated cell, the readings side by side, largest gap first.
    table = facilitator.locator("[data-testid='stDataFrame']").filter(has_text="Role-play")
    rows = table_rows(table)
    assert rows[0] == ["Idea", "Persona", "Arithmetic", "Team", "Role-play", "Largest gap"]
    assert rows[1:] == [
        ["Self-service kiosk", "Loyal regular", "−1", "+1", "−2", "3"],
        ["Self-service kiosk", "Bargain hunter", "+0.5", "—", "+2", "1.5"],
        ["Personal shopper", "Bargain hunter", "−0.7", "—", "−2", "1.3"],
        ["Personal shopper", "Loyal regular", "+1", "—", "+2", "1"],
    ]
    page_shot(facilitator, "roleplay-map-facilitator")
    assert no_horizontal_scroll(ben)
    page_shot(ben, "roleplay-map-phone")


def table_rows(table: Locator) -> list[list[str]]:
    """The cells of an st.dataframe, from the accessible table it keeps beside its canvas."""
    table.locator("table").first.wait_for(state="attached")
    return table.evaluate(
        """el => [...el.querySelectorAll('table tr')].map(
               tr => [...tr.querySelectorAll('th, td')].map(c => c.innerText.trim()))
             .filter(r => r.length)"""
    )


# -- 3. completeness ------------------------------------------------------------------------------


def press_next(facilitator: Page, step: str) -> None:
    settled(facilitator)
    facilitator.get_by_role("button", name=f"{step} →").click()


def gap_box(facilitator: Page) -> Locator:
    return (
        sidebar(facilitator)
        .locator("[data-testid='stVerticalBlock']")
        .filter(has_text="Before moving on, the method expects:")
        .filter(has=facilitator.get_by_role("button", name="Move on anyway"))
        .last
    )


def listed_gaps(facilitator: Page) -> list[str]:
    box = gap_box(facilitator)
    box.wait_for()
    return bullets(box)


def test_the_step_button_lists_what_is_missing_and_the_facilitator_stays_or_moves_on_anyway(
    new_page, app_server, store
):
    facilitator = start_workshop(new_page, app_server, "Gaps room")
    ana = join(new_page, participant_link(facilitator), "Ana")
    mark_loaded(ana)
    fac_t = token_of(facilitator)
    persona_with(store, fac_t, "Bargain hunter", {"price": 2, "speed": 1})
    add_persona(store, fac_t, {"name": "Night owl"})  # loves and hates nothing yet
    idea(store, fac_t, "Price match", "incremental", "pre", {"price": 2})
    idea(store, fac_t, "A new slogan", "incremental", "pre", {})  # moves nothing
    advance(facilitator, "Personas")  # leaving the promise, nothing is expected yet
    expect(gap_box(facilitator)).to_have_count(0)
    now_at(ana, "Personas")

    # Two personas are too few: the list says so, and "Stay here" keeps the room where it is.
    press_next(facilitator, "Love & hate")
    assert listed_gaps(facilitator) == ["The workshop needs at least four personas; add 2 more."]
    page_shot(facilitator, "gaps-personas-facilitator")
    facilitator.get_by_role("button", name="Stay here").click()
    expect(gap_box(facilitator)).to_have_count(0)
    settled(facilitator, 800)
    on_step(facilitator, "Personas")
    on_step(ana, "Personas")
    assert board(store, fac_t).workshop.phase == "personas"

    # The team adds two; now the room moves on without a question.
    persona_with(store, fac_t, "Busy parent", {"speed": 2, "simplicity": 2})
    persona_with(store, fac_t, "Loyal regular", {"human_contact": 2, "self_service": -2})
    facilitator.get_by_role("heading", name="Loyal regular").wait_for()
    expect(facilitator.get_by_text("The workshop needs at least four personas")).to_have_count(0)
    advance(facilitator, "Love & hate")
    expect(gap_box(facilitator)).to_have_count(0)

    # Night owl still loves and hates nothing: listed; the facilitator moves on anyway.
    press_next(facilitator, "Ideas")
    assert listed_gaps(facilitator) == ["Night owl neither loves nor hates anything yet."]
    facilitator.get_by_role("button", name="Move on anyway").click()
    now_at(facilitator, "Ideas")
    settled(facilitator, 800)
    on_step(facilitator, "Ideas")
    now_at(ana, "Ideas")

    # Leaving the ideas: the persona, the idea that moves nothing, and the empty parts of the portfolio.
    press_next(facilitator, "Map")
    gaps = listed_gaps(facilitator)
    for label in ("Move on anyway", "Stay here"):
        assert whole_label(gap_box(facilitator).get_by_role("button", name=label)), label
    assert gaps == [
        "Night owl neither loves nor hates anything yet.",
        "The idea “A new slogan” moves no attribute, so it cannot be mapped.",
        "No idea is landmark, breakthrough or disruptive in its range of value yet.",
        "No idea lands at the first touch, core touch, last touch or in-touch moment yet.",
    ]
    current = board(store, fac_t)
    assert gaps == missing("ideas", current.attributes, current.personas, current.ideas, current.ratings)
    page_shot(facilitator, "gaps-ideas-facilitator")
    facilitator.get_by_role("button", name="Move on anyway").click()
    now_at(facilitator, "Map")
    settled(facilitator, 800)
    on_step(facilitator, "Map")
    expect(gap_box(facilitator)).to_have_count(0)
    now_at(ana, "Map")
    assert board(store, fac_t).workshop.phase == "map"
    assert never_reloaded(ana)


# -- 4. rounds ---------------------------------------------------------------------------------------


def rounds_list(scope: Locator) -> list[str]:
    """What changed since the chosen round, as listed in `scope` (the step's page or the sidebar):
    the bullets after the round picker, not other lists of the page (such as the decision's)."""
    settled(scope.page)
    picker = (
        "[data-testid='stElementContainer']:has([data-testid='stSelectbox']:has-text('What changed since'))"
    )
    return bullets(scope.locator(f"{picker} ~ [data-testid='stElementContainer']"))


def test_a_marked_round_reaches_everyone_live_and_shows_what_changed_since(new_page, app_server, store):
    facilitator = start_workshop(new_page, app_server, "Rounds room")
    link = participant_link(facilitator)
    ana = join(new_page, link, "Ana")
    ben = join(new_page, link, "Ben", phone=True)
    fac_t = token_of(facilitator)
    parent = persona_with(store, fac_t, "Busy parent", {"speed": 2, "simplicity": 2})
    persona_with(store, fac_t, "Bargain hunter", {"price": 2})
    idea(store, fac_t, "Express lane", "incremental", "core", {"speed": 2})
    idea(store, fac_t, "Price match", "incremental", "pre", {"price": 2})
    facilitation.set_phase(store, fac_t, "vote")
    for page in (facilitator, ana, ben):
        now_at(page, "Vote")

    # Ana looks at the rounds on the Wrap-up step while the room votes: none yet.
    look(ana, "Wrap-up")
    ana.get_by_text(
        "No rounds yet. A round keeps the whole workshop as it is now, to compare with later."
    ).wait_for()
    mark_loaded(ana)

    # The facilitator marks a round from the sidebar; it reaches Ana's open page.
    settled(facilitator)
    side = sidebar(facilitator)
    side.locator("[data-testid='stExpander'] summary").filter(has_text="Rounds").click()
    side.get_by_label("Round name").fill("before the vote")
    side.get_by_role("button", name="Mark a round").click()
    side.locator("[data-testid='stSelectbox']").filter(has_text="Rounds marked: 1.").wait_for()
    picker = ana.locator("[data-testid='stSelectbox']").filter(
        has_text="Rounds marked: 1. What changed since"
    )
    picker.wait_for()
    expect(picker.get_by_role("combobox")).to_have_value(
        re.compile(r"^before the vote · \d\d \w{3} \d\d:\d\d UTC$")
    )
    ana.get_by_text("Nothing has changed since this round.").wait_for()
    assert never_reloaded(ana)

    # Ben votes on his phone; a stance moves and a persona comes in.
    settled(ben)
    ballot(ben, "Express lane").get_by_role("button", name="+1", exact=True).click()
    ben.get_by_text("You have 2 of 3 votes left.").wait_for()
    set_stances(store, fac_t, [StanceChange(parent, "price", Stance(), -1)])
    add_persona(store, fac_t, {"name": "Status seeker"})

    changed = [
        "Persona added: Status seeker.",
        "Busy parent on Price: don't care → hate.",
        "Fit of “Price match” changed: Busy parent +0.00 → -0.50.",
    ]
    main = ana.locator("[data-testid='stMain']")
    ana.get_by_text("Persona added: Status seeker.").wait_for()
    assert rounds_list(main) == changed  # the votes stay hidden, in the round as well
    assert never_reloaded(ana)

    # Revealed, the votes are part of what changed since the round.
    settled(facilitator)
    facilitator.get_by_role("button", name="Reveal results").click()
    ana.get_by_text("Votes for “Express lane”: 0 → 1.").wait_for()
    # Ideas in title order: the votes for Express lane come before Price match's fit.
    changed = [*changed[:2], "Votes for “Express lane”: 0 → 1.", changed[2]]
    assert rounds_list(main) == changed
    assert never_reloaded(ana)
    page_shot(ana, "rounds-wrap-up-participant")

    # The facilitator's sidebar says the same; so does Ben's phone when he looks.
    side.get_by_text("Votes for “Express lane”: 0 → 1.").wait_for()
    assert rounds_list(side) == changed
    for label in ("Round as workshop file", "Round as workbook"):
        assert whole_label(side.get_by_role("button", name=label)), label
    page_shot(facilitator, "rounds-sidebar-facilitator")
    look(ben, "Wrap-up")
    ben.get_by_text("Votes for “Express lane”: 0 → 1.").wait_for()
    assert rounds_list(ben.locator("[data-testid='stMain']")) == changed
    assert no_horizontal_scroll(ben)
    page_shot(ben, "rounds-wrap-up-phone")


def test_what_is_missing_stays_a_few_lines_in_the_sidebar_however_many_ideas_wait(new_page, app_server):
    workshop = demo_room(app_server, "map")  # twelve ideas, none judged by the team for every persona
    facilitator = new_page(workshop.url(workshop.facilitator))
    press_next(facilitator, "Vote")
    gaps = listed_gaps(facilitator)
    assert 1 <= len(gaps) <= 8, gaps
    assert gaps[-1].startswith("The team has not judged 12 ideas for every persona yet:")
    box = gap_box(facilitator).bounding_box()
    assert box and box["height"] < 600, box  # with its buttons, well within one screen of the sidebar
    page_shot(facilitator, "gaps-map-facilitator")
