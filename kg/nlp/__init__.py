"""spaCy pipeline: the English model plus policykg's rule components."""

from kg.nlp.pipeline import DEFAULT_MODEL, load_pipeline

__all__ = ["DEFAULT_MODEL", "load_pipeline"]
