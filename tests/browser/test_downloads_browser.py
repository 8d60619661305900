"""In a real browser: the workbook downloaded from Wrap-up holds the workshop as it is at the click."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from tests.browser.helpers import settled
from tests.browser.rooms import room
from workshop.persona_cases import add_persona

pytestmark = pytest.mark.browser


def downloaded_sheets(page) -> list[str]:
    settled(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the workbook").click()
    data = Path(download.value.path()).read_bytes()
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames


def test_the_workbook_holds_personas_added_after_the_page_was_drawn(new_page, app_server):
    workshop = room(app_server, "Take home", ("Commuter", "Tourist", "Trucker", "Islander"), phase="wrap_up")
    for token in (workshop.facilitator, workshop.viewer):
        page = new_page(workshop.url(token))
        first = downloaded_sheets(page)
        assert {"Commuter", "Tourist", "Trucker", "Islander"} <= set(first)
        assert "Student" not in first

    add_persona(workshop.store, workshop.facilitator, {"name": "Student"})
    add_persona(workshop.store, workshop.facilitator, {"name": "Night owl"})
    # The same page, not reloaded: its button now hands out the six personas.
    later = downloaded_sheets(page)
    assert {"Commuter", "Tourist", "Trucker", "Islander", "Student", "Night owl"} <= set(later)
