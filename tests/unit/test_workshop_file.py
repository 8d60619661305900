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
    assert (doc["format"], doc["version"]) == (FORMAT, VERSION) == ("love-hate-workshop", 2)


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
    doc["version"] = 3
    with pytest.raises(InvalidInput, match="version: must be 1 or 2; this file is version 3"):
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
    assert template.promise_ratings == () and not template.decision.marked


# Version 2: judgements against the promise and the decision


def _version_one(doc: dict) -> dict:
    """The same workshop as a version 1 file: no promise judgements and no decision existed."""
    old = {k: v for k, v in doc.items() if k not in ("promise_ratings", "decision")}
    return old | {"version": 1}


def test_a_version_one_file_still_opens_and_is_written_back_as_version_two():
    demo = load_demo()
    old = _load(_version_one(_doc()))
    assert old.promise_ratings == () and not old.decision.marked
    assert (old.personas, old.ideas, old.ratings, old.votes) == (
        demo.personas,
        demo.ideas,
        demo.ratings,
        demo.votes,
    )
    again = json.loads(to_json(old))
    assert again["version"] == 2
    assert again["promise_ratings"] == [] and again["decision"] is None
    assert from_json(to_json(old)) == old


def test_a_version_one_file_with_fields_of_the_new_names_ignores_them():
    doc = _version_one(_doc()) | {"promise_ratings": "whatever", "decision": 7}
    old = _load(doc)
    assert old.promise_ratings == () and not old.decision.marked


def test_promise_judgements_next_steps_and_owners_come_back_unchanged_from_a_version_two_file():
    demo = load_demo()
    assert demo.promise_ratings and demo.decision.marked
    back = from_json(to_json(demo))
    assert back.promise_ratings == demo.promise_ratings
    assert back.decision == demo.decision
    doc = _doc()
    first = doc["decision"]["chosen"][0]
    assert set(first) == {"idea", "next_step", "owner"} and first["next_step"] and first["owner"]
    assert set(doc["promise_ratings"][0]) == {"idea", "by", "score"}


def test_a_decision_not_yet_marked_is_written_as_null_and_read_back_unmarked():
    doc = _doc()
    doc["decision"] = None
    assert not _load(doc).decision.marked
    del doc["decision"]
    assert not _load(doc).decision.marked


def test_a_decision_that_chooses_nothing_stays_a_decision():
    doc = _doc()
    doc["decision"] = {"chosen": []}
    decision = _load(doc).decision
    assert decision.marked and decision.chosen == ()
    assert json.loads(to_json(_load(doc)))["decision"] == {"chosen": []}


@pytest.mark.parametrize(
    ("path", "value", "match"),
    [
        (("promise_ratings", 0, "score"), 3, r"promise_ratings\[0\]\.score: must be -2\.\.2"),
        (("promise_ratings", 0, "idea"), "nope", r"promise_ratings\[0\]\.idea: unknown idea 'nope'"),
        (("promise_ratings", 0, "by"), "", r"promise_ratings\[0\]\.by: cannot be empty"),
        (("decision", "chosen", 1, "idea"), "nope", r"decision\.chosen\[1\]\.idea: unknown idea"),
        (("decision", "chosen", 0, "owner"), "x" * 61, r"decision\.chosen\[0\]\.owner: too long"),
        (("decision", "chosen", 0, "next_step"), 5, r"decision\.chosen\[0\]\.next_step: must be text"),
        (("decision", "chosen"), "all of them", r"decision\.chosen: must be a list"),
    ],
)
def test_a_wrong_value_in_the_version_two_parts_is_refused_naming_where_it_is(path, value, match):
    doc = _doc()
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(InvalidInput, match=match):
        _load(doc)


def test_an_idea_chosen_twice_or_judged_twice_by_one_person_is_refused():
    doc = _doc()
    doc["decision"]["chosen"].append(dict(doc["decision"]["chosen"][0]))
    with pytest.raises(InvalidInput, match="chosen twice"):
        _load(doc)
    doc = _doc()
    doc["promise_ratings"].append(dict(doc["promise_ratings"][0]))
    with pytest.raises(InvalidInput, match="against the promise twice"):
        _load(doc)


def test_the_version_two_example_in_the_readme_opens():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    example = re.search(r'```json\n(\{"format": "love-hate-workshop", "version": 2,.*?)\n```', readme, re.S)
    assert example, "the README shows a version 2 file"
    snap = from_json(example.group(1).encode())
    assert [(r.idea, r.score) for r in snap.promise_ratings] == [("tap_on", 1)]
    assert snap.decision.marked and snap.decision.chosen[0].owner == "Ben"
