"""Errors of the live workshop; the interface shows their message as it is."""

from __future__ import annotations

from typing import Generic, TypeVar

from personas.errors import DomainError, InvalidInput, LimitReached

__all__ = [
    "DomainError",
    "InvalidInput",
    "LimitReached",
    "InvalidLink",
    "NotAllowed",
    "NotFound",
    "Locked",
    "StaleEdit",
    "Busy",
    "Unavailable",
]


class InvalidLink(DomainError):
    """Wrong, tampered, rotated or deleted link. Says nothing about whether a workshop exists."""

    def __init__(self) -> None:
        super().__init__("This link is not valid.")


class NotAllowed(DomainError):
    """The caller's role may not do this."""


class NotFound(DomainError):
    """The thing was removed, perhaps by someone else a moment ago."""


class Locked(DomainError):
    """The facilitator has locked editing."""

    def __init__(self) -> None:
        super().__init__(
            "The facilitator has locked editing for a discussion. "
            "Your text is kept; save again when editing is open."
        )


_Current = TypeVar("_Current")


class StaleEdit(DomainError, Generic[_Current]):
    """An update was made from an out-of-date view; nothing was changed."""

    def __init__(self, what: str, changed_by: str, fields: list[str], current: _Current) -> None:
        who = changed_by or "someone else"
        detail = f" ({', '.join(fields)})" if fields else ""
        super().__init__(
            f"{who} changed this {what} while you were editing{detail}. "
            "Nothing was saved; your text is still in the form. "
            "Check their change, then save again."
        )
        self.changed_by = changed_by
        self.fields = fields
        self.current = current


class Busy(DomainError):
    """The database could not take the write in time; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            "So many people are saving at once that yours could not go through. "
            "Nothing was saved; your text is kept. Please save again."
        )


class Unavailable(DomainError):
    """The database cannot be reached or written just now (an outage); nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            "Saving is paused: the workshop's database cannot be reached right now. "
            "Your text is kept here; save again in a moment."
        )
