"""The deployment the README documents, for real: Debian's nginx with deploy/nginx.conf in front of
two app replicas on one PostgreSQL database. A facilitator on one replica and a participant on the
other go through joining, a persona edit seen live across replicas, a workbook download and an
upload, all through nginx."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.helpers import advance, card, form, join, look_at, now_at, settled, toast
from tests.browser.replicas import deployment
from tests.browser.test_join_flow import participant_link, start_workshop
from tests.browser.test_personas_browser import add_persona

pytestmark = pytest.mark.browser


def edit_description(page, persona: str, text: str) -> None:
    card(page, persona).get_by_role("button", name="Edit").click()
    editing = form(page, f"Edit {persona}")
    editing.get_by_label("Description").fill(text)
    editing.get_by_role("button", name="Save", exact=True).click()
    toast(page, f"Saved {persona}.")


def rewritten(workbook: Path, old: str, new: str) -> bytes:
    """The workbook as someone edits it in a spreadsheet: one text replaced by another."""
    book = openpyxl.load_workbook(workbook)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value == old]
    assert cells, f"{old!r} is in the workbook"
    for cell in cells:
        cell.value = new
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_room_on_two_replicas_behind_nginx_joins_edits_live_downloads_and_uploads(
    browser, pg_cluster, tmp_path
):
    with deployment(browser, pg_cluster.new_database(), tmp_path) as site:
        facilitator = start_workshop(lambda url: site.open(site.a, url), site, "Behind nginx")
        link = participant_link(facilitator)
        assert link.startswith(site.url + "?t="), "the links the app shows go through nginx"
        ana = join(lambda url, phone=False: site.open(site.b, url, phone=phone), link, "Ana", phone=True)

        # A step change on replica A reaches Ana on replica B; her persona reaches A.
        advance(facilitator, "Personas")
        now_at(ana, "Personas")
        add_persona(ana, "Commuter", "Every minute counts.")
        facilitator.get_by_role("heading", name="Commuter").wait_for()

        # The facilitator's edit on A shows live on B, without a reload.
        edit_description(facilitator, "Commuter", "Reads the news on the train.")
        expect(card(ana, "Commuter").get_by_text("Reads the news on the train.")).to_be_visible()
        shot(ana, "nginx-participant-on-replica-b-phone")

        # The workbook is built on the click and downloaded through nginx, from the facilitator's replica.
        look_at(facilitator, "Wrap-up")
        settled(facilitator)
        with facilitator.expect_download() as download:
            facilitator.get_by_role("button", name="Download the workbook").click()
        saved = tmp_path / "room.xlsx"
        download.value.save_as(saved)
        assert openpyxl.load_workbook(saved)["Commuter"], "a persona sheet came through"

        # Edited in a spreadsheet and uploaded again, through nginx: Ana sees the change live.
        edited = rewritten(saved, "Reads the news on the train.", "Reads the paper on the train.")
        settled(facilitator)
        facilitator.get_by_text("Bring back an edited workbook or a workshop file").click()
        facilitator.get_by_text("Upload a workbook or workshop file").wait_for()
        facilitator.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            files=[{"name": "room.xlsx", "mimeType": "application/octet-stream", "buffer": edited}]
        )
        # The section stays open for the preview.
        facilitator.get_by_text("Applying it to this workshop changes:").wait_for()
        shot(facilitator, "nginx-upload-preview")
        facilitator.get_by_role("button", name="Apply to this workshop").click()
        toast(facilitator, "1 persona(s) updated from the workbook.")
        expect(card(ana, "Commuter").get_by_text("Reads the paper on the train.")).to_be_visible()

    for replica in ("replica-a.log", "replica-b.log"):
        assert "Traceback" not in (tmp_path / replica).read_text()
