"""A read-modify-write workload used by the concurrency tests and the load benchmark.

Each worker appends its own marks to one persona's description through update_persona,
retrying when told its view was stale. Afterwards the description must hold exactly the
acknowledged marks: a missing one is a lost update, an unacknowledged one a phantom.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.cases import persona_cases
from workshop.cases.board import board
from workshop.domain.errors import DomainError, StaleEdit


@dataclass
class Tally:
    acknowledged: list[str] = field(default_factory=list)
    refused: int = 0
    errors: list[str] = field(default_factory=list)


def append_marks(
    store, token: str, persona_key: str, worker: str, edits: int, *, attempts: int = 200
) -> Tally:
    tally = Tally()
    for n in range(edits):
        mark = f"{worker}.{n};"
        for _ in range(attempts):
            try:
                base = next(p for p in board(store, token).personas if p.key == persona_key)
                persona_cases.update_persona(
                    store, token, base, {"name": base.name, "description": base.description + mark}
                )
                tally.acknowledged.append(mark)
                break
            except StaleEdit:
                tally.refused += 1
            except DomainError as e:  # any other refusal is a failure of the test's premise
                tally.errors.append(f"{type(e).__name__}: {e}")
                break
            except Exception as e:  # noqa: BLE001 - an unhandled error must be reported, not raised in a thread
                tally.errors.append(f"{type(e).__name__}: {e}")
                break
    return tally


def lost_and_phantom(description: str, acknowledged: list[str]) -> tuple[set[str], set[str]]:
    present = {m + ";" for m in description.split(";") if m}
    wanted = set(acknowledged)
    return wanted - present, present - wanted
