"""Chart labels: every row and column of a chart has a label of its own, even where names repeat."""

from __future__ import annotations

from charts.labels import unique_labels


def test_a_repeated_name_is_numbered_from_its_second_use():
    assert unique_labels(["Cost", "Speed", "Cost", "Cost"]) == ["Cost", "Speed", "Cost (2)", "Cost (3)"]


def test_names_that_differ_are_left_as_they_are():
    assert unique_labels(["Daily Dara", "daily dara", "Island Iris"]) == [
        "Daily Dara",
        "daily dara",
        "Island Iris",
    ]


def test_no_names_give_no_labels():
    assert unique_labels([]) == []
