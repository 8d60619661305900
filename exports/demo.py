"""The demo workshop shipped with the app: a ferry operator, five personas, a dozen ideas, a few votes."""

from __future__ import annotations

from pathlib import Path

from exports.workshop_file import from_json
from workshop.domain.model import WorkshopSnapshot

DEMO_FILE = Path(__file__).with_name("demo_workshop.json")


def load_demo() -> WorkshopSnapshot:
    return from_json(DEMO_FILE.read_bytes())
