"""The PDF report for leadership: what its sections hold, and what a reader finds on its pages."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pdfplumber
import pytest

from exports import pdf as pdf_module
from exports import report as report_module
from exports.demo import load_demo
from exports.pdf import to_pdf
from exports.pdf_fonts import Fonts, find_fonts
from exports.report import Bullets, Chart, Facts, Section, Table, Text, build_report
from personas.model import Stance
from workshop.findings import all_findings
from workshop.model import Idea, Vote

MADE = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
HOSTILE_NAMES = (
    "Zoë Łukasz-Ørsted née Dvořák",
    "דנה כהן",
    "سارة العلي",
    "🚲 Bike Ben",
    "<b>Bold</b> **Ann** [x](javascript:alert(1))",
)
A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)


def hostile_workshop():
    demo = load_demo()
    personas = tuple(replace(p, name=n) for p, n in zip(demo.personas, HOSTILE_NAMES, strict=True))
    return replace(demo, personas=personas, participants=(*demo.participants, "Łucja", "<i>Ivo</i>"))


def small_workshop():
    """Two personas, no attributes: no charts, so rendering takes a moment, not seconds."""
    demo = load_demo()
    personas = tuple(replace(p, stances={}) for p in demo.personas[:2])
    return replace(demo, attributes=(), personas=personas, ideas=demo.ideas[:3], votes=(), ratings=())


def pages_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def shown(name: str, text: str) -> bool:
    # Right-to-left names are stored in the order they are drawn, so they read back reversed.
    return flat(name) in text or flat(name)[::-1] in text


@pytest.fixture(scope="module")
def hostile_report():
    return build_report(hostile_workshop(), made_at=MADE)


@pytest.fixture(scope="module")
def hostile_pdf(hostile_report) -> bytes:
    return to_pdf(hostile_report, paper="a4")


# The report as data


def test_the_report_opens_with_the_promise_then_a_section_per_persona_the_map_findings_and_the_vote():
    demo = load_demo()
    report = build_report(demo, made_at=MADE)
    kinds = [s.kind for s in report.sections]
    assert kinds == ["cover", *["persona"] * len(demo.personas), "map", "findings", "ranking"]
    assert report.sections[0].blocks[0] == Text(demo.promise, "quote")
    facts = dict(next(b for b in report.sections[0].blocks if isinstance(b, Facts)).rows)
    assert facts["Report made"] == "1 December 2026"
    assert facts["Who took part"] == f"{len(demo.participants)}: {', '.join(demo.participants)}"
    assert [s.title for s in report.sections[1:-3]] == [f"{p.emoji} {p.name}" for p in demo.personas]


def test_the_date_the_workshop_was_held_is_shown_when_known():
    held = replace(load_demo(), created_at=datetime(2026, 11, 22, 10, 0, tzinfo=UTC))
    facts = dict(next(b for b in build_report(held).sections[0].blocks if isinstance(b, Facts)).rows)
    assert facts["Workshop held"] == "22 November 2026"


def test_a_persona_section_has_its_quote_what_it_loves_and_hates_and_its_profile_chart():
    demo = load_demo()
    dara = demo.personas[0]
    section = build_report(demo).sections[1]
    assert Text(dara.quote, "quote") in section.blocks
    loves = next(b for b in section.blocks if isinstance(b, Bullets) and b.title == "Loves")
    hates = next(b for b in section.blocks if isinstance(b, Bullets) and b.title == "Hates")
    # The strong loves come first, each with the persona's own reason.
    assert loves.items[0] == f"Speed (love strongly): {dara.stance('speed').note}"
    assert "Price (love): " + dara.stance("price").note in loves.items
    assert hates.items[0] == f"Human contact (hate): {dara.stance('human_contact').note}"
    (chart,) = [b for b in section.blocks if isinstance(b, Chart)]
    assert chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert [row["attribute"] for row in _values(chart.spec)] == [a.name for a in demo.attributes]


def _values(spec: dict) -> list[dict]:
    if "values" in spec.get("data", {}):
        return spec["data"]["values"]
    return next(iter(spec["datasets"].values()))


def test_the_map_is_drawn_in_charts_of_at_most_twenty_ideas_in_vote_order():
    demo = load_demo()
    ideas = tuple(Idea(f"i{n}", f"Idea {n}", effects={"speed": 1}) for n in range(45))
    votes = (Vote("i44", "Aisha", 2), Vote("i7", "Ben", 1))
    section = next(
        s for s in build_report(replace(demo, ideas=ideas, votes=votes)).sections if s.kind == "map"
    )
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert [c.description for c in charts] == [
        "Idea × persona map, ideas 1 to 20 of 45",
        "Idea × persona map, ideas 21 to 40 of 45",
        "Idea × persona map, ideas 41 to 45 of 45",
    ]
    first_rows = [row["idea"] for row in _values(charts[0].spec)]
    assert first_rows[0] == "Idea 44" and first_rows[len(demo.personas)] == "Idea 7"


def test_the_findings_are_the_maps_sentences():
    demo = load_demo()
    section = next(s for s in build_report(demo).sections if s.kind == "findings")
    expected = tuple(f.sentence for f in all_findings(demo.attributes, demo.personas, demo.ideas))
    assert section.blocks == (Bullets(expected),)


def test_the_vote_ranks_the_ideas_that_got_votes():
    demo = load_demo()
    (table,) = [
        b
        for s in build_report(demo).sections
        if s.kind == "ranking"
        for b in s.blocks
        if isinstance(b, Table)
    ]
    assert table.columns == ("Rank", "Idea", "Votes", "Mean fit", "Reach")
    counted = {}
    for v in demo.votes:
        counted[v.idea] = counted.get(v.idea, 0) + v.count
    assert [int(row[2]) for row in table.rows] == sorted(counted.values(), reverse=True)
    assert table.rows[0][0] == "1"


def test_without_votes_the_report_says_so():
    section = next(s for s in build_report(replace(load_demo(), votes=())).sections if s.kind == "ranking")
    assert section.blocks == (Text("No votes were cast, or they were not revealed."),)


def test_a_new_section_needs_only_a_builder(monkeypatch):
    def decision(snapshot, made_at):
        rows = (("Tap on with any bank card", "Pilot on the 7:40", "Ben"),)
        table = Table(("Chosen idea", "Next step", "Owner"), rows, (0.4, 0.4, 0.2))
        return [Section("The decision", (table,), "decision")]

    monkeypatch.setattr(report_module, "SECTION_BUILDERS", (*report_module.SECTION_BUILDERS, decision))
    text = flat(" ".join(pages_text(to_pdf(build_report(small_workshop())))))
    assert "The decision" in text and "Pilot on the 7:40" in text


# The PDF a reader gets


def test_the_pdf_is_a4_with_the_title_promise_date_and_everyone_who_took_part(hostile_pdf):
    demo = hostile_workshop()
    with pdfplumber.open(io.BytesIO(hostile_pdf)) as doc:
        assert all((round(p.width, 1), round(p.height, 1)) == A4 for p in doc.pages)
        first = flat(doc.pages[0].extract_text())
    assert flat(demo.title) in first and flat(demo.promise) in first
    assert "1 December 2026" in first
    assert all(name in first for name in demo.participants)


def test_every_persona_gets_its_own_page_with_its_name_and_quote_even_hostile_names(hostile_pdf):
    pages = [flat(t) for t in pages_text(hostile_pdf)]
    for persona in hostile_workshop().personas:
        starts = [n for n, page in enumerate(pages) if shown(persona.name, page[:120])]
        assert starts, f"no page starts with {persona.name!r}"
        assert flat(persona.quote) in pages[starts[0]]


def test_no_workshop_text_is_read_as_markup(hostile_pdf):
    text = flat(" ".join(pages_text(hostile_pdf)))
    assert "<b>Bold</b> **Ann** [x](javascript:alert(1))" in text
    assert "<i>Ivo</i>" in text
    with pdfplumber.open(io.BytesIO(hostile_pdf)) as doc:
        assert not any(page.hyperlinks for page in doc.pages)


def test_the_map_findings_and_vote_are_in_the_pdf(hostile_pdf):
    demo = hostile_workshop()
    text = flat(" ".join(pages_text(hostile_pdf)))
    assert "The ideas against the personas" in text and "What the map says" in text and "The vote" in text
    for finding in all_findings(demo.attributes, demo.personas, demo.ideas):
        plain = all(ord(ch) < 0x590 for ch in finding.sentence)  # sentences naming RTL personas mix orders
        assert not plain or flat(finding.sentence) in text
    voted = {v.idea for v in demo.votes}
    for idea in demo.ideas:
        if idea.key in voted:
            assert idea.title in text


def test_nothing_is_drawn_outside_the_page_margins(hostile_pdf):
    margin = pdf_module.MARGIN * 72 / 25.4
    with pdfplumber.open(io.BytesIO(hostile_pdf)) as doc:
        for page in doc.pages:
            for ch in page.chars:
                assert margin - 1 <= ch["x0"] and ch["x1"] <= page.width - margin + 1, ch["text"]
            for image in page.images:
                assert margin - 1 <= image["x0"] and image["x1"] <= page.width - margin + 1


def test_each_persona_profile_and_the_map_are_drawn_as_pictures(hostile_pdf):
    with pdfplumber.open(io.BytesIO(hostile_pdf)) as doc:
        pictures = sum(len(page.images) for page in doc.pages)
    demo = hostile_workshop()
    assert pictures == len(demo.personas) + 1  # twelve ideas fit one map


def test_emoji_are_drawn_when_an_emoji_font_is_installed(hostile_pdf):
    if not any("Emoji" in p.name for p in find_fonts().fallbacks):
        pytest.skip("no emoji font installed (make test installs fonts-noto-color-emoji as root)")
    text = " ".join(pages_text(hostile_pdf))
    assert "🚲" in text and "⏱" in text


def test_letter_paper_gives_letter_pages():
    data = to_pdf(build_report(small_workshop()), paper="letter")
    with pdfplumber.open(io.BytesIO(data)) as doc:
        assert {(round(p.width, 1), round(p.height, 1)) for p in doc.pages} == {LETTER}


def test_an_unknown_paper_size_is_refused():
    with pytest.raises(ValueError, match="a4, letter"):
        to_pdf(build_report(small_workshop()), paper="a5")


def test_without_any_unicode_font_the_report_still_comes_out_with_what_it_can_show():
    snapshot = small_workshop()
    personas = (replace(snapshot.personas[0], name="Zoë Dvořák"), replace(snapshot.personas[1], name="דנה"))
    data = to_pdf(build_report(replace(snapshot, personas=personas)), fonts=Fonts(None, None, None, ()))
    text = " ".join(pages_text(data))
    assert "Zoë Dvo?ák" in text  # é and ë are in the PDF's own fonts, ř is not
    assert "???" in text


def test_a_chart_that_cannot_be_drawn_is_named_instead(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer missing")

    monkeypatch.setattr(pdf_module.vl_convert, "vegalite_to_png", broken)
    demo = load_demo()
    snapshot = replace(demo, personas=demo.personas[:1], ideas=(), votes=())
    text = flat(" ".join(pages_text(to_pdf(build_report(snapshot)))))
    assert f"[Love/hate profile of {demo.personas[0].name}: the chart could not be drawn]" in text


def test_a_persona_with_no_loves_or_hates_says_so():
    demo = load_demo()
    calm = replace(demo.personas[0], stances={a.key: Stance(0, "") for a in demo.attributes})
    section = build_report(replace(demo, personas=(calm,))).sections[1]
    assert Bullets(("Nothing in particular.",), "Loves") in section.blocks
    assert Bullets(("Nothing in particular.",), "Hates") in section.blocks
