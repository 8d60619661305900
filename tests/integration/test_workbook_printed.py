"""The workbook as people print and re-save it: converted by LibreOffice, then read back.

LibreOffice starts slowly, so the workbooks are converted once for the whole module.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from exports import formulas
from exports.demo import load_demo
from exports.preview import preview_changes
from exports.reader_process import read_isolated
from exports.workbook import to_xlsx
from exports.workshop_file import from_json, to_json
from personas.model import Attribute, Stance
from personas.scale import STANCE_LABELS
from tests.support import libreoffice
from workshop.domain.decision import summarise_decision

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
A4_LANDSCAPE = (842, 595)
LETTER_LANDSCAPE = (792, 612)
ORANGE, BLUE = (0.902, 0.380, 0.0), (0.102, 0.522, 1.0)  # the chart's hate and love bars
PAPER_CODES = {"a4": 9, "letter": 1}  # the spreadsheet's own paper numbers
EDITED = ("Price", "hate strongly")  # the first persona loves price; someone changes that in the sheet


def hard_workshop():
    """The demo with texts at their limits, an attribute with a long name, and names in four scripts."""
    demo = load_demo()
    note = ("A long note on why this matters so much to this persona, with the detail people write. " * 4)[
        :300
    ]
    attributes = (
        *demo.attributes,
        Attribute("long", "An attribute whose name runs to nearly sixty characters"),
    )
    names = (
        "Zoë Łukasz-Ørsted née Dvořák",
        "דנה כהן",
        "سارة العلي",
        "Weekend Wren",
        "Group-lead Gus, booking for choirs, clubs and school trips",
    )
    personas = []
    for n, persona in enumerate(demo.personas):
        stances = {**persona.stances, "long": Stance(2 if n % 2 else -2, note)}
        if n == 0:
            stances = {k: Stance(s.score, note) for k, s in stances.items()}
            persona = replace(
                persona,
                quote=("If the 7:40 leaves at 7:40, I need nothing else from you, nothing at all. " * 3)[
                    :200
                ],
                description=(
                    "Crosses twice a day to work on the mainland and knows the crew by sight. " * 27
                )[:2000],
                evidence=("Interviews, season-ticket data, forum threads and the complaints log; " * 29)[
                    :2000
                ],
            )
        personas.append(replace(persona, name=names[n], stances=stances))
    return replace(demo, attributes=attributes, personas=tuple(personas))


def on_paper(data: bytes, paper: str) -> bytes:
    """The workbook with every sheet set to print on `paper`, as a spreadsheet's page setup would."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                part = part.replace(b"<pageSetup ", f'<pageSetup paperSize="{PAPER_CODES[paper]}" '.encode())
            dst.writestr(info, part)
    return out.getvalue()


def with_word(data: bytes, sheet: str, attribute: str, word: str) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == attribute)
    ws.cell(row, 2).value = word
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class Printed:
    snapshot: object
    workbook: bytes
    pdfs: dict[str, Path]
    resaved: bytes  # the workbook opened and saved again by LibreOffice


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Printed:
    if libreoffice.soffice() is None:
        reason = "LibreOffice (soffice) is not installed (make test installs it when run as root)"
        if IN_CI:
            pytest.fail(f"printing tests cannot be skipped in CI: {reason}")
        pytest.skip(f"skipping printing tests: {reason}")
    folder = tmp_path_factory.mktemp("printed")
    snapshot = hard_workshop()
    data = to_xlsx(snapshot)
    files = {
        "a4": on_paper(data, "a4"),
        "letter": on_paper(data, "letter"),
        "edited": with_word(on_paper(data, "a4"), snapshot.personas[0].name, *EDITED),
    }
    for name, content in files.items():
        (folder / f"{name}.xlsx").write_bytes(content)
    pdfs = libreoffice.convert([folder / f"{name}.xlsx" for name in files], "pdf", folder)
    saved = folder / "saved"
    saved.mkdir()
    (resaved,) = libreoffice.convert([folder / "a4.xlsx"], "xlsx:Calc MS Excel 2007 XML", saved)
    keep = Path(__file__).resolve().parents[2] / "test-artifacts" / "printed"
    keep.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:  # for a person to look at (pdftoppm -png)
        (keep / f"workbook-{pdf.name}").write_bytes(pdf.read_bytes())
    return Printed(snapshot, data, dict(zip(files, pdfs, strict=True)), resaved.read_bytes())


def persona_pages(pdf: Path) -> list:
    """The pages printed from persona sheets (the only ones with a love/hate table), in order."""
    doc = pdfplumber.open(pdf)
    return [page for page in doc.pages if "Note (why)" in (page.extract_text() or "")]


def table_part(page):
    """The page left of the profile chart (the persona's texts and table), and where it ends."""
    header = _header(page)
    return page.crop((0, 0, header["x1"] + 2, page.height)), header["x1"]


def columns(page) -> dict[str, str]:
    """The printed text of each part of a persona sheet, read separately so wrapped lines do not mix."""
    header = _header(page)
    words = {
        w["text"]: w for w in page.crop((0, header["top"], header["x1"], header["bottom"])).extract_words()
    }
    stance, note = words["Stance"]["x0"] - 2, words["Note"]["x0"] - 2
    regions = {
        "texts": (stance, 0, header["x1"] + 2, header["top"] - 1),
        "attributes": (0, header["bottom"] + 1, stance, page.height),
        "notes": (note, header["bottom"] + 1, header["x1"] + 2, page.height),
    }
    # Lines of small print sit close together; a tight tolerance keeps them apart.
    return {name: flat(page.crop(box).extract_text(y_tolerance=1)) for name, box in regions.items()}


def _header(page) -> dict:
    grey = [
        r for r in page.rects if r.get("fill") and _near(r.get("non_stroking_color"), (0.867, 0.867, 0.867))
    ]
    return max(grey, key=lambda r: r["x1"])


def _near(colour, target) -> bool:
    return (
        colour is not None
        and len(colour) == 3
        and all(abs(a - b) < 0.01 for a, b in zip(colour, target, strict=True))
    )


def uploaded(data: bytes, base=None):
    """The workbook read as an upload is: by the limited reader process."""
    reading = read_isolated("workbook", data, base)
    assert reading.ok, reading.problems
    return reading.after


def flat(text: str) -> str:
    return " ".join(text.split())


def shown(text: str, page_text: str) -> bool:
    # A right-to-left name is stored in the order it is drawn, so it may read back reversed.
    return flat(text) in page_text or flat(text)[::-1] in page_text


def overlapping(chars, share: float = 0.3) -> list[tuple[str, str]]:
    """Pairs of characters drawn over each other (more than `share` of the smaller one covered)."""
    boxes = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    found, active = [], []
    for c in boxes:
        active = [a for a in active if a["x1"] > c["x0"]]
        for a in active:
            w = min(a["x1"], c["x1"]) - max(a["x0"], c["x0"])
            h = min(a["bottom"], c["bottom"]) - max(a["top"], c["top"])
            smaller = min(
                (a["x1"] - a["x0"]) * (a["bottom"] - a["top"]), (c["x1"] - c["x0"]) * (c["bottom"] - c["top"])
            )
            if w > 0 and h > 0 and w * h > share * smaller:
                found.append((a["text"], c["text"]))
        active.append(c)
    return found


def bars(page, left: float) -> tuple[int, int]:
    """Hate (orange) and love (blue) bars of the chart right of `left`."""
    filled = [r for r in page.rects if r.get("fill") and r["x0"] > left and r["x1"] - r["x0"] > 1]
    hates = sum(_near(r.get("non_stroking_color"), ORANGE) for r in filled)
    loves = sum(_near(r.get("non_stroking_color"), BLUE) for r in filled)
    return hates, loves


def expected_listing(persona, attributes, *, loves: bool) -> str:
    strong, mild = (2, 1) if loves else (-2, -1)
    names = [a.name + formulas.STRONGLY for a in attributes if persona.stance(a.key).score == strong]
    names += [a.name for a in attributes if persona.stance(a.key).score == mild]
    return ", ".join(names) or formulas.NOTHING


@pytest.mark.parametrize("paper, size", [("a4", A4_LANDSCAPE), ("letter", LETTER_LANDSCAPE)])
def test_each_persona_sheet_prints_on_one_landscape_page(printed, paper, size):
    pages = persona_pages(printed.pdfs[paper])
    assert len(pages) == len(printed.snapshot.personas)
    for page, persona in zip(pages, printed.snapshot.personas, strict=True):
        assert (round(page.width), round(page.height)) == size
        text = flat(page.extract_text())
        # The sheet's last row is on the same page as its name: nothing spilled onto another page.
        assert shown(persona.name, text) and "An attribute whose name runs to nearly sixty characters" in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_persona_text_prints_whole(printed, paper):
    s = printed.snapshot
    for page, persona in zip(persona_pages(printed.pdfs[paper]), s.personas, strict=True):
        text = columns(page)
        for value in (persona.name, persona.quote, persona.description, persona.evidence):
            assert shown(value, text["texts"]), f"{persona.name}: {value[:40]!r} is cut or broken"
        assert f"{persona.share:g}" in text["texts"]
        assert flat(expected_listing(persona, s.attributes, loves=True)) in text["texts"]
        assert flat(expected_listing(persona, s.attributes, loves=False)) in text["texts"]
        assert text["attributes"] == " ".join(flat(a.name) for a in s.attributes)
        notes = " ".join(flat(persona.stance(a.key).note) for a in s.attributes if persona.stance(a.key).note)
        assert text["notes"] == notes, f"{persona.name}: a note is cut"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_nothing_on_a_persona_page_prints_over_anything_else(printed, paper):
    for page in persona_pages(printed.pdfs[paper]):
        assert overlapping(page.chars) == []


def test_the_printed_chart_has_a_bar_on_the_right_side_for_every_love_and_hate(printed):
    s = printed.snapshot
    for page, persona in zip(persona_pages(printed.pdfs["a4"]), s.personas, strict=True):
        _, right = table_part(page)
        scores = [persona.stance(a.key).score for a in s.attributes]
        assert bars(page, right) == (sum(x < 0 for x in scores), sum(x > 0 for x in scores))


def test_a_stance_word_changed_in_the_spreadsheet_redraws_the_chart_score_and_hates_line(printed):
    s = printed.snapshot
    persona = s.personas[0]
    attribute, word = EDITED
    assert persona.stance("price").score > 0
    before = persona_pages(printed.pdfs["a4"])[0]
    after = persona_pages(printed.pdfs["edited"])[0]
    (hates, loves), right = bars(before, table_part(before)[1]), table_part(after)[1]
    assert bars(after, right) == (hates + 1, loves - 1)
    changed = replace(persona, stances={**persona.stances, "price": Stance(-2, persona.stance("price").note)})
    hates = expected_listing(changed, s.attributes, loves=False)
    assert hates.startswith(f"{attribute}{formulas.STRONGLY}")
    assert columns(after)["texts"].endswith(flat(hates))  # the hates line, last of the texts
    assert f"{attribute} {word} -2" in flat(table_part(after)[0].extract_text())


def test_a_workbook_saved_again_by_libreoffice_keeps_its_formulas_and_uploads_unchanged(printed):
    wb = openpyxl.load_workbook(io.BytesIO(printed.resaved))
    ws = wb[printed.snapshot.personas[0].name]
    assert formulas.is_own(ws["C10"].value) and "B10" in ws["C10"].value
    assert ws._charts, "the profile chart was lost"
    back = uploaded(printed.resaved)
    assert from_json(to_json(back)).personas == from_json(to_json(printed.snapshot)).personas
    assert preview_changes(printed.snapshot, back) == []


def test_a_stance_word_edited_in_a_copy_saved_by_libreoffice_comes_back_as_an_upload(printed):
    persona = printed.snapshot.personas[1]
    row_word = "love strongly" if persona.stance("speed").score != 2 else "hate"
    edited = with_word(printed.resaved, persona.name, "Speed", row_word)
    back = uploaded(edited, printed.snapshot)
    assert back.personas[1].stance("speed").score == next(
        k for k, v in STANCE_LABELS.items() if v == row_word
    )
    assert preview_changes(printed.snapshot, back) == [
        f"{persona.name}: Speed goes from {STANCE_LABELS[persona.stance('speed').score]} to {row_word}."
    ]


def test_the_workbook_prints_its_persona_sheets_without_formulas_showing(printed):
    text = " ".join(p.extract_text() for p in persona_pages(printed.pdfs["a4"]))
    assert not re.search(r"IFERROR|MATCH\(|#NAME|#VALUE|Err:", text)


# The Fit and Decision sheets


def sheet_page(pdf: Path, marker: str):
    """The one printed page that holds `marker`."""
    doc = pdfplumber.open(pdf)
    pages = [page for page in doc.pages if marker in flat(page.extract_text() or "")]
    assert len(pages) == 1, f"{marker!r} printed on {len(pages)} pages"
    return pages[0]


def header_bands(page) -> list[tuple[float, float, float, float]]:
    """The grey header rows of a page, top to bottom, each as one box across its cells."""
    grey = [
        r for r in page.rects if r.get("fill") and _near(r.get("non_stroking_color"), (0.867, 0.867, 0.867))
    ]
    rows: dict[float, list] = {}
    for r in grey:
        rows.setdefault(round(r["top"]), []).append(r)
    return [
        (min(r["x0"] for r in rs), top, max(r["x1"] for r in rs), max(r["bottom"] for r in rs))
        for top, rs in sorted(rows.items())
    ]


def words_in(page, box) -> set[str]:
    return {w["text"] for w in page.crop(box).extract_words()}


def whole_in(text: str, words: set[str]) -> bool:
    """Every word of `text` inside the box, none cut off below it.

    A cell may wrap a word after its hyphen; a right-to-left word may read back reversed.
    """
    pieces = [p for p in re.split(r"\s+|(?<=-)", text) if p]
    return all(any(p in w or p[::-1] in w for w in words) for p in pieces)


def column_text(page, left: float, right: float, top: float, bottom: float) -> str:
    return flat(page.crop((left, top, right, bottom)).extract_text(y_tolerance=1))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_fit_sheet_prints_every_persona_name_whole_in_its_header_beside_the_promise_column(
    printed, paper
):
    page = sheet_page(printed.pdfs[paper], ": label")
    header = header_bands(page)[0]
    words = words_in(page, header)
    for persona in printed.snapshot.personas:
        assert whole_in(persona.name, words), f"{persona.name!r} is cut in the Fit header"
    assert whole_in("Promise (team median)", words)
    assert overlapping(page.chars) == []
    below = flat(page.crop((0, header[3], page.width, page.height)).extract_text())
    assert "+1.0" in below and "+0.58" in below  # a promise median and an exact fit, two decimals shown


@pytest.mark.parametrize("paper, size", [("a4", A4_LANDSCAPE), ("letter", LETTER_LANDSCAPE)])
def test_the_decision_sheet_prints_on_one_page_with_each_chosen_idea_its_next_step_and_owner_whole(
    printed, paper, size
):
    s = printed.snapshot
    summary = summarise_decision(s.decision, s.ideas, s.personas, s.attributes, s.votes, s.promise_ratings)
    page = sheet_page(printed.pdfs[paper], "Customers reached")
    assert (round(page.width), round(page.height)) == size
    assert overlapping(page.chars) == []
    chosen, personas = header_bands(page)[:2]
    words = words_in(page, chosen)
    for persona in s.personas:
        assert whole_in(persona.name, words), f"{persona.name!r} is cut in the Decision header"
    heads = {w["text"]: w for w in page.crop(chosen).extract_words()}
    rows = (chosen[3] + 1, personas[1] - 1)  # between the chosen ideas' header and the next table
    titles = column_text(page, chosen[0], heads["Range"]["x0"] - 1, *rows)
    steps = column_text(page, heads["Next"]["x0"] - 1, heads["Owner"]["x0"] - 1, *rows)
    owners = column_text(page, heads["Owner"]["x0"] - 1, chosen[2], *rows)
    assert titles == " ".join(c.idea.title for c in summary.chosen)
    assert steps == " ".join(c.next_step for c in summary.chosen)
    assert owners == " ".join(c.owner for c in summary.chosen)
    text = flat(page.extract_text())
    assert all(flat(line) in text for line in summary.gaps)
