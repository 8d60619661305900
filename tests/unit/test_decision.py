"""The decision summary: what the chosen ideas do for each persona and the promise, and what they leave out."""

from __future__ import annotations

from personas.model import Attribute, Persona, Stance
from workshop.domain.decision import TOP_VOTED, proposed_choice, summarise_decision
from workshop.domain.model import ChosenIdea, Decision, Idea, PromiseRating, Vote
from workshop.domain.voting import ranking

ATTRIBUTES = [
    Attribute("speed", "Speed"),
    Attribute("human_contact", "Human contact"),
    Attribute("price", "Price"),
]
KEYS = [a.key for a in ATTRIBUTES]
RUSHER = Persona("rusher", "Rusher", share=50, stances={"speed": Stance(2), "human_contact": Stance(-2)})
CHATTER = Persona("chatter", "Chatter", share=30, stances={"speed": Stance(-2), "human_contact": Stance(2)})
SAVER = Persona("saver", "Saver", share=20, stances={"price": Stance(2)})
PERSONAS = [RUSHER, CHATTER, SAVER]
KIOSK = Idea("kiosk", "Kiosk", range="landmark", touch="core", effects={"speed": 2, "human_contact": -2})
HOST = Idea("host", "Host at the door", range="incremental", touch="first", effects={"human_contact": 1})
DEAL = Idea("deal", "Price match", range="incremental", touch="pre", effects={"price": 2})
IDEAS = [KIOSK, HOST, DEAL]


def decided(*entries: ChosenIdea) -> Decision:
    return Decision(chosen=entries, marked=True, version=1)


def summary(decision: Decision, votes=(), promise=()):
    return summarise_decision(decision, IDEAS, PERSONAS, ATTRIBUTES, votes, promise)


def test_each_chosen_idea_carries_its_label_per_persona_promise_median_next_step_and_owner():
    promise = [PromiseRating("kiosk", "ann", 1), PromiseRating("kiosk", "ben", 2)]
    s = summary(decided(ChosenIdea("kiosk", "Pilot at two piers", "Ben")), [Vote("kiosk", "ann", 3)], promise)
    [kiosk] = s.chosen
    assert kiosk.idea == KIOSK
    assert kiosk.labels == ("delights", "alienates", "neutral")  # in the order of s.personas
    assert [o.persona for o in s.personas] == PERSONAS
    assert (kiosk.promise, kiosk.promise_judgements, kiosk.votes) == (1.5, 2, 3)
    assert (kiosk.next_step, kiosk.owner) == ("Pilot at two piers", "Ben")


def test_a_persona_no_chosen_idea_reaches_gets_a_plain_warning_naming_the_closest_idea():
    s = summary(decided(ChosenIdea("kiosk")))
    chatter = next(o for o in s.personas if o.persona == CHATTER)
    assert chatter.best == KIOSK and chatter.best_label == "alienates"
    assert chatter.warning == (
        "No chosen idea delights or helps Chatter: even the closest, “Kiosk”, alienates them."
    )
    saver = next(o for o in s.personas if o.persona == SAVER)
    assert (
        saver.warning == "No chosen idea delights or helps Saver: the closest, “Kiosk”, is neutral for them."
    )
    assert s.warnings[:2] == (chatter.warning, saver.warning)
    assert s.reached == (RUSHER,)


def test_the_best_chosen_idea_per_persona_is_the_one_that_fits_it_best():
    s = summary(decided(ChosenIdea("kiosk"), ChosenIdea("host"), ChosenIdea("deal")))
    best = {o.persona.key: (o.best.key, o.best_label, o.warning) for o in s.personas}
    assert best == {
        "rusher": ("kiosk", "delights", ""),
        "chatter": ("host", "delights", ""),
        "saver": ("deal", "delights", ""),
    }
    assert s.warnings == ()


def test_the_share_of_customers_reached_adds_up_the_personas_some_chosen_idea_delights_or_helps():
    assert summary(decided(ChosenIdea("kiosk"))).reach == 50
    assert summary(decided(ChosenIdea("kiosk"), ChosenIdea("deal"))).reach == 70
    assert summary(decided(ChosenIdea("kiosk"), ChosenIdea("host"), ChosenIdea("deal"))).reach == 100
    unknown = summarise_decision(
        decided(ChosenIdea("kiosk")), IDEAS, [Persona("p", "P", stances={"speed": Stance(2)})], ATTRIBUTES
    )
    assert unknown.reach == 0 and not unknown.shares_known


def test_an_off_promise_favourite_that_is_chosen_is_warned_about():
    promise = [PromiseRating("kiosk", "ann", 0), PromiseRating("host", "ann", -2)]
    s = summary(decided(ChosenIdea("kiosk"), ChosenIdea("host"), ChosenIdea("deal")), promise=promise)
    assert s.warnings == (
        "“Kiosk” is chosen, yet the team sees little of the promise in it (team median 0).",
        "“Host at the door” is chosen, but the team judges it against the promise (team median −2).",
    )


def test_an_empty_cell_of_the_range_by_touch_grid_is_named_and_filled_ones_list_their_ideas():
    s = summary(decided(ChosenIdea("kiosk"), ChosenIdea("host")))
    assert len(s.grid) == 20
    cells = {(c.range, c.touch): c for c in s.grid}
    assert cells[("landmark", "core")].titles == ("Kiosk",)
    assert cells[("incremental", "first")].titles == ("Host at the door",)
    empty = s.empty_cells
    assert len(empty) == 18 and cells[("breakthrough", "pre")] in empty
    assert cells[("breakthrough", "pre")].name == "Breakthrough × Pre-touch"
    assert s.gaps == (
        "No chosen idea is breakthrough or disruptive.",
        "No chosen idea lands at the pre-touch, last touch or in-touch moment.",
    )


def test_until_the_facilitator_marks_it_the_top_voted_ideas_stand_in():
    votes = [Vote("deal", "a", 3), Vote("host", "b", 2), Vote("kiosk", "c", 1)]
    s = summary(Decision(), votes)
    assert not s.marked
    assert [c.idea.key for c in s.chosen] == ["deal", "host", "kiosk"]
    assert [c.votes for c in s.chosen] == [3, 2, 1]


def test_the_top_voted_ideas_are_the_first_three_ranks_with_votes_only():
    many = [Idea(f"i{n}", f"Idea {n}") for n in range(6)]
    votes = [Vote("i0", "a", 4), Vote("i1", "a", 3), Vote("i2", "a", 2), Vote("i3", "a", 1)]
    assert proposed_choice(ranking(many, votes, PERSONAS, KEYS)) == ("i0", "i1", "i2")
    assert TOP_VOTED == 3
    assert proposed_choice(ranking(many, [Vote("i4", "a", 1)], PERSONAS, KEYS)) == ("i4",)
    assert proposed_choice(ranking(many, [], PERSONAS, KEYS)) == ()


def test_a_marked_decision_that_chooses_nothing_says_so_and_ignores_the_votes():
    s = summary(decided(), [Vote("deal", "a", 3)])
    assert s.marked and s.chosen == ()
    assert s.warnings == ("No idea is chosen yet.",)
    assert all(o.best is None and not o.warning for o in s.personas)
    assert s.gaps == () and s.reach == 0


def test_a_chosen_idea_removed_since_is_left_out_of_the_summary():
    s = summary(decided(ChosenIdea("gone"), ChosenIdea("deal")))
    assert [c.idea.key for c in s.chosen] == ["deal"]
