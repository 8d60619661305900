"""The workshop file: lossless JSON, strict about values, lenient about extra fields."""

from __future__ import annotations

import json

import pytest

from exports.demo import load_demo
from exports.workshop_file import FORMAT, VERSION, as_template, from_json, to_json
from personas.errors import InvalidInput


def _doc() -> dict:
    return json.loads(to_json(load_demo()))


def _load(doc: dict):
    return from_json(json.dumps(doc).encode())


def test_a_workshop_comes_back_unchanged_from_its_file():
    demo = load_demo()
    assert from_json(to_json(demo)) == demo


def test_the_file_names_its_format_and_version():
    doc = _doc()
    assert (doc["format"], doc["version"]) == (FORMAT, VERSION) == ("love-hate-workshop", 1)


def test_an_attribute_missing_from_stances_means_dont_care():
    doc = _doc()
    del doc["personas"][0]["stances"]["speed"]
    persona = _load(doc).personas[0]
    assert persona.stance("speed").score == 0


def test_a_score_off_the_scale_is_refused_naming_where_it_is():
    doc = _doc()
    doc["personas"][2]["stances"]["speed"]["score"] = 3
    with pytest.raises(InvalidInput, match=r"personas\[2\]\.stances\.speed\.score: must be -2\.\.2"):
        _load(doc)


def test_true_is_not_a_score():
    doc = _doc()
    doc["ideas"][0]["effects"]["speed"] = True
    with pytest.raises(InvalidInput, match=r"ideas\[0\]\.effects\.speed"):
        _load(doc)


def test_unknown_fields_are_ignored():
    doc = _doc()
    doc["mood"] = "sunny"
    doc["personas"][0]["shoe_size"] = 44
    assert _load(doc) == load_demo()


@pytest.mark.parametrize(("field", "value"), [("range", "sideways"), ("touch", "post")])
def test_a_range_or_touch_moment_the_method_does_not_know_is_refused(field, value):
    doc = _doc()
    doc["ideas"][3][field] = value
    with pytest.raises(InvalidInput, match=rf"ideas\[3\]\.{field}: must be one of"):
        _load(doc)


def test_a_share_outside_0_to_100_is_refused():
    doc = _doc()
    doc["personas"][1]["share"] = 120
    with pytest.raises(InvalidInput, match=r"personas\[1\]\.share"):
        _load(doc)


def test_a_file_of_another_kind_is_refused():
    doc = _doc()
    doc["format"] = "something-else"
    with pytest.raises(InvalidInput, match="not a workshop file"):
        _load(doc)


def test_a_newer_version_is_refused():
    doc = _doc()
    doc["version"] = 2
    with pytest.raises(InvalidInput, match="version"):
        _load(doc)


def test_text_that_is_not_json_is_refused_with_a_clear_message():
    with pytest.raises(InvalidInput, match="not a workshop file"):
        from_json(b"title: my workshop")


def test_a_template_keeps_attributes_personas_and_ideas_but_no_votes_or_ratings():
    demo = load_demo()
    template = as_template(demo)
    assert (template.attributes, template.personas, template.ideas) == (
        demo.attributes,
        demo.personas,
        demo.ideas,
    )
    assert template.votes == template.ratings == template.participants == ()
