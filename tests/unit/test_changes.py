"""What changed between two snapshots: found once, said by the rounds and by the import preview."""

from __future__ import annotations

from exports.preview import preview_changes
from personas.model import Attribute, Persona, Stance
from workshop.domain.changes import changes_since, paired, stance_moves
from workshop.domain.model import Idea, WorkshopSnapshot

PRICE, SPEED = Attribute("price", "Price"), Attribute("speed", "Speed")


def snap(*personas: Persona, ideas: tuple[Idea, ...] = ()) -> WorkshopSnapshot:
    return WorkshopSnapshot(title="Ferries", attributes=(SPEED, PRICE), personas=personas, ideas=ideas)


def test_records_are_paired_by_key_in_the_order_of_their_snapshot():
    a, b, c, d = (Persona(k, k.upper()) for k in "abcd")
    found = paired([a, b, c], [d, Persona("b", "Bee"), a])
    assert found.added == (d,)
    assert found.removed == (c,)
    assert found.kept == ((b, Persona("b", "Bee")), (a, a))


def test_a_stance_moves_when_its_score_or_only_its_note_changes():
    before = Persona("p", "Dara", stances={"speed": Stance(2, "fast"), "price": Stance(1)})
    after = Persona("p", "Dara", stances={"speed": Stance(2, "faster"), "price": Stance(1)})
    assert [m.attribute for m in stance_moves(before, after, order=str)] == ["speed"]
    assert stance_moves(before, before, order=str) == []


def test_the_rounds_and_the_import_preview_report_the_same_changes_in_their_own_words():
    dara = Persona("dara", "Dara", stances={"speed": Stance(2)})
    old = snap(dara, Persona("gus", "Gus"))
    new = snap(Persona("iris", "Iris"), Persona("dara", "Dara", stances={"speed": Stance(-1)}))
    assert changes_since(old, new) == [
        "Persona added: Iris.",
        "Persona removed or merged: Gus.",
        "Dara on Speed: love strongly → hate.",
    ]
    assert preview_changes(old, new) == [
        "Persona 'Iris' is added.",
        "Dara: Speed goes from love strongly to hate.",
        "Persona 'Gus' is removed.",
    ]


def test_several_added_personas_are_listed_in_the_workshops_order():
    added = [Persona(k, k.title()) for k in ("wren", "ada", "mo", "lu", "kim")]
    assert changes_since(snap(), snap(*added)) == [f"Persona added: {p.name}." for p in added]
