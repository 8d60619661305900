"""Every page launches without an exception, for every role, and links route as they should."""

from __future__ import annotations

import pytest

from workshop.cases import sessions
from workshop.domain.phases import PHASE_KEYS


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [h.value for h in at.header]
    parts += [e.value for e in at.error] + [i.value for i in at.info] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def test_the_landing_page_starts_a_workshop_and_shows_the_facilitator_page(open_app):
    at = open_app()
    assert not at.exception
    at.text_input[0].input("Spring workshop")
    at.text_area[0].input("Fast and fair.")
    at.button[0].click().run()
    assert not at.exception
    token = at.query_params["t"]
    assert token and "Spring workshop" in texts(at)


def test_an_empty_title_is_refused_with_a_message_and_no_workshop_is_made(open_app):
    at = open_app()
    at.button[0].click().run()
    assert "Title cannot be empty" in texts(at)
    assert "t" not in at.query_params


@pytest.mark.parametrize("token", ["nonsense", "A" * 32, "x" * 200])
def test_a_wrong_link_shows_one_plain_invalid_page(open_app, token):
    at = open_app(token)
    assert not at.exception
    assert "This link is not valid" in texts(at)


def test_a_repeated_token_parameter_is_not_valid(open_app, workshop_links):
    at = AppTestWithRepeated = open_app(None)
    at.query_params["t"] = [workshop_links.participant, workshop_links.viewer]
    at.run()
    assert "This link is not valid" in texts(AppTestWithRepeated)


def test_a_participant_joins_through_query_params_and_keeps_a_personal_link(open_app, workshop_links, app_db):
    at = open_app(workshop_links.participant)
    assert not at.exception
    at.text_input[0].input("Ana")
    at.button[0].click().run()
    assert not at.exception
    personal = at.query_params["t"]
    assert personal != workshop_links.participant
    again = open_app(personal)
    assert "Ana" in texts(again)
    names = [p.name for p in sessions.participants(app_db, workshop_links.facilitator)]
    assert "Ana" in names


@pytest.mark.parametrize("phase", PHASE_KEYS)
@pytest.mark.parametrize("role", ["facilitator", "participant", "viewer"])
def test_every_step_launches_for_every_role(open_app, workshop_links, app_db, phase, role):
    from workshop.cases.facilitation import set_phase

    set_phase(app_db, workshop_links.facilitator, phase)
    token = {
        "facilitator": workshop_links.facilitator,
        "viewer": workshop_links.viewer,
        "participant": sessions.join(app_db, workshop_links.participant, "Ana").token,
    }[role]
    at = open_app(token)
    assert not at.exception, at.exception


def test_the_landing_page_opens_a_workshop_file_someone_brought(open_app, app_db):
    from exports.demo import load_demo
    from exports.workshop_file import to_json
    from workshop.cases.board import board

    at = open_app()
    assert "Open a workshop file" in [s.value for s in at.subheader]
    at.file_uploader[0].set_value(("demo.json", to_json(load_demo()), "application/json")).run()
    next(b for b in at.button if b.label == "Open as a new workshop").click().run()
    assert not at.exception, at.exception
    assert len(board(app_db, at.query_params["t"]).personas) == len(load_demo().personas)
