"""Promise, personas and love/hate views in AppTest: forms, the 4-6 rule, stale edits, literal text, roles."""

from __future__ import annotations

import pytest

from personas.model import Stance
from workshop.cases import sessions
from workshop.cases.board import board
from workshop.cases.facilitation import set_locked, set_phase, update_promise
from workshop.cases.persona_cases import StanceChange, add_persona, set_stances, update_persona

HOSTILE = {
    "name": "[click](javascript:alert(1))",
    "quote": "<img src=x onerror=alert(1)>",
    "description": ":red[x] and $x^2$",
}


def shown(at) -> list[str]:
    """Every piece of Markdown the page shows, as sent to the browser."""
    elements = [*at.markdown, *at.caption, *at.subheader, *at.warning, *at.info, *at.error, *at.success]
    return [str(e.value) for e in elements]


def button(at, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} among {[b.label for b in at.button]}"
    return matches[0]


def add_field(at, field: str):
    prefix = f"padd_{at.session_state['persona_add_request']}_{field}"
    if field in ("description", "evidence"):
        return at.text_area(key=prefix)
    return at.text_input(key=prefix)


@pytest.fixture
def ana(app_db, workshop_links):
    return sessions.join(app_db, workshop_links.participant, "Ana").token


@pytest.fixture
def bea(app_db, workshop_links):
    return sessions.join(app_db, workshop_links.participant, "Bea").token


def at_step(app_db, workshop_links, step: str) -> None:
    set_phase(app_db, workshop_links.facilitator, step)


def test_a_participant_adds_a_persona_through_the_form(open_app, app_db, workshop_links, ana):
    at_step(app_db, workshop_links, "personas")
    at = open_app(ana)
    add_field(at, "name").input("Bargain hunter")
    add_field(at, "quote").input("Why pay more?")
    add_field(at, "share").input("30")
    button(at, "Add persona").click().run()
    assert not at.exception
    personas = board(app_db, ana).personas
    assert [(p.name, p.quote, p.share, p.created_by) for p in personas] == [
        ("Bargain hunter", "Why pay more?", 30.0, "Ana")
    ]
    assert any("Bargain hunter" in text for text in shown(at))
    assert add_field(at, "name").value == "", "a fresh, empty form for the next persona"


def test_submitting_the_same_add_form_twice_creates_one_persona(open_app, app_db, workshop_links, ana):
    at_step(app_db, workshop_links, "personas")
    at = open_app(ana)
    add_field(at, "name").input("Bargain hunter")
    # The first submission reached the server, but its answer never came back to this browser.
    add_persona(app_db, ana, {"name": "Bargain hunter"}, at.session_state["persona_add_request"])
    button(at, "Add persona").click().run()
    assert [p.name for p in board(app_db, ana).personas] == ["Bargain hunter"]


def test_a_participant_sets_love_and_hate_on_the_phone_form(open_app, app_db, workshop_links, ana):
    persona = add_persona(app_db, ana, {"name": "Bargain hunter"})
    at_step(app_db, workshop_links, "personas")
    at = open_app(ana)
    button(at, "❤️ Love & hate").click().run()
    at.select_slider(key=f"pst_{persona.key}_price").set_value(2)
    at.text_input(key=f"pnote_{persona.key}_price").input("Compares every offer")
    at.select_slider(key=f"pst_{persona.key}_human_contact").set_value(-1)
    button(at, "Save love & hate").click().run()
    assert not at.exception
    saved = board(app_db, ana).personas[0]
    assert saved.stance("price") == Stance(2, "Compares every offer")
    assert saved.stance("human_contact") == Stance(-1, "")
    assert saved.stance("speed") == Stance(0, "")


def test_a_seventh_persona_is_refused_with_the_methods_message_and_the_typed_name_stays(
    open_app, app_db, workshop_links, ana
):
    for n in range(6):
        add_persona(app_db, ana, {"name": f"Persona {n}"})
    at_step(app_db, workshop_links, "personas")
    at = open_app(ana)
    assert any("Six personas is the most" in text for text in shown(at))
    assert not [t for t in at.text_input if t.key.startswith("padd_")], "the add form is drawn when opened"
    button(at, "➕ Add a persona").click().run()
    add_field(at, "name").input("Seventh")
    button(at, "Add persona").click().run()
    assert any("already has six personas" in e.value for e in at.error)
    assert add_field(at, "name").value == "Seventh"
    assert len(board(app_db, ana).personas) == 6


def test_fewer_than_four_personas_is_shown_plainly(open_app, app_db, workshop_links, ana):
    add_persona(app_db, ana, {"name": "Only one"})
    at_step(app_db, workshop_links, "personas")
    at = open_app(ana)
    assert any("needs at least four personas; add 3 more" in w.value for w in at.warning)


def test_a_stale_edit_shows_the_other_persons_change_and_keeps_the_typed_text(
    open_app, app_db, workshop_links, ana, bea
):
    persona = add_persona(app_db, ana, {"name": "Bargain hunter"})
    at_step(app_db, workshop_links, "personas")
    at = open_app(ana)
    button(at, "✏️ Edit").click().run()
    at.text_input(key=f"pedit_{persona.key}_name").input("Deal seeker")
    update_persona(app_db, bea, persona, {"name": "Bargain hunter", "quote": "Cheap is good"})
    button(at, "Save").click().run()
    assert not at.exception
    assert any("Bea changed this persona" in w.value for w in at.warning)
    assert any("Cheap is good" in text for text in shown(at)), "the other person's change is shown"
    assert at.text_input(key=f"pedit_{persona.key}_name").value == "Deal seeker"
    assert board(app_db, ana).personas[0].name == "Bargain hunter", "nothing was saved"
    button(at, "Save").click().run()
    assert board(app_db, ana).personas[0].name == "Deal seeker", "saving again, knowingly, goes through"


def test_a_locked_workshop_refuses_a_participants_persona_and_keeps_the_typed_text(
    open_app, app_db, workshop_links, ana
):
    at_step(app_db, workshop_links, "personas")
    at = open_app(ana)
    add_field(at, "name").input("Night owl")
    set_locked(app_db, workshop_links.facilitator, True)
    button(at, "Add persona").click().run()
    assert any("locked editing" in e.value for e in at.error)
    assert add_field(at, "name").value == "Night owl"
    assert board(app_db, ana).personas == ()


@pytest.mark.parametrize("step", ["personas", "love_hate"])
def test_a_hostile_persona_is_shown_as_literal_text(open_app, app_db, workshop_links, ana, step):
    add_persona(app_db, ana, HOSTILE)
    at_step(app_db, workshop_links, step)
    at = open_app(workshop_links.facilitator)
    texts = shown(at)
    assert any("\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in text for text in texts)
    assert not any("[click](" in text for text in texts), "never a link"
    if step == "personas":
        assert any("\\<img src\\=x onerror\\=alert\\(1\\)\\>" in text for text in texts)
        assert any("\\:red\\[x\\] and \\$x\\^2\\$" in text for text in texts)
        assert not any(":red[x]" in text or "$x^2$" in text for text in texts)


def test_a_viewer_sees_everything_but_no_edit_forms(open_app, app_db, workshop_links, ana):
    add_persona(app_db, ana, {"name": "Bargain hunter"})
    for step in ("promise", "personas", "love_hate"):
        at_step(app_db, workshop_links, step)
        at = open_app(workshop_links.viewer)
        assert not at.exception
        assert not at.text_input and not at.text_area and not at.data_editor, step
        assert not [b for b in at.button if b.label in ("Add persona", "✏️ Edit", "Save promise")]
        if step == "personas":
            assert any("Bargain hunter" in text for text in shown(at))


def test_the_grid_saves_a_changed_stance(open_app, app_db, workshop_links, ana):
    add_persona(app_db, ana, {"name": "Bargain hunter"})
    at_step(app_db, workshop_links, "love_hate")
    at = open_app(workshop_links.facilitator)
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": {0: {"attr_price": "love strongly"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    button(at, "Save the grid").click().run()
    assert not at.exception
    assert board(app_db, ana).personas[0].stance("price") == Stance(2, "")


def test_a_stale_grid_save_lists_the_other_change_and_keeps_mine(open_app, app_db, workshop_links, ana, bea):
    persona = add_persona(app_db, ana, {"name": "Bargain hunter"})
    at_step(app_db, workshop_links, "love_hate")
    at = open_app(workshop_links.facilitator)
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {0: {"attr_price": "hate"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    set_stances(app_db, bea, [StanceChange(persona.key, "price", Stance(), 2, "loves deals")])
    button(at, "Save the grid").click().run()
    assert any("Bea changed this stance" in w.value for w in at.warning)
    assert any("Price\\: now love strongly" in text for text in shown(at))
    assert board(app_db, ana).personas[0].stance("price").score == 2, "nothing was saved"
    button(at, "Save the grid").click().run()
    assert board(app_db, ana).personas[0].stance("price").score == -1, "my change was kept and saved"


def test_removing_an_attribute_asks_first_and_says_what_goes(open_app, app_db, workshop_links, ana):
    persona = add_persona(app_db, ana, {"name": "Bargain hunter"})
    set_stances(app_db, ana, [StanceChange(persona.key, "price", Stance(), 2)])
    at_step(app_db, workshop_links, "love_hate")
    at = open_app(workshop_links.facilitator)
    at.button(key="attr_remove_open_price").click().run()
    assert "price" in board(app_db, ana).attribute_keys, "nothing removed before the confirmation"
    assert any("This clears 1 persona stance" in w.value for w in at.warning)
    at.button(key="attr_remove_yes_price").click().run()
    assert not at.exception
    assert "price" not in board(app_db, ana).attribute_keys


def test_a_stale_promise_edit_shows_their_text_and_keeps_mine(open_app, app_db, workshop_links, ana, bea):
    at = open_app(ana)
    at.text_area(key="promise_text").input("Fast and friendly.")
    update_promise(app_db, bea, board(app_db, bea).workshop, "Test workshop", "Cheap and cheerful.")
    button(at, "Save promise").click().run()
    assert not at.exception
    assert any("changed this promise" in w.value for w in at.warning)
    assert any("Cheap and cheerful." in t.value for t in at.text)
    assert at.text_area(key="promise_text").value == "Fast and friendly."
    assert board(app_db, ana).workshop.promise == "Cheap and cheerful."


def test_the_facilitator_adds_renames_and_reorders_attributes(open_app, app_db, workshop_links):
    at_step(app_db, workshop_links, "love_hate")
    at = open_app(workshop_links.facilitator)
    at.text_input(key="attr_add_name_0").input("Sustainability")
    button(at, "Add attribute").click().run()
    assert board(app_db, workshop_links.facilitator).attribute_keys[-1] == "sustainability"
    at.button(key="attr_up_sustainability").click().run()
    assert board(app_db, workshop_links.facilitator).attribute_keys[-2:] == ["sustainability", "transparency"]
    at.button(key="attr_edit_open_price").click().run()
    at.text_input(key="attr_name_price").input("Cost")
    button(at, "Save").click().run()
    assert not at.exception
    assert board(app_db, workshop_links.facilitator).attributes[0].name == "Cost"
