"""Downloads and import in the app: who sees them, what a preview says, and what applying changes."""

from __future__ import annotations

import io
import json

import openpyxl
import pdfplumber
import pytest
from streamlit.testing.v1 import AppTest

from exports.demo import load_demo
from exports.workbook import to_xlsx
from exports.workshop_file import from_json, to_json
from workshop import sessions
from workshop.board import board
from workshop.errors import StaleEdit
from workshop.facilitation import set_phase, update_settings
from workshop.persona_cases import update_persona
from workshop.transfer import snapshot, start_from_snapshot
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


def edited(data: bytes, sheet: str, attribute: str, column: str, value: object) -> bytes:
    """The workbook after a person changed one cell of a persona's love/hate table and saved it."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == attribute)
    ws[f"{column}{row}"] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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
    assert not any(authors(downloads.workshop_file(app_db, demo.facilitator, with_authors=False)))
    assert any(authors(downloads.workshop_file(app_db, demo.facilitator)))


def test_a_viewer_of_an_anonymous_workshop_gets_no_names_in_the_files(app_db, demo):
    update_settings(app_db, demo.facilitator, anonymous=True)
    assert not any(authors(downloads.workshop_file(app_db, demo.viewer)))


# The functions behind the buttons


def test_the_pdf_report_holds_the_workshop_for_a_viewer_on_letter_paper(app_db, demo):
    data = downloads.report(app_db, demo.viewer, paper="letter")
    with pdfplumber.open(io.BytesIO(data)) as doc:
        assert (round(doc.pages[0].width), round(doc.pages[0].height)) == (612, 792)
        text = " ".join(page.extract_text() for page in doc.pages)
    assert all(p.name in text for p in load_demo().personas)
    assert "The vote" in text
    # The decision marked in the workshop reaches the report, with its owners.
    assert "The decision" in text and all(c.owner in text for c in load_demo().decision.chosen)


def test_the_workshop_file_holds_the_whole_workshop(app_db, demo):
    snap = from_json(downloads.workshop_file(app_db, demo.facilitator))
    assert [p.name for p in snap.personas] == [p.name for p in load_demo().personas]
    assert len(snap.ideas) == len(load_demo().ideas)


def test_a_file_name_keeps_letters_and_drops_what_file_systems_refuse():
    assert downloads.file_stem("Café day: 3/4 <plan>") == "Café day 3 4 plan"
    assert downloads.file_stem("///") == "workshop"


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message():
    upload = downloads.read_upload("book.xlsx", b"just text, renamed")
    assert not upload.ok and upload.kind == "workbook"
    assert "not an Excel workbook" in upload.problems[0]


def test_a_workbook_renamed_to_json_is_still_read_as_a_workbook():
    upload = downloads.read_upload("workshop.json", to_xlsx(load_demo(), charts=False))
    assert upload.ok and upload.kind == "workbook"


def test_a_broken_workshop_file_is_refused_with_a_message():
    upload = downloads.read_upload("w.json", b'{"format": "love-hate-workshop", "version": 3}')
    assert not upload.ok and "version" in upload.problems[0]


def test_an_oversized_upload_is_refused_before_it_is_read():
    upload = downloads.read_upload("w.json", b" " * (downloads.UPLOAD_MB * 1024 * 1024 + 1))
    assert not upload.ok and "at most 5 MB" in upload.problems[0]


def test_a_workshop_file_opens_as_a_template_without_votes(app_db):
    upload = downloads.read_upload("demo.json", to_json(load_demo()))
    token = downloads.open_upload(app_db, upload, "Gia", template=True)
    b = board(app_db, token)
    assert b.caller.is_facilitator and b.caller.name == "Gia"
    assert len(b.personas) == 5 and not b.ratings
    assert snapshot(app_db, token).votes == () and b.workshop.phase == "promise"


def test_a_stance_edited_in_the_exported_workbook_is_previewed_and_applied(app_db, demo):
    token = demo.facilitator
    data = downloads.workbook(app_db, token)
    persona = board(app_db, token).personas[0]
    assert persona.stance("human_contact").score == -1
    changed = edited(data, persona.name, "Human contact", "B", "love strongly")

    upload = downloads.read_upload("back.xlsx", changed, snapshot(app_db, token))
    assert upload.ok, upload.problems
    assert upload.applied == (f"{persona.name}: Human contact goes from hate to love strongly.",)
    assert downloads.apply_upload(app_db, token, upload) == 1
    assert board(app_db, token).personas[0].stance("human_contact").score == 2


def test_a_workbook_with_a_real_formula_changes_nothing_and_names_the_cell(app_db, demo):
    token = demo.facilitator
    before = board(app_db, token).personas
    name = before[0].name
    data = edited(to_xlsx(snapshot(app_db, token), charts=False), name, "Price", "D", "=1+1")

    upload = downloads.read_upload("back.xlsx", data, snapshot(app_db, token))
    assert not upload.ok and upload.after is None
    assert any(f"Sheet '{name}' cell D" in p and "formula" in p for p in upload.problems)
    with pytest.raises(Exception, match="without problems"):
        downloads.apply_upload(app_db, token, upload)
    assert board(app_db, token).personas == before


def test_idea_edits_are_listed_as_not_brought_back_and_stay_as_they_were(app_db, demo):
    token = demo.facilitator
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(snapshot(app_db, token), charts=False)))
    old_title = wb["Ideas"]["A3"].value
    wb["Ideas"]["A3"] = "Renamed in Excel"
    out = io.BytesIO()
    wb.save(out)

    upload = downloads.read_upload("back.xlsx", out.getvalue(), snapshot(app_db, token))
    assert upload.ok and not upload.applied
    assert any("Renamed in Excel" in s for s in upload.new_only)
    assert any(i.title == old_title for i in board(app_db, token).ideas)


def test_a_persona_changed_in_the_app_since_the_preview_is_not_overwritten(app_db, demo):
    token = demo.facilitator
    base = snapshot(app_db, token)
    persona = base.personas[0]
    data = edited(to_xlsx(base, charts=False), persona.name, "Price", "B", "hate strongly")
    upload = downloads.read_upload("back.xlsx", data, base)
    current = board(app_db, token).personas[0]
    texts = {
        k: getattr(current, k)
        for k in ("name", "quote", "description", "share", "evidence", "emoji", "colour")
    }
    update_persona(app_db, token, current, {**texts, "quote": "Changed meanwhile."})
    with pytest.raises(StaleEdit):
        downloads.apply_upload(app_db, token, upload)
    assert board(app_db, token).personas[0].stance("price").score == persona.stance("price").score


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
