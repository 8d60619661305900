"""Who is here and who contributed what."""

from datetime import UTC, datetime, timedelta

from personas.model import Persona
from workshop.domain.model import Idea, Participant, Rating
from workshop.domain.presence import people

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def test_people_seen_recently_are_here_and_listed_first_with_their_contributions():
    ps = [
        Participant("1", "Old", last_seen=NOW - timedelta(minutes=5)),
        Participant("2", "Ana", last_seen=NOW - timedelta(seconds=10)),
        Participant("3", "Gone", last_seen=NOW, removed=True),
    ]
    found = people(
        ps,
        [Persona("p", "Hunter", created_by="Ana")],
        [Idea("i", "Kiosk", author="Ana")],
        [Rating("i", "p", "Old", 1)],
        NOW,
    )
    assert [(p.name, p.here, p.personas, p.ideas, p.ratings) for p in found] == [
        ("Ana", True, 1, 1, 0),
        ("Old", False, 0, 0, 1),
    ]


def test_anonymous_boards_give_no_contribution_counts():
    found = people(
        [Participant("2", "Ana", last_seen=NOW)], [Persona("p", "Hunter")], [Idea("i", "Kiosk")], [], NOW
    )
    assert (found[0].personas, found[0].ideas) == (0, 0)


def test_the_reader_counts_as_here_before_their_page_has_checked_in():
    ps = [
        Participant("1", "Fay", is_facilitator=True, last_seen=NOW - timedelta(minutes=5)),
        Participant("2", "Ana", last_seen=NOW - timedelta(minutes=5)),
    ]
    found = people(ps, [], [], [], NOW, reader="2")
    assert [(p.name, p.here) for p in found] == [("Ana", True), ("Fay", False)]


def test_judgements_against_the_promise_count_as_judgements():
    from workshop.domain.model import PromiseRating

    ps = [Participant("2", "Ana", last_seen=NOW)]
    found = people(ps, [], [], [Rating("i", "p", "Ana", 1), PromiseRating("i", "Ana", 2)], NOW)
    assert found[0].ratings == 2
