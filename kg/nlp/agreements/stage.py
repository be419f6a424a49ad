"""Step 6, stage: how far the agreement got, the furthest of the six stages the text
reports for it (CONTRACT.md), from the actions read on its mentions."""

from __future__ import annotations

from kg.nlp.agreements.types import Cluster, Fact, Lexicon, Trace


def stages(cl: Cluster, lex: Lexicon, trace: Trace | None = None) -> list[Fact]:
    """The furthest stage, once per action that reports it (each with its rule)."""
    found = [Fact(lex.stage(a.kind), a.token.i, a.rule)
             for m in cl.mentions if not m.nested for a in m.actions]
    found = [f for f in found if f.value in lex.stages]
    if not found:
        return []
    furthest = max(lex.stages.index(f.value) for f in found)
    if trace is not None:
        for f in found:
            if lex.stages.index(f.value) < furthest:
                trace.reject(cl, f"stage {f.value}", f.at,
                             f"{lex.stages[furthest]} is further ({f.rule})")
    return [f for f in found if lex.stages.index(f.value) == furthest]
