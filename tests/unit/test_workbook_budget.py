"""Hostile workbooks are refused within the memory budget, by the checks, never by luck.

Every file is read as uploads and `python -m exports from-xlsx` read it: by a reader process
(exports/reader_process.py). Here that process gets four times the real address-space limit, so
its measured peak shows what the checks alone hold it to: under READER_MEMORY_BYTES (400 MB),
and ended by a refusal, not by a limit.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.demo import load_demo
from exports.limits import (
    MAX_CELLS,
    MAX_STYLES,
    MAX_UNCOMPRESSED_BYTES,
    MAX_XML_DEPTH,
    READER_MEMORY_BYTES,
)
from exports.reader_process import Reading, read_isolated
from exports.safety import check_xlsx
from exports.workbook import to_xlsx
from tests.support import hostile_xlsx as hostile

BUDGET = READER_MEMORY_BYTES
MB = 1024 * 1024
ROOMY = {"memory_bytes": 4 * BUDGET, "cpu_seconds": 60, "wall_seconds": 180}


@pytest.fixture(scope="module")
def demo_xlsx() -> bytes:
    return to_xlsx(load_demo(), charts=True)


def read(data: bytes, **limits: object) -> Reading:
    return read_isolated("workbook", data, **{**ROOMY, **limits})  # type: ignore[arg-type]


def refused_within_budget(data: bytes, match: str) -> Reading:
    reading = read(data)
    assert reading.after is None
    assert reading.stopped_by == "", reading.problems  # the checks refused it, not a limit
    assert any(match in problem for problem in reading.problems), reading.problems
    assert 0 < reading.peak_bytes < BUDGET
    return reading


def sheets(**named: hostile.Part) -> bytes:
    return hostile.write_zip(hostile.skeleton(named))


def test_forty_dense_sheets_each_under_every_per_sheet_cap_are_refused_by_their_cell_count():
    refused_within_budget(hostile.dense_workbook(40, 1292, 200), f"more than {MAX_CELLS:,} cells")


@pytest.mark.parametrize("honest_crc", [True, False], ids=["checksum-of-the-claimed-bytes", "wrong-checksum"])
def test_a_sheet_inflating_to_gigabytes_behind_a_header_claiming_a_kilobyte_is_refused_as_it_inflates(
    demo_xlsx, honest_crc
):
    bomb = hostile.lying_bomb(demo_xlsx, "xl/worksheets/sheet2.xml", 2200 * MB, honest_crc=honest_crc)
    assert len(bomb) < 5 * MB
    refused_within_budget(bomb, "inflates to more than its header says")


def test_a_bomb_whose_headers_tell_the_truth_is_refused_from_the_directory(demo_xlsx):
    out = io.BytesIO(demo_xlsx)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet99.xml", bytes(MAX_UNCOMPRESSED_BYTES))
    refused_within_budget(out.getvalue(), "would unpack to")


def test_parts_a_workbook_does_not_need_are_never_inflated_nor_passed_on(demo_xlsx):
    padded = hostile.with_extra_parts(demo_xlsx, 30, MB)
    kept = set(zipfile.ZipFile(io.BytesIO(check_xlsx(padded))).namelist())
    assert not any(name.startswith(("xl/extra/", "xl/media/", "xl/drawings/", "docProps/")) for name in kept)
    assert {"xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml"} <= kept
    reading = read(padded)
    assert reading.ok and reading.peak_bytes < BUDGET / 4
    assert [p.name for p in reading.after.personas] == [p.name for p in load_demo().personas]


def test_one_sheet_part_listed_as_forty_sheets_is_refused():
    refused_within_budget(
        hostile.one_sheet_listed(40, hostile.dense_sheet(700, 200)), "lists one sheet twice"
    )


def test_a_merged_range_over_a_whole_sheet_counts_as_all_its_cells():
    refused_within_budget(sheets(S=hostile.wide_merge_sheet("A1:GR5000")), "cells")


def test_a_hyperlink_over_a_range_counts_as_all_its_cells():
    refused_within_budget(sheets(S=hostile.linked_range_sheet("A1:GR5000")), "cells")


def test_a_style_sheet_with_thousands_of_records_is_refused_before_they_are_built():
    data = hostile.write_zip(hostile.skeleton({"S": hostile.dense_sheet(1, 1)}, hostile.many_styles(11_500)))
    refused_within_budget(data, f"more than {MAX_STYLES:,} cell styles")


def test_xml_nested_deeper_than_any_real_workbook_is_refused():
    refused_within_budget(sheets(S=hostile.deep_sheet(140_000)), f"more than {MAX_XML_DEPTH} levels deep")


def test_one_text_longer_than_a_cell_can_hold_is_refused():
    # Under a megabyte, so it passes the zip directory's checks and meets the streaming one.
    refused_within_budget(
        sheets(S=hostile.long_text_sheet(1_000_000)), "more than a spreadsheet cell can hold"
    )


def test_ranges_listed_by_the_hundred_thousand_are_counted_over_the_whole_workbook():
    listed = {f"S{n}": hostile.listed_ranges_sheet(340_000) for n in range(1, 4)}
    refused_within_budget(sheets(**listed), "pieces of XML")


def test_a_part_compressed_in_a_way_spreadsheet_apps_never_use_is_refused(demo_xlsx):
    refused_within_budget(hostile.bzip2_part(demo_xlsx, "xl/worksheets/sheet2.xml"), "compressed in a way")


def test_the_demo_is_read_in_a_fraction_of_the_budget(demo_xlsx):
    reading = read(demo_xlsx)
    assert reading.ok and reading.stopped_by == ""
    assert reading.peak_bytes < BUDGET / 4


# -- the app's own workbooks: live charts and the sheets' own formulas pass the reader -------


def _with_cell(data: bytes, sheet: str, ref: str, value: object) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb[sheet][ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(data: bytes, sheet: str, attribute_name: str) -> int:
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == attribute_name)


def test_a_workbook_with_live_charts_and_its_own_formulas_is_read_whole_by_the_reader_process(demo_xlsx):
    names = zipfile.ZipFile(io.BytesIO(demo_xlsx)).namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) == len(load_demo().personas)
    sheet = zipfile.ZipFile(io.BytesIO(demo_xlsx)).read("xl/worksheets/sheet2.xml")
    assert b"<f>IFERROR(MATCH(TRIM(" in sheet and b"<f>MAX(N(" in sheet
    reading = read_isolated("workbook", demo_xlsx)  # the limits uploads get
    assert reading.ok, reading.problems
    back, demo = reading.after, load_demo()
    assert (back.personas, back.ideas, back.votes) == (demo.personas, demo.ideas, demo.votes)
    assert (back.promise_ratings, back.decision.idea_keys) == (demo.promise_ratings, demo.decision.idea_keys)


def test_a_stance_word_edited_beside_its_score_formula_arrives_through_the_reader_process(demo_xlsx):
    demo = load_demo()
    sheet = demo.personas[0].name
    assert demo.personas[0].stance("price").score > 0
    edited = _with_cell(demo_xlsx, sheet, f"B{_row(demo_xlsx, sheet, 'Price')}", "hate strongly")
    assert openpyxl.load_workbook(io.BytesIO(edited))[sheet]._charts, "the edit kept the chart"
    reading = read_isolated("workbook", edited, demo)
    assert reading.ok, reading.problems
    assert reading.after.personas[0].stance("price").score == -2
    assert reading.after.personas[1:] == demo.personas[1:]


@pytest.mark.parametrize(
    "column, formula",
    [
        ("C", '=WEBSERVICE("http://example.com")'),  # a computed cell, a function the app never uses
        ("C", "=Overview!B1"),  # a computed cell reaching another sheet
        ("D", "=MAX(N(C10),0)"),  # the app's own shape, typed where people write notes
    ],
)
def test_a_formula_the_app_did_not_put_there_is_refused_by_the_reader_process(demo_xlsx, column, formula):
    sheet = load_demo().personas[0].name
    row = _row(demo_xlsx, sheet, "Price")
    reading = read_isolated("workbook", _with_cell(demo_xlsx, sheet, f"{column}{row}", formula))
    assert reading.after is None and reading.stopped_by == ""
    assert reading.problems == (
        f"Sheet '{sheet}' cell {column}{row}: holds a formula; formulas are not accepted, type the value itself",
    )


def test_a_formula_with_markup_inside_it_is_refused_as_damaged(demo_xlsx):
    part = "xl/worksheets/sheet2.xml"
    xml = zipfile.ZipFile(io.BytesIO(demo_xlsx)).read(part)
    hidden = xml.replace(b"<f>MAX(N(", b"<f>MAX(<is><t>Overview!B1</t></is>N(", 1)
    assert hidden != xml
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(demo_xlsx)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, hidden if info.filename == part else src.read(info))
    refused_within_budget(out.getvalue(), f"({part} is not valid XML)")


# -- the reader's own limits: what the checks miss still cannot take the app down ------------


def _children() -> set[str]:
    """This process's child processes, whichever thread started them."""
    tasks = Path("/proc/self/task").iterdir()
    return {pid for task in tasks for pid in (task / "children").read_text().split()}


def _rss() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


def busy_workbook() -> bytes:
    """Under every cap, yet more memory than 64 MB and more work than one second of CPU."""
    words = b'<c t="inlineStr"><is><t>Crosses twice a day</t></is></c>'
    # Eight sheets of 17,500 cells of text, each part under a megabyte: 140,000 cells in all.
    return sheets(**{f"S{n}": hostile.dense_sheet(100, 175, cell=words) for n in range(1, 9)})


def test_a_reader_reaching_its_memory_limit_is_ended_and_the_caller_goes_on_as_it_was():
    before, children = _rss(), _children()
    reading = read_isolated("workbook", busy_workbook(), memory_bytes=64 * MB)
    assert reading.after is None and reading.stopped_by == "memory"
    assert reading.problems == (
        "Reading this workbook needed more than 64 MB of memory, far more than any workbook this app "
        "exports. It was refused; nothing changed.",
    )
    assert _rss() - before < 20 * MB
    assert _children() <= children  # no reader left behind, not even a zombie


def test_a_reader_that_does_not_answer_in_time_is_ended_and_the_file_refused(demo_xlsx):
    children = _children()
    reading = read_isolated("workbook", demo_xlsx, wall_seconds=0.05)
    assert reading.after is None and reading.stopped_by == "time"
    assert "took longer than" in reading.problems[0]
    assert _children() <= children


def test_a_reader_using_up_its_cpu_time_is_ended_and_the_file_refused():
    reading = read_isolated("workbook", busy_workbook(), cpu_seconds=1, wall_seconds=120)
    assert reading.after is None, reading.problems
    assert reading.stopped_by == "time"


# -- generated hostile workbooks ---------------------------------------------------------------


def _demo() -> bytes:
    return to_xlsx(load_demo(), charts=False)


_DEMO = None


def demo_once() -> bytes:
    global _DEMO
    if _DEMO is None:
        _DEMO = _demo()
    return _DEMO


dense = st.builds(
    lambda count, rows, columns: ("dense", hostile.dense_workbook(count, rows, columns)),
    st.integers(1, 45),
    st.integers(1, 1400),
    st.integers(1, 200),
)
lying = st.builds(
    lambda part, inflated, claimed, crc: (
        "lying",
        hostile.lying_bomb(demo_once(), part, inflated * MB, claimed, honest_crc=crc),
    ),
    st.sampled_from(
        [
            "xl/worksheets/sheet2.xml",
            "xl/styles.xml",
            "xl/workbook.xml",
            "[Content_Types].xml",
            "xl/_rels/workbook.xml.rels",
        ]
    ),
    st.integers(8, 3000),
    st.integers(0, 100_000),
    st.booleans(),
)
many_parts = st.integers(1, 340).flatmap(
    lambda count: st.builds(
        lambda size: ("parts", hostile.with_extra_parts(demo_once(), count, size)),
        st.integers(16, min(MB, 48 * MB // count)),
    )
)
deep = st.builds(
    lambda depth: ("deep", sheets(S=hostile.deep_sheet(depth))), st.integers(MAX_XML_DEPTH, 250_000)
)
styles = st.builds(
    lambda count: (
        "styles",
        hostile.write_zip(hostile.skeleton({"S": hostile.dense_sheet(1, 1)}, hostile.many_styles(count))),
    ),
    st.integers(MAX_STYLES - 10, 40_000),
)
ranges = st.builds(
    lambda kind, rows, columns: (
        kind,
        sheets(
            S=(hostile.wide_merge_sheet if kind == "merge" else hostile.linked_range_sheet)(
                f"A1:{hostile.column_letters(columns)}{rows}"
            )
        ),
    ),
    st.sampled_from(["merge", "link"]),
    st.integers(1, 1_048_576),
    st.integers(1, 16_384),
)
long_text = st.builds(lambda n: ("text", sheets(S=hostile.long_text_sheet(n))), st.integers(30_000, 40 * MB))
listed = st.builds(lambda n: ("sqref", sheets(S=hostile.listed_ranges_sheet(n))), st.integers(1, 2_000_000))


@settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(st.one_of(dense, lying, many_parts, deep, styles, ranges, long_text, listed))
def test_generated_hostile_workbooks_are_answered_within_the_memory_budget(case):
    kind, data = case
    reading = read(data)
    assert reading.stopped_by == "", (kind, reading.problems)  # a check answered, not a limit
    assert reading.ok or reading.problems
    assert 0 < reading.peak_bytes < BUDGET, (kind, reading.peak_bytes)
