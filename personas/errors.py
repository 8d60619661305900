"""Domain errors: each carries a message a facilitator can read as it is."""


class DomainError(Exception):
    """Base of every error the interface may show to a person."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class InvalidInput(DomainError):
    """A value a person typed or uploaded is not acceptable."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class LimitReached(DomainError):
    """A rule of the method caps how many of something there may be."""
