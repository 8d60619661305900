"""Rounds: a named snapshot that never changes, and what changed since it."""

from __future__ import annotations

import pytest

from exports.workshop_file import from_json, to_json
from workshop.cases import persona_cases, sessions
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange
from workshop.cases.rounds import list_rounds, mark_round, round_snapshot
from workshop.cases.transfer import snapshot
from workshop.domain.changes import changes_since
from workshop.domain.errors import NotAllowed


@pytest.fixture
def room(store):
    s = sessions.start_workshop(store, "Rounds", "", "Fay")
    links = sessions.share_links(store, s.facilitator_token)
    ana = sessions.join(store, links.participant, "Ana").token
    return store, links, ana


def test_a_round_keeps_the_workshop_as_it_was_when_later_edits_happen(room):
    store, links, ana = room
    hunter = persona_cases.add_persona(store, ana, {"name": "Hunter"})
    info = mark_round(store, links.facilitator, "Before lunch", encode=to_json)
    persona_cases.set_stances(
        store, ana, [StanceChange(hunter.key, "price", board(store, ana).personas[0].stance("price"), 2)]
    )
    persona_cases.add_persona(store, ana, {"name": "Explorer"})
    kept = round_snapshot(store, ana, info.id, decode=from_json)
    assert [p.name for p in kept.personas] == ["Hunter"] and kept.personas[0].stance("price").score == 0
    changes = changes_since(kept, snapshot(store, links.facilitator))
    assert "Persona added: Explorer." in changes
    assert "Hunter on Price: don't care → love strongly." in changes


def test_only_the_facilitator_marks_rounds_and_everyone_lists_them(room):
    store, links, ana = room
    with pytest.raises(NotAllowed):
        mark_round(store, ana, "Mine", encode=to_json)
    for n in range(3):
        mark_round(store, links.facilitator, f"Round {n}", encode=to_json)
    assert [r.label for r in list_rounds(store, links.viewer)] == ["Round 0", "Round 1", "Round 2"]


def test_a_round_from_another_workshop_cannot_be_read(room):
    store, links, ana = room
    info = mark_round(store, links.facilitator, "Mine", encode=to_json)
    other = sessions.start_workshop(store, "Other", "")
    from workshop.domain.errors import NotFound

    with pytest.raises(NotFound):
        round_snapshot(store, other.facilitator_token, info.id, decode=from_json)


def test_what_changed_since_a_round_names_promise_medians_and_the_decision(room):
    from workshop.cases import idea_cases
    from workshop.cases.decision_cases import choose_ideas, judge_promise
    from workshop.cases.facilitation import update_promise

    store, links, ana = room
    update_promise(store, ana, board(store, ana).workshop, "Rounds", "Quick and kind.")
    values = {"range": "landmark", "touch": "core"}
    kiosk = idea_cases.add_idea(store, ana, {"title": "Kiosk", **values}).key
    chat = idea_cases.add_idea(store, ana, {"title": "Chat", **values}).key
    judge_promise(store, ana, kiosk, 1)
    choose_ideas(store, links.facilitator, 0, [kiosk])
    info = mark_round(store, links.facilitator, "Before the vote", encode=to_json)
    judge_promise(store, ana, kiosk, -2)
    judge_promise(store, ana, chat, 2)
    choose_ideas(store, links.facilitator, 1, [chat])
    changes = changes_since(
        round_snapshot(store, ana, info.id, decode=from_json), snapshot(store, links.facilitator)
    )
    assert "Promise median of “Chat”: not judged → +2." in changes
    assert "Promise median of “Kiosk”: +1 → −2." in changes
    assert "Chosen for the decision: Chat." in changes
    assert "No longer chosen: Kiosk." in changes
