"""The default attributes and the naming of new ones."""

import pytest

from personas.catalogue import DEFAULT_ATTRIBUTES, attribute_key_for, check_attribute_fields
from personas.errors import InvalidInput
from personas.text import LINE_MAX, NAME_MAX


def test_the_default_attributes_are_the_methods_ten_in_order():
    assert [a.key for a in DEFAULT_ATTRIBUTES] == [
        "price",
        "speed",
        "human_contact",
        "self_service",
        "personalisation",
        "reliability",
        "choice",
        "exclusivity",
        "simplicity",
        "transparency",
    ]


def test_every_default_attribute_has_a_name_and_a_one_line_description():
    for attribute in DEFAULT_ATTRIBUTES:
        assert attribute.name
        assert 0 < len(attribute.description) <= LINE_MAX
        assert "\n" not in attribute.description


def test_default_attribute_names_are_unique():
    names = [a.name for a in DEFAULT_ATTRIBUTES]
    assert len(set(names)) == len(names)


def test_a_key_is_a_lowercase_ascii_slug_of_the_name():
    assert attribute_key_for("Self-service / digital", []) == "self_service_digital"


def test_accents_are_folded_into_the_key():
    assert attribute_key_for("Qualité perçue", []) == "qualite_percue"


def test_a_name_with_no_ascii_letters_falls_back_to_attribute():
    assert attribute_key_for("💸💸", []) == "attribute"


def test_a_clashing_key_gets_the_next_free_number():
    assert attribute_key_for("Price", ["price"]) == "price_2"
    assert attribute_key_for("Price", ["price", "price_2"]) == "price_3"


def test_a_very_long_name_gives_a_key_of_at_most_forty_characters():
    key = attribute_key_for("word " * 40, [])
    assert len(key) <= 40
    assert not key.endswith("_")


def test_attribute_fields_are_cleaned():
    assert check_attribute_fields("  Delivery   time ", " Days\u202e to arrive ") == (
        "Delivery time",
        "Days to arrive",
    )


def test_an_attribute_needs_a_name():
    with pytest.raises(InvalidInput, match="Attribute name cannot be empty"):
        check_attribute_fields("   ", "something")


def test_an_attribute_name_longer_than_the_cap_is_refused():
    with pytest.raises(InvalidInput, match="too long"):
        check_attribute_fields("x" * (NAME_MAX + 1), "")


def test_an_attribute_description_longer_than_one_line_cap_is_refused():
    with pytest.raises(InvalidInput) as raised:
        check_attribute_fields("Price", "x" * (LINE_MAX + 1))
    assert raised.value.field == "Description"
