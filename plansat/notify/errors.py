"""The errors of delivery."""

from __future__ import annotations

__all__ = ["DeliveryError"]


class DeliveryError(Exception):
    """One attempt to deliver a message failed.

    Parameters
    ----------
    message
        What went wrong (no secret in it).
    permanent
        Whether trying again can't help (a 5xx SMTP answer, a 4xx HTTP
        answer): the message goes to the dead letters at once.
    """

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent
