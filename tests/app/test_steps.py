"""Moving the room on: the step buttons, the completeness list, and every screen following the step."""

from __future__ import annotations

from workshop import facilitation, sessions
from workshop.board import board


def step_shown(at) -> str:
    return at.segmented_control(key="view").value


def button(at, label: str):
    return next(b for b in at.sidebar.button if b.label == label)


def test_the_run_that_moves_the_room_also_draws_the_new_step(app_db, workshop_links, open_app):
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
    at.segmented_control(key="view").set_value("personas").run()
    at.run()  # a later update that does not move the room leaves Ana where she looks
    assert step_shown(at) == "personas"
    facilitation.set_phase(app_db, workshop_links.facilitator, "map")
    at.run()
    assert step_shown(at) == "map"


def test_a_run_cut_short_before_the_step_was_drawn_does_not_leave_the_old_step(
    app_db, workshop_links, open_app, monkeypatch
):
    """A run stopped halfway (a newer request from the browser stops it) and a next run that
    brings the step control's old value from the browser: the page still shows the room's step."""
    from workshop.ui import steps

    at = open_app(workshop_links.facilitator)
    facilitation.set_phase(app_db, workshop_links.facilitator, "personas")
    real = steps.show

    def stopped(*args, **kwargs):
        monkeypatch.setattr(steps, "show", real)
        raise RuntimeError("stopped before the page was drawn")

    monkeypatch.setattr(steps, "show", stopped)
    at.run()
    assert at.exception  # the run did not finish
    at.segmented_control(key="view").set_value("promise").run()
    assert not at.exception, at.exception
    assert step_shown(at) == "personas"


def test_a_step_control_left_without_a_choice_keeps_the_step_shown_last(app_db, workshop_links, open_app):
    ana = sessions.join(app_db, workshop_links.participant, "Ana").token
    facilitation.set_phase(app_db, workshop_links.facilitator, "ideas")
    at = open_app(ana)
    at.segmented_control(key="view").set_value("personas").run()
    at.segmented_control(key="view").set_value(None).run()  # the chosen step clicked again
    assert not at.exception, at.exception
    assert step_shown(at) == "personas"
    assert any("You are looking at Personas" in c.value for c in at.caption)
