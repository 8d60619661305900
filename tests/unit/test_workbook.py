"""The exported workbook: sheets people can read and print, which no spreadsheet turns into formulas."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

from exports import workbook_persona
from exports.demo import load_demo
from exports.workbook import to_xlsx
from exports.workbook_import import from_xlsx
from personas.scale import STANCE_LABELS
from workshop.fit import fit, label


@pytest.fixture(scope="module")
def demo_xlsx() -> bytes:
    return to_xlsx(load_demo())


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _renamed(*names: str):
    demo = load_demo()
    personas = tuple(replace(p, name=n) for p, n in zip(demo.personas, names, strict=False))
    return replace(demo, personas=personas + demo.personas[len(names) :])


def test_the_workbook_has_an_overview_a_sheet_per_persona_and_the_maps(demo_xlsx):
    wb = _open(demo_xlsx)
    persona_names = [p.name for p in load_demo().personas]
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible == ["Overview", *persona_names, "Love-Hate", "Ideas", "Fit", "Decision"]


def test_pandas_reads_every_sheet(demo_xlsx):
    sheets = pd.read_excel(io.BytesIO(demo_xlsx), sheet_name=None)
    demo = load_demo()
    love_hate = sheets["Love-Hate"].set_index("Persona")
    assert love_hate.loc[demo.personas[0].name, "Speed"] == demo.personas[0].stance("speed").score
    assert list(sheets["Fit"].iloc[:, 0]) == [i.title for i in demo.ideas]


def test_the_overview_lists_key_findings(demo_xlsx):
    ws = _open(demo_xlsx)["Overview"]
    assert any(ws.cell(r, 1).value == "Key findings" for r in range(1, ws.max_row + 1))


def test_fit_cells_hold_the_fit_number_with_its_label_beside_it(demo_xlsx):
    demo = load_demo()
    ws = _open(demo_xlsx)["Fit"]
    assert ws["A1"].value is None
    keys = [a.key for a in demo.attributes]
    expected = round(fit(demo.ideas[0], demo.personas[0], keys), 2)
    assert ws["B2"].value == expected and isinstance(ws["B2"].value, float | int)
    label_column = len(demo.personas) + 3
    assert ws.cell(2, label_column).value == label(expected)


def test_persona_sheet_offers_the_five_stance_words_and_prints_on_one_landscape_page(demo_xlsx):
    ws = _open(demo_xlsx)[load_demo().personas[0].name]
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any(all(word in f for word in STANCE_LABELS.values()) for f in formulas)
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)


def test_tables_keep_their_header_rows_frozen(demo_xlsx):
    wb = _open(demo_xlsx)
    assert wb["Love-Hate"].freeze_panes == "B2"
    assert wb["Fit"].freeze_panes == "B2"
    assert wb["Ideas"].freeze_panes == "B3"


def test_the_sheet_mapping_persona_keys_is_hidden(demo_xlsx):
    assert _open(demo_xlsx)["_keys"].sheet_state == "hidden"


def test_each_persona_sheet_embeds_its_profile_chart(demo_xlsx):
    media = [n for n in zipfile.ZipFile(io.BytesIO(demo_xlsx)).namelist() if n.startswith("xl/media/")]
    assert len(media) == len(load_demo().personas)


def test_a_chart_that_cannot_be_rendered_leaves_out_the_image_not_the_export(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer missing")

    monkeypatch.setattr(workbook_persona.vl_convert, "vegalite_to_png", broken)
    data = to_xlsx(load_demo())
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/media/")]
    assert len(_open(data).sheetnames) > 5


HOSTILE_NAMES = [
    "A name that is much longer than thirty-one characters",
    "[Bad]:*?/\\ name",
    "   ",
    "History",
    "'quoted'",
    "Overview",
]


def test_hostile_persona_names_still_give_valid_unique_sheet_names():
    snapshot = _renamed(*HOSTILE_NAMES[:5])
    wb = _open(to_xlsx(snapshot))
    names = wb.sheetnames
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= 31
        assert not re.search(r"[\[\]:*?/\\]", name)
        assert not name.startswith("'") and not name.endswith("'")
        assert name.lower() != "history"


def test_personas_with_the_same_name_in_different_case_get_distinct_sheets():
    wb = _open(to_xlsx(_renamed("Overview", "same", "SAME")))
    assert len(wb.sheetnames) == len({n.lower() for n in wb.sheetnames})


FORMULA_LIKE = ['=HYPERLINK("http://example.com","click")', "+1", "-x", "@a", "\tx", "\rx"]


def _formula_like_snapshot():
    demo = load_demo()
    first = demo.personas[0]
    notes = {
        a.key: replace(first.stance(a.key), note=text)
        for a, text in zip(demo.attributes[:6], FORMULA_LIKE, strict=True)
    }
    persona = replace(first, name=FORMULA_LIKE[0], quote="+1", stances={**first.stances, **notes})
    idea = replace(demo.ideas[0], title="=1+1", author="@a")
    return replace(demo, title="-x", personas=(persona, *demo.personas[1:]), ideas=(idea, *demo.ideas[1:]))


def test_no_user_text_becomes_a_formula():
    data = to_xlsx(_formula_like_snapshot())
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets
    for name in sheets:
        assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def test_text_that_looks_like_a_formula_comes_back_unchanged():
    snapshot = _formula_like_snapshot()
    back = from_xlsx(to_xlsx(snapshot))
    assert back.title == "-x"
    assert back.personas[0].name == FORMULA_LIKE[0]
    assert back.personas[0].quote == "+1"
    assert [back.personas[0].stance(a.key).note for a in back.attributes[:6]] == FORMULA_LIKE
    assert (back.ideas[0].title, back.ideas[0].author) == ("=1+1", "@a")


def test_openpyxl_and_pandas_read_formula_like_text_as_text():
    data = to_xlsx(_formula_like_snapshot())
    name = _open(data).sheetnames[1]
    assert _open(data)[name]["B1"].value == FORMULA_LIKE[0]
    frame = pd.read_excel(io.BytesIO(data), sheet_name=name, header=None)
    assert frame.iloc[0, 1] == FORMULA_LIKE[0]
