"""Analyst corrections that survive: reject, add, merge, label, split, undo
(docs/corrections.md).

The records (``records``) are the source of truth; ``curate`` applies them to a graph;
``apply`` is the write path (which graphs, their corrected form, one write);
``commands`` are the checked operations ``kg correct`` and the app call; ``listing``
reads them back; ``raw`` builds the view of what extraction alone produced.
"""

from kg.archive.corrections.commands import (add, kinds_of, label, merge, reapply, reject,
                                             split, undo)
from kg.archive.corrections.curate import Rules
from kg.archive.corrections.records import (ADDED_GRAPH, AUTHOR_VAR, CORRECTIONS_GRAPH,
                                            KINDS, Correction, author_name,
                                            read_corrections)
from kg.archive.corrections.terms import CorrectionError, parse_term

__all__ = ["ADDED_GRAPH", "AUTHOR_VAR", "CORRECTIONS_GRAPH", "KINDS", "Correction",
           "CorrectionError", "Rules", "add", "author_name", "kinds_of", "label", "merge",
           "parse_term", "read_corrections", "reapply", "reject", "split", "undo"]
