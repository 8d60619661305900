"""The presenter view for the projector, and rounds: marking one, listing it, what changed since."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from personas.model import Stance
from workshop.cases import facilitation, idea_cases, persona_cases, sessions
from workshop.domain.phases import PHASE_KEYS, phase

ROOT = Path(__file__).resolve().parents[2]


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [h.value for h in at.header]
    parts += [c.value for c in at.caption] + [e.value for e in at.error] + [i.value for i in at.info]
    # Shown text is escaped Markdown; the reader sees it without the backslashes.
    return "\n".join(str(p) for p in parts).replace("\\", "")


def open_presenter(token: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["t"] = token
    at.query_params["view"] = "presenter"
    at.run()
    return at


@pytest.fixture
def filled(app_db, workshop_links):
    """A workshop with two personas, one idea and a participant called Ana."""
    ana = sessions.join(app_db, workshop_links.participant, "Ana").token
    persona_cases.add_persona(app_db, ana, {"name": "Hunter", "share": 40})
    persona_cases.add_persona(app_db, ana, {"name": "Rusher", "share": 60})
    idea_cases.add_idea(
        app_db, ana, {"title": "Kiosk", "range": "landmark", "touch": "core", "effects": {"speed": 2}}
    )
    return ana


@pytest.mark.parametrize("phase_key", PHASE_KEYS)
@pytest.mark.parametrize("role", ["facilitator", "viewer"])
def test_the_presenter_view_shows_every_step_and_its_instruction(
    app_db, workshop_links, filled, phase_key, role
):
    facilitation.set_phase(app_db, workshop_links.facilitator, phase_key)
    facilitation.timer(app_db, workshop_links.facilitator, "start", 5)
    at = open_presenter(getattr(workshop_links, role))
    assert not at.exception, at.exception
    shown = texts(at)
    assert phase(phase_key).instruction in shown
    assert "Test workshop" in shown
    assert [e.proto.component_name for e in at.get("bidi_component")].count("workshop_countdown") == 1
    charted = phase_key in ("personas", "love_hate", "ideas", "map")  # votes are hidden until revealed
    assert len(at.get("vega_lite_chart")) == (1 if charted else 0)


def test_only_the_facilitator_sees_how_to_join(app_db, workshop_links):
    facilitator = open_presenter(workshop_links.facilitator)
    viewer = open_presenter(workshop_links.viewer)
    assert workshop_links.participant in texts(facilitator)
    assert workshop_links.participant not in texts(viewer)
    assert facilitator.get("image") and not viewer.get("image")


def test_hidden_votes_show_only_how_many_people_have_voted(app_db, workshop_links, filled):
    facilitation.set_phase(app_db, workshop_links.facilitator, "vote")
    idea = next(iter(_ideas(app_db, workshop_links.facilitator)))
    idea_cases.cast_vote(app_db, filled, idea.key)
    at = open_presenter(workshop_links.viewer)
    assert not at.exception, at.exception
    assert [m.value for m in at.metric] == ["1 of 1"]
    facilitation.update_settings(app_db, workshop_links.facilitator, votes_revealed=True)
    at.run()
    assert not at.exception, at.exception
    assert not at.metric
    assert len(at.get("vega_lite_chart")) == 1  # the ranking


def _ideas(store, token):
    from workshop.cases.board import board

    return board(store, token).ideas


def test_a_participant_asking_for_the_presenter_view_gets_the_normal_page(app_db, workshop_links, filled):
    at = open_presenter(filled)
    assert not at.exception, at.exception
    assert not at.title  # the presenter view's big title is not there
    assert "Ana" in texts(at)  # the normal header names who is looking


def rounds_page(token: str) -> None:
    from workshop.cases.board import board
    from workshop.ui import context, rounds_view

    rounds_view.show(token, board(context.store(), token))


def open_rounds(token: str) -> AppTest:
    at = AppTest.from_function(rounds_page, args=(token,), default_timeout=30)
    at.run()
    return at


def test_a_marked_round_is_listed_for_everyone_and_shows_what_changed_since(app_db, workshop_links, filled):
    at = open_rounds(workshop_links.facilitator)
    assert "No rounds yet" in texts(at)
    at.text_input[0].input("after lunch")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.selectbox[0].options[0].startswith("after lunch")
    assert "Nothing has changed since this round" in texts(at)
    assert at.text_input[0].value == ""  # the field is empty again for the next round

    hunter = next(p for p in _personas(app_db, filled) if p.name == "Hunter")
    persona_cases.set_stances(
        app_db, filled, [persona_cases.StanceChange(hunter.key, "price", Stance(), 2, "cheap wins")]
    )
    persona_cases.add_persona(app_db, filled, {"name": "Explorer"})
    at.run()
    shown = texts(at)
    assert "Persona added: Explorer." in shown
    assert "Hunter on Price" in shown

    viewer = open_rounds(workshop_links.viewer)
    assert not viewer.exception, viewer.exception
    assert not viewer.text_input  # only the facilitator marks rounds
    assert "Persona added: Explorer." in texts(viewer)
    assert len(viewer.get("download_button")) == 2


def test_an_empty_round_name_is_refused_with_a_message(app_db, workshop_links):
    at = open_rounds(workshop_links.facilitator)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert "cannot be empty" in texts(at)
    assert "No rounds yet" in texts(at)


def _personas(store, token):
    from workshop.cases.board import board

    return board(store, token).personas
