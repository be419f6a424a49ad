"""The ``kg`` command. Each verb is a thin wrapper over a plain function of the package."""

from kg.cli import (  # noqa: F401  (registers the commands)
    documents, explaining, maintenance, querying, apps, serving, correcting)
from kg.cli.base import app


def main() -> None:
    app()


__all__ = ["app", "main"]
