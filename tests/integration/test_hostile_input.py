"""Hostile and odd input: a clear message and an unchanged workshop, or text kept exactly as characters."""

from __future__ import annotations

import pytest

from personas.model import Stance
from workshop.cases import facilitation, idea_cases, persona_cases, sessions
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange
from workshop.cases.transfer import snapshot
from workshop.domain.errors import DomainError, InvalidLink, Locked, NotAllowed, NotFound
from workshop.ui.text import md_escape


@pytest.fixture
def room(store):
    s = sessions.start_workshop(store, "Hostile", "", "Fay")
    links = sessions.share_links(store, s.facilitator_token)
    ana = sessions.join(store, links.participant, "Ana").token
    hunter = persona_cases.add_persona(store, ana, {"name": "Hunter", "share": 20})
    idea = idea_cases.add_idea(
        store, ana, {"title": "Kiosk", "range": "landmark", "touch": "core", "effects": {"speed": 2}}
    )
    return store, links, ana, hunter, idea


def refused_and_unchanged(store, token, call, match: str) -> None:
    before = snapshot(store, token)
    with pytest.raises(DomainError, match=match or None):
        call()
    assert snapshot(store, token) == before


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("", "cannot be empty"),
        ("   \t ", "cannot be empty"),
        ("\u200b\u202e\u2066", "cannot be empty"),
        ("x" * 10_000, "too long"),
    ],
)
def test_bad_persona_names_are_refused_with_a_message_and_change_nothing(room, name, match):
    store, links, ana, hunter, _ = room
    refused_and_unchanged(
        store, ana, lambda: persona_cases.update_persona(store, ana, hunter, {"name": name}), match
    )
    refused_and_unchanged(store, ana, lambda: persona_cases.add_persona(store, ana, {"name": name}), match)


@pytest.mark.parametrize(
    "text",
    [
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![img](https://example.invalid/x.png)",
        ":red[alarm] :rainbow[x]",
        "$\\frac{1}{0}$",
        "Team 🚀 café",
    ],
)
def test_markup_in_names_is_stored_as_typed_and_escaped_for_display(room, text):
    store, links, ana, hunter, _ = room
    saved = persona_cases.update_persona(store, ana, hunter, {"name": text})
    assert saved.name == text
    shown = md_escape(text)
    for ch in "<>[]()!:$":
        assert ch not in shown.replace("\\" + ch, "")


def test_control_and_direction_override_characters_are_removed_at_entry(room):
    store, links, ana, hunter, _ = room
    saved = persona_cases.update_persona(store, ana, hunter, {"name": "Ev\u202eil\x07 \u200bName\x00"})
    assert saved.name == "Evil Name"


@pytest.mark.parametrize(("share", "match"), [(-5, "0 to 100"), (250, "0 to 100"), ("lots", "not a number")])
def test_impossible_shares_are_refused(room, share, match):
    store, links, ana, hunter, _ = room
    refused_and_unchanged(
        store,
        ana,
        lambda: persona_cases.update_persona(store, ana, hunter, {"name": "Hunter", "share": share}),
        match,
    )


def test_a_stance_of_three_is_refused(room):
    store, links, ana, hunter, _ = room
    change = StanceChange(hunter.key, "price", Stance(), 3)
    refused_and_unchanged(store, ana, lambda: persona_cases.set_stances(store, ana, [change]), "-2 to 2")


def test_an_effect_of_high_is_refused(room):
    store, links, ana, _, idea = room
    values = {"title": "Kiosk", "range": "landmark", "touch": "core", "effects": {"speed": "high"}}
    refused_and_unchanged(store, ana, lambda: idea_cases.update_idea(store, ana, idea, values), "high")


def test_a_participant_link_cannot_do_a_facilitators_job_and_a_view_link_cannot_write(room):
    store, links, ana, hunter, _ = room
    for call in (
        lambda: facilitation.set_phase(store, links.participant, "vote"),
        lambda: facilitation.set_phase(store, ana, "vote"),
        lambda: persona_cases.add_persona(store, links.viewer, {"name": "Viewer's"}),
        lambda: persona_cases.update_persona(store, links.viewer, hunter, {"name": "Hacked"}),
        lambda: idea_cases.add_idea(
            store, links.viewer, {"title": "x", "range": "landmark", "touch": "core"}
        ),
    ):
        refused_and_unchanged(store, links.facilitator, call, "facilitator|view-only|Join")


def test_guessed_and_rotated_links_are_invalid(room):
    store, links, ana, hunter, _ = room
    sessions.rotate_link(store, links.facilitator, "participant")
    for token in (links.participant, "A" * 32, links.facilitator[::-1]):
        with pytest.raises(InvalidLink):
            persona_cases.add_persona(store, token, {"name": "Intruder"})


def test_removing_a_persona_while_someone_rates_it_refuses_the_rating_with_a_message(room):
    store, links, ana, hunter, idea = room
    stale_view = board(store, ana)
    persona_cases.remove_persona(store, links.facilitator, hunter.key)
    change = StanceChange(hunter.key, "price", stale_view.personas[0].stance("price"), 1)
    refused_and_unchanged(store, ana, lambda: persona_cases.set_stances(store, ana, [change]), "removed")
    refused_and_unchanged(store, ana, lambda: idea_cases.rate(store, ana, idea.key, hunter.key, 1), "removed")


def test_locking_while_someone_types_refuses_the_save_and_keeps_nothing_half_done(room):
    store, links, ana, hunter, _ = room
    facilitation.set_locked(store, links.facilitator, True)
    with pytest.raises(Locked, match="kept"):
        persona_cases.update_persona(store, ana, hunter, {"name": "Typed during lock"})
    assert board(store, ana).personas[0].name == "Hunter"


def test_a_removed_persona_cannot_be_edited(room):
    store, links, ana, hunter, _ = room
    persona_cases.remove_persona(store, links.facilitator, hunter.key)
    with pytest.raises(NotFound):
        persona_cases.update_persona(store, ana, hunter, {"name": "Ghost"})


def test_only_the_creator_or_facilitator_removes_a_persona(room):
    store, links, ana, hunter, _ = room
    ben = sessions.join(store, links.participant, "Ben").token
    with pytest.raises(NotAllowed):
        persona_cases.remove_persona(store, ben, hunter.key)
