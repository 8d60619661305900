"""Bringing a workbook edited in a spreadsheet back into the workshop, all or nothing."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from exports import layout as L
from exports.demo import load_demo
from exports.workbook import to_xlsx
from exports.workbook_import import ImportProblems, from_xlsx, preview_changes
from exports.workshop_file import from_json, to_json


@pytest.fixture(scope="module")
def demo_xlsx() -> bytes:
    return to_xlsx(load_demo(), charts=False)


def _edit(data: bytes, edits: dict[tuple[str, str], object]) -> bytes:
    """Change cells as a person would in a spreadsheet, and save."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for (sheet, ref), value in edits.items():
        wb[sheet][ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row_of(data: bytes, sheet: str, attribute_name: str) -> int:
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == attribute_name)


def test_an_edited_stance_word_and_note_come_back(demo_xlsx):
    demo = load_demo()
    sheet = demo.personas[0].name
    row = _row_of(demo_xlsx, sheet, "Human contact")
    edited = _edit(
        demo_xlsx, {(sheet, f"B{row}"): "love strongly", (sheet, f"D{row}"): "Misses the old ticket office."}
    )
    persona = from_xlsx(edited).personas[0]
    assert persona.stance("human_contact").score == 2
    assert persona.stance("human_contact").note == "Misses the old ticket office."


def test_an_edited_score_counts_when_the_stance_word_was_left_alone(demo_xlsx):
    sheet = load_demo().personas[0].name
    row = _row_of(demo_xlsx, sheet, "Price")
    assert from_xlsx(_edit(demo_xlsx, {(sheet, f"C{row}"): -2})).personas[0].stance("price").score == -2


def test_the_stance_word_wins_when_word_and_score_were_both_changed(demo_xlsx):
    sheet = load_demo().personas[0].name
    row = _row_of(demo_xlsx, sheet, "Price")
    edited = _edit(demo_xlsx, {(sheet, f"B{row}"): "hate", (sheet, f"C{row}"): 2})
    assert from_xlsx(edited).personas[0].stance("price").score == -1


def test_persona_texts_edited_in_the_workbook_come_back(demo_xlsx):
    sheet = load_demo().personas[1].name
    edited = _edit(
        demo_xlsx,
        {(sheet, "B1"): "Island Ida", (sheet, "B2"): "Call me, don't text.", (sheet, "B4"): "12,5 %"},
    )
    persona = from_xlsx(edited).personas[1]
    assert (persona.name, persona.quote, persona.share) == ("Island Ida", "Call me, don't text.", 12.5)


def test_a_workshop_file_survives_the_trip_through_the_workbook():
    demo = load_demo()
    back = from_json(to_json(from_xlsx(to_xlsx(demo, charts=False))))
    assert back.attributes == demo.attributes
    assert back.personas == demo.personas
    assert back.ideas == demo.ideas
    for persona in demo.personas:
        for attribute in demo.attributes:
            assert back.personas[demo.personas.index(persona)].stance(attribute.key) == persona.stance(
                attribute.key
            )


def test_an_idea_edited_and_one_added_in_the_spreadsheet_come_back(demo_xlsx):
    demo = load_demo()
    new_row = 3 + len(demo.ideas)
    edited = _edit(
        demo_xlsx,
        {
            ("Ideas", "A3"): "Texts when your boat is late",
            ("Ideas", f"A{new_row}"): "Dogs welcome on the top deck",
            ("Ideas", f"C{new_row}"): "Incremental",
            ("Ideas", f"D{new_row}"): "Core touch",
            ("Ideas", f"H{new_row}"): 1,
        },
    )
    ideas = from_xlsx(edited).ideas
    assert ideas[0].title == "Texts when your boat is late"
    assert (ideas[-1].title, ideas[-1].range, ideas[-1].touch) == (
        "Dogs welcome on the top deck",
        "incremental",
        "core",
    )
    assert ideas[-1].effects == {demo.attributes[0].key: 1}


def test_edits_are_applied_to_the_workshop_given_as_base(demo_xlsx):
    demo = load_demo()
    base = replace(demo, votes=demo.votes[:1])
    sheet = demo.personas[0].name
    result = from_xlsx(_edit(demo_xlsx, {(sheet, "B2"): "On time or nothing."}), base=base)
    assert result.votes == demo.votes[:1]
    assert result.personas[0].quote == "On time or nothing."


def test_every_problem_is_listed_by_sheet_and_cell_and_nothing_is_imported(demo_xlsx):
    sheet = load_demo().personas[0].name
    row = _row_of(demo_xlsx, sheet, "Speed")
    edited = _edit(demo_xlsx, {(sheet, f"B{row}"): "adore", (sheet, "B1"): None, ("Ideas", "C4"): "Sideways"})
    with pytest.raises(ImportProblems) as caught:
        from_xlsx(edited)
    problems = caught.value.problems
    assert any(p.startswith(f"Sheet '{sheet}' cell B{row}:") for p in problems)
    assert any(p.startswith(f"Sheet '{sheet}' cell B1:") for p in problems)
    assert any(p.startswith("Sheet 'Ideas' cell C4:") for p in problems)


def test_a_workbook_not_exported_by_the_app_is_refused_by_name():
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImportProblems, match="Sheet '_keys' is missing"):
        from_xlsx(out.getvalue())


def test_the_preview_says_what_would_change(demo_xlsx):
    demo = load_demo()
    sheet = demo.personas[0].name
    row = _row_of(demo_xlsx, sheet, "Speed")
    after = from_xlsx(_edit(demo_xlsx, {(sheet, f"B{row}"): "hate"}))
    assert preview_changes(demo, after) == [f"{sheet}: Speed goes from love strongly to hate."]


def test_the_preview_of_an_unedited_workbook_is_empty(demo_xlsx):
    assert preview_changes(load_demo(), from_xlsx(demo_xlsx)) == []


def test_a_persona_sheet_renamed_in_the_spreadsheet_still_comes_back(demo_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(demo_xlsx))
    ws = wb[load_demo().personas[2].name]
    ws.title = "Renamed"
    ws["B2"] = "Renamed, still me."
    out = io.BytesIO()
    wb.save(out)
    assert from_xlsx(out.getvalue()).personas[2].quote == "Renamed, still me."


def _earlier_layout(data: bytes) -> bytes:
    """The workbook as the app exported it before the loves and hates lines: table header on row 7,
    plain scores and no formulas."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    demo = load_demo()
    for persona in demo.personas:
        ws = wb[persona.name]
        for merged in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(merged))
        ws.delete_rows(L.LOVES_ROW, 2)
        for row in range(L.TABLE_HEADER_ROW - 1, ws.max_row + 1):
            for column in (L.TABLE_COLUMNS["hates"], L.TABLE_COLUMNS["loves"]):
                ws.cell(row, column).value = None
            if ws.cell(row, L.TABLE_COLUMNS["key"]).value in {a.key for a in demo.attributes}:
                attribute = ws.cell(row, L.TABLE_COLUMNS["key"]).value
                ws.cell(row, L.TABLE_COLUMNS["score"]).value = persona.stance(attribute).score
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_workbook_in_the_earlier_layout_still_comes_back_with_its_edits(demo_xlsx):
    old = _earlier_layout(demo_xlsx)
    sheet = load_demo().personas[0].name
    assert openpyxl.load_workbook(io.BytesIO(old))[sheet].cell(7, L.TABLE_COLUMNS["key"]).value == "key"
    row = _row_of(old, sheet, "Price")  # the first attribute, on row 8
    persona = from_xlsx(_edit(old, {(sheet, f"B{row}"): "hate strongly"})).personas[0]
    assert persona.stance("price").score == -2
    assert persona.stance("speed") == load_demo().personas[0].stance("speed")


def test_the_sheets_own_score_formulas_are_not_read_as_typed_scores(demo_xlsx):
    sheet = load_demo().personas[0].name
    row = _row_of(demo_xlsx, sheet, "Price")
    ws = openpyxl.load_workbook(io.BytesIO(demo_xlsx))[sheet]
    assert str(ws[f"C{row}"].value).startswith("=")
    assert (
        from_xlsx(_edit(demo_xlsx, {(sheet, f"B{row}"): "hate strongly"})).personas[0].stance("price").score
        == -2
    )


def test_a_formula_typed_where_people_write_text_is_refused_even_if_it_looks_like_the_apps(demo_xlsx):
    sheet = load_demo().personas[0].name
    row = _row_of(demo_xlsx, sheet, "Price")
    with pytest.raises(ImportProblems) as caught:
        from_xlsx(_edit(demo_xlsx, {(sheet, f"D{row}"): f"=MAX(N(C{row}),0)"}))
    assert caught.value.problems == [
        f"Sheet '{sheet}' cell D{row}: holds a formula; formulas are not accepted, type the value itself"
    ]
