"""Taking a workshop home and bringing it back: the use cases behind the downloads and the import.

The files are built from what the link may read (`workshop.cases.transfer.snapshot`), and a file
brought back is read in a process of its own and checked before anything changes; opening it
or applying it goes through the workshop's own use cases, which check who may do it.
It may import the workshop's domain and use cases and the rest of `exports`; never streamlit,
the pages or storage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from exports.demo import load_demo
from exports.pdf import to_pdf
from exports.preview import preview_changes
from exports.reader_process import Progress, is_workbook, read_isolated
from exports.report import build_report
from exports.workbook import to_xlsx
from exports.workshop_file import as_template, to_json
from workshop.cases.transfer import apply_persona_edits, snapshot, start_from_snapshot
from workshop.domain.errors import InvalidInput
from workshop.domain.model import WorkshopSnapshot


@dataclass(frozen=True)
class Upload:
    """What an uploaded file would do, read once and shown before anything changes."""

    kind: str  # "workbook" or "workshop file"
    after: WorkshopSnapshot | None = None
    before: WorkshopSnapshot | None = None  # the workshop a workbook was checked against
    applied: tuple[str, ...] = ()  # changes "Apply to this workshop" brings in
    new_only: tuple[str, ...] = ()  # changes only a new workshop keeps (title, promise, ideas)
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.after is not None and not self.problems


def file_stem(*words: str) -> str:
    """A file name without its extension: the words given, e.g. the title and a round's label."""
    # Letters of any script stay; characters file systems refuse do not.
    return " ".join(re.sub(r"[^\w\- ]+", " ", " ".join(words)).split())[:80] or "workshop"


def workshop_file(store: Any, token: str, *, with_authors: bool = True) -> bytes:
    return to_json(snapshot(store, token, with_authors=with_authors))


def workbook(store: Any, token: str, *, with_authors: bool = True) -> bytes:
    return to_xlsx(snapshot(store, token, with_authors=with_authors), charts=True)


def report(store: Any, token: str, *, with_authors: bool = True, paper: str = "a4") -> bytes:
    return to_pdf(build_report(snapshot(store, token, with_authors=with_authors)), paper=paper)


def read_upload(
    name: str, data: bytes, base: WorkshopSnapshot | None = None, progress: Progress | None = None
) -> Upload:
    """Read a workbook (against `base`, the current workshop, when there is one) or a workshop file.

    The file is read by a process of its own under memory and time limits, so whatever it holds
    costs this process nothing. Problems are returned, not raised, so the page can list them all
    and change nothing.
    """
    kind = "workbook" if is_workbook(name, data) else "workshop file"
    reading = read_isolated(kind, data, base if kind == "workbook" else None, progress=progress)
    if reading.after is None or reading.problems:
        return Upload(kind, problems=reading.problems)
    after = reading.after
    if base is None:
        return Upload(kind, after=after)
    personas_only = replace(base, personas=after.personas)
    return Upload(
        kind,
        after=after,
        before=base,
        applied=tuple(preview_changes(base, personas_only)),
        new_only=tuple(preview_changes(personas_only, after)),
    )


def apply_upload(store: Any, token: str, upload: Upload) -> int:
    """Bring a workbook's persona edits into the workshop; returns how many personas changed."""
    if not upload.ok or upload.before is None or upload.after is None:
        raise InvalidInput("Only a workbook of this workshop, without problems, can be applied to it.")
    return apply_persona_edits(store, token, upload.before, upload.after)


def open_upload(store: Any, upload: Upload, facilitator_name: str = "", *, template: bool = False) -> str:
    """Start a new workshop from the upload; returns its facilitator token."""
    if not upload.ok or upload.after is None:
        raise InvalidInput("This file has problems; fix them and upload it again.")
    snap = as_template(upload.after) if template else upload.after
    return start_from_snapshot(store, snap, facilitator_name, template=template).facilitator_token


def open_demo(store: Any) -> str:
    """A fresh copy of the demo workshop shipped with the app; returns its facilitator token."""
    return start_from_snapshot(store, load_demo(), "Facilitator").facilitator_token
