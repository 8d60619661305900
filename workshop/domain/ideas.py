"""Checking what a person typed for a value idea before it is stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from personas.scale import EFFECT_LABELS
from personas.text import TEXT_MAX, TITLE_MAX, clean_text
from workshop.domain.errors import InvalidInput
from workshop.domain.model import RANGES, TOUCH_MOMENTS


def _choice(value: object, options: Mapping[str, str], field: str) -> str:
    # Imports and older forms may carry the label ("Landmark") rather than the key.
    text = value.strip().lower() if isinstance(value, str) else ""
    for key, label in options.items():
        if text in (key, label.lower()):
            return key
    allowed = ", ".join(options.values())
    raise InvalidInput(f"{field} must be one of: {allowed}. Got {value!r}.", field)


def _effect(value: object, attribute_key: str) -> int:
    field = f"Effect on {attribute_key}"
    message = f"{field} must be a whole number from -2 (much worse) to +2 (much better), not {value!r}."
    if isinstance(value, str):
        text = value.strip().lower()
        for number, words in EFFECT_LABELS.items():
            if text == words:
                return number
        try:
            value = int(text)  # int() accepts "+2" and "-1"
        except ValueError:
            raise InvalidInput(message, field) from None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in EFFECT_LABELS:
        raise InvalidInput(message, field)
    return value


def check_effects(effects: object, attribute_keys: Iterable[str]) -> dict[str, int]:
    """Effects as attribute key -> -2..2 in workshop order; zeros are dropped as they move nothing."""
    if effects is None:
        return {}
    if not isinstance(effects, Mapping):
        raise InvalidInput("Effects must map each attribute to a number from -2 to +2.", "effects")
    keys = list(attribute_keys)
    unknown = [k for k in effects if k not in keys]
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        raise InvalidInput(
            f"This workshop has no attribute {names}; remove it or add the attribute first.", "effects"
        )
    checked = {k: _effect(effects[k], k) for k in keys if k in effects}
    return {k: v for k, v in checked.items() if v != 0}


def check_idea_fields(
    title: object,
    description: object,
    range: object,  # the method's own word for this axis
    touch: object,
    effects: object,
    attribute_keys: Iterable[str],
) -> dict:
    """Cleaned title, description, range, touch and effects, or InvalidInput naming the field."""
    return {
        "title": clean_text(title, field="Title", max_length=TITLE_MAX, required=True),
        "description": clean_text(description, field="Description", max_length=TEXT_MAX, multiline=True),
        "range": _choice(range, RANGES, "Range of value"),
        "touch": _choice(touch, TOUCH_MOMENTS, "Touch moment"),
        "effects": check_effects(effects, attribute_keys),
    }
