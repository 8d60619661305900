"""The promise on the Map and in the ranking, and the decision on Wrap-up, through the real app."""

from __future__ import annotations

import pytest

from personas.model import Stance
from workshop.cases import decision_cases, facilitation, idea_cases, persona_cases, sessions
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange


def shown(at) -> str:
    """Every text the page shows, as the reader sees it (escaped Markdown without its backslashes)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [e.value for e in at.error] + [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [t.value for t in at.toast] + [m.label for m in at.metric] + [m.value for m in at.metric]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


@pytest.fixture
def room(app_db, workshop_links):
    """Two participants, two personas who feel opposite about speed, two ideas with a vote or two."""
    fac = workshop_links.facilitator
    ana = sessions.join(app_db, workshop_links.participant, "Ana").token
    ben = sessions.join(app_db, workshop_links.participant, "Ben").token
    rusher = persona_cases.add_persona(app_db, fac, {"name": "Rusher", "share": 60})
    chatter = persona_cases.add_persona(app_db, fac, {"name": "Chatter", "share": 40})
    persona_cases.set_stances(
        app_db,
        fac,
        [
            StanceChange(rusher.key, "speed", Stance(), 2),
            StanceChange(chatter.key, "speed", Stance(), -2),
            StanceChange(chatter.key, "human_contact", Stance(), 2),
        ],
    )

    def idea(title: str, range_: str, touch: str, **effects: int) -> str:
        values = {"title": title, "range": range_, "touch": touch, "effects": effects}
        return idea_cases.add_idea(app_db, ana, values).key

    kiosk = idea("Kiosk", "landmark", "core", speed=2)  # delights Rusher, alienates Chatter
    chat = idea("Live chat", "incremental", "in", human_contact=2)  # delights Chatter
    return {"fac": fac, "ana": ana, "ben": ben, "kiosk": kiosk, "chat": chat, "viewer": workshop_links.viewer}


def at_step(app_db, room, step: str) -> None:
    facilitation.set_phase(app_db, room["fac"], step)


# The map


def test_a_participant_judges_an_idea_against_the_promise_in_the_same_form_as_the_personas(
    app_db, room, open_app
):
    at_step(app_db, room, "map")
    at = open_app(room["ana"])
    assert "does it keep the promise, “Kind and quick.”?" in shown(at)
    at.selectbox(key="judge_idea").set_value(room["kiosk"]).run()
    at.segmented_control(key=f"judge_{room['kiosk']}__promise").set_value(-2)
    button(at, "Save my judgement").click().run()
    assert not at.exception
    assert board(app_db, room["ana"]).my_promise == {room["kiosk"]: -2}
    assert board(app_db, room["ana"]).my_ratings == {}  # only what changed was written
    # Kiosk delights Rusher but the team (Ana alone) judges it against the promise.
    assert "“Kiosk” delights Rusher but works against the promise (team median −2)." in shown(at)
    assert at.segmented_control(key=f"judge_{room['kiosk']}__promise").value == -2


def test_without_a_promise_the_judgement_form_has_no_promise_row(app_db, room, open_app):
    facilitation.update_promise(app_db, room["fac"], board(app_db, room["fac"]).workshop, "Test workshop", "")
    at_step(app_db, room, "map")
    at = open_app(room["ana"])
    assert not [s for s in at.segmented_control if s.key.endswith("__promise")]
    assert "Once the promise is written (Promise step)" in shown(at)


def test_a_view_only_link_sees_the_promise_findings_but_no_form(app_db, room, open_app):
    decision_cases.judge_promise(app_db, room["ben"], room["chat"], -1)
    at_step(app_db, room, "map")
    at = open_app(room["viewer"])
    assert not at.exception
    assert "“Live chat” delights Chatter but works against the promise (team median −1)." in shown(at)
    assert not [s for s in at.segmented_control if s.key.startswith("judge_")]


# The ranking


@pytest.fixture
def voted(app_db, room):
    at_step(app_db, room, "vote")
    idea_cases.cast_vote(app_db, room["ana"], room["kiosk"])
    idea_cases.cast_vote(app_db, room["ben"], room["kiosk"])
    idea_cases.cast_vote(app_db, room["ben"], room["chat"])
    decision_cases.judge_promise(app_db, room["ana"], room["chat"], 2)
    decision_cases.judge_promise(app_db, room["ben"], room["chat"], 1)
    facilitation.update_settings(app_db, room["fac"], votes_revealed=True)
    return room


def test_the_ranking_shows_the_promise_median_and_the_facilitator_can_order_by_it(app_db, voted, open_app):
    at = open_app(voted["fac"])
    table = at.dataframe[0].value
    assert list(table["Idea"]) == ["Kiosk", "Live chat"]
    assert list(table["Promise"]) == ["—", "+1.5 (embodies it)"]
    at.segmented_control(key="ranking_order").set_value("promise").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Idea"]) == ["Live chat", "Kiosk"]
    assert list(table["Rank"]) == [2, 1]  # still the vote rank


def test_participants_see_the_promise_column_but_only_the_facilitator_orders_the_ranking(
    app_db, voted, open_app
):
    at = open_app(voted["ben"])
    assert list(at.dataframe[0].value["Promise"]) == ["—", "+1.5 (embodies it)"]
    assert not [s for s in at.segmented_control if s.key == "ranking_order"]


# The decision


def test_the_facilitator_starts_from_the_top_voted_ideas_and_marks_the_decision(app_db, voted, open_app):
    at_step(app_db, voted, "wrap_up")
    at = open_app(voted["fac"])
    assert at.multiselect(key="decision_picked").value == [voted["kiosk"], voted["chat"]]
    assert "Proposed: the top-voted ideas." in shown(at)
    at.multiselect(key="decision_picked").unselect(voted["kiosk"]).run()
    button(at, "Save the decision").click().run()
    assert not at.exception
    decision = board(app_db, voted["ben"]).decision
    assert decision.marked and decision.idea_keys == (voted["chat"],)
    page = shown(at)
    assert "Proposed" not in page and "**1. Live chat**" in page and "Kiosk**" not in page
    # Live chat alone leaves Rusher out: said plainly.
    assert "No chosen idea delights or helps Rusher: the closest, “Live chat”, is neutral for them." in page


def test_the_facilitator_writes_a_next_step_and_an_owner_and_everyone_sees_them(app_db, voted, open_app):
    decision_cases.choose_ideas(app_db, voted["fac"], 0, [voted["chat"]])
    at_step(app_db, voted, "wrap_up")
    at = open_app(voted["fac"])
    prefix = f"next_{voted['chat']}"
    at.text_input(key=f"{prefix}_step").input("Trial it on the night shift")
    at.text_input(key=f"{prefix}_owner").input("Ben")
    next(b for b in at.button if b.label == "Save next step").click().run()
    assert not at.exception
    [entry] = board(app_db, voted["ana"]).decision.chosen
    assert (entry.next_step, entry.owner) == ("Trial it on the night shift", "Ben")
    seen = shown(open_app(voted["ana"]))
    assert "Next: Trial it on the night shift — **Ben**" in seen


def test_a_next_step_saved_over_a_co_facilitators_change_is_refused_and_the_typing_stays(
    app_db, voted, open_app
):
    [entry] = decision_cases.choose_ideas(app_db, voted["fac"], 0, [voted["chat"]]).chosen
    at_step(app_db, voted, "wrap_up")
    at = open_app(voted["fac"])
    co = sessions.add_co_facilitator(app_db, voted["fac"], "Cleo")
    decision_cases.set_next_step(app_db, co, entry, "Ask the night team", "Cleo")
    prefix = f"next_{voted['chat']}"
    at.text_input(key=f"{prefix}_step").input("Trial it on the night shift")
    next(b for b in at.button if b.label == "Save next step").click().run()
    page = shown(at)
    assert "Cleo changed this next step while you were editing (next step, owner)." in page
    assert "Saved now: Ask the night team — Cleo" in page
    assert at.text_input(key=f"{prefix}_step").value == "Trial it on the night shift"
    assert board(app_db, voted["fac"]).decision.chosen[0].next_step == "Ask the night team"
    next(b for b in at.button if b.label == "Save next step").click().run()  # knowingly, over theirs
    assert board(app_db, voted["fac"]).decision.chosen[0].next_step == "Trial it on the night shift"


def test_a_choice_saved_over_a_co_facilitators_change_is_refused_and_the_picks_stay(app_db, voted, open_app):
    at_step(app_db, voted, "wrap_up")
    at = open_app(voted["fac"])
    co = sessions.add_co_facilitator(app_db, voted["fac"], "Cleo")
    decision_cases.choose_ideas(app_db, co, 0, [voted["kiosk"]])
    at.multiselect(key="decision_picked").unselect(voted["kiosk"]).run()
    button(at, "Save the decision").click().run()
    assert "Cleo changed this decision while you were editing (chosen ideas)." in shown(at)
    assert at.multiselect(key="decision_picked").value == [voted["chat"]]
    assert board(app_db, voted["fac"]).decision.idea_keys == (voted["kiosk"],)
    button(at, "Save the decision").click().run()
    assert board(app_db, voted["fac"]).decision.idea_keys == (voted["chat"],)


def test_participants_and_viewers_see_the_decision_without_the_form(app_db, voted, open_app):
    decision_cases.choose_ideas(app_db, voted["fac"], 0, [voted["kiosk"], voted["chat"]])
    at_step(app_db, voted, "wrap_up")
    for token in (voted["ana"], voted["viewer"]):
        at = open_app(token)
        assert not at.exception
        assert not [w for w in at.multiselect if w.key == "decision_picked"]
        assert "Save the decision" not in [b.label for b in at.button]
        page = shown(at)
        assert "**1. Kiosk**" in page and "**2. Live chat**" in page
        assert "Customers reached" in page and "100 %" in page
        assert "Landmark · Core touch · 2 votes · promise —" in page
        assert "Incremental · In-touch · 1 vote · promise +1.5 (embodies it)" in page
    grid = at.table[0].value
    assert list(grid["Core touch"]) == ["none", "Kiosk", "none", "none"]
    assert "No chosen idea is breakthrough or disruptive." in shown(at)


def test_the_presenter_view_shows_the_decision_at_wrap_up(app_db, voted, open_app):
    decision_cases.choose_ideas(app_db, voted["fac"], 0, [voted["chat"]])
    at_step(app_db, voted, "wrap_up")
    at = open_app(voted["viewer"])
    at.query_params["view"] = "presenter"
    at.run()
    assert not at.exception
    page = shown(at)
    assert "## The decision" in page and "1. **Live chat**: no next step yet" in page
    assert [e for e in at.get("vega_lite_chart")], "the chosen ideas are drawn against the personas"
    assert "No chosen idea delights or helps Rusher" in page
