"""In a real browser: the workbook and the PDF report downloaded from Wrap-up hold the workshop as it is
at the click."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from tests.browser.helpers import settled
from tests.browser.rooms import room
from workshop.cases.persona_cases import add_persona

pytestmark = pytest.mark.browser


def downloaded_sheets(page) -> list[str]:
    settled(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the workbook").click()
    data = Path(download.value.path()).read_bytes()
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames


def downloaded_report(page, paper: str) -> tuple[tuple[int, int], str]:
    """The PDF report on `paper` ("A4" or "Letter"): its first page's size in points and its text."""
    settled(page)
    page.get_by_role("radiogroup", name="Paper for the PDF report").get_by_text(paper, exact=True).click()
    settled(page)
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download the PDF report").click()
    with pdfplumber.open(download.value.path()) as doc:
        size = (round(doc.pages[0].width), round(doc.pages[0].height))
        return size, " ".join(p.extract_text() or "" for p in doc.pages)


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


def test_the_pdf_report_holds_a_persona_added_after_the_page_was_drawn_on_the_paper_chosen(
    new_page, app_server
):
    workshop = room(
        app_server, "For leadership", ("Commuter", "Tourist", "Trucker", "Islander"), phase="wrap_up"
    )
    page = new_page(workshop.url(workshop.viewer))
    size, text = downloaded_report(page, "A4")
    assert size == (595, 842) and "Commuter" in text and "Night owl" not in text

    add_persona(workshop.store, workshop.facilitator, {"name": "Night owl"})
    size, text = downloaded_report(page, "Letter")
    assert size == (612, 792) and "Night owl" in text
