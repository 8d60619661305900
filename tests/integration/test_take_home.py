"""Taking a workshop home and bringing it back: the files built, an upload read and checked, opened or applied."""

from __future__ import annotations

import io
import json

import openpyxl
import pdfplumber
import pytest

from exports import take_home
from exports.demo import load_demo
from exports.limits import MAX_UPLOAD_BYTES
from exports.workbook import to_xlsx
from exports.workshop_file import from_json, to_json
from workshop.cases import sessions
from workshop.cases.board import board
from workshop.cases.facilitation import set_phase, update_settings
from workshop.cases.persona_cases import update_persona
from workshop.cases.transfer import snapshot, start_from_snapshot
from workshop.domain.errors import StaleEdit


@pytest.fixture
def demo(sqlite_store):
    """The demo workshop at its wrap-up step, with its share links."""
    started = start_from_snapshot(sqlite_store, load_demo(), "Fran")
    set_phase(sqlite_store, started.facilitator_token, "wrap_up")
    return sessions.share_links(sqlite_store, started.facilitator_token)


def authors(workshop_file: bytes) -> list[str]:
    return [i["author"] for i in json.loads(workshop_file)["ideas"]]


def edited(data: bytes, sheet: str, attribute: str, column: str, value: object) -> bytes:
    """The workbook after a person changed one cell of a persona's love/hate table and saved it."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == attribute)
    ws[f"{column}{row}"] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_viewer_of_an_anonymous_workshop_gets_no_names_in_the_files(sqlite_store, demo):
    update_settings(sqlite_store, demo.facilitator, anonymous=True)
    assert not any(authors(take_home.workshop_file(sqlite_store, demo.viewer)))


def test_the_pdf_report_holds_the_workshop_for_a_viewer_on_letter_paper(sqlite_store, demo):
    data = take_home.report(sqlite_store, demo.viewer, paper="letter")
    with pdfplumber.open(io.BytesIO(data)) as doc:
        assert (round(doc.pages[0].width), round(doc.pages[0].height)) == (612, 792)
        text = " ".join(page.extract_text() for page in doc.pages)
    assert all(p.name in text for p in load_demo().personas)
    assert "The vote" in text
    # The decision marked in the workshop reaches the report, with its owners.
    assert "The decision" in text and all(c.owner in text for c in load_demo().decision.chosen)


def test_the_workshop_file_holds_the_whole_workshop(sqlite_store, demo):
    snap = from_json(take_home.workshop_file(sqlite_store, demo.facilitator))
    assert [p.name for p in snap.personas] == [p.name for p in load_demo().personas]
    assert len(snap.ideas) == len(load_demo().ideas)


def test_a_file_name_keeps_letters_and_drops_what_file_systems_refuse():
    assert take_home.file_stem("Café day: 3/4 <plan>") == "Café day 3 4 plan"
    assert take_home.file_stem("///") == "workshop"


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message():
    upload = take_home.read_upload("book.xlsx", b"just text, renamed")
    assert not upload.ok and upload.kind == "workbook"
    assert "not an Excel workbook" in upload.problems[0]


def test_a_workbook_renamed_to_json_is_still_read_as_a_workbook():
    upload = take_home.read_upload("workshop.json", to_xlsx(load_demo(), charts=False))
    assert upload.ok and upload.kind == "workbook"


def test_a_broken_workshop_file_is_refused_with_a_message():
    upload = take_home.read_upload("w.json", b'{"format": "love-hate-workshop", "version": 3}')
    assert not upload.ok and "version" in upload.problems[0]


def test_an_oversized_upload_is_refused_before_it_is_read():
    upload = take_home.read_upload("w.json", b" " * (MAX_UPLOAD_BYTES + 1))
    assert not upload.ok and "at most 5 MB" in upload.problems[0]


def test_a_workshop_file_opens_as_a_template_without_votes(sqlite_store):
    upload = take_home.read_upload("demo.json", to_json(load_demo()))
    token = take_home.open_upload(sqlite_store, upload, "Gia", template=True)
    b = board(sqlite_store, token)
    assert b.caller.is_facilitator and b.caller.name == "Gia"
    assert len(b.personas) == 5 and not b.ratings
    assert snapshot(sqlite_store, token).votes == () and b.workshop.phase == "promise"


def test_a_stance_edited_in_the_exported_workbook_is_previewed_and_applied(sqlite_store, demo):
    token = demo.facilitator
    data = take_home.workbook(sqlite_store, token)
    persona = board(sqlite_store, token).personas[0]
    assert persona.stance("human_contact").score == -1
    changed = edited(data, persona.name, "Human contact", "B", "love strongly")

    upload = take_home.read_upload("back.xlsx", changed, snapshot(sqlite_store, token))
    assert upload.ok, upload.problems
    assert upload.applied == (f"{persona.name}: Human contact goes from hate to love strongly.",)
    assert take_home.apply_upload(sqlite_store, token, upload) == 1
    assert board(sqlite_store, token).personas[0].stance("human_contact").score == 2


def test_a_workbook_with_a_real_formula_changes_nothing_and_names_the_cell(sqlite_store, demo):
    token = demo.facilitator
    before = board(sqlite_store, token).personas
    name = before[0].name
    data = edited(to_xlsx(snapshot(sqlite_store, token), charts=False), name, "Price", "D", "=1+1")

    upload = take_home.read_upload("back.xlsx", data, snapshot(sqlite_store, token))
    assert not upload.ok and upload.after is None
    assert any(f"Sheet '{name}' cell D" in p and "formula" in p for p in upload.problems)
    with pytest.raises(Exception, match="without problems"):
        take_home.apply_upload(sqlite_store, token, upload)
    assert board(sqlite_store, token).personas == before


def test_idea_edits_are_listed_as_not_brought_back_and_stay_as_they_were(sqlite_store, demo):
    token = demo.facilitator
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(snapshot(sqlite_store, token), charts=False)))
    old_title = wb["Ideas"]["A3"].value
    wb["Ideas"]["A3"] = "Renamed in Excel"
    out = io.BytesIO()
    wb.save(out)

    upload = take_home.read_upload("back.xlsx", out.getvalue(), snapshot(sqlite_store, token))
    assert upload.ok and not upload.applied
    assert any("Renamed in Excel" in s for s in upload.new_only)
    assert any(i.title == old_title for i in board(sqlite_store, token).ideas)


def test_a_persona_changed_in_the_app_since_the_preview_is_not_overwritten(sqlite_store, demo):
    token = demo.facilitator
    base = snapshot(sqlite_store, token)
    persona = base.personas[0]
    data = edited(to_xlsx(base, charts=False), persona.name, "Price", "B", "hate strongly")
    upload = take_home.read_upload("back.xlsx", data, base)
    current = board(sqlite_store, token).personas[0]
    texts = {
        k: getattr(current, k)
        for k in ("name", "quote", "description", "share", "evidence", "emoji", "colour")
    }
    update_persona(sqlite_store, token, current, {**texts, "quote": "Changed meanwhile."})
    with pytest.raises(StaleEdit):
        take_home.apply_upload(sqlite_store, token, upload)
    assert board(sqlite_store, token).personas[0].stance("price").score == persona.stance("price").score


def test_a_rounds_file_name_is_the_title_and_the_label_by_the_same_rule():
    assert take_home.file_stem("Café day", "After the map?") == "Café day After the map"
    assert take_home.file_stem("///", "***") == "workshop"


def test_the_demo_opens_as_a_fresh_copy_for_whoever_asks(sqlite_store):
    first, second = take_home.open_demo(sqlite_store), take_home.open_demo(sqlite_store)
    assert first != second
    assert board(sqlite_store, first).caller.is_facilitator
    assert [p.name for p in board(sqlite_store, second).personas] == [p.name for p in load_demo().personas]
