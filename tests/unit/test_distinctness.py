"""Whether a persona set tells its customers apart."""

from personas.catalogue import DEFAULT_ATTRIBUTES
from personas.distinctness import (
    NearDuplicate,
    allowed_total_difference,
    attributes_nobody_cares_about,
    findings,
    indifferent_personas,
    near_duplicate_sentence,
    near_duplicates,
    nobody_cares_sentence,
)
from personas.model import Persona, Stance

KEYS = [a.key for a in DEFAULT_ATTRIBUTES]
NAMES = {a.key: a.name for a in DEFAULT_ATTRIBUTES}


def persona(key, **scores):
    return Persona(key, key.title(), stances={k: Stance(v) for k, v in scores.items()})


def test_the_allowed_difference_is_two_steps_for_ten_attributes_and_grows_with_more():
    assert allowed_total_difference(10) == 2
    assert allowed_total_difference(3) == 2
    assert allowed_total_difference(20) == 4


def test_personas_differing_by_one_step_on_one_attribute_are_near_duplicates():
    a = persona("ann", price=2, speed=-1)
    b = persona("bob", price=1, speed=-1)
    assert near_duplicates([a, b], KEYS) == [NearDuplicate("ann", "bob", "Ann", "Bob", [("price", 2, 1)])]


def test_identical_personas_are_near_duplicates():
    a = persona("ann", price=2)
    assert len(near_duplicates([a, persona("bob", price=2)], KEYS)) == 1


def test_personas_differing_by_two_steps_on_two_attributes_are_distinct():
    a = persona("ann", price=2, speed=2)
    b = persona("bob", price=0, speed=0, choice=1)
    assert near_duplicates([a, b], KEYS) == []


def test_two_steps_apart_on_a_single_attribute_is_distinct():
    a = persona("ann", price=2, speed=1)
    b = persona("bob", price=0, speed=1)
    assert near_duplicates([a, b], KEYS) == []


def test_one_step_apart_on_three_attributes_is_distinct_with_ten_attributes():
    a = persona("ann", price=1, speed=1, choice=1)
    b = persona("bob", price=0, speed=0, choice=0, reliability=2)
    c = persona("cat", price=2, speed=2, choice=2)
    assert near_duplicates([a, c], KEYS) == []
    assert near_duplicates([a, b], KEYS) == []


def test_only_the_workshops_attributes_are_compared():
    a = persona("ann", price=2, removed=-2)
    b = persona("bob", price=2, removed=2)
    assert len(near_duplicates([a, b], KEYS)) == 1


def test_two_personas_that_care_about_nothing_are_indifferent_not_duplicates():
    a, b = persona("ann"), persona("bob", price=0)
    assert near_duplicates([a, b], KEYS) == []
    assert indifferent_personas([a, b, persona("cat", speed=1)], KEYS) == [a, b]


def test_an_indifferent_persona_is_not_paired_with_one_that_barely_cares():
    assert near_duplicates([persona("ann"), persona("bob", speed=1)], KEYS) == []


def test_with_no_attributes_nothing_is_reported():
    a, b = persona("ann"), persona("bob")
    assert near_duplicates([a, b], []) == []
    assert indifferent_personas([a, b], []) == []


def test_an_attribute_every_persona_scores_zero_is_reported():
    personas = [persona("ann", price=2), persona("bob", price=-1, speed=1)]
    idle = attributes_nobody_cares_about(personas, KEYS)
    assert "price" not in idle and "speed" not in idle
    assert idle[0] == "human_contact"
    assert len(idle) == 8


def test_with_no_personas_no_attribute_is_reported_as_idle():
    assert attributes_nobody_cares_about([], KEYS) == []


def test_a_near_duplicate_reads_aloud_with_names_and_stance_words():
    pair = NearDuplicate("ann", "bob", "Ann", "Bob", [("price", 2, 1)])
    assert near_duplicate_sentence(pair, NAMES) == (
        "Ann and Bob love and hate nearly the same things; they differ only on "
        "Price (love strongly vs love): merge them, or sharpen what sets them apart."
    )


def test_identical_personas_read_aloud_as_exactly_the_same():
    pair = NearDuplicate("ann", "bob", "Ann", "Bob", [])
    assert "exactly the same" in near_duplicate_sentence(pair, NAMES)


def test_several_idle_attributes_are_listed_in_one_sentence():
    sentence = nobody_cares_sentence(["choice", "transparency", "speed"], NAMES)
    assert sentence.startswith("No persona cares about Choice / range, Transparency and Speed:")


def test_findings_list_duplicates_then_indifferent_personas_then_idle_attributes():
    personas = [persona("ann", price=2), persona("bob", price=1), persona("cat")]
    sentences = findings(personas, DEFAULT_ATTRIBUTES)
    assert sentences[0].startswith("Ann and Bob")
    assert sentences[1].startswith("Cat doesn't care about any attribute")
    assert sentences[2].startswith("No persona cares about Speed,")
    assert len(sentences) == 3
