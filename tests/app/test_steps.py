"""Moving the room on: the step buttons, the completeness list, and every screen following the step."""

from __future__ import annotations

from workshop.cases import facilitation, sessions
from workshop.cases.board import board
from workshop.domain.model import VOTES_MAX, VOTES_MIN


def step_control(at):
    """The step control of the room's current step (there is one per step)."""
    [control] = [c for c in at.segmented_control if c.key and c.key.startswith("view_")]
    return control


def step_shown(at) -> str:
    return step_control(at).value


def button(at, label: str):
    return next(b for b in at.sidebar.button if b.label == label)


def test_the_step_buttons_move_the_room_and_the_facilitators_own_page(app_db, workshop_links, open_app):
    at = open_app(workshop_links.facilitator)
    assert step_shown(at) == "promise"
    button(at, "Personas →").click().run()
    assert not at.exception, at.exception
    assert board(app_db, workshop_links.facilitator).workshop.phase == "personas"
    assert step_shown(at) == "personas"
    button(at, "← Promise").click().run()
    assert board(app_db, workshop_links.facilitator).workshop.phase == "promise"
    assert step_shown(at) == "promise"


def test_moving_on_with_gaps_lists_them_and_lets_the_facilitator_stay_or_go(app_db, workshop_links, open_app):
    facilitation.set_phase(app_db, workshop_links.facilitator, "personas")
    at = open_app(workshop_links.facilitator)
    button(at, "Love & hate →").click().run()
    shown = "\n".join(m.value for m in at.sidebar.markdown)
    assert "Before moving on, the method expects:" in shown
    assert "persona" in shown.lower()  # fewer than four personas
    assert board(app_db, workshop_links.facilitator).workshop.phase == "personas"

    button(at, "Stay here").click().run()
    assert "Before moving on" not in "\n".join(m.value for m in at.sidebar.markdown)
    assert board(app_db, workshop_links.facilitator).workshop.phase == "personas"

    button(at, "Love & hate →").click().run()
    button(at, "Move on anyway").click().run()
    assert not at.exception, at.exception
    assert board(app_db, workshop_links.facilitator).workshop.phase == "love_hate"
    assert step_shown(at) == "love_hate"
    assert "Before moving on" not in "\n".join(m.value for m in at.sidebar.markdown)


def test_a_participant_follows_the_room_but_may_look_elsewhere_until_it_moves(
    app_db, workshop_links, open_app
):
    ana = sessions.join(app_db, workshop_links.participant, "Ana").token
    at = open_app(ana)
    facilitation.set_phase(app_db, workshop_links.facilitator, "ideas")
    at.run()
    assert step_shown(at) == "ideas"
    step_control(at).set_value("personas").run()
    at.run()  # a later update that does not move the room leaves Ana where she looks
    assert step_shown(at) == "personas"
    facilitation.set_phase(app_db, workshop_links.facilitator, "map")
    at.run()
    assert step_shown(at) == "map"


def test_what_the_browser_still_holds_for_the_previous_steps_control_does_not_carry_over(
    app_db, workshop_links, open_app
):
    """A run asked for by a browser that still shows the old step's control (its value included)."""
    at = open_app(workshop_links.facilitator)
    step_control(at).set_value("ideas").run()  # looking ahead while the room is at the promise
    assert step_shown(at) == "ideas"
    facilitation.set_phase(app_db, workshop_links.facilitator, "personas")
    at.run()  # sends the old control's value, "ideas", as a browser that has not caught up would
    assert not at.exception, at.exception
    assert step_shown(at) == "personas"
    assert step_control(at).key == "view_personas"


def test_a_step_control_left_without_a_choice_keeps_showing_the_step_shown_last(
    app_db, workshop_links, open_app
):
    ana = sessions.join(app_db, workshop_links.participant, "Ana").token
    facilitation.set_phase(app_db, workshop_links.facilitator, "ideas")
    at = open_app(ana)
    step_control(at).set_value("personas").run()
    step_control(at).set_value(None).run()  # the chosen step clicked again
    assert not at.exception, at.exception
    assert any("You are looking at Personas" in c.value for c in at.caption)


def test_the_votes_setting_offers_the_limits_the_workshop_accepts(workshop_links, open_app):
    at = open_app(workshop_links.facilitator)
    at.session_state["sidebar_settings_open"] = True  # the section opened
    at.run()
    [votes] = [n for n in at.sidebar.number_input if n.label == "Votes per participant"]
    assert (votes.min, votes.max) == (VOTES_MIN, VOTES_MAX)
