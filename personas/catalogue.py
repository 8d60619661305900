"""The default attributes a new workshop starts with, and the rules for naming new ones."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from personas.model import Attribute
from personas.text import LINE_MAX, NAME_MAX, clean_text

DEFAULT_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("price", "Price", "How much paying less matters, or whether a low price feels like a warning."),
    Attribute("speed", "Speed", "How fast things get done, from a first answer to a finished job."),
    Attribute(
        "human_contact",
        "Human contact",
        "Whether a real person is there to talk to, or just in the way.",
    ),
    Attribute(
        "self_service",
        "Self-service / digital",
        "Getting it done alone, online or in an app, at any hour.",
    ),
    Attribute(
        "personalisation",
        "Personalisation",
        "Being remembered and treated as an individual rather than a number.",
    ),
    Attribute("reliability", "Reliability", "Getting the same good result every time, without surprises."),
    Attribute("choice", "Choice / range", "Having many options to compare and pick from."),
    Attribute(
        "exclusivity",
        "Exclusivity / status",
        "Premium treatment and the feeling of being a valued, special customer.",
    ),
    Attribute(
        "simplicity",
        "Simplicity / low effort",
        "As few steps, forms and decisions as possible.",
    ),
    Attribute("transparency", "Transparency", "Knowing the full picture: prices, progress, terms and why."),
)

_KEY_MAX = 40


def attribute_key_for(name: str, existing_keys: Iterable[str]) -> str:
    """A unique lowercase ascii key for an attribute called `name`."""
    # Accents are folded rather than dropped so "Qualité" keeps a readable key.
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:_KEY_MAX].strip("_")
    base = slug or "attribute"
    taken = set(existing_keys)
    if base not in taken:
        return base
    suffix = 2
    while f"{base}_{suffix}" in taken:
        suffix += 1
    return f"{base}_{suffix}"


def check_attribute_fields(name: object, description: object) -> tuple[str, str]:
    """Cleaned (name, description) of an attribute, or InvalidInput naming the field."""
    clean_name = clean_text(name, field="Attribute name", max_length=NAME_MAX, required=True)
    clean_description = clean_text(description, field="Description", max_length=LINE_MAX)
    return clean_name, clean_description
