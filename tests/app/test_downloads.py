"""Downloads and import in the app: who sees them, what a preview says, and what applying changes."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from exports import take_home
from exports.demo import load_demo
from exports.workbook import to_xlsx
from exports.workshop_file import to_json
from tests.integration.test_take_home import edited
from workshop.cases import sessions
from workshop.cases.board import board
from workshop.cases.facilitation import set_phase, update_settings
from workshop.cases.persona_cases import update_persona
from workshop.cases.transfer import snapshot, start_from_snapshot
from workshop.ui import downloads

XLSX = downloads.XLSX_MIME


@pytest.fixture
def demo(app_db):
    """The demo workshop at its wrap-up step, with its share links."""
    started = start_from_snapshot(app_db, load_demo(), "Fran")
    set_phase(app_db, started.facilitator_token, "wrap_up")
    return sessions.share_links(app_db, started.facilitator_token)


def authors(workshop_file: bytes) -> list[str]:
    return [i["author"] for i in json.loads(workshop_file)["ideas"]]


def labels(widgets) -> list[str]:
    return [w.label for w in widgets]


def button(at, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} among {labels(at.button)}"
    return matches[0]


def shown(at) -> str:
    elements = [*at.markdown, *at.caption, *at.error, *at.info]
    return "\n".join(str(e.value) for e in elements)


# Who sees what


def test_the_facilitator_sees_the_downloads_and_the_import_in_the_wrap_up_step(open_app, demo):
    at = open_app(demo.facilitator)
    assert not at.exception, at.exception
    assert "Download the workbook" in labels(at.download_button)
    assert "Download the workshop file" in labels(at.download_button)
    assert len(at.file_uploader) == 1
    assert "at most 5 MB" in shown(at)


@pytest.fixture
def quiet_wrap_up(app_db, workshop_links):
    """A workshop with nothing in it yet, at its wrap-up step: its report is quick to make."""
    set_phase(app_db, workshop_links.facilitator, "wrap_up")
    return workshop_links


def test_the_pdf_report_is_offered_on_the_paper_chosen(open_app, quiet_wrap_up):
    at = open_app(quiet_wrap_up.facilitator)
    (paper,) = [r for r in at.radio if r.label == "Paper for the PDF report"]
    assert paper.options == ["A4", "Letter"] and paper.value == "a4"
    paper.set_value("letter").run()
    assert not at.exception, at.exception
    assert "Download the PDF report" in labels(at.download_button)
    assert not [b for b in at.button if b.label.startswith("Prepare")], "nothing to prepare first"


def test_a_viewer_can_download_but_not_import(open_app, demo):
    at = open_app(demo.viewer)
    assert not at.exception, at.exception
    assert "Download the workshop file" in labels(at.download_button)
    assert "Download the workbook" in labels(at.download_button)
    assert "Download the PDF report" in labels(at.download_button)
    assert len(at.file_uploader) == 0


def test_a_participant_sees_neither_the_downloads_nor_the_import(open_app, app_db, demo):
    at = open_app(sessions.join(app_db, demo.participant, "Ana").token)
    assert not at.exception, at.exception
    assert "Download the workshop file" not in labels(at.download_button)
    assert "Download the PDF report" not in labels(at.download_button)
    assert len(at.file_uploader) == 0


def test_an_anonymous_workshop_asks_the_facilitator_whether_to_include_names(open_app, app_db, demo):
    update_settings(app_db, demo.facilitator, anonymous=True)
    at = open_app(demo.facilitator)
    assert "Include who wrote what" in labels(at.checkbox)
    assert at.checkbox[0].value is False
    assert "participants never see names" in shown(at)
    assert not any(authors(take_home.workshop_file(app_db, demo.facilitator, with_authors=False)))
    assert any(authors(take_home.workshop_file(app_db, demo.facilitator)))


# Uploading through the page


def test_the_facilitator_previews_and_applies_an_edited_workbook_on_the_page(open_app, app_db, demo):
    token = demo.facilitator
    persona = board(app_db, token).personas[0]
    data = edited(to_xlsx(snapshot(app_db, token), charts=False), persona.name, "Speed", "B", "hate")
    at = open_app(token)
    at.file_uploader[0].set_value(("back.xlsx", data, XLSX)).run()
    assert not at.exception, at.exception
    assert "goes from love strongly to hate" in shown(at)
    button(at, "Apply to this workshop").click().run()
    assert not at.exception, at.exception
    assert board(app_db, token).personas[0].stance("speed").score == -1


def test_an_uploaded_workshop_file_opens_as_a_new_workshop_for_its_facilitator(open_app, app_db, demo):
    at = open_app(demo.facilitator)
    at.file_uploader[0].set_value(("demo.json", to_json(load_demo()), "application/json")).run()
    assert "Open as a template (no votes)" in labels(at.button)
    button(at, "Open as a new workshop").click().run()
    assert not at.exception, at.exception
    new = at.query_params["t"]
    assert new != demo.facilitator and board(app_db, new).caller.is_facilitator


def test_a_hostile_upload_shows_the_problems_and_offers_nothing_to_apply(open_app, app_db, demo):
    at = open_app(demo.facilitator)
    at.file_uploader[0].set_value(("evil.xlsx", b"PK\x03\x04 not really a zip", XLSX)).run()
    assert not at.exception, at.exception
    assert "Nothing was imported" in shown(at)
    assert "Apply to this workshop" not in labels(at.button)
    assert "Open as a new workshop" not in labels(at.button)


def _landing() -> None:
    from workshop.ui import landing_import

    landing_import.show()


def test_the_start_page_opens_a_workshop_file_as_a_new_workshop(app_db):
    at = AppTest.from_function(_landing, default_timeout=30)
    at.run()
    at.file_uploader[0].set_value(("demo.json", to_json(load_demo()), "application/json")).run()
    assert "Open as a template (no votes)" in labels(at.button)
    at.text_input[0].input("Hal")
    button(at, "Open as a new workshop").click().run()
    assert not at.exception, at.exception
    b = board(app_db, at.query_params["t"])
    assert b.caller.name == "Hal" and len(b.personas) == 5


def test_the_start_page_opens_a_workbook_from_the_copy_it_carries(app_db):
    at = AppTest.from_function(_landing, default_timeout=30)
    at.run()
    at.file_uploader[0].set_value(("demo.xlsx", to_xlsx(load_demo(), charts=False), XLSX)).run()
    assert "Open as a template (no votes)" not in labels(at.button)
    button(at, "Open as a new workshop").click().run()
    assert not at.exception, at.exception
    assert len(board(app_db, at.query_params["t"]).ideas) == len(load_demo().ideas)


def test_applying_after_someone_changed_a_persona_refreshes_the_preview_instead(open_app, app_db, demo):
    token = demo.facilitator
    persona = board(app_db, token).personas[0]
    data = edited(to_xlsx(snapshot(app_db, token), charts=False), persona.name, "Speed", "B", "hate")
    at = open_app(token)
    at.file_uploader[0].set_value(("back.xlsx", data, XLSX)).run()
    texts = {
        k: getattr(persona, k)
        for k in ("name", "quote", "description", "share", "evidence", "emoji", "colour")
    }
    update_persona(app_db, token, persona, {**texts, "quote": "Changed meanwhile."})
    button(at, "Apply to this workshop").click().run()
    assert not at.exception, at.exception
    assert "nothing was applied" in " ".join(str(w.value) for w in at.warning)
    assert "quote becomes" in shown(at)  # the fresh preview says applying would put the old quote back
    assert board(app_db, token).personas[0].stance("speed").score == 2
