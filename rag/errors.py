"""Errors a user can fix. The CLI prints their message on one line and exits 2."""


class UserError(Exception):
    """A problem with the user's input or setup, reported without a traceback."""
