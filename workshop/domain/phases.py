"""The steps of a workshop in order, with what to do in each, and the shared countdown."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from workshop.domain.errors import InvalidInput
from workshop.domain.model import Timer


@dataclass(frozen=True)
class Phase:
    key: str
    label: str
    instruction: str


PHASES: tuple[Phase, ...] = (
    Phase("promise", "Promise", "Agree in a sentence or two on what the organisation stands for."),
    Phase(
        "personas",
        "Personas",
        "Describe the four to six kinds of customers you serve: a name, a quote, who they are.",
    ),
    Phase(
        "love_hate",
        "Love & hate",
        "For each persona, say what it loves and hates about dealing with you, and why.",
    ),
    Phase(
        "ideas",
        "Ideas",
        "Propose value ideas: what range of value, at which moment, and which attributes they move.",
    ),
    Phase(
        "map",
        "Map",
        "Check every idea against every persona: who is delighted, who is alienated, who is left out.",
    ),
    Phase("vote", "Vote", "Spend your votes on the ideas you would take forward."),
    Phase("wrap_up", "Wrap-up", "Look at the chosen ideas, download the persona sheets and keep the link."),
)
PHASE_KEYS = tuple(p.key for p in PHASES)


def phase(key: str) -> Phase:
    for p in PHASES:
        if p.key == key:
            return p
    raise InvalidInput(f"There is no step called {key!r}.")


def neighbour(key: str, step: int) -> str | None:
    index = PHASE_KEYS.index(phase(key).key) + step
    return PHASE_KEYS[index] if 0 <= index < len(PHASE_KEYS) else None


# Timer: stored as instants so every screen computes the same remaining time.
TIMER_PRESETS_MINUTES = (3, 5, 10, 15)
TIMER_MAX_MINUTES = 180


def start(minutes: float, now: datetime) -> Timer:
    if not 0 < minutes <= TIMER_MAX_MINUTES:
        raise InvalidInput(f"A countdown must last between a few seconds and {TIMER_MAX_MINUTES} minutes.")
    seconds = minutes * 60
    return Timer(ends_at=now + timedelta(seconds=seconds), duration=seconds)


def remaining(timer: Timer, now: datetime) -> float | None:
    """Seconds left (0 when time is up), or None when no countdown is set."""
    if timer.paused_remaining is not None:
        return max(0.0, timer.paused_remaining)
    if timer.ends_at is None:
        return None
    return max(0.0, (timer.ends_at - now).total_seconds())


def is_running(timer: Timer) -> bool:
    return timer.ends_at is not None and timer.paused_remaining is None


def pause(timer: Timer, now: datetime) -> Timer:
    left = remaining(timer, now)
    if left is None or not is_running(timer):
        raise InvalidInput("There is no running countdown to pause.")
    return replace(timer, ends_at=None, paused_remaining=left)


def resume(timer: Timer, now: datetime) -> Timer:
    if timer.paused_remaining is None:
        raise InvalidInput("The countdown is not paused.")
    return replace(timer, ends_at=now + timedelta(seconds=timer.paused_remaining), paused_remaining=None)


def extend(timer: Timer, now: datetime, seconds: float = 60) -> Timer:
    left = remaining(timer, now)
    if left is None:
        raise InvalidInput("Start a countdown before extending it.")
    if timer.paused_remaining is not None:
        return replace(timer, paused_remaining=left + seconds, duration=timer.duration + seconds)
    return replace(timer, ends_at=now + timedelta(seconds=left + seconds), duration=timer.duration + seconds)


def clock(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"
