"""The leadership report as plain data: sections of headings, texts, lists, tables and charts.

Each section comes from one builder reading the workshop snapshot; `exports.pdf` draws them. A new
section is one more builder in SECTION_BUILDERS (the decision's is in exports/report_decision.py);
the renderer needs no change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from charts.map import map_heatmap
from charts.personas import profile_chart
from exports.report_blocks import (
    MAP_TITLE_PX,
    MAP_WIDTH_PX,
    Block,
    Bullets,
    Chart,
    Facts,
    Report,
    Section,
    Table,
    Text,
    long_date,
)
from exports.report_decision import decision, promise_text, taken_forward
from personas.model import Attribute, Persona
from personas.scale import STANCE_LABELS
from workshop.domain.findings import all_findings
from workshop.domain.fit import label
from workshop.domain.map import fit_matrix, sort_ideas
from workshop.domain.model import WorkshopSnapshot
from workshop.domain.phases import PHASE_KEYS, phase
from workshop.domain.voting import ranking

MAP_IDEAS_PER_CHART = 20  # a taller map would not fit on one page
CHART_WIDTH_PX = 440  # a profile chart's plot, in CSS pixels (about 12 cm on paper)
__all__ = ["Block", "Bullets", "Chart", "Facts", "Report", "Section", "Table", "Text", "build_report"]

PROFILE_PAGE_SHARE = 0.36  # leaves the persona's page room for its loves and hates


SectionBuilder = Callable[[WorkshopSnapshot, datetime], Sequence[Section]]


def build_report(snapshot: WorkshopSnapshot, *, made_at: datetime | None = None) -> Report:
    made_at = made_at or datetime.now(UTC)
    sections = tuple(s for builder in SECTION_BUILDERS for s in builder(snapshot, made_at))
    return Report(snapshot.title, sections, made_at)


def cover(s: WorkshopSnapshot, made_at: datetime) -> list[Section]:
    blocks: list[Block] = []
    if s.promise:
        blocks.append(Text(s.promise, "quote"))
    held = long_date(s.created_at) if s.created_at else "not recorded"
    people = f"{len(s.participants)}: {', '.join(s.participants)}" if s.participants else "none recorded"
    votes = sum(v.count for v in s.votes)
    chosen = taken_forward(s)
    blocks.append(
        Facts(
            (
                ("Workshop held", held),
                ("Report made", long_date(made_at)),
                ("Step reached", phase(s.phase).label if s.phase in PHASE_KEYS else s.phase),
                ("Who took part", people),
                ("Personas", str(len(s.personas))),
                ("Ideas", str(len(s.ideas))),
                ("Votes cast", str(votes)),
                *((("Taken forward", chosen),) if chosen else ()),
            )
        )
    )
    blocks.append(
        Text(
            "Each persona stands for a group of customers and what they love and hate. Every idea was "
            "checked against every persona: an idea delights or helps a persona when it improves what "
            "they love or eases what they hate, and annoys or alienates them when it does the opposite.",
            "muted",
        )
    )
    return [Section("The promise" if s.promise else "The workshop", tuple(blocks), "cover")]


def _stance_lines(persona: Persona, attributes: Sequence[Attribute], *, loves: bool) -> tuple[str, ...]:
    strong, mild = (2, 1) if loves else (-2, -1)
    lines = []
    for score in (strong, mild):
        for attribute in attributes:
            stance = persona.stance(attribute.key)
            if stance.score == score:
                why = f": {stance.note}" if stance.note else ""
                lines.append(f"{attribute.name} ({STANCE_LABELS[score]}){why}")
    return tuple(lines)


def persona_sections(s: WorkshopSnapshot, made_at: datetime) -> list[Section]:
    sections = []
    for persona in s.personas:
        blocks: list[Block] = []
        if persona.quote:
            blocks.append(Text(persona.quote, "quote"))
        if persona.description:
            blocks.append(Text(persona.description))
        facts = []
        if persona.share is not None:
            facts.append(("Share of customers", f"{persona.share:g} %"))
        if persona.evidence:
            facts.append(("Evidence", persona.evidence))
        if facts:
            blocks.append(Facts(tuple(facts)))
        if s.attributes:
            # The picture first, then the reasons in words, which may run onto the next page.
            # The chart renderer has no emoji font; the heading above shows the emoji.
            chart = profile_chart(replace(persona, emoji=""), s.attributes).properties(width=CHART_WIDTH_PX)
            blocks.append(Chart(chart.to_dict(), f"Love/hate profile of {persona.name}", PROFILE_PAGE_SHARE))
        loves = _stance_lines(persona, s.attributes, loves=True)
        hates = _stance_lines(persona, s.attributes, loves=False)
        blocks.append(Bullets(loves or ("Nothing in particular.",), "Loves"))
        blocks.append(Bullets(hates or ("Nothing in particular.",), "Hates"))
        title = f"{persona.emoji} {persona.name}".strip()
        sections.append(Section(title, tuple(blocks), "persona", new_page=True))
    return sections


def idea_map(s: WorkshopSnapshot, made_at: datetime) -> list[Section]:
    if not s.ideas or not s.personas:
        return [
            Section(
                "The ideas against the personas", (Text("There are no ideas or personas to map."),), "map"
            )
        ]
    order = _idea_order(s)
    cells = fit_matrix(order, [replace(p, emoji="") for p in s.personas], s.attributes, s.ratings)
    persona_keys = [p.key for p in s.personas]
    promise = (
        " The last column is the team's median judgement against the promise, from \u22122 (works "
        "against it) to +2 (embodies it), grey where nobody judged."
        if s.promise
        else ""
    )
    blocks: list[Block] = [
        Text(
            "Each row is an idea, each column a persona. The colour and the word say what the idea does "
            "for that persona, from alienates (orange) to delights (blue); a frame and \u201c!\u201d mark "
            "cells where the team's own judgement differs from the arithmetic by a whole step or more."
            + promise,
            "muted",
        )
    ]
    for start in range(0, len(order), MAP_IDEAS_PER_CHART):
        part = [i.key for i in order[start : start + MAP_IDEAS_PER_CHART]]
        keys = set(part)
        chart = map_heatmap(
            [c for c in cells if c.idea.key in keys],
            part,
            persona_keys,
            promise_ratings=[r for r in s.promise_ratings if r.idea in keys] if s.promise else None,
            title_limit=MAP_TITLE_PX,
        )
        end = min(start + MAP_IDEAS_PER_CHART, len(order))
        what = (
            f"ideas {start + 1} to {end} of {len(order)}" if len(order) > MAP_IDEAS_PER_CHART else "all ideas"
        )
        blocks.append(Chart(chart.properties(width=MAP_WIDTH_PX).to_dict(), f"Idea × persona map, {what}"))
    return [Section("The ideas against the personas", tuple(blocks), "map", new_page=True)]


def _idea_order(s: WorkshopSnapshot) -> list:
    if any(v.count for v in s.votes):
        return [r.idea for r in ranking(s.ideas, s.votes, s.personas, [a.key for a in s.attributes])]
    return sort_ideas(s.ideas, "fit", personas=s.personas, attributes=s.attributes)


def findings(s: WorkshopSnapshot, made_at: datetime) -> list[Section]:
    found = all_findings(s.attributes, s.personas, s.ideas, s.promise_ratings)
    sentences = tuple(f.sentence for f in found)
    block: Block = Bullets(sentences) if sentences else Text("Nothing stood out: every persona is served.")
    return [Section("What the map says", (block,), "findings")]


def vote_ranking(s: WorkshopSnapshot, made_at: datetime) -> list[Section]:
    keys = [a.key for a in s.attributes]
    ranked = [r for r in ranking(s.ideas, s.votes, s.personas, keys, s.promise_ratings) if r.votes]
    if not ranked:
        return [Section("The vote", (Text("No votes were cast, or they were not revealed."),), "ranking")]
    with_promise = bool(s.promise)
    rows = tuple(
        (
            str(r.rank),
            r.idea.title,
            str(r.votes),
            f"{r.mean_fit:+.2f} ({label(r.mean_fit)})",
            f"{r.reach:g} %",
            *((promise_text(r.promise),) if with_promise else ()),
        )
        for r in ranked
    )
    unvoted = len(s.ideas) - len(ranked)
    columns: tuple[str, ...] = ("Rank", "Idea", "Votes", "Mean fit", "Reach")
    widths: tuple[float, ...] = (0.08, 0.46, 0.1, 0.2, 0.16)
    numeric: tuple[bool, ...] = (True, False, True, False, True)
    if with_promise:
        columns, widths, numeric = (
            (*columns, "Promise"),
            (0.07, 0.39, 0.08, 0.16, 0.09, 0.21),
            (*numeric, False),
        )
    note = (
        " Promise is the team's median judgement against the promise, from \u22122 (works against it) "
        "to +2 (embodies it)."
        if with_promise
        else ""
    )
    blocks: list[Block] = [
        Text(
            "Mean fit runs from \u22121 (alienates every persona) to +1 (delights every persona). Reach is "
            "the share of customers whose persona the idea helps or delights."
            + note
            + (f" {unvoted} more ideas had no votes." if unvoted else ""),
            "muted",
        ),
        Table(columns, rows, widths, numeric),
    ]
    return [Section("The vote", tuple(blocks), "ranking")]


# The order of the report: the workshop's own order, the decision last, as the room took it.
SECTION_BUILDERS: tuple[SectionBuilder, ...] = (
    cover,
    persona_sections,
    idea_map,
    findings,
    vote_ranking,
    decision,
)
