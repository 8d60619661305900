"""Ideas, the map, dot voting and the wrap-up as people see them, through the real app."""

from __future__ import annotations

import pytest

from personas.model import Stance
from workshop.cases import facilitation, idea_cases, persona_cases, sessions
from workshop.cases.board import board
from workshop.cases.persona_cases import StanceChange
from workshop.domain.errors import LimitReached
from workshop.ui.text import md_escape

ATTACK = "[x](javascript:alert(1))"


def shown(at) -> list[str]:
    """Every piece of text the page shows, as sent to the browser (escaped Markdown)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [e.value for e in at.error] + [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [s.value for s in at.success] + [t.value for t in at.toast]
    parts += [
        w.label
        for kind in ("button", "selectbox", "segmented_control", "select_slider")
        for w in at.get(kind)
    ]
    return [str(p) for p in parts]


def text(at) -> str:
    # The reader sees escaped Markdown without its backslashes.
    return "\n".join(shown(at)).replace("\\", "")


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def fill_idea(at, title: str, *, range_: str = "landmark", speed: int = 2) -> None:
    next(t for t in at.text_input if t.key.endswith("_title") and t.key.startswith("idea_new_")).input(title)
    next(
        s for s in at.segmented_control if s.key.startswith("idea_new_") and s.key.endswith("_range")
    ).set_value(range_)
    next(
        s for s in at.select_slider if s.key.startswith("idea_new_") and s.key.endswith("_effect_speed")
    ).set_value(speed)


@pytest.fixture
def room(app_db, workshop_links):
    """Two participants and two personas who feel opposite about speed and human contact."""
    ana = sessions.join(app_db, workshop_links.participant, "Ana").token
    ben = sessions.join(app_db, workshop_links.participant, "Ben").token
    fac = workshop_links.facilitator
    rusher = persona_cases.add_persona(app_db, fac, {"name": "Rusher", "share": 60})
    chatter = persona_cases.add_persona(app_db, fac, {"name": "Chatter", "share": 40})
    persona_cases.set_stances(
        app_db,
        fac,
        [
            StanceChange(rusher.key, "speed", Stance(), 2),
            StanceChange(rusher.key, "human_contact", Stance(), -2),
            StanceChange(chatter.key, "speed", Stance(), -2),
            StanceChange(chatter.key, "human_contact", Stance(), 2),
        ],
    )
    return {"ana": ana, "ben": ben, "fac": fac, "rusher": rusher.key, "chatter": chatter.key}


def add(app_db, token, title, **effects):
    values = {"title": title, "range": "landmark", "touch": "core", "effects": effects}
    return idea_cases.add_idea(app_db, token, values)


def at_step(app_db, room, step):
    facilitation.set_phase(app_db, room["fac"], step)


# Ideas


def test_a_participant_adds_an_idea(app_db, room, open_app):
    at_step(app_db, room, "ideas")
    at = open_app(room["ana"])
    fill_idea(at, "Self-service kiosk")
    button(at, "Add idea").click().run()
    assert not at.exception
    ideas = board(app_db, room["ana"]).ideas
    assert [(i.title, i.range, dict(i.effects), i.author) for i in ideas] == [
        ("Self-service kiosk", "landmark", {"speed": 2}, "Ana")
    ]
    assert "Self-service kiosk" in text(at)
    assert "Speed +2" in text(at)


def test_a_double_submission_creates_one_idea(app_db, room, open_app):
    at_step(app_db, room, "ideas")
    at = open_app(room["ana"])
    request = at.session_state["idea_request"]
    fill_idea(at, "Kiosk")
    button(at, "Add idea").click().run()
    # The same form arrives a second time (a double click, a resent request): same request id.
    at.session_state["idea_request"] = request
    at.run()
    fill_idea(at, "Kiosk")
    button(at, "Add idea").click().run()
    assert not at.exception
    assert [i.title for i in board(app_db, room["ana"]).ideas] == ["Kiosk"]


def test_after_an_idea_is_added_the_form_is_empty_for_the_next_one(app_db, room, open_app):
    at_step(app_db, room, "ideas")
    at = open_app(room["ana"])
    fill_idea(at, "Kiosk")
    button(at, "Add idea").click().run()
    title = next(t for t in at.text_input if t.key.startswith("idea_new_"))
    assert title.value == ""


def test_a_refused_idea_keeps_what_was_typed(app_db, room, open_app):
    at_step(app_db, room, "ideas")
    at = open_app(room["ana"])
    next(t for t in at.text_area if t.key.startswith("idea_new_")).input("Long words about it")
    button(at, "Add idea").click().run()  # no title
    assert "Title" in text(at) and at.error
    assert next(t for t in at.text_area if t.key.startswith("idea_new_")).value == "Long words about it"
    assert board(app_db, room["ana"]).ideas == ()


def test_an_edit_from_a_stale_view_is_refused_and_keeps_the_typed_text(app_db, room, open_app):
    at_step(app_db, room, "ideas")
    kiosk = add(app_db, room["ana"], "Kiosk", speed=2)
    at = open_app(room["ana"])
    button(at, "Edit").click().run()
    idea_cases.update_idea(
        app_db, room["ben"], kiosk, {"title": "Kiosk by Ben", "range": "landmark", "touch": "core"}
    )
    at.text_input(key=f"idea_edit_{kiosk.key}_title").input("Kiosk by Ana")
    button(at, "Save").click().run()
    # The same banner as every form refused for someone else's save.
    assert [w.icon for w in at.warning if "changed this idea while you were editing" in w.value] == ["🔀"]
    assert at.text_input(key=f"idea_edit_{kiosk.key}_title").value == "Kiosk by Ana"
    assert [i.title for i in board(app_db, room["ana"]).ideas] == ["Kiosk by Ben"]
    button(at, "Save").click().run()  # now knowingly over their version
    assert [i.title for i in board(app_db, room["ana"]).ideas] == ["Kiosk by Ana"]


def test_removing_an_idea_asks_first_and_says_what_goes_with_it(app_db, room, open_app):
    at_step(app_db, room, "ideas")
    kiosk = add(app_db, room["ana"], "Kiosk", speed=2)
    idea_cases.rate(app_db, room["ben"], kiosk.key, room["rusher"], 2)
    at = open_app(room["ana"])
    button(at, "Remove").click().run()
    assert "1 team rating(s)" in text(at)
    assert len(board(app_db, room["ana"]).ideas) == 1
    button(at, "Yes, remove").click().run()
    assert board(app_db, room["ana"]).ideas == ()


def test_a_viewer_sees_the_ideas_but_no_form(app_db, room, open_app, workshop_links):
    at_step(app_db, room, "ideas")
    add(app_db, room["ana"], "Kiosk", speed=2)
    at = open_app(workshop_links.viewer)
    assert "Kiosk" in text(at)
    assert not at.text_input and not [b for b in at.button if b.label in ("Add idea", "Edit", "Remove")]


def test_an_anonymous_step_shows_ideas_without_their_authors(app_db, room, open_app):
    at_step(app_db, room, "ideas")
    facilitation.update_settings(app_db, room["fac"], anonymous=True)
    add(app_db, room["ana"], "Kiosk", speed=2)
    for token in (room["ben"], room["fac"]):
        page = text(open_app(token))
        assert "Kiosk" in page and "by Ana" not in page


def test_an_idea_titled_like_a_markdown_link_renders_escaped(app_db, room, open_app):
    add(app_db, room["ana"], ATTACK, speed=2, human_contact=-2)
    for step in ("ideas", "map", "vote"):
        at_step(app_db, room, step)
        at = open_app(room["ben"])
        assert not at.exception
        raw = shown(at)
        assert any(md_escape(ATTACK) in part for part in raw), step
        assert not any("](javascript:" in part for part in raw), step


# The map


def test_the_map_page_shows_findings_for_a_polarising_idea(app_db, room, open_app):
    add(app_db, room["ana"], "Kiosk", speed=2, human_contact=-2)
    at_step(app_db, room, "map")
    at = open_app(room["ben"])
    assert not at.exception
    assert "“Kiosk” delights Rusher but alienates Chatter. Who is it really for?" in text(at)


def test_a_participant_records_their_own_judgement_on_the_map(app_db, room, open_app):
    kiosk = add(app_db, room["ana"], "Kiosk", speed=2, human_contact=-2)
    at_step(app_db, room, "map")
    at = open_app(room["ben"])
    at.segmented_control(key=f"judge_{kiosk.key}_{room['chatter']}").set_value(2)
    button(at, "Save my judgement").click().run()
    assert not at.exception
    assert board(app_db, room["ben"]).my_ratings == {(kiosk.key, room["chatter"], False): 2}
    # The arithmetic says −2 for Chatter, the team +2: a disagreement the map names.
    assert "“Kiosk” for Chatter: the love/hate arithmetic says −2, the team +2." in text(at)
    assert at.segmented_control(key=f"judge_{kiosk.key}_{room['chatter']}").value == 2


def test_a_seated_participant_answers_as_the_persona_and_the_map_compares_three_views(app_db, room, open_app):
    kiosk = add(app_db, room["ana"], "Kiosk", speed=2, human_contact=-2)
    at_step(app_db, room, "map")
    idea_cases.rate(app_db, room["ben"], kiosk.key, room["rusher"], 2)
    at = open_app(room["ana"])
    at.selectbox(key="my_seat_none").set_value(room["rusher"]).run()
    button(at, "Take this seat").click().run()
    assert board(app_db, room["ana"]).me.seat == room["rusher"]
    at.segmented_control(key=f"as_{room['rusher']}_{kiosk.key}").set_value(-2)
    button(at, "Save my answers as this persona").click().run()
    assert not at.exception
    page = text(at)
    assert "Ana plays Rusher" in page
    assert "whoever played Rusher says −2" in page and "worth a discussion" in page
    assert at.dataframe, "the side-by-side table is shown"


def test_the_facilitator_assigns_a_seat_from_the_map(app_db, room, open_app):
    add(app_db, room["ana"], "Kiosk", speed=2)
    at_step(app_db, room, "map")
    ben_id = board(app_db, room["ben"]).caller.participant_id
    at = open_app(room["fac"])
    at.selectbox(key=f"seat_of_{ben_id}").set_value(room["chatter"])
    button(at, "Save seats").click().run()
    assert board(app_db, room["ben"]).me.seat == room["chatter"]


# Voting


@pytest.fixture
def voting(app_db, room):
    kiosk = add(app_db, room["ana"], "Kiosk", speed=2, human_contact=-2)
    chat = add(app_db, room["ana"], "Live chat", human_contact=2)
    at_step(app_db, room, "vote")
    return {**room, "kiosk": kiosk.key, "chat": chat.key}


def test_a_participant_cannot_exceed_their_votes(app_db, voting, open_app):
    facilitation.update_settings(app_db, voting["fac"], votes_per_participant=1)
    at = open_app(voting["ana"])
    at.button(key=f"vote_plus_{voting['kiosk']}").click().run()
    assert board(app_db, voting["ana"]).my_votes == {voting["kiosk"]: 1}
    assert not at.exception
    plus = at.button(key=f"vote_plus_{voting['chat']}")
    assert plus.disabled  # off before the click, with the reason in its help
    assert "You have used all 1 of your vote" in plus.help
    assert "All your votes are placed" in text(at)
    with pytest.raises(LimitReached, match="used all 1 of your vote"):  # a page not redrawn yet
        idea_cases.cast_vote(app_db, voting["ana"], voting["chat"])
    assert board(app_db, voting["ana"]).my_votes == {voting["kiosk"]: 1}


def test_a_vote_can_be_taken_back(app_db, voting, open_app):
    at = open_app(voting["ana"])
    at.button(key=f"vote_plus_{voting['kiosk']}").click().run()
    at.button(key=f"vote_minus_{voting['kiosk']}").click().run()
    assert board(app_db, voting["ana"]).my_votes == {}
    assert "You have 3 of 3 votes left." in text(at)


def _ana_spends_all(app_db, voting):
    for _ in range(2):
        facilitation.update_settings(app_db, voting["fac"], several_votes_per_idea=True)
        idea_cases.cast_vote(app_db, voting["ana"], voting["kiosk"])
    idea_cases.cast_vote(app_db, voting["ana"], voting["chat"])


def test_before_the_reveal_a_second_participant_sees_no_one_elses_votes(app_db, voting, open_app):
    _ana_spends_all(app_db, voting)
    at = open_app(voting["ben"])
    page = text(at)
    assert "Your votes: **0**" in "\n".join(shown(at))
    assert not any(
        p.startswith("Your votes: **") and not p.startswith("Your votes: **0**") for p in shown(at)
    )
    assert "Results" not in page and not at.dataframe
    assert "hidden until the facilitator reveals" in page
    seen = board(app_db, voting["ben"])
    assert seen.votes == () and seen.my_votes == {}


def test_the_facilitator_sees_who_has_not_voted_but_no_counts_per_idea(app_db, voting, open_app):
    _ana_spends_all(app_db, voting)
    at = open_app(voting["fac"])
    page = text(at)
    assert "Not voted yet (1 of 2)" in page
    waiting = page.split("Not voted yet (1 of 2)", 1)[1].splitlines()[1]
    assert waiting == "Ben"
    assert "Results" not in page and not at.dataframe
    assert all(p.startswith("Your votes: **0**") for p in shown(at) if p.startswith("Your votes"))
    assert board(app_db, voting["fac"]).votes == ()


def test_after_the_reveal_the_ranking_shows(app_db, voting, open_app):
    _ana_spends_all(app_db, voting)
    fac = open_app(voting["fac"])
    button(fac, "Reveal results").click().run()
    assert not fac.exception
    assert board(app_db, voting["fac"]).workshop.settings.votes_revealed
    at = open_app(voting["ben"])
    assert "Results" in text(at)
    table = at.dataframe[0].value
    assert list(table["Idea"]) == ["Kiosk", "Live chat"]
    assert list(table["Votes"]) == [2, 1]
    assert list(table["Rank"]) == [1, 2]


def test_the_wrap_up_lists_chosen_ideas_with_what_they_do_for_each_persona(app_db, voting, open_app):
    _ana_spends_all(app_db, voting)
    facilitation.update_settings(app_db, voting["fac"], votes_revealed=True)
    at_step(app_db, voting, "wrap_up")
    at = open_app(voting["ben"])
    assert not at.exception
    page = "\n".join(shown(at))
    # Until the facilitator marks a decision, the top-voted ideas stand in, most votes first.
    assert page.index("**1. Kiosk**") < page.index("**2. Live chat**")
    assert "Rusher :blue-badge[delights] · Chatter :red-badge[alienates]" in page
    assert "Rusher :red-badge[alienates] · Chatter :blue-badge[delights]" in page
    assert "Take it home" in text(at)
