"""Steps the persona and idea browser tests share: joining, moving the room on, forms, charts, screenshots."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import shot

STANCE_WORDS = ("hate strongly", "hate", "don't care", "love", "love strongly")


def token_of(page: Page) -> str:
    """The link token in the page's address: the facilitator's link, or a participant's own after joining."""
    return parse_qs(urlsplit(page.url).query)["t"][0]


def join(new_page, link: str, name: str, *, phone: bool = False) -> Page:
    page = new_page(link, phone=phone)
    try:
        page.get_by_label("Your name").wait_for()
    except Exception:
        shot(page, f"join-failed-{name}")  # what the link showed instead of the join form
        raise
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    page.get_by_text(f"{name} · participant").wait_for()
    return page


def now_at(page: Page, step: str) -> None:
    """Wait until this page shows the room at `step` (the step control marks it with a dot)."""
    page.get_by_role("radio", name=f"● {step}").wait_for()


_QUIET = """quiet => new Promise(resolve => {
  let since = null;
  const tick = () => {
    const app = document.querySelector("[data-testid='stApp']");
    const now = performance.now();
    if (app && app.getAttribute("data-test-script-state") === "notRunning") {
      since = since === null ? now : since;
      if (now - since >= quiet) return resolve(true);
    } else {
      since = null;
    }
    setTimeout(tick, 50);
  };
  tick();
})"""


def settled(page: Page, quiet_ms: int = 400) -> None:
    """Wait until the page's script has stopped running for a moment, so input lands on the final page.

    A write is followed by the live update it causes, a second run shortly after the first; a
    key press in between can be undone when that run redraws a fresh form.
    """
    page.evaluate(_QUIET, quiet_ms)


def advance(facilitator: Page, step: str) -> None:
    """The facilitator moves the room on with the sidebar button, past the completeness list if it asks."""
    settled(facilitator)
    facilitator.get_by_role("button", name=f"{step} →").click()
    anyway = facilitator.get_by_role("button", name="Move on anyway")
    arrived = facilitator.get_by_role("radio", name=f"● {step}")
    anyway.or_(arrived).first.wait_for()
    if anyway.is_visible():
        anyway.click()
    arrived.wait_for()
    # The live update this very change causes must not put the facilitator back on the old step.
    settled(facilitator, 800)
    expect(arrived).to_be_checked()


def look_at(page: Page, step: str) -> None:
    """A person looks at another step than the room's, with the step control."""
    page.get_by_role("radio", name=re.compile(rf"^(● )?{re.escape(step)}$")).click()


def form(page: Page, text: str) -> Locator:
    return page.locator("[data-testid='stForm']").filter(has_text=text)


def opened_form(page: Page, text: str, opener: str) -> Locator:
    """An add form, opened with its button first when it is closed (it is drawn only once opened)."""
    settled(page)
    found = form(page, text)
    if not found.count():
        page.get_by_role("button", name=opener).click()
    found.wait_for()
    return found


def persona_form(page: Page) -> Locator:
    return opened_form(page, "Add a persona", "Add a persona")


def idea_form(page: Page) -> Locator:
    return opened_form(page, "Propose an idea", "Propose an idea")


def card(page: Page, heading: str) -> Locator:
    """The innermost bordered block holding `heading`: one persona's or idea's card."""
    return (
        page.locator("[data-testid='stVerticalBlock']")
        .filter(has=page.get_by_role("heading", name=heading))
        .last
    )


def chart(page: Page, alt: str) -> Locator:
    """A rendered Altair chart (vega-embed drew its SVG) with the given alt text."""
    found = page.locator(f"[data-testid='stVegaLiteChart'][aria-label={quoted(alt)}]")
    found.locator("svg.marks").wait_for()
    return found


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def drawing(chart_locator: Locator) -> str:
    """The chart's SVG as drawn now; compare two drawings to see that a chart was redrawn with new data."""
    return chart_locator.locator("svg.marks").inner_html()


def wait_redrawn(chart_locator: Locator, before: str) -> str:
    """Wait until the chart shows something else than `before`; returns the new drawing."""
    expect(chart_locator.locator("svg.marks")).not_to_have_js_property("innerHTML", before)
    return drawing(chart_locator)


def toast(page: Page, text: str) -> None:
    page.locator("[data-testid='stToast']").filter(has_text=text).first.wait_for()


def set_slider(slider: Locator, steps: int, shows: str) -> None:
    """Move a (select) slider by keyboard from its middle position; `shows` is the word it lands on.

    The keys are pressed again if a redraw of the page put the slider back meanwhile (seen now and
    then right after the same person's previous submit).
    """
    target = 2 + steps  # five positions, 0..4, starting in the middle
    for _ in range(3):
        now = int(slider.get_attribute("value") or 2)
        key = "ArrowRight" if target > now else "ArrowLeft"
        for _ in range(abs(target - now)):
            slider.press(key)
        try:
            expect(slider).to_have_attribute("aria-valuetext", shows, timeout=2000)
            return
        except AssertionError:
            settled(slider.page)
    expect(slider).to_have_attribute("aria-valuetext", shows)


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option in a select box by typing its start, as people do with a long list."""
    combobox = page.locator("[data-testid='stSelectbox']").filter(has_text=label).get_by_role("combobox")
    if combobox.input_value() != option:
        combobox.fill(option)
        page.get_by_role("option", name=option, exact=True).click()
    expect(combobox).to_have_value(option)


def paste_into_grid(page: Page, grid: Locator, row: int, rows: list[list[str]]) -> None:
    """Paste tab-separated stances into the love & hate grid, from `row`'s first attribute column on.

    The grid is drawn on a canvas, so a cell is reached by clicking the persona's name (row
    heights are fixed) and moving one cell right; pasting is how a facilitator fills it fast.
    """
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 30, box["y"] + 35 * (row + 1) + 17)
    page.keyboard.press("ArrowRight")
    text = "\n".join("\t".join(cells) for cells in rows)
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.keyboard.press("Control+V")


def page_shot(page: Page, name: str) -> None:
    """A screenshot of the whole page: the app scrolls inside its main area, so the window is made as tall."""
    size = page.viewport_size
    assert size is not None
    height = page.evaluate(
        "() => Math.max(...[document.querySelector('[data-testid=\"stMain\"]'), document.documentElement]"
        ".filter(Boolean).map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
    try:
        # Two animation frames: the page has laid itself out for the new window height.
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        shot(page, name)
    finally:
        page.set_viewport_size(size)
