"""In-memory stand-in for the workshop database used by the live-refresh demo."""

from __future__ import annotations

import threading

from workshop.live.stream import RevisionHub

TOKENS = {"tok-a": "w-a", "tok-b": "w-b"}


class Store:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._revisions = dict.fromkeys(TOKENS.values(), 0)
        self.revision_reads = 0

    def resolve(self, token: str) -> str:
        return TOKENS[token]

    def revision(self, workshop_id: str) -> int:
        with self._lock:
            self.revision_reads += 1
            return self._revisions[workshop_id]

    def bump(self, workshop_id: str) -> int:
        with self._lock:
            self._revisions[workshop_id] += 1
            return self._revisions[workshop_id]


STORE = Store()
#: One per process, shared by the live route (server.py) and the pages.
HUB = RevisionHub(STORE.revision)


def bump_and_notify(workshop_id: str) -> int:
    """A write made in this process: push it at once instead of at the next poll."""
    revision = STORE.bump(workshop_id)
    HUB.notify(workshop_id)
    return revision
