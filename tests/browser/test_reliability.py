"""Crash safety and two replicas, through real browsers against real app servers."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_join_flow import participant_link, start_workshop
from tests.support.appserver import AppServer
from workshop.cases import sessions
from workshop.store import build_store


@pytest.fixture(params=["sqlite", "postgresql"])
def crash_db(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'crash.db'}"
    return request.getfixturevalue("pg_cluster").new_database()


def test_every_acknowledged_edit_survives_a_sigkill_of_the_server(new_page, crash_db, tmp_path):
    server = AppServer(crash_db, log=tmp_path / "server.log").start()
    try:
        facilitator = start_workshop(new_page, server, "Crash workshop")
        link = participant_link(facilitator)
        token = facilitator.url.split("t=")[1].split("&")[0]
        names = ["Ana", "Ben", "Chloé"]
        for name in names:
            page = new_page(link)
            page.get_by_label("Your name").fill(name)
            page.get_by_role("button", name="Join").click()
            page.get_by_text(f"{name} · participant").wait_for()  # acknowledged on screen
        server.kill()
        server = AppServer(crash_db, port=server.port, log=tmp_path / "server.log").start()
        store = build_store(crash_db)
        try:
            kept = [p.name for p in sessions.participants(store, token)]
        finally:
            store.close()
        assert set(names) <= set(kept)
        again = new_page(facilitator.url)
        again.get_by_text("Crash workshop").first.wait_for()
    finally:
        server.stop()


def test_participants_on_two_replicas_see_each_others_changes_live(new_page, pg_cluster, tmp_path):
    url = pg_cluster.new_database()
    a = AppServer(url, log=tmp_path / "a.log").start()
    b = AppServer(url, log=tmp_path / "b.log").start()
    try:
        facilitator = start_workshop(new_page, a, "Replicas")
        link = participant_link(facilitator).replace(f":{a.port}", f":{b.port}")
        assert f":{b.port}" in link
        participant = new_page(link)
        participant.get_by_label("Your name").fill("Remote")
        participant.get_by_role("button", name="Join").click()
        participant.get_by_text("Remote · participant").wait_for()
        # The facilitator's page on the other server learns of the join without a reload.
        facilitator.get_by_text(re.compile(r"People \(2\)")).wait_for(timeout=10000)
        # And a step change on server A reaches the participant on server B.
        facilitator.get_by_role("button", name=re.compile("Personas →")).click()
        participant.get_by_text(re.compile(r"Now: Personas")).wait_for(timeout=10000)
    finally:
        a.stop()
        b.stop()
