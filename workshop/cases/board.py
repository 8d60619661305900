"""What one caller may see of a workshop, read in one transaction. Secrecy is enforced here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from personas.model import Attribute, Persona
from workshop.board_cache import SharedBoard
from workshop.cases.access import Caller, identify_at_revision
from workshop.domain.anonymity import aliases
from workshop.domain.errors import InvalidLink
from workshop.domain.model import Decision, Idea, Participant, PromiseRating, Rating, Vote, Workshop
from workshop.ports import Store, UnitOfWork


@dataclass(frozen=True)
class Board:
    caller: Caller
    workshop: Workshop
    attributes: tuple[Attribute, ...]
    personas: tuple[Persona, ...]
    ideas: tuple[Idea, ...]
    ratings: tuple[Rating, ...]
    votes: tuple[Vote, ...]  # everyone's votes: empty until revealed when votes are hidden
    my_votes: dict[str, int]  # the caller's own votes by idea
    my_ratings: dict[tuple[str, str, bool], int]  # (idea, persona, as_persona) -> the caller's score
    participants: tuple[Participant, ...]
    votes_spent: dict[str, int]  # participant name -> votes spent (counts only, never what)
    promise_ratings: tuple[PromiseRating, ...] = ()  # judgements of ideas against the promise
    my_promise: dict[str, int] = field(default_factory=dict)  # idea -> the caller's own judgement
    decision: Decision = field(default_factory=Decision)

    @property
    def attribute_keys(self) -> list[str]:
        return [a.key for a in self.attributes]

    @property
    def votes_visible(self) -> bool:
        s = self.workshop.settings
        return not s.hide_votes_until_revealed or s.votes_revealed

    @property
    def me(self) -> Participant | None:
        return next((p for p in self.participants if p.id == self.caller.participant_id), None)


def _read_shared(uow: UnitOfWork, workshop: Workshop) -> SharedBoard:
    wid = workshop.id
    participants = tuple(uow.sessions.participants(wid))
    names = {p.id: p.name for p in participants}
    return SharedBoard(
        workshop=workshop,
        attributes=tuple(uow.content.attributes(wid)),
        personas=tuple(uow.content.personas(wid)),
        ideas=tuple(uow.content.ideas(wid)),
        ratings=tuple(uow.content.ratings(wid)),
        votes=tuple(uow.content.votes(wid)),
        participants=participants,
        votes_spent={names.get(pid, "?"): n for pid, n in uow.content.voters(wid).items()},
        promise_ratings=tuple(uow.decisions.promise_ratings(wid)),
        decision=uow.decisions.decision(wid),
    )


def _anonymise_persona(p: Persona) -> Persona:
    return replace(p, created_by="", updated_by="")


def board(store: Store, token: object) -> Board:
    """What the link `token` may see of its workshop now.

    Costs one read (the link, its person and the workshop's revision); the workshop itself is
    read once per revision per process (``store.boards``) and shared by every page that shows it.
    """
    with store.read() as uow:
        caller, revision = identify_at_revision(uow, token)

        def read() -> SharedBoard:
            workshop = uow.sessions.workshop(caller.workshop_id)
            if workshop is None:
                raise InvalidLink()
            return _read_shared(uow, workshop)

        shared = store.boards.get_or_read(caller.workshop_id, revision, read)
    return _view(shared, caller)


def _view(shared: SharedBoard, caller: Caller) -> Board:
    """The caller's view: their own votes and judgements, and what secrecy hides from them."""
    votes, personas, ideas, ratings = shared.votes, shared.personas, shared.ideas, shared.ratings
    mine = bool(caller.participant_id and caller.name)
    my_votes = {v.idea: v.count for v in votes if mine and v.by == caller.name}
    my_ratings = {(r.idea, r.persona, r.as_persona): r.score for r in ratings if mine and r.by == caller.name}
    promise_ratings, decision = shared.promise_ratings, shared.decision
    my_promise = {r.idea: r.score for r in promise_ratings if mine and r.by == caller.name}
    settings = shared.workshop.settings
    if settings.hide_votes_until_revealed and not settings.votes_revealed:
        votes = ()
    if settings.anonymous and not caller.is_facilitator:
        personas = tuple(_anonymise_persona(p) for p in personas)
        ideas = tuple(replace(i, author="") for i in ideas)
        named = [r.by for r in ratings] + [v.by for v in votes] + [r.by for r in promise_ratings]
        alias = aliases(shared.workshop.id, named)
        ratings = tuple(replace(r, by=alias.get(r.by, "")) for r in ratings)
        votes = tuple(replace(v, by=alias.get(v.by, "")) for v in votes)
        promise_ratings = tuple(replace(r, by=alias.get(r.by, "")) for r in promise_ratings)
        decision = replace(
            decision, updated_by="", chosen=tuple(replace(c, updated_by="") for c in decision.chosen)
        )
    return Board(
        caller=caller,
        workshop=shared.workshop,
        attributes=shared.attributes,
        personas=personas,
        ideas=ideas,
        ratings=ratings,
        votes=votes,
        my_votes=my_votes,
        my_ratings=my_ratings,
        participants=shared.participants,
        votes_spent=dict(shared.votes_spent),
        promise_ratings=promise_ratings,
        my_promise=my_promise,
        decision=decision,
    )
