"""Agreements in ``doc.spans["pkg_agreements"]``: one group of mentions per agreement.

The steps, in order (``pipeline.find_agreements``): mentions -> actions -> coreference ->
reported filter -> parties -> stage -> duration and money -> label. Their objects are in
``types``, their word lists in ``kg/nlp/data/lexicons/agreements.v3.json``, the names of their rules
in ``rules``.
"""

from kg.nlp.agreements.pipeline import SPAN_KEY, AgreementFinder, find_agreements

__all__ = ["SPAN_KEY", "AgreementFinder", "find_agreements"]
