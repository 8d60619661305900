"""AppTest fixtures: the real app.py on a fresh SQLite file per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workshop.cases import sessions
from workshop.store import build_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    s = build_store(url)
    yield s
    s.close()


@pytest.fixture
def workshop_links(app_db):
    started = sessions.start_workshop(app_db, "Test workshop", "Kind and quick.", "Fran")
    return sessions.share_links(app_db, started.facilitator_token)


@pytest.fixture
def open_app(app_db):
    """open_app(token=None) -> an AppTest that has run once with ?t=token."""

    def _open(token: str | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        if token is not None:
            at.query_params["t"] = token
        at.run()
        return at

    return _open
