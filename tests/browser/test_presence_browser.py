"""In a real browser: a page that opens counts its reader as here at once, and says who they are plainly."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.rooms import store_for
from workshop.cases import sessions
from workshop.cases.board import board

pytestmark = pytest.mark.browser

WHO = re.compile(r"Who's here \(\d+ of \d+\)")


def test_a_page_opened_again_counts_its_reader_at_once_and_names_a_role_once(new_page, app_server):
    store = store_for(app_server.database_url)
    facilitator = sessions.start_workshop(store, "Back after lunch", "", "").facilitator_token
    link = sessions.share_links(store, facilitator).participant
    people = {name: sessions.join(store, link, name).token for name in ("Ana", "Ben", "Cleo")}
    lunch = datetime.now(UTC) - timedelta(minutes=40)  # everyone's pages were closed over lunch
    pairs = []
    for token in (facilitator, *people.values()):
        seen = board(store, token)
        assert seen.me is not None
        pairs.append((seen.workshop.id, seen.me.id))
    with store.write() as uow:
        uow.sessions.touch_participants(pairs, lunch)
        uow.commit()

    ana = new_page(f"{app_server.url}?t={people['Ana']}")
    count = ana.get_by_text(WHO)
    count.wait_for()
    assert count.inner_text() == "Who's here (1 of 4)"  # the first drawing already counts Ana
    count.click()
    expect(ana.get_by_text("🟢 Ana")).to_be_visible()

    fay = new_page(f"{app_server.url}?t={facilitator}")
    fay.get_by_text("Now: Promise").wait_for()
    expect(fay.get_by_text("Facilitator", exact=True)).to_be_visible()  # the role once, not twice
    expect(fay.get_by_text("Facilitator · facilitator")).to_have_count(0)
    viewer = new_page(f"{app_server.url}?t={sessions.share_links(store, facilitator).viewer}")
    viewer.get_by_text("Now: Promise").wait_for()
    expect(viewer.get_by_text("View only", exact=True)).to_be_visible()
