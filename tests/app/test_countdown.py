"""The header and the presenter view hand the stored countdown to the browser, which ticks it on its own."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT
from workshop.cases import facilitation


def shown_countdowns(at) -> list[dict]:
    """The data of every countdown element on the page, as the browser receives it."""
    return [
        json.loads(element.proto.json)
        for element in at.get("bidi_component")
        if element.proto.component_name == "workshop_countdown"
    ]


def epoch_ms(instant: datetime) -> int:
    return round(instant.timestamp() * 1000)


def test_the_header_hands_the_stored_end_time_and_the_servers_clock_to_the_browser(
    workshop_links, app_db, open_app
):
    started = facilitation.timer(app_db, workshop_links.facilitator, "start", 5)
    before = epoch_ms(datetime.now(UTC))
    at = open_app(workshop_links.facilitator)
    after = epoch_ms(datetime.now(UTC))
    assert not at.exception, at.exception
    [shown] = shown_countdowns(at)
    assert shown["endsAt"] == epoch_ms(started.timer.ends_at)
    assert shown["paused"] is False
    assert before <= shown["serverNow"] <= after
    assert 0 < shown["remaining"] <= 300
    assert shown["big"] is False


def test_a_paused_countdown_is_handed_over_as_paused_with_what_was_left(workshop_links, app_db, open_app):
    facilitation.timer(app_db, workshop_links.facilitator, "start", 5)
    paused = facilitation.timer(app_db, workshop_links.facilitator, "pause")
    at = open_app(workshop_links.viewer)
    assert not at.exception, at.exception
    [shown] = shown_countdowns(at)
    assert shown["paused"] is True
    assert shown["endsAt"] is None
    assert shown["remaining"] == pytest.approx(paused.timer.paused_remaining)


def test_no_countdown_is_shown_before_one_is_started_or_after_it_is_stopped(workshop_links, app_db, open_app):
    at = open_app(workshop_links.facilitator)
    assert shown_countdowns(at) == []
    facilitation.timer(app_db, workshop_links.facilitator, "start", 3)
    at.run()
    assert len(shown_countdowns(at)) == 1
    facilitation.timer(app_db, workshop_links.facilitator, "stop")
    at.run()
    assert shown_countdowns(at) == []


def test_the_presenter_view_shows_the_countdown_large(workshop_links, app_db, open_app):
    started = facilitation.timer(app_db, workshop_links.facilitator, "start", 10)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["t"] = workshop_links.viewer
    at.query_params["view"] = "presenter"
    at.run()
    assert not at.exception, at.exception
    [shown] = shown_countdowns(at)
    assert shown["big"] is True
    assert shown["endsAt"] == epoch_ms(started.timer.ends_at)


def test_a_running_countdown_costs_no_timed_rerun_on_the_server(
    workshop_links, app_db, open_app, monkeypatch
):
    timed = []
    fragment = streamlit.fragment

    def recording(func=None, *, run_every=None, **options):
        if run_every is not None:
            timed.append(run_every)
        return fragment(func, run_every=run_every, **options)

    monkeypatch.setattr(streamlit, "fragment", recording)
    facilitation.timer(app_db, workshop_links.facilitator, "start", 5)
    at = open_app(workshop_links.facilitator)
    assert not at.exception, at.exception
    assert len(shown_countdowns(at)) == 1
    assert timed == []
