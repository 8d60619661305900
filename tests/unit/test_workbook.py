"""The exported workbook: sheets people can read and print, which no spreadsheet turns into formulas."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

from exports import formulas
from exports.demo import load_demo
from exports.layout import TABLE_HEADER_ROW
from exports.workbook import to_xlsx
from exports.workbook_import import from_xlsx
from personas.scale import STANCE_LABELS
from workshop.domain.fit import fit, label


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


def test_fit_cells_hold_the_exact_fit_number_shown_with_two_decimals_and_its_label_beside_it(demo_xlsx):
    demo = load_demo()
    ws = _open(demo_xlsx)["Fit"]
    assert ws["A1"].value is None
    keys = [a.key for a in demo.attributes]
    label_column = len(demo.personas) + 3
    for row, idea in enumerate(demo.ideas, start=2):
        for col, persona in enumerate(demo.personas, start=2):
            exact = fit(idea, persona, keys)
            assert ws.cell(row, col).value == pytest.approx(exact, abs=1e-12)  # XML keeps 16 digits
            assert ws.cell(row, col).number_format == "+0.00;-0.00;0.00"
            assert ws.cell(row, label_column + col - 2).value == label(exact)


def test_fit_values_that_two_decimals_cannot_hold_are_stored_whole():
    demo = load_demo()
    thirds = replace(demo.ideas[0], effects={"speed": 1, "price": 1, "choice": 1})
    dara = demo.personas[0]  # loves speed strongly, loves price, hates choice: (2 + 1 - 1) / 12
    ws = _open(to_xlsx(replace(demo, ideas=(thirds,), personas=(dara,))))["Fit"]
    assert ws["B2"].value == pytest.approx(1 / 6, abs=1e-12) and ws["B2"].value != round(1 / 6, 2)


def test_persona_sheet_offers_the_five_stance_words_and_prints_on_one_landscape_page(demo_xlsx):
    ws = _open(demo_xlsx)[load_demo().personas[0].name]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any(all(word in f for word in STANCE_LABELS.values()) for f in lists)
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


def _sheet_formulas(data: bytes) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets
    return [f for name in sheets for f in re.findall(r"<f>([^<]*)</f>", archive.read(name).decode())]


def test_each_persona_sheet_draws_its_profile_from_its_own_cells(demo_xlsx):
    demo = load_demo()
    wb = _open(demo_xlsx)
    first, last = TABLE_HEADER_ROW + 1, TABLE_HEADER_ROW + len(demo.attributes)
    for persona in demo.personas:
        ws = wb[persona.name]
        (chart,) = ws._charts
        quoted = "'" + persona.name + "'"
        assert [s.val.numRef.f for s in chart.series] == [
            f"{quoted}!$F${first}:$F${last}",
            f"{quoted}!$G${first}:$G${last}",
        ]
        assert chart.series[0].cat.strRef.f == f"{quoted}!$A${first}:$A${last}"
        assert not chart.visible_cells_only  # its series sit in hidden columns
        assert [ws.cell(first + n, 1).value for n in range(len(demo.attributes))] == [
            a.name for a in demo.attributes
        ]


def test_scores_chart_series_and_the_loves_and_hates_lines_are_computed_from_the_stance_words(demo_xlsx):
    demo = load_demo()
    ws = _open(demo_xlsx)[demo.personas[0].name]
    row = TABLE_HEADER_ROW + 1
    assert ws[f"B{row}"].value == STANCE_LABELS[demo.personas[0].stance(demo.attributes[0].key).score]
    assert ws[f"C{row}"].value == formulas.stance_score(f"B{row}")
    assert ws[f"F{row}"].value == formulas.hate_part(f"C{row}")
    assert ws[f"G{row}"].value == formulas.love_part(f"C{row}")
    assert f"B{row}" in ws[f"C{row}"].value and f"C{row}" in ws["B6"].value and f"A{row}" in ws["B6"].value
    assert all(ws.column_dimensions[c].hidden for c in "EFG")


def test_the_score_formula_turns_each_stance_word_into_its_score():
    # Excel's MATCH finds the word's place among the five; the formula takes 3 off.
    words = re.search(r"\{(.*)\}", formulas.stance_score("B10")).group(1).split(",")
    assert [w.strip('"') for w in words] == [STANCE_LABELS[s] for s in (-2, -1, 0, 1, 2)]
    assert formulas.stance_score("B10").endswith(',0)-3,"")')


def test_every_formula_in_the_workbook_is_the_apps_own(demo_xlsx):
    found = _sheet_formulas(demo_xlsx)
    attributes = len(load_demo().attributes)
    assert len(found) == len(load_demo().personas) * (3 * attributes + 2)
    assert all(formulas.is_own(unescape_xml(f)) for f in found)


def unescape_xml(text: str) -> str:
    return text.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


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


def test_no_user_text_becomes_a_formula_or_goes_into_one():
    snapshot = _formula_like_snapshot()
    found = [unescape_xml(f) for f in _sheet_formulas(to_xlsx(snapshot))]
    assert found and all(formulas.is_own(f) for f in found)
    typed = [snapshot.title, snapshot.personas[0].name, snapshot.ideas[0].title, *FORMULA_LIKE[1:4]]
    for formula in found:
        assert not any(text in formula for text in typed if len(text) > 2), formula
    texts = {t for f in found for t in re.findall(r'"((?:[^"]|"")*)"', f)}
    assert texts <= formulas.TEXTS


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
