"""Dot voting: how many votes a participant has, where they may go, and the resulting ranking."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from personas.model import Persona
from workshop.domain.errors import InvalidInput, LimitReached
from workshop.domain.fit import fit, reach
from workshop.domain.model import Idea, PromiseRating, Settings, Vote
from workshop.domain.promise import promise_medians


def votes_left(settings: Settings, my_votes: Mapping[str, int]) -> int:
    return max(0, settings.votes_per_participant - sum(my_votes.values()))


def check_vote(
    settings: Settings, my_votes: Mapping[str, int], idea_key: str, idea_keys: Iterable[str]
) -> None:
    """Raise if one more vote on `idea_key` would break the voting rules; `my_votes` is idea key -> count."""
    if idea_key not in set(idea_keys):
        raise InvalidInput("This idea is no longer on the board, so it cannot take a vote.", "idea")
    reason = why_no_vote(settings, my_votes, idea_key)
    if reason:
        raise LimitReached(reason)


def why_no_vote(settings: Settings, my_votes: Mapping[str, int], idea_key: str) -> str | None:
    """Why one more vote on `idea_key` is not possible now, or None when it is."""
    total = settings.votes_per_participant
    if not settings.several_votes_per_idea and my_votes.get(idea_key, 0) >= 1:
        return "You already voted for this idea. In this session each idea takes one vote from you at most."
    if votes_left(settings, my_votes) == 0:
        noun = "vote" if total == 1 else "votes"
        return f"You have used all {total} of your {noun}. Take one back to vote for another idea."
    return None


def totals(votes: Iterable[Vote]) -> dict[str, int]:
    """Votes per idea key, summed over participants."""
    counted: dict[str, int] = {}
    for vote in votes:
        counted[vote.idea] = counted.get(vote.idea, 0) + vote.count
    return counted


@dataclass(frozen=True)
class RankedIdea:
    idea: Idea
    votes: int
    mean_fit: float  # over all personas, in [-1, 1]
    reach: float  # % of customers the idea helps or delights
    rank: int  # 1 is best; ideas tied on votes and mean fit share a rank
    promise: float | None = None  # the team's median judgement against the promise, -2..2


def ranking(
    ideas: Sequence[Idea],
    votes: Iterable[Vote],
    personas: Sequence[Persona],
    attribute_keys: Iterable[str],
    promise_ratings: Iterable[PromiseRating] = (),
) -> list[RankedIdea]:
    """Ideas by votes, then mean fit, then title; ties share a rank and the next rank skips (1, 1, 3)."""
    keys = list(attribute_keys)
    counted = totals(votes)
    medians = promise_medians(promise_ratings)

    def mean_fit(idea: Idea) -> float:
        # Rounded so that float noise from different sums cannot split a real tie.
        return round(sum(fit(idea, p, keys) for p in personas) / len(personas), 9) if personas else 0.0

    rows = [(idea, counted.get(idea.key, 0), mean_fit(idea)) for idea in ideas]
    rows.sort(key=lambda r: (-r[1], -r[2], r[0].title.casefold(), r[0].key))
    ranked: list[RankedIdea] = []
    for position, (idea, count, mean) in enumerate(rows, start=1):
        previous = ranked[-1] if ranked else None
        tied = previous is not None and (previous.votes, previous.mean_fit) == (count, mean)
        rank = previous.rank if tied and previous else position
        ranked.append(RankedIdea(idea, count, mean, reach(idea, personas, keys), rank, medians.get(idea.key)))
    return ranked


RANKING_ORDERS = {"votes": "Votes", "promise": "Promise"}


def order_ranking(ranked: Sequence[RankedIdea], by: str = "votes") -> list[RankedIdea]:
    """The ranking as it is (by votes), or by the promise median: highest first, unjudged last.

    Ideas with the same median keep their vote order; the rank shown stays the vote rank.
    """
    if by == "votes":
        return list(ranked)
    if by == "promise":
        return sorted(ranked, key=lambda r: (r.promise is None, -(r.promise or 0.0)))
    raise InvalidInput(f"The ranking can be ordered by votes or promise, not {by!r}.", "order")


def not_voted_yet(participant_names: Iterable[str], votes: Iterable[Vote], settings: Settings) -> list[str]:
    """Names, in the order given, of participants who still have votes to place."""
    used: dict[str, int] = {}
    for vote in votes:
        used[vote.by] = used.get(vote.by, 0) + vote.count
    return [name for name in participant_names if used.get(name, 0) < settings.votes_per_participant]
