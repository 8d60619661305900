"""Starting a workshop, its three links, joining, rotation, removal and deletion — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from workshop.cases import sessions
from workshop.domain.errors import InvalidLink, NotAllowed
from workshop.domain.model import Role
from workshop.domain.tokens import hash_token


def started(store):
    s = sessions.start_workshop(store, "  Spring workshop ", "Fast, friendly, fair.", "Maya")
    return s, sessions.share_links(store, s.facilitator_token)


def test_starting_a_workshop_gives_three_distinct_links_with_their_roles(store):
    s, links = started(store)
    assert len({links.facilitator, links.participant, links.viewer}) == 3
    roles = {
        t: sessions.who_am_i(store, t)[0].role for t in (links.facilitator, links.participant, links.viewer)
    }
    assert roles == {
        links.facilitator: Role.FACILITATOR,
        links.participant: Role.PARTICIPANT,
        links.viewer: Role.VIEWER,
    }
    _, workshop = sessions.who_am_i(store, links.viewer)
    assert workshop.title == "Spring workshop" and workshop.promise == "Fast, friendly, fair."


def test_the_default_attribute_catalogue_is_in_a_new_workshop(store):
    from workshop.cases.board import board

    s, _ = started(store)
    keys = board(store, s.facilitator_token).attribute_keys
    assert keys[:3] == ["price", "speed", "human_contact"] and len(keys) == 10


def test_tokens_are_stored_only_as_hashes(store):
    s, links = started(store)
    with store.read() as uow:
        rows = uow.sessions.conn.exec_driver_sql("SELECT token_hash FROM links").all()
    stored = {r[0] for r in rows}
    assert links.participant not in stored and hash_token(links.participant) in stored
    assert hash_token(s.facilitator_token) in stored


def test_a_participant_joins_and_keeps_the_identity_through_the_personal_link(store):
    _, links = started(store)
    joined = sessions.join(store, links.participant, "  Ana\u202e ")
    assert joined.name == "Ana"
    caller, _ = sessions.who_am_i(store, joined.token)
    assert caller.name == "Ana" and caller.participant_id
    assert sessions.join(store, joined.token, "ignored").name == "Ana"
    names = [p.name for p in sessions.participants(store, links.facilitator)]
    assert names == ["Maya", "Ana"]


def test_duplicate_display_names_are_made_distinguishable(store):
    _, links = started(store)
    a = sessions.join(store, links.participant, "Ana")
    b = sessions.join(store, links.participant, "ana")
    assert (a.name, b.name) == ("Ana", "ana (2)")


def test_an_empty_display_name_is_refused_with_a_message(store):
    _, links = started(store)
    with pytest.raises(Exception, match="cannot be empty"):
        sessions.join(store, links.participant, " \u200b ")


def test_rotating_the_participant_link_stops_the_old_one_but_keeps_joined_people(store):
    _, links = started(store)
    ana = sessions.join(store, links.participant, "Ana")
    new = sessions.rotate_link(store, links.facilitator, "participant")
    assert new.participant != links.participant and new.viewer == links.viewer
    with pytest.raises(InvalidLink):
        sessions.join(store, links.participant, "Late")
    assert sessions.join(store, new.participant, "Late").name == "Late"
    assert sessions.who_am_i(store, ana.token)[0].name == "Ana"


@pytest.mark.parametrize("bad", ["", "x", "a" * 32, "../../etc", None, 42, "A" * 500])
def test_wrong_or_tampered_tokens_give_the_same_invalid_link_error(store, bad):
    s, links = started(store)
    with pytest.raises(InvalidLink) as err:
        sessions.who_am_i(store, bad)
    assert str(err.value) == "This link is not valid."
    tampered = links.participant[:-1] + ("A" if links.participant[-1] != "A" else "B")
    with pytest.raises(InvalidLink):
        sessions.who_am_i(store, tampered)


def test_participants_and_viewers_cannot_reach_facilitator_actions(store):
    _, links = started(store)
    ana = sessions.join(store, links.participant, "Ana")
    for token in (ana.token, links.viewer, links.participant):
        with pytest.raises(NotAllowed):
            sessions.rotate_link(store, token, "participant")
        with pytest.raises(NotAllowed):
            sessions.share_links(store, token)
        with pytest.raises(NotAllowed):
            sessions.delete_workshop(store, token, "Spring workshop")


def test_a_removed_participant_loses_access_but_nothing_they_wrote(store):
    from workshop.cases import persona_cases

    _, links = started(store)
    ana = sessions.join(store, links.participant, "Ana")
    persona_cases.add_persona(store, ana.token, {"name": "Price Hunter"})
    ana_id = sessions.who_am_i(store, ana.token)[0].participant_id
    sessions.remove_participant(store, links.facilitator, ana_id)
    with pytest.raises(NotAllowed, match="removed"):
        sessions.who_am_i(store, ana.token)
    from workshop.cases.board import board

    assert [p.name for p in board(store, links.facilitator).personas] == ["Price Hunter"]


def test_deleting_a_workshop_needs_its_title_and_then_every_link_is_invalid(store):
    s, links = started(store)
    with pytest.raises(NotAllowed):
        sessions.delete_workshop(store, links.facilitator, "wrong")
    sessions.delete_workshop(store, links.facilitator, "Spring workshop")
    for token in (links.facilitator, links.participant, links.viewer):
        with pytest.raises(InvalidLink):
            sessions.who_am_i(store, token)


def test_every_write_bumps_the_workshop_revision(store):
    s, links = started(store)
    before = sessions.revision(store, s.workshop_id)
    sessions.join(store, links.participant, "Ana")
    assert sessions.revision(store, s.workshop_id) == before + 1


def test_the_facilitator_can_rotate_their_own_link_and_add_a_co_facilitator(store):
    s, links = started(store)
    co = sessions.add_co_facilitator(store, links.facilitator, "Sam")
    assert sessions.share_links(store, co).participant == links.participant
    fresh = sessions.rotate_own_link(store, links.facilitator)
    with pytest.raises(InvalidLink):
        sessions.who_am_i(store, links.facilitator)
    assert sessions.share_links(store, fresh).participant == links.participant
    co_id = sessions.who_am_i(store, co)[0].participant_id
    sessions.revoke_co_facilitator(store, fresh, co_id)
    with pytest.raises((InvalidLink, NotAllowed)):
        sessions.share_links(store, co)


def test_the_links_of_every_open_page_are_checked_at_once_and_their_people_marked_present(store):
    started = sessions.start_workshop(store, "Room", "", "Fay")
    fay = started.facilitator_token
    links = sessions.share_links(store, fay)
    ana = sessions.join(store, links.participant, "Ana")
    ben = sessions.join(store, links.participant, "Ben")
    other = sessions.start_workshop(store, "Other room", "", "Gus").facilitator_token
    workshop_id = sessions.workshop_for_token(store, fay)
    people = {p.name: p for p in sessions.participants(store, fay)}
    sessions.remove_participant(store, fay, people["Ben"].id)
    before = {p.name: p.last_seen for p in sessions.participants(store, fay)}

    valid = sessions.check_in(store, [fay, ana.token, ben.token, other, links.viewer, "x" * 40, "bad"])

    assert valid == {
        fay: workshop_id,
        ana.token: workshop_id,
        links.viewer: workshop_id,
        other: sessions.workshop_for_token(store, other),
    }, "a removed person's link and made-up tokens are not valid"
    after = {p.name: p.last_seen for p in sessions.participants(store, fay)}
    assert after["Ana"] > before["Ana"] and after["Fay"] > before["Fay"]
    assert after["Ben"] == before["Ben"], "a removed person is not marked present"
    assert sessions.revisions(store, [workshop_id, "gone"]) == {
        workshop_id: sessions.revision(store, workshop_id)
    }
