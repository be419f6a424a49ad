"""Exceptions a user can cause and understand.

The CLI turns every ``KgError`` into one clean line on stderr (see ``kg.cli``); anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path

from kg.core.text import printable


class KgError(Exception):
    """Base class for errors that are reported to the user without a traceback."""


class InputError(KgError):
    """A document could not be read: carries the path and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        # the message is one line whatever the file is called (kg.core.text)
        super().__init__(f"{printable(self.path)}: {printable(reason)}")

    def __reduce__(self):
        # pickled with both arguments, so it crosses to and from worker processes
        return (type(self), (self.path, self.reason))


class StoreError(KgError):
    """The store could not be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query was refused or failed: malformed, an update, too slow, too big."""


class NoStoreError(StoreError):
    """A command that only reads was pointed at a path that holds no store: only the
    commands that write (ingest, load) create one."""

    def __init__(self, location: Path | str) -> None:
        self.location = str(location)
        super().__init__(f"no store at {self.location} (run kg ingest first, or check "
                         f"--store / KG_STORE)")

    def __reduce__(self):
        return (type(self), (self.location,))
