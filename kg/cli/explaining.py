"""``kg explain``: why the graph says what it says about a document."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.base import app
from kg.core.text import printable


@app.command("explain")
def explain_cmd(
    path: Path = typer.Argument(..., help="A document (.txt .md .html .pdf .docx)."),
    entity: str = typer.Option(None, "--entity", "-e", metavar="NAME", help=(
        "Only the facts about this entity (part of its name is enough), and the candidates "
        "the agreement rules considered for it and left out, with the reason.")),
) -> None:
    """Print each fact `kg extract` reads from PATH with the rule that read it and the
    sentence that states it (countries and organizations summarised).

    Rules are named as in the graph's pkg:rule (party.between, stage.verb, ...).
    """
    from kg.views.explain import explain, format_explanation

    print(printable(format_explanation(explain(path, entity)), keep="\n"), end="")
