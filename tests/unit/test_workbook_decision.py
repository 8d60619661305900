"""The workbook's Promise column in Fit and its Decision sheet."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from exports.demo import load_demo
from exports.workbook import to_xlsx
from exports.workbook_import import from_xlsx
from workshop.domain.fit import fit, label
from workshop.domain.model import ChosenIdea, Decision
from workshop.domain.promise import promise_medians


@pytest.fixture(scope="module")
def demo_book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(load_demo(), charts=False)))


def _column(ws, title: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == title)


def _rows(ws, first: int, last: int) -> list[list]:
    return [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(first, last + 1)]


def test_the_fit_sheet_has_a_promise_column_with_the_team_median_and_blanks_where_nobody_judged():
    demo = load_demo()
    judged = {r.idea for r in demo.promise_ratings}
    unjudged = replace(demo, promise_ratings=tuple(r for r in demo.promise_ratings if r.idea != "tap_on"))
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(unjudged, charts=False)))["Fit"]
    column = _column(ws, "Promise (team median)")
    assert column == 2 * len(demo.personas) + 3  # after the fit numbers and their labels
    medians = promise_medians(unjudged.promise_ratings)
    for row, idea in enumerate(demo.ideas, start=2):
        value = ws.cell(row, column).value
        assert value == medians.get(idea.key), idea.title
        if idea.key in medians:
            assert ws.cell(row, column).number_format == "+0.0;-0.0;0"
    assert (
        "tap_on" in judged
        and ws.cell(1 + [i.key for i in demo.ideas].index("tap_on") + 1, column).value is None
    )


def test_the_decision_sheet_lists_chosen_ideas_with_labels_per_persona_promise_next_step_and_owner(demo_book):
    demo = load_demo()
    ws = demo_book["Decision"]
    assert ws["A1"].value == "Decision" and ws["B1"].value == "Marked by the facilitator."
    assert ws["B2"].value == demo.promise
    names = [p.name for p in demo.personas]
    head = [ws.cell(5, c).value for c in range(1, 8 + len(names))]
    assert head == [
        "Idea",
        "Range of value",
        "Touch moment",
        "Votes",
        "Promise (team median)",
        *names,
        "Next step",
        "Owner",
    ]
    keys = [a.key for a in demo.attributes]
    ideas = {i.key: i for i in demo.ideas}
    medians = promise_medians(demo.promise_ratings)
    for row, chosen in enumerate(demo.decision.chosen, start=6):
        idea = ideas[chosen.idea]
        values = [ws.cell(row, c).value for c in range(1, 8 + len(names))]
        assert values[0] == idea.title and values[4] == medians[idea.key]
        assert values[5 : 5 + len(names)] == [label(fit(idea, p, keys)) for p in demo.personas]
        assert values[-2:] == [chosen.next_step, chosen.owner]


def test_the_decision_sheet_says_who_is_served_what_is_missing_and_how_many_customers_are_reached(demo_book):
    ws = demo_book["Decision"]
    assert ws["A3"].value == "Customers reached"
    assert ws["B3"].value.startswith("100 % of customers (Daily Dara, Island Iris")
    text = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "Best chosen idea" in text
    assert "No chosen idea is breakthrough or disruptive." in text
    assert "none" in text  # the empty cells of the range × touch moment grid


def test_an_unmarked_decision_shows_the_top_voted_ideas_as_proposed():
    demo = replace(load_demo(), decision=Decision())
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(demo, charts=False)))["Decision"]
    assert ws["B1"].value.startswith("Proposed: the top-voted ideas.")
    titles = {i.key: i.title for i in demo.ideas}
    assert [ws.cell(r, 1).value for r in (6, 7, 8, 9)] == [
        titles["auto_refund"],
        titles["assisted_boarding"],
        titles["tap_on"],
        None,
    ]


def test_a_persona_called_decision_gets_its_own_sheet_beside_the_decision_sheet():
    demo = load_demo()
    personas = (replace(demo.personas[0], name="Decision"), replace(demo.personas[1], name="decision"))
    book = openpyxl.load_workbook(
        io.BytesIO(to_xlsx(replace(demo, personas=personas + demo.personas[2:]), charts=False))
    )
    assert len({n.lower() for n in book.sheetnames}) == len(book.sheetnames)
    assert "Decision" in book.sheetnames and book["Decision"]["A1"].value == "Decision"


def test_next_steps_that_look_like_formulas_stay_text_and_the_decision_survives_the_workbook():
    demo = load_demo()
    first = replace(demo.decision.chosen[0], next_step='=HYPERLINK("x")', owner="@ben")
    snapshot = replace(demo, decision=replace(demo.decision, chosen=(first, *demo.decision.chosen[1:])))
    data = to_xlsx(snapshot, charts=False)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Decision"]
    next_step, owner = ws.cell(6, 6 + len(demo.personas)), ws.cell(6, 7 + len(demo.personas))
    assert (next_step.value, owner.value) == ('=HYPERLINK("x")', "@ben")
    assert next_step.data_type == owner.data_type == "s"
    back = from_xlsx(data)  # opened as a new workshop, the embedded copy brings the decision back
    assert back.decision.chosen[0] == ChosenIdea(first.idea, '=HYPERLINK("x")', "@ben")
    assert back.promise_ratings == demo.promise_ratings


def test_the_overview_names_the_off_promise_favourite(demo_book):
    ws = demo_book["Overview"]
    findings = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    assert any("Parcel lockers" in str(f) and "promise" in str(f) for f in findings)
