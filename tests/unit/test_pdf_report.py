"""The PDF report for leadership: what its sections hold, and what a reader finds on its pages."""

from __future__ import annotations

import io
import logging
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
from workshop.domain.decision import summarise_decision
from workshop.domain.findings import all_findings
from workshop.domain.model import ChosenIdea, Decision, Idea, PromiseRating, Vote
from workshop.domain.voting import ranking

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


HOSTILE_STEP = "Pilot it <b>now</b> **today** [form](javascript:alert(2)) `rm -rf`"
HOSTILE_OWNER = "<i>Ivo</i> & __Łucja__"


def hostile_workshop():
    demo = load_demo()
    personas = tuple(replace(p, name=n) for p, n in zip(demo.personas, HOSTILE_NAMES, strict=True))
    first, *rest = demo.decision.chosen
    chosen = (replace(first, next_step=HOSTILE_STEP, owner=HOSTILE_OWNER), *rest)
    return replace(
        demo,
        personas=personas,
        participants=(*demo.participants, "Łucja", "<i>Ivo</i>"),
        decision=replace(demo.decision, chosen=chosen),
    )


def small_workshop():
    """Two personas, no attributes: no charts, so rendering takes a moment, not seconds."""
    demo = load_demo()
    personas = tuple(replace(p, stances={}) for p in demo.personas[:2])
    return replace(
        demo,
        attributes=(),
        personas=personas,
        ideas=demo.ideas[:3],
        votes=(),
        ratings=(),
        promise_ratings=(),
        decision=Decision(),
    )


def summary(snapshot):
    return summarise_decision(
        snapshot.decision,
        snapshot.ideas,
        snapshot.personas,
        snapshot.attributes,
        snapshot.votes,
        snapshot.promise_ratings,
    )


def sections(snapshot, kind: str) -> list[Section]:
    return [s for s in build_report(snapshot, made_at=MADE).sections if s.kind == kind]


def blocks(section: Section, kind: type) -> list:
    return [b for b in section.blocks if isinstance(b, kind)]


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


def test_the_report_opens_with_the_promise_then_personas_map_findings_vote_and_the_decision():
    demo = load_demo()
    report = build_report(demo, made_at=MADE)
    kinds = [s.kind for s in report.sections]
    persona_pages = ["persona"] * len(demo.personas)
    assert kinds == ["cover", *persona_pages, "map", "findings", "ranking", *["decision"] * 3]
    assert report.sections[0].blocks[0] == Text(demo.promise, "quote")
    facts = dict(next(b for b in report.sections[0].blocks if isinstance(b, Facts)).rows)
    assert facts["Report made"] == "1 December 2026"
    assert facts["Who took part"] == f"{len(demo.participants)}: {', '.join(demo.participants)}"
    titles = [s.title for s in report.sections if s.kind == "persona"]
    assert titles == [f"{p.emoji} {p.name}" for p in demo.personas]


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


def test_the_findings_are_the_maps_sentences_those_on_the_promise_included():
    demo = load_demo()
    section = next(s for s in build_report(demo).sections if s.kind == "findings")
    found = all_findings(demo.attributes, demo.personas, demo.ideas, demo.promise_ratings)
    assert section.blocks == (Bullets(tuple(f.sentence for f in found)),)
    assert any("works against the promise" in f.sentence for f in found)


def test_the_vote_ranks_the_ideas_that_got_votes():
    demo = load_demo()
    (table,) = [
        b
        for s in build_report(demo).sections
        if s.kind == "ranking"
        for b in s.blocks
        if isinstance(b, Table)
    ]
    assert table.columns == ("Rank", "Idea", "Votes", "Mean fit", "Reach", "Promise")
    counted = {}
    for v in demo.votes:
        counted[v.idea] = counted.get(v.idea, 0) + v.count
    assert [int(row[2]) for row in table.rows] == sorted(counted.values(), reverse=True)
    assert table.rows[0][0] == "1"


def test_without_votes_the_report_says_so():
    section = next(s for s in build_report(replace(load_demo(), votes=())).sections if s.kind == "ranking")
    assert section.blocks == (Text("No votes were cast, or they were not revealed."),)


# The promise where the map and the vote are shown


def promise_in_vote(snapshot) -> dict[str, str]:
    (table,) = blocks(sections(snapshot, "ranking")[0], Table)
    return {row[1]: row[5] for row in table.rows}


def test_the_vote_shows_each_ideas_promise_median_with_its_word():
    demo = load_demo()
    others = tuple(r for r in demo.promise_ratings if r.idea != "tap_on")
    half = (*others, PromiseRating("tap_on", "Ben", 1), PromiseRating("tap_on", "Carla", 2))
    assert promise_in_vote(replace(demo, promise_ratings=half)) == {
        **promise_in_vote(demo),
        "Tap on with any bank card": "+1.5 (embodies it)",
    }
    assert promise_in_vote(demo)["Assisted boarding without forms"] == "+2 (embodies it)"
    assert promise_in_vote(demo)["Booked priority slots for trade vans"] == "0 (unrelated)"
    assert promise_in_vote(replace(demo, promise_ratings=others))["Tap on with any bank card"] == "not judged"


def test_the_map_has_the_promise_column_when_the_workshop_has_a_promise():
    demo = load_demo()
    (chart,) = blocks(sections(demo, "map")[0], Chart)
    columns = {row["persona"] for row in _values(chart.spec)}
    assert any("Promise" in c for c in columns)
    (plain,) = blocks(sections(replace(demo, promise=""), "map")[0], Chart)
    assert not any("Promise" in row["persona"] for row in _values(plain.spec))


def test_without_a_promise_neither_the_vote_nor_the_decision_speaks_of_one():
    unpromised = replace(load_demo(), promise="")
    (table,) = blocks(sections(unpromised, "ranking")[0], Table)
    assert "Promise" not in table.columns
    facts = blocks(sections(unpromised, "decision")[0], Facts)
    assert not any(label == "Promise" for f in facts for label, _ in f.rows)


# The decision


def test_a_marked_decision_lists_each_chosen_idea_with_its_next_step_owner_promise_and_fit_labels():
    demo = load_demo()
    first = sections(demo, "decision")[0]
    assert first.title == "The decision" and first.new_page
    leads = [b.text for b in first.blocks if isinstance(b, Text) and b.style == "lead"]
    chosen = summary(demo).chosen
    assert leads == [f"{n}. {c.idea.title}" for n, c in enumerate(chosen, start=1)]
    figures, *per_idea = blocks(first, Facts)
    assert dict(figures.rows) == {
        "Ideas taken forward": "4 of 12",
        "Customers reached": "100 %",
        "Personas served": "5 of 5",
    }
    refunds = dict(per_idea[0].rows)
    assert refunds["Next step"] == demo.decision.chosen[0].next_step and refunds["Owner"] == "Eun-ji"
    assert refunds["Where it lands"] == "Landmark · Last touch"
    assert refunds["Promise"] == "+1 (fits it), the team's median of 5 judgements"
    assert refunds["For the personas"] == (
        "delights Van-driver Vik; helps Daily Dara, Island Iris, Weekend Wren and Group-lead Gus"
    )
    assert dict(per_idea[2].rows)["For the personas"] == (
        "delights Daily Dara; helps Van-driver Vik; neutral for Group-lead Gus; annoys Island Iris and Weekend Wren"
    )


def test_an_idea_chosen_without_next_step_or_owner_says_so():
    demo = load_demo()
    bare = replace(demo, decision=Decision((ChosenIdea("tap_on"),), marked=True))
    rows = dict(blocks(sections(bare, "decision")[0], Facts)[1].rows)
    assert (rows["Next step"], rows["Owner"]) == ("Not written yet.", "Nobody named yet.")


def test_the_decision_says_which_chosen_idea_serves_each_persona_best_and_warns_where_none_does():
    demo = load_demo()
    only_tap_on = replace(demo, decision=Decision((ChosenIdea("tap_on", "Quote", "Ben"),), marked=True))
    served = sections(only_tap_on, "decision")[1]
    assert served.title == "Who the decision serves"
    (chart,) = blocks(served, Chart)
    assert {row["idea"] for row in _values(chart.spec)} == {"Tap on with any bank card"}
    (table,) = blocks(served, Table)
    assert table.columns == ("Persona", "Share", "Best served by", "Fit")
    assert table.rows[0] == ("Daily Dara", "35 %", "Tap on with any bank card", "delights")
    assert table.rows[1][3] == "annoys"
    (watch,) = blocks(served, Bullets)
    assert watch.title == "To watch" and watch.tone == "warning"
    assert watch.items == summary(only_tap_on).warnings
    assert any("Island Iris" in w for w in watch.items)
    figures = dict(blocks(sections(only_tap_on, "decision")[0], Facts)[0].rows)
    assert figures["Customers reached"] == "50 %"  # Daily Dara's 35 % and Van-driver Vik's 15 %


def test_the_range_and_touch_grid_marks_empty_cells_none_and_names_the_gaps():
    demo = load_demo()
    grid = sections(demo, "decision")[2]
    assert grid.title == "Where the chosen ideas land" and grid.keep_together
    (table,) = blocks(grid, Table)
    assert table.columns == (
        "Range of value",
        "Pre-touch",
        "First touch",
        "Core touch",
        "Last touch",
        "In-touch",
    )
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Landmark"] == (
        "none",
        "Tap on with any bank card",
        "none",
        "Delay refunds paid automatically; Onward connections announced on board",
        "none",
    )
    assert rows["Breakthrough"] == ("none",) * 5
    (gaps,) = blocks(grid, Bullets)
    assert gaps.items == (
        "No chosen idea is breakthrough or disruptive.",
        "No chosen idea lands at the pre-touch or in-touch moment.",
    )


def test_customers_reached_is_unknown_when_no_persona_has_a_share():
    demo = load_demo()
    shareless = replace(demo, personas=tuple(replace(p, share=None) for p in demo.personas))
    figures = dict(blocks(sections(shareless, "decision")[0], Facts)[0].rows)
    assert figures["Customers reached"] == "unknown: no persona has a share"


def test_the_cover_names_the_ideas_taken_forward():
    demo = load_demo()
    facts = dict(blocks(sections(demo, "cover")[0], Facts)[0].rows)
    assert facts["Taken forward"] == "; ".join(c.idea.title for c in summary(demo).chosen)


def test_without_a_marked_decision_the_report_has_no_decision_at_all():
    demo = load_demo()
    unmarked = replace(demo, decision=Decision())
    assert summary(unmarked).chosen, "the top-voted ideas stand in on the Wrap-up page"
    report = build_report(unmarked, made_at=MADE)
    assert not [s for s in report.sections if s.kind == "decision"]
    cover_facts = dict(blocks(report.sections[0], Facts)[0].rows)
    assert "Taken forward" not in cover_facts
    assert not any("next step" in t.lower() or "taken forward" in t.lower() for t in report.texts())


def test_a_decision_marked_with_nothing_chosen_says_so_plainly():
    nothing = replace(load_demo(), decision=Decision((), marked=True))
    (only,) = sections(nothing, "decision")
    assert only.blocks == (Text("The facilitator marked the decision with no idea taken forward."),)
    facts = dict(blocks(sections(nothing, "cover")[0], Facts)[0].rows)
    assert facts["Taken forward"] == "No idea: the facilitator marked the decision with none chosen."


def test_a_chosen_idea_removed_since_is_left_out_of_the_decision():
    demo = load_demo()
    fewer = replace(demo, ideas=tuple(i for i in demo.ideas if i.key != "tap_on"))
    leads = [
        b.text for b in sections(fewer, "decision")[0].blocks if isinstance(b, Text) and b.style == "lead"
    ]
    assert len(leads) == len(demo.decision.chosen) - 1
    assert not any("Tap on" in text for text in leads)


def test_a_new_section_needs_only_a_builder(monkeypatch):
    def follow_up(snapshot, made_at):
        rows = (("Tap on with any bank card", "Review the pilot in April", "Ben"),)
        table = Table(("Idea", "Review", "Who"), rows, (0.4, 0.4, 0.2))
        return [Section("Follow-up", (table,), "follow-up")]

    monkeypatch.setattr(report_module, "SECTION_BUILDERS", (*report_module.SECTION_BUILDERS, follow_up))
    text = flat(" ".join(pages_text(to_pdf(build_report(small_workshop())))))
    assert "Follow-up" in text and "Review the pilot in April" in text


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
    for finding in all_findings(demo.attributes, demo.personas, demo.ideas, demo.promise_ratings):
        plain = all(ord(ch) < 0x590 for ch in finding.sentence)  # sentences naming RTL personas mix orders
        assert not plain or flat(finding.sentence) in text
    ranked = [
        r for r in ranking(demo.ideas, demo.votes, demo.personas, [a.key for a in demo.attributes]) if r.votes
    ]
    assert column(hostile_pdf, "The vote", "Idea", "Votes") == " ".join(r.idea.title for r in ranked)
    medians = column(hostile_pdf, "The vote", "Promise")
    assert medians == "+1 (fits it) +2 (embodies it) +1 (fits it) 0 (unrelated) +1 (fits it) +1 (fits it)"


def column(data: bytes, heading: str, first: str, after: str | None = None) -> str:
    """The text of one column of the vote's table, below its header word `first` (up to `after`)."""
    with pdfplumber.open(io.BytesIO(data)) as doc:
        page = next(p for p in doc.pages if (p.extract_text() or "").startswith(heading))
        found = page.extract_words()
        top = next(w["top"] for w in found if w["text"] == "Rank")  # only the vote's table has it
        words = {w["text"]: w for w in found if abs(w["top"] - top) < 2}  # the table's header row
        right = words[after]["x0"] - 1 if after else page.width
        body = page.crop((words[first]["x0"] - 1, words[first]["bottom"] + 1, right, page.height - 40))
        return flat(body.extract_text())


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
    # Twelve ideas fit one map; the chosen ideas get a map of their own.
    assert pictures == len(demo.personas) + 2


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


def test_a_chart_that_cannot_be_drawn_is_named_instead_and_logged_with_its_error(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer missing")

    monkeypatch.setattr(pdf_module.vl_convert, "vegalite_to_png", broken)
    demo = load_demo()
    snapshot = replace(demo, personas=demo.personas[:1], ideas=(), votes=())
    with caplog.at_level(logging.WARNING):
        text = flat(" ".join(pages_text(to_pdf(build_report(snapshot)))))
    assert f"[Love/hate profile of {demo.personas[0].name}: the chart could not be drawn]" in text
    [logged] = [r.getMessage() for r in caplog.records if "not drawn" in r.getMessage()]
    assert demo.personas[0].name in logged and "renderer missing" in logged


def test_a_persona_with_no_loves_or_hates_says_so():
    demo = load_demo()
    calm = replace(demo.personas[0], stances={a.key: Stance(0, "") for a in demo.attributes})
    section = build_report(replace(demo, personas=(calm,))).sections[1]
    assert Bullets(("Nothing in particular.",), "Loves") in section.blocks
    assert Bullets(("Nothing in particular.",), "Hates") in section.blocks


def test_the_decision_opens_its_own_page_with_each_idea_next_step_and_owner_as_plain_text(hostile_pdf):
    pages = pages_text(hostile_pdf)
    starts = [n for n, page in enumerate(pages) if page.startswith("The decision")]
    assert len(starts) == 1
    text = flat(" ".join(pages[starts[0] :]))
    for chosen in summary(hostile_workshop()).chosen:
        assert f"{chosen.idea.title}" in text
        assert flat(chosen.next_step) in text and flat(chosen.owner) in text
    assert HOSTILE_STEP in text and HOSTILE_OWNER in text  # never read as markup
    assert "Who the decision serves" in text and "Where the chosen ideas land" in text
    with pdfplumber.open(io.BytesIO(hostile_pdf)) as doc:
        assert not any(page.hyperlinks for page in doc.pages)


@pytest.fixture(scope="module")
def demo_printed():
    report = build_report(load_demo(), made_at=MADE)
    return report, to_pdf(report)


@pytest.mark.parametrize("which", ["demo", "hostile"])
def test_no_page_ends_with_a_heading_or_an_introduction_whose_content_is_on_the_next(
    which, demo_printed, hostile_report, hostile_pdf
):
    report, data = demo_printed if which == "demo" else (hostile_report, hostile_pdf)
    headings = {flat(s.title) for s in report.sections} | {
        flat(b.text) for s in report.sections for b in s.blocks if isinstance(b, Text) and b.style == "lead"
    }
    introductions = [
        flat(s.blocks[0].text)
        for s in report.sections
        if len(s.blocks) > 1 and isinstance(s.blocks[0], Text) and s.blocks[0].style == "muted"
    ]
    for number, page in enumerate(pages_text(data), start=1):
        lines = [flat(line) for line in page.splitlines() if line.strip()]
        last = lines[-2] if len(lines) > 1 else ""  # the line above the footer
        assert last not in headings, f"page {number} ends with the heading {last!r}"
        assert not any(intro.endswith(last) for intro in introductions), f"page {number} ends with {last!r}"


@pytest.mark.parametrize("which", ["demo", "hostile"])
def test_the_range_and_touch_grid_prints_whole_on_one_page(which, demo_printed, hostile_pdf):
    data = demo_printed[1] if which == "demo" else hostile_pdf
    (page,) = [p for p in pages_text(data) if "Where the chosen ideas land" in p]
    assert all(name in page for name in ("Range of value", "Incremental", "Disruptive", "Gaps"))


def test_a_report_without_a_decision_prints_none():
    text = flat(" ".join(pages_text(to_pdf(build_report(small_workshop())))))
    assert "The decision" not in text and "Taken forward" not in text
