"""Errors a user can fix, and how a library's error is told in one line.

The CLI prints a :class:`UserError`'s message on one line and exits 2.
"""

from __future__ import annotations

# Exceptions that mean "could not reach or talk to a server", by class name (httpx, openai, chromadb, the OS).
CONNECTION_ERRORS = frozenset(
    """
    ConnectError ConnectTimeout ReadTimeout WriteTimeout PoolTimeout TimeoutException RemoteProtocolError
    ReadError WriteError ConnectionError ConnectionRefusedError ConnectionResetError APIConnectionError
    """.split()
)


class UserError(Exception):
    """A problem with the user's input or setup, reported without a traceback."""


def first_line(error: BaseException, limit: int = 200) -> str:
    """The first non-empty line of an error's message (its class name when it has none), cut to ``limit``."""
    line = (str(error).strip().splitlines() or [""])[0].strip()
    return (line or type(error).__name__)[:limit]


def is_connection_error(error: BaseException) -> bool:
    """Does ``error`` (by its class or a base class) mean a server could not be reached or went away?"""
    return bool({cls.__name__ for cls in type(error).__mro__} & CONNECTION_ERRORS)
