"""The errors a user can cause and fix: one family, so the command line catches them in one place.

The message of each is the whole story for the user — the path or the name involved and the
reason — and fits on one line; `kg` prints it as ``kg: MESSAGE`` and exits with ``exit_code``.
Library callers catch ``KgError`` (or one subclass) the same way.
"""
from __future__ import annotations


class KgError(Exception):
    """Something the user can fix: a missing file, a path that cannot be written, a bad query."""

    exit_code = 1


class UsageError(KgError):
    """The command was given wrong or missing arguments."""

    exit_code = 2


class BuildError(KgError):
    """The build as a whole cannot run (no such folder, cannot write the output, a worker died)."""


class WriteError(KgError):
    """A file or folder cannot be written where the user asked (the message names it and says why)."""


class StoreError(KgError):
    """A folder is not an on-disk store this tool made, or cannot become one."""


class QueryError(KgError):
    """The graph cannot be loaded or the query is not valid SPARQL."""


class SavedQueryError(UsageError):
    """No saved query of that name, or a parameter it does not take."""


class ViewError(KgError):
    """The view cannot be made as asked (no entity of that name, no such report)."""


class ServeError(KgError):
    """The SPARQL server cannot be started or stopped as asked."""


class PushError(KgError):
    """The Graph Store endpoint cannot be reached or refused the data."""
