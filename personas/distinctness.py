"""Whether a persona set tells customers apart: near-duplicates, indifferent personas, idle attributes.

The rule for near-duplicates. Compare two personas on the workshop's attributes
only (a missing stance counts as "don't care", 0). They are near-duplicates when
both hold:

1. on every attribute their scores differ by at most one step, and
2. the steps add up to at most max(2, number of attributes // 5)
   (2 for the usual ten attributes, 3 from fifteen, 4 from twenty).

So two personas that differ by one step on one attribute are flagged, and two
that differ by two steps on two attributes are not. A persona that scores 0
everywhere is left out of the pairs and reported as indifferent instead,
because the fix is to give it loves and hates, not to merge it. With no
attributes nothing is compared and nothing is reported.

The sentence helpers return plain text (persona and attribute names included
as typed); whoever shows them must show them as text, not as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from personas.model import Attribute, Persona
from personas.scale import STANCE_LABELS


@dataclass(frozen=True)
class NearDuplicate:
    """Two personas with nearly the same loves and hates; `differing` lists where they part."""

    a: str  # persona key
    b: str
    a_name: str
    b_name: str
    differing: list[tuple[str, int, int]] = field(default_factory=list)  # (attribute key, a, b)


def allowed_total_difference(n_attributes: int) -> int:
    """How many steps of difference, summed over all attributes, still count as a near-duplicate."""
    return max(2, n_attributes // 5)


def _scores(persona: Persona, attribute_keys: Sequence[str]) -> list[int]:
    return [persona.stance(key).score for key in attribute_keys]


def near_duplicates(personas: Sequence[Persona], attribute_keys: Sequence[str]) -> list[NearDuplicate]:
    """Every pair of personas that the rule above calls near-duplicates, in the order given."""
    keys = list(attribute_keys)
    if not keys:
        return []
    limit = allowed_total_difference(len(keys))
    found = []
    for first, second in combinations(personas, 2):
        a, b = _scores(first, keys), _scores(second, keys)
        if not any(a) or not any(b):
            continue
        steps = [abs(x - y) for x, y in zip(a, b, strict=True)]
        if max(steps) <= 1 and sum(steps) <= limit:
            differing = [(k, x, y) for k, x, y in zip(keys, a, b, strict=True) if x != y]
            found.append(NearDuplicate(first.key, second.key, first.name, second.name, differing))
    return found


def indifferent_personas(personas: Sequence[Persona], attribute_keys: Sequence[str]) -> list[Persona]:
    """Personas that don't care about any of the attributes (all 0, or no stances at all)."""
    keys = list(attribute_keys)
    if not keys:
        return []
    return [p for p in personas if not any(_scores(p, keys))]


def attributes_nobody_cares_about(personas: Sequence[Persona], attribute_keys: Sequence[str]) -> list[str]:
    """Keys of attributes on which every persona scores 0; empty when there are no personas."""
    if not personas:
        return []
    return [k for k in attribute_keys if all(p.stance(k).score == 0 for p in personas)]


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def near_duplicate_sentence(pair: NearDuplicate, attribute_names: Mapping[str, str]) -> str:
    """One sentence a facilitator can read aloud about a near-duplicate pair."""
    if not pair.differing:
        return (
            f"{pair.a_name} and {pair.b_name} love and hate exactly the same things: "
            "merge them, or find what really sets them apart."
        )
    parts = [
        f"{attribute_names.get(key, key)} ({STANCE_LABELS[x]} vs {STANCE_LABELS[y]})"
        for key, x, y in pair.differing
    ]
    return (
        f"{pair.a_name} and {pair.b_name} love and hate nearly the same things; "
        f"they differ only on {_join(parts)}: merge them, or sharpen what sets them apart."
    )


def indifferent_sentence(persona: Persona) -> str:
    return f"{persona.name} doesn't care about any attribute yet: give them at least one love and one hate."


def nobody_cares_sentence(attribute_keys: Sequence[str], attribute_names: Mapping[str, str]) -> str:
    names = [attribute_names.get(key, key) for key in attribute_keys]
    if len(names) == 1:
        return f"No persona cares about {names[0]}: keep it only if it matters to someone, or remove it."
    return f"No persona cares about {_join(names)}: keep them only if they matter to someone, or remove them."


def findings(personas: Sequence[Persona], attributes: Sequence[Attribute]) -> list[str]:
    """Every distinctness finding about a persona set, as sentences, most important first."""
    keys = [a.key for a in attributes]
    names = {a.key: a.name for a in attributes}
    sentences = [near_duplicate_sentence(d, names) for d in near_duplicates(personas, keys)]
    sentences += [indifferent_sentence(p) for p in indifferent_personas(personas, keys)]
    idle = attributes_nobody_cares_about(personas, keys)
    if idle:
        sentences.append(nobody_cares_sentence(idle, names))
    return sentences
