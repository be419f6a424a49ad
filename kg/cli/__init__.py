"""The ``kg`` command. Each verb is a thin wrapper over a plain function of the package."""

from kg.cli import documents, maintenance, querying, apps, serving  # noqa: F401  (registers the commands)
from kg.cli.base import app


def main() -> None:
    app()


__all__ = ["app", "main"]
