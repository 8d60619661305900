"""The love/hate scale shared by stances, idea effects and team ratings (-2 .. +2)."""

from __future__ import annotations

from personas.errors import InvalidInput

STANCE_LABELS: dict[int, str] = {
    -2: "hate strongly",
    -1: "hate",
    0: "don't care",
    1: "love",
    2: "love strongly",
}
SCORES = tuple(STANCE_LABELS)  # (-2, -1, 0, 1, 2)

EFFECT_LABELS: dict[int, str] = {
    -2: "much worse",
    -1: "worse",
    0: "no change",
    1: "better",
    2: "much better",
}


def check_score(value: object, field: str = "Score") -> int:
    """Return value as an int in -2..2, or raise InvalidInput."""
    if isinstance(value, bool):
        raise InvalidInput(f"{field} must be a whole number from -2 to 2.", field)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        for score, label in STANCE_LABELS.items():
            if text.lower() == label:
                return score
        try:
            value = int(text.replace("+", "", 1) if text.startswith("+") else text)
        except ValueError:
            raise InvalidInput(
                f"{field} must be a whole number from -2 to 2, not {value!r}.", field
            ) from None
    if not isinstance(value, int) or value not in STANCE_LABELS:
        raise InvalidInput(f"{field} must be a whole number from -2 to 2, not {value!r}.", field)
    return value


def stance_label(score: int) -> str:
    return STANCE_LABELS[score]
