"""Charts are turned into Vega-Lite specs once per workshop revision and view, then reused."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest
import streamlit as st

from charts.personas import heatmap
from exports.demo import load_demo
from workshop.cases import persona_cases
from workshop.cases.board import board
from workshop.cases.transfer import start_from_snapshot
from workshop.services import build_services
from workshop.ui import chart, context


@pytest.fixture
def drawn(monkeypatch, app_db):
    """Charts drawn outside a page, on services of this test's own (a chart cache of its own)."""
    specs = []
    monkeypatch.setattr(chart.st, "vega_lite_chart", lambda spec, **options: specs.append((spec, options)))
    own = build_services(app_db.url)
    context.use(own)
    yield specs
    st.session_state.pop(context._SERVICES, None)
    own.close()


def test_the_spec_is_the_charts_own_without_the_default_theme_size():
    c = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
    spec = chart.spec(c)
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["x"]["field"] == "x"
    assert "continuousWidth" not in spec.get("config", {}).get("view", {})
    assert list(spec["datasets"].values()) == [[{"x": 1}, {"x": 2}]]


def test_a_chart_is_built_once_per_revision_and_again_after_a_change(app_db, drawn):
    token = start_from_snapshot(app_db, load_demo(), "Fay").facilitator_token
    builds = []

    def draw():
        b = board(app_db, token)
        chart.show(
            lambda: builds.append(1) or heatmap(b.personas, b.attributes),
            chart.board_key(b, "heatmap"),
            width="stretch",
        )
        return b

    before = draw()
    draw()
    assert len(builds) == 1 and drawn[0][0] == drawn[1][0] and drawn[1][1] == {"width": "stretch"}
    persona = before.personas[0]
    persona_cases.update_persona(app_db, token, persona, {"name": persona.name, "quote": "Changed."})
    draw()
    assert len(builds) == 2


def test_callers_who_see_different_things_do_not_share_a_chart(app_db):
    from workshop.cases import sessions

    started = start_from_snapshot(app_db, load_demo(), "Fay")
    links = sessions.share_links(app_db, started.facilitator_token)
    participant = sessions.join(app_db, links.participant, "Zed").token
    facilitator_key = chart.board_key(board(app_db, started.facilitator_token), "ranking")
    participant_key = chart.board_key(board(app_db, participant), "ranking")
    assert facilitator_key != participant_key


def test_the_projector_and_a_second_presenter_page_share_one_built_map(app_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT
    from workshop.cases import facilitation, sessions
    from workshop.ui import presenter

    builds = []
    real = presenter.map_heatmap
    monkeypatch.setattr(presenter, "map_heatmap", lambda *a, **k: builds.append(1) or real(*a, **k))
    token = start_from_snapshot(app_db, load_demo(), "Fay").facilitator_token
    facilitation.set_phase(app_db, token, "map")
    viewer = sessions.share_links(app_db, token).viewer
    for link in (token, viewer, viewer):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.query_params["t"] = link
        at.query_params["view"] = "presenter"
        at.run()
        assert not at.exception, at.exception
        assert len(at.get("vega_lite_chart")) == 1
    assert len(builds) == 2  # once for the facilitator's view, once for what a viewer may see
