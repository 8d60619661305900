"""The architecture's boundaries hold: Streamlit only in the UI, SQL only in storage, no raw HTML from users."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STREAMLIT = re.compile(r"^\s*(import streamlit|from streamlit)", re.M)
SQLALCHEMY = re.compile(r"^\s*(import sqlalchemy|from sqlalchemy)", re.M)


def python_files(*folders: str):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


def test_streamlit_is_imported_only_by_app_server_and_the_ui_package():
    leaks = [
        str(p.relative_to(ROOT))
        for p in python_files("personas", "workshop", "exports")
        if "ui" not in p.relative_to(ROOT).parts and STREAMLIT.search(p.read_text())
    ]
    assert leaks == []


def test_sqlalchemy_is_imported_only_by_the_storage_package():
    files = [*python_files("personas", "workshop", "exports"), ROOT / "app.py", ROOT / "server.py"]
    leaks = [
        str(p.relative_to(ROOT))
        for p in files
        if "storage" not in p.relative_to(ROOT).parts and SQLALCHEMY.search(p.read_text())
    ]
    assert leaks == []


STORAGE = re.compile(
    r"^\s*(from workshop\.storage\b|import workshop\.storage\b|from workshop import storage\b)", re.M
)
ENVIRONMENT = re.compile(r"os\.environ|os\.getenv|getenv\(")


def test_the_pages_reach_storage_only_through_the_services():
    leaks = [str(p.relative_to(ROOT)) for p in python_files("workshop/ui") if STORAGE.search(p.read_text())]
    assert leaks == []


def test_the_live_stream_runs_without_streamlit_and_knows_nothing_of_the_app():
    leaks = [
        str(p.relative_to(ROOT))
        for p in python_files("workshop/live")
        if STREAMLIT.search(p.read_text())
        or re.search(r"^\s*(from|import) (workshop\.(?!live)|personas|exports)", p.read_text(), re.M)
    ]
    assert leaks == []


def test_only_the_composition_root_reads_the_database_url_from_the_environment():
    files = [*python_files("personas", "workshop", "exports"), ROOT / "app.py", ROOT / "server.py"]
    readers = [
        str(p.relative_to(ROOT))
        for p in files
        if "DATABASE_URL" in p.read_text() and ENVIRONMENT.search(p.read_text())
    ]
    assert readers == ["workshop/services.py"]


def test_the_boundary_scanners_would_notice_a_leak():
    assert STORAGE.search("from workshop.storage.database import backend\n")
    assert STORAGE.search("    from workshop import storage\n")
    assert not STORAGE.search("from workshop.store import Store\n")
    assert ENVIRONMENT.search('url = os.environ.get("DATABASE_URL")')


def test_no_code_passes_anything_to_unsafe_allow_html():
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*python_files("personas", "workshop", "exports"), ROOT / "app.py", ROOT / "server.py"]
        if re.search(r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.v1\.html", p.read_text())
    ]
    assert offenders == []


def test_the_scanner_would_notice_a_leak(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("import streamlit as st\nst.markdown(x, unsafe_allow_html=True)\n")
    text = sample.read_text()
    assert STREAMLIT.search(text) and re.search(r"unsafe_allow_html\s*=\s*True", text)


def test_streamlit_keeps_xsrf_protection_on_and_limits_uploads():
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert re.search(r"^enableXsrfProtection\s*=\s*true", config, re.M)
    size = int(re.search(r"^maxUploadSize\s*=\s*(\d+)", config, re.M).group(1))
    assert 1 <= size <= 10
