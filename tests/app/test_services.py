"""The app's services are built once per process and shared by its pages and its live stream."""

from __future__ import annotations

import asyncio
import importlib

import pytest

from tests.unit.test_revision_hub import Client, scope
from workshop import services as services_module
from workshop.cases import sessions
from workshop.services import build_services


@pytest.fixture
def builds(monkeypatch):
    """The URLs every store built from here on was built for."""
    built: list[str] = []
    real = services_module.build_store
    monkeypatch.setattr(services_module, "build_store", lambda url: built.append(url) or real(url))
    return built


def test_pages_and_the_live_stream_of_one_process_share_one_store(app_db, workshop_links, open_app, builds):
    import server

    server = importlib.reload(server)  # as `streamlit run server.py` starts, on this test's database
    at = open_app(workshop_links.facilitator)
    assert not at.exception, at.exception
    (route,) = server.routes

    async def follow() -> Client:
        client = Client()
        served = asyncio.create_task(
            route.app(scope(f"t={workshop_links.facilitator}"), client.receive, client.send)
        )
        while b"event: revision" not in client.body:
            await asyncio.sleep(0.02)
        client.disconnect.set()
        await asyncio.wait_for(served, 10)
        return client

    assert asyncio.run(follow()).status == 200
    assert at.session_state["_services"] is server.services  # what app.py handed the page
    # One store: one connection pool, one cache of workshops and, on SQLite, one queue of writes.
    assert builds == [app_db.url]
    assert server.services.store.dialect == "sqlite"


def test_a_save_on_a_page_reaches_the_live_stream_of_its_process(
    app_db, workshop_links, open_app, monkeypatch
):
    import server

    server = importlib.reload(server)
    workshop_id = sessions.workshop_for_token(app_db, workshop_links.facilitator)
    heard = []
    monkeypatch.setattr(
        server.services.hub, "announce", lambda wid, revision, parts: heard.append((wid, parts))
    )
    at = open_app(workshop_links.facilitator)
    button = next(b for b in at.button if b.label == "🔒 Lock editing")
    button.click().run()
    assert not at.exception, at.exception
    assert heard == [(workshop_id, frozenset({"lock"}))]


def test_a_test_builds_services_of_its_own_without_touching_the_process(tmp_path, builds):
    before = dict(services_module._process)
    first = build_services(f"sqlite:///{tmp_path / 'one.db'}")
    second = build_services(f"sqlite:///{tmp_path / 'two.db'}")
    try:
        started = sessions.start_workshop(first.store, "Room", "", "Fay")
        assert first.store is not second.store and first.hub is not second.hub
        assert sessions.workshop_for_token(first.store, started.facilitator_token)
        with pytest.raises(Exception, match="link"):
            sessions.workshop_for_token(second.store, started.facilitator_token)
        assert len(builds) == 2 and services_module._process == before
    finally:
        first.close()
        second.close()


def test_chart_specs_are_kept_by_the_services_and_built_once_per_key(tmp_path):
    first = build_services(f"sqlite:///{tmp_path / 'one.db'}")
    second = build_services(f"sqlite:///{tmp_path / 'two.db'}")
    built = []

    def build():
        built.append(1)
        return {"mark": "bar"}

    assert first.chart_specs.get_or_build("ranking", build) == {"mark": "bar"}
    assert first.chart_specs.get_or_build("ranking", build) == {"mark": "bar"}
    assert len(built) == 1, "the second page reuses the spec"
    assert second.chart_specs.get("ranking") is None, "services do not share their charts"
