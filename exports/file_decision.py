"""The parts of the workshop file added in version 2: judgements against the promise, and the decision."""

from __future__ import annotations

from exports import checks as c
from exports.limits import MAX_IDEAS, MAX_RATINGS
from personas.text import LINE_MAX, NAME_MAX
from workshop.domain.model import ChosenIdea, Decision, PromiseRating


def promise_ratings_list(ratings: tuple[PromiseRating, ...]) -> list[dict]:
    return [{"idea": r.idea, "by": r.by, "score": r.score} for r in ratings]


def decision_dict(decision: Decision) -> dict | None:
    """None while the facilitator has not marked a decision (the top-voted ideas stand in)."""
    if not decision.marked:
        return None
    return {"chosen": [{"idea": e.idea, "next_step": e.next_step, "owner": e.owner} for e in decision.chosen]}


def read_promise_ratings(value: object, idea_keys: set[str]) -> tuple[PromiseRating, ...]:
    result = []
    seen: set[tuple[str, str]] = set()
    for n, item in enumerate(c.array(value, "promise_ratings", MAX_RATINGS)):
        where = f"promise_ratings[{n}]"
        item = c.obj(item, where)
        idea = item.get("idea")
        if idea not in idea_keys:
            raise c.fail(f"{where}.idea", f"unknown idea {idea!r}")
        by = c.text(item.get("by"), f"{where}.by", NAME_MAX, required=True)
        if (idea, by) in seen:
            raise c.fail(where, f"{by} judged {idea!r} against the promise twice")
        seen.add((idea, by))
        result.append(PromiseRating(idea=idea, by=by, score=c.score(item.get("score"), f"{where}.score")))
    return tuple(result)


def read_decision(value: object, idea_keys: set[str]) -> Decision:
    if value is None:
        return Decision()
    doc = c.obj(value, "decision")
    chosen: list[ChosenIdea] = []
    for n, item in enumerate(c.array(doc.get("chosen"), "decision.chosen", MAX_IDEAS)):
        where = f"decision.chosen[{n}]"
        item = c.obj(item, where)
        idea = item.get("idea")
        if idea not in idea_keys:
            raise c.fail(f"{where}.idea", f"unknown idea {idea!r}")
        if any(e.idea == idea for e in chosen):
            raise c.fail(f"{where}.idea", f"the idea {idea!r} is chosen twice")
        chosen.append(
            ChosenIdea(
                idea=idea,
                next_step=c.text(item.get("next_step"), f"{where}.next_step", LINE_MAX),
                owner=c.text(item.get("owner"), f"{where}.owner", NAME_MAX),
            )
        )
    return Decision(chosen=tuple(chosen), marked=True, version=1)
