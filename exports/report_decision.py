"""The report's decision: the ideas the room takes forward, what they do for each persona and the promise.

Read from `workshop.domain.decision.summarise_decision`, as the Wrap-up page and the workbook's Decision
sheet are, so all three say the same. Only a decision the facilitator marked is reported; until
then the vote ranking is all there is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from charts.map import map_heatmap
from exports.report_blocks import (
    MAP_TITLE_PX,
    MAP_WIDTH_PX,
    Block,
    Bullets,
    Chart,
    Facts,
    Section,
    Table,
    Text,
)
from workshop.domain.decision import ChosenOutcome, DecisionSummary, summarise_decision
from workshop.domain.fit import ALIENATES, ANNOYS, DELIGHTS, HELPS, NEUTRAL
from workshop.domain.judgement import signed_points
from workshop.domain.map import fit_matrix
from workshop.domain.model import RANGES, TOUCH_MOMENTS, WorkshopSnapshot
from workshop.domain.promise import promise_word

CHART_PAGE_SHARE = 0.45  # the chosen ideas' chart shares its page with who they serve
# How a fit label reads before the personas it applies to.
_LABEL_WORDS = {
    DELIGHTS: "delights",
    HELPS: "helps",
    NEUTRAL: "neutral for",
    ANNOYS: "annoys",
    ALIENATES: "alienates",
}


def promise_text(median: float | None, judgements: int | None = None) -> str:
    """ "+1.5 (embodies it)", with how many judged it when known; "not judged" where nobody did."""
    if median is None:
        return "not judged"
    text = f"{signed_points(median)} ({promise_word(median)})"
    if judgements:
        text += f", the team's median of {judgements} judgement{'s' if judgements != 1 else ''}"
    return text


def summary_of(s: WorkshopSnapshot) -> DecisionSummary:
    return summarise_decision(s.decision, s.ideas, s.personas, s.attributes, s.votes, s.promise_ratings)


def taken_forward(s: WorkshopSnapshot) -> str | None:
    """The cover's one line on the decision; None while the facilitator has not marked one."""
    if not s.decision.marked:
        return None
    chosen = summary_of(s).chosen
    if not chosen:
        return "No idea: the facilitator marked the decision with none chosen."
    return "; ".join(c.idea.title for c in chosen)


def decision(s: WorkshopSnapshot, made_at: datetime) -> list[Section]:
    if not s.decision.marked:
        return []
    summary = summary_of(s)
    if not summary.chosen:
        said = Text("The facilitator marked the decision with no idea taken forward.")
        return [Section("The decision", (said,), "decision", new_page=True)]
    return [
        Section("The decision", tuple(_chosen(s, summary)), "decision", new_page=True),
        Section("Who the decision serves", tuple(_served(s, summary)), "decision"),
        Section("Where the chosen ideas land", tuple(_grid(summary)), "decision", keep_together=True),
    ]


def _chosen(s: WorkshopSnapshot, summary: DecisionSummary) -> list[Block]:
    reach = f"{summary.reach:.0f} %" if summary.shares_known else "unknown: no persona has a share"
    blocks: list[Block] = [
        Text(
            "The ideas the room takes forward, the most important first, each with its next step and "
            "who sees to it.",
            "muted",
        ),
        Facts(
            (
                ("Ideas taken forward", f"{len(summary.chosen)} of {len(s.ideas)}"),
                ("Customers reached", reach),
                ("Personas served", f"{len(summary.reached)} of {len(summary.personas)}"),
            )
        ),
    ]
    for number, c in enumerate(summary.chosen, start=1):
        rows = [
            ("Next step", c.next_step or "Not written yet."),
            ("Owner", c.owner or "Nobody named yet."),
            ("Where it lands", f"{RANGES[c.idea.range]} · {TOUCH_MOMENTS[c.idea.touch]}"),
            ("Votes", str(c.votes)),
        ]
        if s.promise:
            rows.append(("Promise", promise_text(c.promise, c.promise_judgements)))
        rows.append(("For the personas", _labels_line(summary, c)))
        blocks += [Text(f"{number}. {c.idea.title}", "lead"), Facts(tuple(rows))]
    return blocks


def _labels_line(summary: DecisionSummary, c: ChosenOutcome) -> str:
    """ "delights Dara and Wren; helps Gus; annoys Sam": each fit label with the personas it applies to."""
    by_label: dict[str, list[str]] = {}
    for outcome, word in zip(summary.personas, c.labels, strict=True):
        by_label.setdefault(word, []).append(outcome.persona.name)
    parts = []
    for word in (DELIGHTS, HELPS, NEUTRAL, ANNOYS, ALIENATES):
        if word in by_label:
            parts.append(f"{_LABEL_WORDS[word]} {_and(by_label[word])}")
    return "; ".join(parts) or "no personas"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _served(s: WorkshopSnapshot, summary: DecisionSummary) -> list[Block]:
    blocks: list[Block] = []
    if s.personas:
        ideas = [c.idea for c in summary.chosen]
        # The chart renderer has no emoji font; the names are enough here.
        personas = [replace(p, emoji="") for p in s.personas]
        cells = fit_matrix(ideas, personas, s.attributes, s.ratings)
        chart = map_heatmap(
            cells,
            [i.key for i in ideas],
            [p.key for p in personas],
            promise_ratings=s.promise_ratings if s.promise else None,
            title_limit=MAP_TITLE_PX,
        )
        against = " and the promise" if s.promise else ""
        blocks.append(
            Chart(
                chart.properties(width=MAP_WIDTH_PX).to_dict(),
                f"The chosen ideas against every persona{against}",
                CHART_PAGE_SHARE,
            )
        )
    rows = tuple(
        (
            o.persona.name,
            f"{o.persona.share:g} %" if o.persona.share is not None else "—",
            o.best.title if o.best else "—",
            o.best_label or "—",
        )
        for o in summary.personas
    )
    blocks.append(
        Table(
            ("Persona", "Share", "Best served by", "Fit"),
            rows,
            (0.3, 0.1, 0.44, 0.16),
            (False, True, False, False),
        )
    )
    if summary.warnings:
        blocks.append(Bullets(summary.warnings, "To watch", tone="warning"))
    else:
        blocks.append(Text("Some chosen idea delights or helps every persona, and none is off the promise."))
    return blocks


def _grid(summary: DecisionSummary) -> list[Block]:
    cells = {(c.range, c.touch): c for c in summary.grid}
    rows = tuple(
        (name, *("; ".join(cells[(r, t)].titles) or "none" for t in TOUCH_MOMENTS))
        for r, name in RANGES.items()
    )
    share = 0.8 / len(TOUCH_MOMENTS)
    blocks: list[Block] = [
        Text(
            "Each chosen idea by its range of value and the moment it touches customers; "
            "\u201cnone\u201d marks a combination no chosen idea covers.",
            "muted",
        ),
        Table(("Range of value", *TOUCH_MOMENTS.values()), rows, (0.2, *(share,) * len(TOUCH_MOMENTS))),
    ]
    if summary.gaps:
        blocks.append(Bullets(summary.gaps, "Gaps"))
    return blocks
