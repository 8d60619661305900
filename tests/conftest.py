"""Fixtures: a fresh store per test on SQLite and on a throwaway PostgreSQL cluster."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.postgres import Cluster  # noqa: E402
from workshop.store import build_store  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = Cluster()
    reason = cluster.why_unavailable()
    if reason:
        if IN_CI:
            pytest.fail(f"PostgreSQL tests cannot be skipped in CI: {reason}")
        pytest.skip(f"skipping PostgreSQL tests: {reason}")
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module")
def stoppable_pg():
    """A cluster of its own, for tests that stop and start PostgreSQL: everyone else's goes on."""
    cluster = Cluster()
    reason = cluster.why_unavailable()
    if reason:
        if IN_CI:
            pytest.fail(f"PostgreSQL tests cannot be skipped in CI: {reason}")
        pytest.skip(f"skipping PostgreSQL tests: {reason}")
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workshops.db'}"
    return request.getfixturevalue("pg_cluster").new_database()


@pytest.fixture
def store(database_url):
    s = build_store(database_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path):
    s = build_store(f"sqlite:///{tmp_path / 'workshops.db'}")
    yield s
    s.close()


def pytest_collection_modifyitems(config, items):
    """Run the real-browser tests last: a Playwright session stays open until the run ends,
    and everything else runs before it, without it."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)
